# orgs/<organization>/<image_definition_id>
terraform import githubactions_custom_image.ci_base orgs/my-org/1

# enterprises/<enterprise>/<image_definition_id>
terraform import githubactions_custom_image.ci_base enterprises/my-enterprise/1
