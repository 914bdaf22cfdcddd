package mockgithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// networkDocs is the documentation link of the networking error bodies.
const networkDocs = "https://docs.github.com/rest/orgs/network-configurations"

// NetworkConfiguration is a hosted compute network configuration as tests see and seed it.
type NetworkConfiguration struct {
	ID                         string
	Name                       string
	ComputeService             string // none, actions or codespaces
	NetworkSettingsIDs         []string
	FailoverNetworkSettingsIDs []string
	FailoverNetworkEnabled     bool
	CreatedOn                  time.Time
}

// NetworkSettings is a hosted compute network settings resource: the Azure side, which
// GitHub's API only reads. NetworkConfigurationID is computed from the configurations.
type NetworkSettings struct {
	ID                     string
	Name                   string
	SubnetID               string
	Region                 string
	NetworkConfigurationID string
}

// networkStore holds a scope's network configurations and settings resources.
type networkStore struct {
	configs  map[string]*NetworkConfiguration
	settings map[string]*NetworkSettings
	seq      int // configurations created, for ids and order
	order    map[string]int
}

// seededSettings are the network settings resources every scope starts with: one per region.
var seededSettings = []struct{ name, region string }{
	{"vnet-eastus", "eastus"},
	{"vnet-westus2", "westus2"},
	{"vnet-northeurope", "northeurope"},
}

// seed stores the scope's network settings resources, with ids derived from the scope key.
func (n *networkStore) seed(scopeKey string) {
	n.configs = map[string]*NetworkConfiguration{}
	n.settings = map[string]*NetworkSettings{}
	n.order = map[string]int{}
	rg := "actions-" + strings.ReplaceAll(scopeKey, "/", "-")
	for _, s := range seededSettings {
		id := hexID(scopeKey, s.name)
		n.settings[id] = &NetworkSettings{
			ID: id, Name: s.name, Region: s.region,
			SubnetID: "/subscriptions/14839728-3ad9-43ab-bd2b-fa6ad0f75e2a/resourceGroups/" + rg +
				"/providers/Microsoft.Network/virtualNetworks/" + s.name + "/subnets/runners",
		}
	}
}

// sorted returns the configurations in creation order.
func (n *networkStore) sorted() []*NetworkConfiguration {
	out := make([]*NetworkConfiguration, 0, len(n.configs))
	for _, c := range n.configs {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return n.order[out[i].ID] < n.order[out[j].ID] })
	return out
}

// add stores a configuration, giving it an id when it has none.
func (n *networkStore) add(scopeKey string, nc *NetworkConfiguration) {
	n.seq++
	if nc.ID == "" {
		nc.ID = hexID(scopeKey, "configuration", strconv.Itoa(n.seq))
	}
	n.order[nc.ID] = n.seq
	n.configs[nc.ID] = nc
}

// user returns the configuration that uses a settings resource (as primary or failover), or nil.
func (n *networkStore) user(settingsID string) *NetworkConfiguration {
	for _, c := range n.sorted() {
		if slices.Contains(c.NetworkSettingsIDs, settingsID) || slices.Contains(c.FailoverNetworkSettingsIDs, settingsID) {
			return c
		}
	}
	return nil
}

// view returns the settings resource with its configuration filled in.
func (n *networkStore) view(s *NetworkSettings) NetworkSettings {
	out := *s
	out.NetworkConfigurationID = ""
	if c := n.user(s.ID); c != nil {
		out.NetworkConfigurationID = c.ID
	}
	return out
}

// clone copies a configuration so callers cannot reach the store.
func (nc *NetworkConfiguration) clone() NetworkConfiguration {
	out := *nc
	out.NetworkSettingsIDs = append([]string{}, nc.NetworkSettingsIDs...)
	out.FailoverNetworkSettingsIDs = append([]string{}, nc.FailoverNetworkSettingsIDs...)
	return out
}

// networkConfigBody is the network-configuration schema.
type networkConfigBody struct {
	ID                         string   `json:"id"`
	Name                       string   `json:"name"`
	ComputeService             string   `json:"compute_service"`
	NetworkSettingsIDs         []string `json:"network_settings_ids"`
	FailoverNetworkSettingsIDs []string `json:"failover_network_settings_ids"`
	FailoverNetworkEnabled     bool     `json:"failover_network_enabled"`
	CreatedOn                  *string  `json:"created_on"`
}

