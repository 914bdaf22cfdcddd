package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// failoverConfig is a network configuration on settings in sc, read back by both data sources
// once it is applied; body adds the resource's failover arguments.
func failoverConfig(e *testEnv, sc scopeCase, settings, body string) string {
	return netConfig(e, sc, fmt.Sprintf("  name                = \"net-failover\"\n  network_settings_id = %q\n%s", settings, body)) +
		dataBlock("githubactions_network_configuration", "test", sc,
			`id         = githubactions_network_configuration.test.id`,
			`depends_on = [githubactions_network_configuration.test]`) +
		dataBlock("githubactions_network_configurations", "all", sc,
			`depends_on = [githubactions_network_configuration.test]`)
}

// failoverStateIs checks failover_network_enabled in the resource and both data sources.
func failoverStateIs(enabled bool) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(netAddr, tfjsonpath.New("failover_network_enabled"), knownvalue.Bool(enabled)),
		statecheck.ExpectKnownValue("data.githubactions_network_configuration.test", tfjsonpath.New("failover_network_enabled"), knownvalue.Bool(enabled)),
		statecheck.ExpectKnownValue("data.githubactions_network_configurations.all",
			tfjsonpath.New("network_configurations").AtSliceIndex(0).AtMapKey("failover_network_enabled"), knownvalue.Bool(enabled)),
	}
}

// checkMockFailover asserts the mock's configuration: its failover list and switch, and that
// its name and network settings are the configured ones.
func checkMockFailover(e *testEnv, sc scopeCase, settings string, failover []string, enabled bool) resource.TestCheckFunc {
	return checkMockNet(e, sc, func(n mockgithub.NetworkConfiguration) error {
		if n.Name != "net-failover" || !reflect.DeepEqual(n.NetworkSettingsIDs, []string{settings}) ||
			fmt.Sprint(n.FailoverNetworkSettingsIDs) != fmt.Sprint(failover) || n.FailoverNetworkEnabled != enabled {
			return fmt.Errorf("mock configuration %+v, want settings %s, failover %v, enabled %t", n, settings, failover, enabled)
		}
		return nil
	})
}

// checkOnePatch asserts that the step sent exactly one write, a PATCH of a network
// configuration, whose JSON body is want.
func checkOnePatch(e *testEnv, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var writes []mockgithub.Request
		for _, r := range e.Mock.Requests() {
			if r.Method != "GET" {
				writes = append(writes, r)
			}
		}
		if len(writes) != 1 || writes[0].Method != "PATCH" || !regexp.MustCompile(`network-configurations/\w+$`).MatchString(writes[0].Path) {
			return fmt.Errorf("want one PATCH of a network configuration, the step sent: %s", writeLog(e))
		}
		if wantJSON, _ := json.Marshal(want); !reflect.DeepEqual(decodeJSONObject(writes[0].Body), decodeJSONObject(wantJSON)) {
			return fmt.Errorf("PATCH body %s, want %s", writes[0].Body, wantJSON)
		}
		return nil
	}
}

// decodeJSONObject decodes a JSON object the way the request bodies are decoded.
func decodeJSONObject(b []byte) map[string]any {
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

// checkPostCarries asserts that the step's create POST sent failover_network_enabled = want.
func checkPostCarries(e *testEnv, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range e.Mock.Requests() {
			if r.Method == "POST" {
				if got := decodeJSONObject(r.Body)["failover_network_enabled"]; got != want {
					return fmt.Errorf("the create sent failover_network_enabled = %v, want %t: %s", got, want, r.Body)
				}
				return nil
			}
		}
		return fmt.Errorf("the step sent no POST: %s", writeLog(e))
	}
}

// onlyChanges is a plan check that addr is planned to change exactly attrs, nothing else.
type onlyChanges struct {
	addr  string
	attrs []string
}

