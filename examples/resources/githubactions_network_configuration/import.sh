# Organization network configuration: orgs/<organization>/<network_configuration_id>
terraform import githubactions_network_configuration.private orgs/my-org/934E208B3EE0BD60CF5F752C426BFB53562

# Enterprise network configuration: enterprises/<enterprise>/<network_configuration_id>
terraform import githubactions_network_configuration.private enterprises/my-enterprise/934E208B3EE0BD60CF5F752C426BFB53562
