# The ID is the GitHubId tag of the GitHub.Network/networkSettings resource made in Azure.
data "githubactions_network_settings" "eastus" {
  organization = "my-org"
  id           = "220F78DACB92BBFBC5E6F22DE1CCF52309D"
}

output "subnet" {
  value = data.githubactions_network_settings.eastus.subnet_id
}

output "used_by" {
  value = data.githubactions_network_settings.eastus.network_configuration_id
}
