import {
  to = githubactions_network_configuration.private
  id = "orgs/my-org/934E208B3EE0BD60CF5F752C426BFB53562"
}
