import {
  to = githubactions_custom_image_version.old
  id = "orgs/my-org/1/1.0.0"
}
