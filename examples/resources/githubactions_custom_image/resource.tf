data "githubactions_custom_image" "ci_base" {
  organization = "my-org"
  name         = "ci-base"
}

# Adopts the existing definition; `terraform destroy` deletes it and all its versions.
resource "githubactions_custom_image" "ci_base" {
  organization        = "my-org"
  image_definition_id = data.githubactions_custom_image.ci_base.id
}
