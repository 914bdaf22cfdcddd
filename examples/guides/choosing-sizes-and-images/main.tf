# Runners whose size and image are looked up rather than hard-coded: the smallest machine
# size with enough CPU and memory, a curated image chosen by platform and display name, and
# the newest Ready version of a custom image.
terraform {
  required_providers {
    githubactions = {
      source  = "runnerforge/githubactions"
      version = "~> 0.1"
    }
  }
}

provider "githubactions" {}

variable "organization" {
  description = "The organization that owns the runners."
  type        = string
}

variable "custom_image" {
  description = "The name of one of the organization's custom images (githubactions_custom_images lists them); the runner using it gets the same name."
  type        = string
}

# The smallest size with at least 8 cores and 32 GB of memory.
data "githubactions_machine_size" "build" {
  organization  = var.organization
  min_cpu_cores = 8
  min_memory_gb = 32
}

# The one GitHub-owned Linux x64 image whose display name ends in 24.04 ("Ubuntu 24.04",
# not "Ubuntu Latest (24.04)"): zero or several matches would be an error.
data "githubactions_runner_image" "ubuntu" {
  organization       = var.organization
  platform           = "linux-x64"
  display_name_regex = "24\\.04$"
}

resource "githubactions_hosted_runner" "build" {
  organization    = var.organization
  name            = "build-ubuntu"
  size            = data.githubactions_machine_size.build.id
  maximum_runners = 10

  image = {
    id     = data.githubactions_runner_image.ubuntu.id
    source = "github"
  }
}

# A custom image made by an image-generation runner, pinned to its newest Ready version.
data "githubactions_custom_image" "custom" {
  organization = var.organization
  name         = var.custom_image
}

data "githubactions_custom_image_version" "custom" {
  organization        = var.organization
  image_definition_id = data.githubactions_custom_image.custom.id
  latest              = true
}

resource "githubactions_hosted_runner" "custom" {
  organization    = var.organization
  name            = var.custom_image
  size            = data.githubactions_machine_size.build.id
  maximum_runners = 5

  image = {
    id      = tostring(data.githubactions_custom_image.custom.id)
    source  = "custom"
    version = data.githubactions_custom_image_version.custom.version
  }
}
