# The network settings resource is made in Azure (GitHub.Network/networkSettings) for a
# subnet; its GitHubId tag is the ID used here.
data "githubactions_network_settings" "eastus" {
  organization = "my-org"
  id           = "220F78DACB92BBFBC5E6F22DE1CCF52309D"
}

resource "githubactions_network_configuration" "private" {
  organization        = "my-org"
  name                = "private-eastus"
  compute_service     = "actions"
  network_settings_id = data.githubactions_network_settings.eastus.id

  # Optional: a second subnet, for example in another region, to fail over to, and
  # whether failover to it is enabled (false keeps it configured but disabled).
  failover_network_settings_id = "3A0E98C4C5B2D1E2F3A4B5C6D7E8F9A0B1C"
  failover_network_enabled     = true
}
