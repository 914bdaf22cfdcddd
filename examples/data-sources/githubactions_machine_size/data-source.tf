# The smallest size with at least 8 cores and 32 GB of memory.
data "githubactions_machine_size" "build" {
  organization  = "my-org"
  min_cpu_cores = 8
  min_memory_gb = 32
}

data "githubactions_machine_size" "four" {
  enterprise = "my-enterprise"
  id         = "4-core"
}

output "build_size" {
  value = data.githubactions_machine_size.build.id
}
