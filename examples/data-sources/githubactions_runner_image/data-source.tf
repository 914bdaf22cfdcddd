data "githubactions_runner_image" "ubuntu" {
  organization       = "my-org"
  platform           = "linux-x64"
  display_name_regex = "^Ubuntu 24\\.04$"
}

data "githubactions_runner_image" "windows" {
  organization = "my-org"
  id           = "windows-2022"
}

resource "githubactions_hosted_runner" "linux" {
  organization = "my-org"
  name         = "ubuntu-24-04"
  size         = "4-core"
  image = {
    id = data.githubactions_runner_image.ubuntu.id
  }
}
