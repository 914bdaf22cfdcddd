# The highest version in state Ready, to pin runners to it explicitly.
data "githubactions_custom_image_version" "latest" {
  organization        = "my-org"
  image_definition_id = 1
  latest              = true
}

data "githubactions_custom_image_version" "pinned" {
  organization        = "my-org"
  image_definition_id = 1
  version             = "1.0.0"
}

output "latest_version" {
  value = data.githubactions_custom_image_version.latest.version
}
