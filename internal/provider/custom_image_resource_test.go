package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

const (
	imageAddr   = "githubactions_custom_image.test"
	versionAddr = "githubactions_custom_image_version.test"
)

// customImagesConfig adopts custom image 2 of the mock's seed and the given version of image 1.
func customImagesConfig(e *testEnv, sc scopeCase, version string) string {
	return e.providerConfig() +
		resourceBlock("githubactions_custom_image", "test", sc, `image_definition_id = 2`) +
		resourceBlock("githubactions_custom_image_version", "test", sc,
			`image_definition_id = 1`,
			fmt.Sprintf("version             = %q", version))
}

// mockHasVersion reports whether the mock still has version of image 1 in sc.
func mockHasVersion(e *testEnv, sc scopeCase, version string) bool {
	for _, v := range e.Mock.CustomImageVersions(sc.path, 1) {
		if v.Version == version {
			return true
		}
	}
	return false
}

func mockHasImage(e *testEnv, sc scopeCase, id int64) bool {
	for _, img := range e.Mock.CustomImages(sc.path) {
		if img.ID == id {
			return true
		}
	}
	return false
}

func TestAccCustomImageResources_lifecycle(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy: func(*terraform.State) error {
				if mockHasImage(e, sc, 2) {
					return fmt.Errorf("destroy left image 2 in the mock")
				}
				if mockHasVersion(e, sc, "1.1.0") || !mockHasImage(e, sc, 1) || !mockHasVersion(e, sc, "1.2.0") {
					return fmt.Errorf("destroy left version 1.1.0, or removed what it did not manage")
				}
				return nil
			},
			Steps: []resource.TestStep{
				{
					Config: customImagesConfig(e, sc, "1.0.0"),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("id"), knownvalue.Int64Exact(2)),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("name"), knownvalue.StringExact("win-build")),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("platform"), knownvalue.StringExact("win-x64")),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("source"), knownvalue.StringExact("custom")),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("state"), knownvalue.StringExact("Ready")),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("versions_count"), knownvalue.Int64Exact(1)),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("total_versions_size"), knownvalue.Int64Exact(120)),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("latest_version"), knownvalue.StringExact("1.0.0")),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New(sc.attr), knownvalue.StringExact(sc.owner)),
						statecheck.ExpectKnownValue(versionAddr, tfjsonpath.New("id"), knownvalue.StringExact("1/1.0.0")),
						statecheck.ExpectKnownValue(versionAddr, tfjsonpath.New("state"), knownvalue.StringExact("Ready")),
						statecheck.ExpectKnownValue(versionAddr, tfjsonpath.New("size_gb"), knownvalue.Int64Exact(30)),
						statecheck.ExpectKnownValue(versionAddr, tfjsonpath.New("state_details"), knownvalue.StringExact("None")),
						statecheck.ExpectKnownValue(versionAddr, tfjsonpath.New("created_on"), knownvalue.NotNull()),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				},
				{
					ResourceName: imageAddr, ImportState: true, ImportStateVerify: true,
					ImportStateId: sc.path + "/2",
				},
				{
					ResourceName: versionAddr, ImportState: true, ImportStateVerify: true,
					ImportStateId: sc.path + "/1/1.0.0",
				},
				{
					ResourceName: imageAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
					ImportStateId: sc.path + "/2",
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(imageAddr, plancheck.ResourceActionNoop)},
					},
				},
				{
					ResourceName: versionAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
					ImportStateId: sc.path + "/1/1.0.0",
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(versionAddr, plancheck.ResourceActionNoop)},
					},
				},
				{
					// A new version is generated out of band: refresh sees every field change.
					PreConfig: func() {
						e.Mock.AddCustomImageVersion(sc.path, 2, mockgithub.CustomImageVersion{Version: "1.1.0", SizeGB: 100})
					},
					Config: customImagesConfig(e, sc, "1.0.0"),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("versions_count"), knownvalue.Int64Exact(2)),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("latest_version"), knownvalue.StringExact("1.1.0")),
						statecheck.ExpectKnownValue(imageAddr, tfjsonpath.New("total_versions_size"), knownvalue.Int64Exact(220)),
					},
				},
				{
					// Changing the version replaces the resource: the old version is deleted from GitHub.
					Config: customImagesConfig(e, sc, "1.1.0"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(versionAddr, plancheck.ResourceActionDestroyBeforeCreate),
							plancheck.ExpectResourceAction(imageAddr, plancheck.ResourceActionNoop),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(versionAddr, tfjsonpath.New("id"), knownvalue.StringExact("1/1.1.0")),
						statecheck.ExpectKnownValue(versionAddr, tfjsonpath.New("size_gb"), knownvalue.Int64Exact(32)),
					},
					Check: func(*terraform.State) error {
						if mockHasVersion(e, sc, "1.0.0") {
							return fmt.Errorf("the replaced version 1.0.0 is still in the mock")
						}
						return nil
					},
				},
			},
		})
	})
}

func TestAccCustomImageResources_missingAndDisappears(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{
				{
					Config: e.providerConfig() + resourceBlock("githubactions_custom_image_version", "test", sc,
						`image_definition_id = 1`,
						`version             = "9.9.9"`),
					ExpectError: regexp.MustCompile(`(?s)Custom Image Version Not Found.*no version "9.9.9" of custom image 1`),
				},
				{
					Config:      e.providerConfig() + resourceBlock("githubactions_custom_image", "test", sc, `image_definition_id = 42`),
					ExpectError: regexp.MustCompile(`(?s)Custom Image Not Found.*no custom image definition with ID 42`),
				},
				{
					Config: customImagesConfig(e, sc, "1.0.0"),
				},
				{
					// Deleted outside Terraform: both are dropped from state and planned again.
					PreConfig: func() {
						deleteInMock(t, e, sc, "/2")
						deleteInMock(t, e, sc, "/1/versions/1.0.0")
					},
					Config:             customImagesConfig(e, sc, "1.0.0"),
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(imageAddr, plancheck.ResourceActionCreate),
							plancheck.ExpectResourceAction(versionAddr, plancheck.ResourceActionCreate),
						},
					},
				},
				{
					// Adopting them again fails clearly.
					Config:      customImagesConfig(e, sc, "1.0.0"),
					ExpectError: regexp.MustCompile(`(?s)Custom Image Not Found.*ID 2`),
				},
				{
					// Import of what is gone fails as well.
					ResourceName:  imageAddr,
					ImportState:   true,
					ImportStateId: sc.path + "/2",
					ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
				},
				{
					ResourceName:  versionAddr,
					ImportState:   true,
					ImportStateId: sc.path + "/1/1.x",
					ExpectError:   regexp.MustCompile(`(?s)Invalid Import ID.*must\s+look\s+like\s+1.2.0`),
				},
				{
					Config: e.providerConfig(),
				},
			},
		})
	})
}

// deleteInMock deletes a custom image ("/<id>") or version ("/<id>/versions/<v>") through the
// mock's API, as someone outside Terraform would.
func deleteInMock(t *testing.T, e *testEnv, sc scopeCase, suffix string) {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), http.MethodDelete, "/"+sc.path+"/actions/hosted-runners/images/custom"+suffix, nil)
	req.Header.Set("Authorization", "Bearer "+e.Token)
	req.Header.Set("User-Agent", "out-of-band-test")
	req.Header.Set("X-GitHub-Api-Version", "2026-03-10")
	rec := httptest.NewRecorder()
	e.Mock.ServeHTTP(rec, req)
	if rec.Code != http.StatusNoContent {
		t.Fatalf("out-of-band DELETE %s answered %d: %s", suffix, rec.Code, rec.Body)
	}
}
