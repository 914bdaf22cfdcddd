data "githubactions_machine_sizes" "all" {
  organization = "my-org"
}

output "machine_size_ids" {
  value = data.githubactions_machine_sizes.all.machine_sizes[*].id
}
