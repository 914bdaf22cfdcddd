# orgs/<organization>/<image_definition_id>/<version>
terraform import githubactions_custom_image_version.old orgs/my-org/1/1.0.0

# enterprises/<enterprise>/<image_definition_id>/<version>
terraform import githubactions_custom_image_version.old enterprises/my-enterprise/1/1.0.0
