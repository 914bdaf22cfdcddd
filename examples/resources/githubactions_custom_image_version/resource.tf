# Adopts version 1.0.0 of custom image 1; `terraform destroy` deletes that version only.
resource "githubactions_custom_image_version" "old" {
  organization        = "my-org"
  image_definition_id = 1
  version             = "1.0.0"
}
