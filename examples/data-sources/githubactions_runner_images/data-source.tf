data "githubactions_runner_images" "github_linux" {
  organization = "my-org"
  platform     = "linux-x64"
}

data "githubactions_runner_images" "partner" {
  organization = "my-org"
  source       = "partner"
}

output "github_linux_image_ids" {
  value = data.githubactions_runner_images.github_linux.images[*].id
}
