data "githubactions_network_configuration" "by_name" {
  organization = "my-org"
  name         = "private-eastus"
}

data "githubactions_network_configuration" "by_id" {
  enterprise = "my-enterprise"
  id         = "934E208B3EE0BD60CF5F752C426BFB53562"
}

output "network_settings_id" {
  value = data.githubactions_network_configuration.by_name.network_settings_id
}
