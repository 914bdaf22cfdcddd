terraform {
  required_providers {
    githubactions = {
      source  = "runnerforge/githubactions"
      version = "~> 0.1"
    }
  }
}