// body renders a configuration.
func (nc *NetworkConfiguration) body() networkConfigBody {
	c := nc.clone()
	var created *string
	if !c.CreatedOn.IsZero() {
		s := c.CreatedOn.UTC().Format(time.RFC3339)
		created = &s
	}
	return networkConfigBody{c.ID, c.Name, c.ComputeService, c.NetworkSettingsIDs,
		c.FailoverNetworkSettingsIDs, c.FailoverNetworkEnabled, created}
}

// networkSettingsBody is the network-settings schema.
type networkSettingsBody struct {
	ID                     string `json:"id"`
	NetworkConfigurationID string `json:"network_configuration_id,omitempty"`
	Name                   string `json:"name"`
	SubnetID               string `json:"subnet_id"`
	Region                 string `json:"region"`
}

// networkConfig returns the configuration of the path, or answers 404.
func (c *call) networkConfig() *NetworkConfiguration {
	nc := c.scope.network.configs[c.r.PathValue("network_configuration_id")]
	if nc == nil {
		c.notFound()
	}
	return nc
}

func (m *Mock) listNetworkConfigs(c *call) {
	var all []networkConfigBody
	for _, nc := range c.scope.network.sorted() {
		all = append(all, nc.body())
	}
	c.res.setJSON(http.StatusOK, struct {
		TotalCount            int                 `json:"total_count"`
		NetworkConfigurations []networkConfigBody `json:"network_configurations"`
	}{len(all), pageOf(c, all)})
}

func (m *Mock) getNetworkConfig(c *call) {
	if nc := c.networkConfig(); nc != nil {
		c.res.setJSON(http.StatusOK, nc.body())
	}
}

// networkNamePattern is the rule the descriptions state for configuration names.
var networkNamePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// networkFields decodes and checks a create or update body into next.
func (c *call) networkFields(v *validation, obj map[string]json.RawMessage, next *NetworkConfiguration, ch change) {
	n := &c.scope.network
	if v.decode(obj, "name", "name", &next.Name) {
		switch {
		case !networkNamePattern.MatchString(next.Name):
			v.add("name", "invalid", "Name must be between 1 and 100 characters and may only contain upper and lowercase letters a-z, numbers 0-9, '.', '-', and '_'.")
		default:
			for _, other := range n.configs {
				if other.ID != next.ID && strings.EqualFold(other.Name, next.Name) {
					v.add("name", "already_exists", fmt.Sprintf("A network configuration named %q already exists.", next.Name))
				}
			}
		}
	} else if ch == creating {
		v.require(obj, "name", "name")
	}
	if v.decode(obj, "compute_service", "compute_service", &next.ComputeService) &&
		next.ComputeService != "none" && next.ComputeService != "actions" {
		v.add("compute_service", "invalid", "Compute service must be one of none, actions.")
	}
	if v.decode(obj, "network_settings_ids", "network_settings_ids", &next.NetworkSettingsIDs) {
		if len(next.NetworkSettingsIDs) != 1 {
			v.add("network_settings_ids", "invalid", "Exactly one network settings resource identifier must be specified.")
		}
	} else if ch == creating {
		v.require(obj, "network_settings_ids", "network_settings_ids")
	}
	if v.decode(obj, "failover_network_settings_ids", "failover_network_settings_ids", &next.FailoverNetworkSettingsIDs) && len(next.FailoverNetworkSettingsIDs) > 1 {
		v.add("failover_network_settings_ids", "invalid", "At most one failover network settings resource identifier may be specified.")
	}
	// A boolean, optional in both bodies; the descriptions state no rule tying it to the failover list.
	v.decode(obj, "failover_network_enabled", "failover_network_enabled", &next.FailoverNetworkEnabled)
	for _, f := range []struct {
		field string
		ids   []string
	}{{"network_settings_ids", next.NetworkSettingsIDs}, {"failover_network_settings_ids", next.FailoverNetworkSettingsIDs}} {
		for _, id := range f.ids {
			if n.settings[id] == nil {
				v.add(f.field, "invalid", fmt.Sprintf("Network settings %q do not exist in this %s.", id, c.scope.noun()))
			} else if user := n.user(id); user != nil && user.ID != next.ID {
				v.add(f.field, "already_exists", fmt.Sprintf("Network settings %q are already used by network configuration %q.", id, user.Name))
			}
		}
	}
	if len(next.NetworkSettingsIDs) == 1 && slices.Contains(next.FailoverNetworkSettingsIDs, next.NetworkSettingsIDs[0]) {
		v.add("failover_network_settings_ids", "invalid", "The failover network settings must differ from the primary ones.")
	}
}

