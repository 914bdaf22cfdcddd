package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccCustomImageResources_refuseToDeleteInUse: destroying a custom image definition or
// version that a runner of the scope uses is refused, naming the runner, and deletes nothing;
// once no runner uses them, destroy deletes them.
func TestAccCustomImageResources_refuseToDeleteInUse(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		user := e.Mock.AddRunner(sc.path, mockgithub.Runner{Name: "uses-custom", ImageID: "1", ImageSource: "custom",
			ImageVersion: "1.0.0", Size: "4-core"})
		adopt := e.providerConfig() + `
resource "githubactions_custom_image" "test" {
  ` + sc.attr + ` = "` + sc.owner + `"
  image_definition_id = 1
}
resource "githubactions_custom_image_version" "test" {
  ` + sc.attr + ` = "` + sc.owner + `"
  image_definition_id = 1
  version             = "1.0.0"
}
`
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy: func(*terraform.State) error {
				if mockHasImage(e, sc, 1) {
					return fmt.Errorf("custom image 1 survived the destroy after its runner was gone")
				}
				return nil
			},
			Steps: []resource.TestStep{
				{Config: adopt},
				{
					PreConfig:   e.Mock.ResetRequests,
					Config:      e.providerConfig(),
					ExpectError: wordsIn("Unable to Delete Custom Image", "Nothing was deleted", `used by the`, `"uses-custom"`),
				},
				{
					// Both are still there, and no DELETE went out.
					PreConfig: func() {
						if w := writesTo(e.Mock); len(w) != 0 {
							t.Errorf("a refused deletion wrote to GitHub: %v", w)
						}
						if !mockHasImage(e, sc, 1) || !mockHasVersion(e, sc, "1.0.0") {
							t.Error("a custom image in use was deleted")
						}
						e.Mock.RemoveRunner(sc.path, user.ID)
					},
					Config: e.providerConfig(),
				},
			},
		})
	})
}
