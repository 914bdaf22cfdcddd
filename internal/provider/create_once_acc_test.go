package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// TestAccRunnerGroup_createFaults checks that groups and network configurations are never
// made twice nor adopted when made elsewhere: a create whose answer is lost after GitHub
// committed it (502) adopts the one new object, and a name already taken fails before any POST
// with the import ID to use.
func TestAccRunnerGroup_createFaults(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		s := settingsIDs(t, e, sc)
		config := groupConfig(e, sc, s[0], `  name = "flaky-group"`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{
				{
					PreConfig: func() {
						for _, p := range []string{"/actions/runner-groups$", "network-configurations$"} {
							e.Mock.Inject(mockgithub.Fault{Method: "POST", Path: p, Times: 1, Status: 502, Commit: true,
								Body: `{"message":"Bad Gateway"}`})
						}
					},
					Config: config,
					Check: func(st *terraform.State) error {
						if n := e.Mock.Count("POST", ""); n != 2 {
							return fmt.Errorf("%d POSTs, want one per object: %s", n, writeLog(e))
						}
						if n := len(e.Mock.RunnerGroups(sc.path)); n != seededGroups+1 {
							return fmt.Errorf("%d groups, want the seeded ones and one more", n)
						}
						if _, err := mockGroupOf(e, sc, st, groupAddr); err != nil {
							return err
						}
						return checkMockNet(e, sc, func(mockgithub.NetworkConfiguration) error { return nil })(st)
					},
				},
				{
					PreConfig: func() {
						e.Mock.AddRunnerGroup(sc.path, mockgithub.RunnerGroup{Name: "made-elsewhere"})
						e.Mock.ResetRequests()
					},
					Config:      config + resourceBlock("githubactions_runner_group", "second", sc, `name  = "made-elsewhere"`),
					ExpectError: regexp.MustCompile(`(?s)named "made-elsewhere" already exists.*import ID\s+` + regexp.QuoteMeta(sc.path) + `/\d+`),
				},
				{
					PreConfig: func() {
						if n := e.Mock.Count("POST", ""); n != 0 {
							t.Errorf("the refused create sent %d POSTs", n)
						}
						for _, g := range e.Mock.RunnerGroups(sc.path) {
							if g.Name == "made-elsewhere" {
								e.Mock.RemoveRunnerGroup(sc.path, g.ID)
							}
						}
					},
					Config: config,
				},
			},
		})
	})
}

// TestAccRunnerGroup_lateCommit checks a late commit for groups and network
// configurations: GitHub commits the create only after the client's request timeout (the POST
// got no answer; the object appears 20 s later). The look after the ambiguous create lasts as
// long as a hosted runner's, finds the object before the apply ends, and adopts it: one
// object of each kind, and each in state.
func TestAccRunnerGroup_lateCommit(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		// The POSTs are held past the request timeout; the one-request-at-a-time cap is off so
		// that the look's lists are not refused while the mock still holds a POST.
		e, clock := newFaultEnv(t, mockgithub.Config{MaxConcurrent: -1}, WithRequestTimeout(time.Second))
		s := settingsIDs(t, e, sc)
		for _, p := range []string{"/actions/runner-groups$", "network-configurations$"} {
			e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: p, Times: 1, Delay: 1500 * time.Millisecond, Drop: true,
				CommitAfter: 20 * time.Second})
		}
		start := clock.Now()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{{
				Config: groupConfig(e, sc, s[0], `  name = "late-group"`),
				Check: func(st *terraform.State) error {
					// (The dropped POSTs are logged only when the mock's real-time delay ends,
					// which may be after the apply: the objects are counted instead.)
					if n := len(e.Mock.RunnerGroups(sc.path)); n != seededGroups+1 {
						return fmt.Errorf("%d groups, want the seeded ones and one more", n)
					}
					if n := len(e.Mock.NetworkConfigurations(sc.path)); n != 1 {
						return fmt.Errorf("%d network configurations, want one", n)
					}
					if err := checkMockGroup(e, sc, func(mockgithub.RunnerGroup) error { return nil })(st); err != nil {
						return err
					}
					if took := clock.Now().Sub(start); took < 20*time.Second {
						return fmt.Errorf("the apply ended %s after it began on the mock's clock, before the late commit", took)
					}
					return checkMockNet(e, sc, func(mockgithub.NetworkConfiguration) error { return nil })(st)
				},
			}},
		})
	})
}
