# Replaces the old resource block of github_actions_hosted_runner.linux: the runner leaves the
# state without being destroyed. Terraform 1.7 or later, or OpenTofu 1.7 or later.
terraform {
  required_version = ">= 1.7"
}

removed {
  from = github_actions_hosted_runner.linux

  lifecycle {
    destroy = false
  }
}
