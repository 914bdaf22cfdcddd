data "githubactions_custom_image" "ci_base" {
  organization = "my-org"
  name         = "ci-base"
}

resource "githubactions_hosted_runner" "ci" {
  organization = "my-org"
  name         = "ci-base-4core"
  size         = "4-core"
  image = {
    id     = tostring(data.githubactions_custom_image.ci_base.id)
    source = "custom"
  }
}