func (c onlyChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var changed []string
		for _, m := range []map[string]any{before, after, unknown} { // an unknown value is missing from after
			for k := range m {
				if !slices.Contains(changed, k) && (!reflect.DeepEqual(before[k], after[k]) || unknown[k] == true) {
					changed = append(changed, k)
				}
			}
		}
		slices.Sort(changed)
		if want := slices.Sorted(slices.Values(c.attrs)); !slices.Equal(changed, want) {
			resp.Error = fmt.Errorf("%s plans changes to %v, want only %v", c.addr, changed, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.addr)
}

// noWrites fails the test when the mock logged a write since its last reset.
func noWrites(t *testing.T, e *testEnv) func() {
	return func() {
		if n := len(e.Mock.Requests()) - e.Mock.Count("GET", ""); n != 0 {
			t.Errorf("the refused plan sent %d writes: %s", n, writeLog(e))
		}
	}
}

// TestAccNetworkConfigurationFailover_lifecycle: failover enabled at create, disabled and
// re-enabled in place by one PATCH that carries only the switch, imported, kept when left out,
// and turned off with the failover network when that is removed.
func TestAccNetworkConfigurationFailover_lifecycle(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		s := settingsIDs(t, e, sc)
		withFailover := func(enabled string) string {
			return failoverConfig(e, sc, s[0], fmt.Sprintf("  failover_network_settings_id = %q\n%s", s[1], enabled))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{
				{
					Config: withFailover("  failover_network_enabled = true\n"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectKnownValue(netAddr, tfjsonpath.New("failover_network_enabled"), knownvalue.Bool(true)),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: failoverStateIs(true),
					Check:             resource.ComposeTestCheckFunc(checkPostCarries(e, true), checkMockFailover(e, sc, s[0], s[1:2], true)),
				},
				{
					PreConfig: e.Mock.ResetRequests,
					Config:    withFailover("  failover_network_enabled = false\n"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(netAddr, plancheck.ResourceActionUpdate),
							onlyChanges{netAddr, []string{"failover_network_enabled"}},
							plancheck.ExpectKnownValue(netAddr, tfjsonpath.New("failover_network_enabled"), knownvalue.Bool(false)),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: failoverStateIs(false),
					Check: resource.ComposeTestCheckFunc(
						checkOnePatch(e, map[string]any{"failover_network_enabled": false}),
						checkMockFailover(e, sc, s[0], s[1:2], false)),
				},
				{ResourceName: netAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importIDOf(sc, netAddr)},
				{
					// Left out, the switch is not managed: GitHub's false stays, with no change planned.
					Config:   withFailover(""),
					PlanOnly: true,
				},
				{
					PreConfig: e.Mock.ResetRequests,
					Config:    withFailover("  failover_network_enabled = true\n"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{onlyChanges{netAddr, []string{"failover_network_enabled"}}},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeTestCheckFunc(
						checkOnePatch(e, map[string]any{"failover_network_enabled": true}),
						checkMockFailover(e, sc, s[0], s[1:2], true)),
				},
				{
					// Another argument's update leaves the unchanged switch out of the PATCH.
					PreConfig: e.Mock.ResetRequests,
					Config:    withFailover("  failover_network_enabled = true\n  compute_service = \"actions\"\n"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{onlyChanges{netAddr, []string{"compute_service"}}},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: failoverStateIs(true),
					Check: resource.ComposeTestCheckFunc(
						checkOnePatch(e, map[string]any{"compute_service": "actions"}),
						checkMockFailover(e, sc, s[0], s[1:2], true)),
				},
				{
					// Another failover network with the switch left out: GitHub's answer decides it
					// (it keeps it on), and only the failover list is sent.
					PreConfig: e.Mock.ResetRequests,
					Config:    failoverConfig(e, sc, s[0], fmt.Sprintf("  compute_service = \"actions\"\n  failover_network_settings_id = %q\n", s[2])),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							onlyChanges{netAddr, []string{"failover_network_enabled", "failover_network_settings_id"}},
							plancheck.ExpectUnknownValue(netAddr, tfjsonpath.New("failover_network_enabled")),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: failoverStateIs(true),
					Check: resource.ComposeTestCheckFunc(
						checkOnePatch(e, map[string]any{"failover_network_settings_ids": []string{s[2]}}),
						checkMockFailover(e, sc, s[0], s[2:3], true)),
				},
				{
					// Removing the failover network (and the switch with it) turns failover off.
					PreConfig: e.Mock.ResetRequests,
					Config:    failoverConfig(e, sc, s[0], "  compute_service = \"actions\"\n"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							onlyChanges{netAddr, []string{"failover_network_enabled", "failover_network_settings_id"}},
							plancheck.ExpectKnownValue(netAddr, tfjsonpath.New("failover_network_enabled"), knownvalue.Bool(false)),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: failoverStateIs(false),
					Check: resource.ComposeTestCheckFunc(
						checkOnePatch(e, map[string]any{"failover_network_settings_ids": []string{}, "failover_network_enabled": false}),
						checkMockFailover(e, sc, s[0], nil, false)),
				},
			},
		})
	})
}

// TestAccNetworkConfigurationFailover_needsNetwork: failover_network_enabled = true without a
// failover network fails at plan, on create and on update, with nothing sent.
func TestAccNetworkConfigurationFailover_needsNetwork(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		s := settingsIDs(t, e, sc)
		refused := failoverConfig(e, sc, s[0], "  failover_network_enabled = true\n")
		plain := failoverConfig(e, sc, s[0], "")
		want := regexp.MustCompile(`(?s)Failover Enabled Without a Failover Network.*failover_network_settings_id`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{
				{PreConfig: e.Mock.ResetRequests, Config: refused, ExpectError: want},
				{
					// Without a failover network and with the switch left out, it is created off.
					PreConfig:         noWrites(t, e),
					Config:            plain,
					ConfigStateChecks: failoverStateIs(false),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectKnownValue(netAddr, tfjsonpath.New("failover_network_enabled"), knownvalue.Bool(false)),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: checkPostCarries(e, false),
				},
				{PreConfig: e.Mock.ResetRequests, Config: refused, ExpectError: want},
				{PreConfig: noWrites(t, e), Config: plain, PlanOnly: true},
			},
		})
	})
}

