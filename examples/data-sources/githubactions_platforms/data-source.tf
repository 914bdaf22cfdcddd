data "githubactions_platforms" "all" {
  organization = "my-org"
}

output "platforms" {
  value = data.githubactions_platforms.all.platforms
}
