data "githubactions_custom_image_versions" "ci_base" {
  organization        = "my-org"
  image_definition_id = 1
}

output "failed_versions" {
  value = [for v in data.githubactions_custom_image_versions.ci_base.versions : v.version if v.state != "Ready"]
}