// TestAccNetworkConfigurationFailover_answerWithoutField: a GitHub answer that leaves
// failover_network_enabled out keeps the value in state, so no change is planned.
func TestAccNetworkConfigurationFailover_answerWithoutField(t *testing.T) {
	t.Parallel()
	forEachScope(t, func(t *testing.T, sc scopeCase) {
		e := newTestEnv(t, mockgithub.Config{})
		s := settingsIDs(t, e, sc)
		config := netConfig(e, sc, fmt.Sprintf(`
  name                         = "net-failover"
  network_settings_id          = %q
  failover_network_settings_id = %q
  failover_network_enabled     = true
`, s[0], s[1]))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoGroupsOrConfigs(e, sc),
			Steps: []resource.TestStep{
				{Config: config},
				{
					PreConfig: func() { injectAnswersWithoutFailoverEnabled(t, e, sc) },
					Config:    config,
					PlanOnly:  true,
				},
				{
					RefreshState: true,
					Check: resource.ComposeTestCheckFunc(
						resource.TestCheckResourceAttr(netAddr, "failover_network_enabled", "true"),
						func(*terraform.State) error {
							if e.Mock.Count("GET", "network-configurations") == 0 {
								return fmt.Errorf("the refresh did not read the configuration")
							}
							return nil
						}),
				},
				{PreConfig: e.Mock.ClearFaults, Config: config, PlanOnly: true},
			},
		})
	})
}

// injectAnswersWithoutFailoverEnabled makes the mock answer every GET of sc's network
// configurations with the one configuration it holds, without failover_network_enabled.
func injectAnswersWithoutFailoverEnabled(t *testing.T, e *testEnv, sc scopeCase) {
	t.Helper()
	configs := e.Mock.NetworkConfigurations(sc.path)
	if len(configs) != 1 {
		t.Fatalf("the mock holds %d network configurations, want 1", len(configs))
	}
	n := configs[0]
	one, err := json.Marshal(map[string]any{
		"id": n.ID, "name": n.Name, "compute_service": n.ComputeService, "network_settings_ids": n.NetworkSettingsIDs,
		"failover_network_settings_ids": n.FailoverNetworkSettingsIDs, "created_on": n.CreatedOn.UTC().Format(time.RFC3339),
	})
	if err != nil {
		t.Fatal(err)
	}
	list := fmt.Sprintf(`{"total_count":1,"network_configurations":[%s]}`, one)
	e.Mock.Inject(mockgithub.Fault{Method: "GET", Path: `network-configurations$`, Status: 200, Body: list})
	e.Mock.Inject(mockgithub.Fault{Method: "GET", Path: `network-configurations/` + n.ID + `$`, Status: 200, Body: string(one)})
	e.Mock.ResetRequests()
}

func TestFailoverEnabledOrPrior(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		reported, prior, want types.Bool
	}{
		{types.BoolValue(false), types.BoolValue(true), types.BoolValue(false)},
		{types.BoolValue(true), types.BoolNull(), types.BoolValue(true)},
		{types.BoolNull(), types.BoolValue(true), types.BoolValue(true)},
		{types.BoolNull(), types.BoolValue(false), types.BoolValue(false)},
		{types.BoolNull(), types.BoolUnknown(), types.BoolNull()},
		{types.BoolNull(), types.BoolNull(), types.BoolNull()},
	} {
		if got := failoverEnabledOrPrior(c.reported, c.prior); !got.Equal(c.want) {
			t.Errorf("failoverEnabledOrPrior(%s, %s) = %s, want %s", c.reported, c.prior, got, c.want)
		}
	}
}
