data "githubactions_machine_size" "build" {
  organization  = "my-org"
  min_cpu_cores = 8
}

resource "githubactions_hosted_runner" "linux" {
  organization    = "my-org"
  name            = "ubuntu-8core"
  size            = data.githubactions_machine_size.build.id
  maximum_runners = 20
  runner_group_id = 1

  image = {
    id     = "ubuntu-24.04"
    source = "github"
  }

  timeouts = {
    create = "45m"
  }
}

# A runner on a custom image, pinned to one version.
resource "githubactions_hosted_runner" "custom" {
  organization     = "my-org"
  name             = "ci-base-4core"
  size             = "4-core"
  enable_static_ip = true

  image = {
    id      = "1"
    source  = "custom"
    version = "1.1.0"
  }
}
