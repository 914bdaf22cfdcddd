data "githubactions_custom_images" "all" {
  organization = "my-org"
}

output "custom_images" {
  value = { for img in data.githubactions_custom_images.all.images : img.name => img.latest_version }
}