func (m *Mock) createNetworkConfig(c *call) {
	next := &NetworkConfiguration{ComputeService: "none", CreatedOn: c.now}
	if c.validated("NetworkConfiguration", networkDocs, func(v *validation, obj map[string]json.RawMessage) {
		c.networkFields(v, obj, next, creating)
	}) {
		c.scope.network.add(strings.ToLower(c.scopePath()), next)
		c.res.setJSON(http.StatusCreated, next.body())
	}
}

func (m *Mock) updateNetworkConfig(c *call) {
	nc := c.networkConfig()
	if nc == nil {
		return
	}
	next := nc.clone()
	if c.validated("NetworkConfiguration", networkDocs, func(v *validation, obj map[string]json.RawMessage) {
		c.networkFields(v, obj, &next, updating)
	}) {
		*nc = next
		c.res.setJSON(http.StatusOK, nc.body())
	}
}

func (m *Mock) deleteNetworkConfig(c *call) {
	nc := c.networkConfig()
	if nc == nil {
		return
	}
	if users := c.scope.groups.usingConfig(nc.ID); len(users) > 0 {
		names := make([]string, 0, len(users))
		for _, rg := range users {
			names = append(names, fmt.Sprintf("%q (%d)", rg.Name, rg.ID))
		}
		v := &validation{}
		v.add("id", "custom", "The network configuration is used by runner groups: "+strings.Join(names, ", ")+".")
		c.invalidAs("NetworkConfiguration", networkDocs, v)
		return
	}
	delete(c.scope.network.configs, nc.ID)
	c.res.status = http.StatusNoContent
}

func (m *Mock) getNetworkSettings(c *call) {
	s := c.scope.network.settings[c.r.PathValue("network_settings_id")]
	if s == nil {
		c.notFound()
		return
	}
	view := c.scope.network.view(s)
	c.res.setJSON(http.StatusOK, networkSettingsBody{view.ID, view.NetworkConfigurationID, view.Name, view.SubnetID, view.Region})
}

// NetworkConfigurations returns a scope's network configurations in creation order.
func (m *Mock) NetworkConfigurations(scope string) []NetworkConfiguration {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil {
		return nil
	}
	var out []NetworkConfiguration
	for _, nc := range s.network.sorted() {
		out = append(out, nc.clone())
	}
	return out
}

// GetNetworkConfiguration returns one network configuration of a scope.
func (m *Mock) GetNetworkConfiguration(scope, id string) (NetworkConfiguration, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil || s.network.configs[id] == nil {
		return NetworkConfiguration{}, false
	}
	return s.network.configs[id].clone(), true
}

// AddNetworkConfiguration stores a network configuration directly, without a request or
// validation, and returns it as stored. ID "" takes a new id, ComputeService "" means
// "none", a zero CreatedOn means now. It panics on an unknown scope.
func (m *Mock) AddNetworkConfiguration(scope string, nc NetworkConfiguration) NetworkConfiguration {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.mustScope(scope)
	if nc.ComputeService == "" {
		nc.ComputeService = "none"
	}
	if nc.CreatedOn.IsZero() {
		nc.CreatedOn = m.clock.Now()
	}
	stored := nc.clone()
	s.network.add(strings.ToLower(scope), &stored)
	return stored.clone()
}

// RemoveNetworkConfiguration deletes a configuration out of band, at once and without
// checks, and reports whether it existed.
func (m *Mock) RemoveNetworkConfiguration(scope, id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil || s.network.configs[id] == nil {
		return false
	}
	delete(s.network.configs, id)
	return true
}

// NetworkSettingsResources returns a scope's network settings resources by name, each with
// the configuration that uses it.
func (m *Mock) NetworkSettingsResources(scope string) []NetworkSettings {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil {
		return nil
	}
	var out []NetworkSettings
	for _, ns := range s.network.settings {
		out = append(out, s.network.view(ns))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// AddNetworkSettings stores a network settings resource (what an admin creates in Azure).
// ID "" derives one from the scope and name. It returns the resource and panics on an
// unknown scope.
func (m *Mock) AddNetworkSettings(scope string, ns NetworkSettings) NetworkSettings {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.mustScope(scope)
	if ns.ID == "" {
		ns.ID = hexID(strings.ToLower(scope), ns.Name)
	}
	ns.NetworkConfigurationID = ""
	stored := ns
	s.network.settings[ns.ID] = &stored
	return s.network.view(&stored)
}
