data "githubactions_network_configurations" "all" {
  enterprise = "my-enterprise"
}

output "configuration_ids" {
  value = { for n in data.githubactions_network_configurations.all.network_configurations : n.name => n.id }
}
