import {
  to = githubactions_custom_image.ci_base
  id = "orgs/my-org/1"
}
