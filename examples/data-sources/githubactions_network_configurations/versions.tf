terraform {
  required_providers {
    githubactions = {
      source = "runnerforge/githubactions"
    }
  }
}
