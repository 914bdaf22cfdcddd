package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// Compute services of a network configuration. Requests accept none and actions; answers may
// also carry codespaces.
const (
	ComputeServiceNone       = "none"
	ComputeServiceActions    = "actions"
	ComputeServiceCodespaces = "codespaces"
)

// NetworkConfiguration is the network-configuration schema (hosted compute private networking).
type NetworkConfiguration struct {
	ID                         string   `json:"id"`
	Name                       string   `json:"name"`
	ComputeService             string   `json:"compute_service,omitempty"`
	NetworkSettingsIDs         []string `json:"network_settings_ids"`
	FailoverNetworkSettingsIDs []string `json:"failover_network_settings_ids"`
	FailoverNetworkEnabled     *bool    `json:"failover_network_enabled,omitempty"`
	CreatedOn                  *string  `json:"created_on"` // nullable date-time
}

func (n NetworkConfiguration) validate() error {
	switch {
	case n.ID == "":
		return missing("network configuration", "id")
	case n.Name == "":
		return missing("network configuration", "name")
	}
	return nil
}

// NetworkSettings is the network-settings schema: the Azure side of private networking, made
// in Azure and only read here. NetworkConfigurationID is "" when no configuration uses it.
type NetworkSettings struct {
	ID                     string `json:"id"`
	NetworkConfigurationID string `json:"network_configuration_id,omitempty"`
	Name                   string `json:"name"`
	SubnetID               string `json:"subnet_id"`
	Region                 string `json:"region"`
}

func (n NetworkSettings) validate() error {
	switch {
	case n.ID == "":
		return missing("network settings resource", "id")
	case n.Name == "":
		return missing("network settings resource", "name")
	case n.SubnetID == "":
		return missing("network settings resource", "subnet_id")
	case n.Region == "":
		return missing("network settings resource", "region")
	}
	return nil
}

// CreateNetworkConfigurationRequest is the body of a create call. NetworkSettingsIDs must
// hold exactly one id; FailoverNetworkSettingsIDs at most one.
type CreateNetworkConfigurationRequest struct {
	Name                       string   `json:"name"`
	ComputeService             string   `json:"compute_service,omitempty"`
	NetworkSettingsIDs         []string `json:"network_settings_ids"`
	FailoverNetworkSettingsIDs []string `json:"failover_network_settings_ids,omitempty"`
	FailoverNetworkEnabled     *bool    `json:"failover_network_enabled,omitempty"`
}

// UpdateNetworkConfigurationRequest is the body of an update call; nil fields are left out.
// A non-nil list is sent even when empty (an empty failover list removes the failover).
type UpdateNetworkConfigurationRequest struct {
	Name                       *string   `json:"name,omitempty"`
	ComputeService             *string   `json:"compute_service,omitempty"`
	NetworkSettingsIDs         *[]string `json:"network_settings_ids,omitempty"`
	FailoverNetworkSettingsIDs *[]string `json:"failover_network_settings_ids,omitempty"`
	FailoverNetworkEnabled     *bool     `json:"failover_network_enabled,omitempty"`
}

// errEmptyID refuses a request for an empty id, which would name the list instead.
var errEmptyID = errors.New("the id is empty")

// networkPath renders the scope's network-configurations or network-settings path followed by
// the segments: /orgs/{org}/settings/... for an organization, /enterprises/{enterprise}/...
// (no settings segment) for an enterprise.
func networkPath(s Scope, resource string, segments ...string) string {
	parts := []string{resource}
	if !s.IsEnterprise() {
		parts = []string{"settings", resource}
	}
	return scopePath(s, append(parts, segments...)...)
}

// ListNetworkConfigurations lists every network configuration of the scope, following Link
// pages of 100.
func (c *Client) ListNetworkConfigurations(ctx context.Context, scope Scope) ([]NetworkConfiguration, error) {
	configs, err := listItems(ctx, c, networkPath(scope, "network-configurations")+"?per_page=100", "network_configurations",
		"network configurations", NetworkConfiguration.validate)
	if err != nil {
		return nil, err
	}
	return uniqueBy(configs, func(n NetworkConfiguration) string { return n.ID }), nil
}

// CreateNetworkConfiguration creates a network configuration. A request without exactly one
// network settings id is refused before anything is sent.
func (c *Client) CreateNetworkConfiguration(ctx context.Context, scope Scope, req CreateNetworkConfigurationRequest) (*NetworkConfiguration, error) {
	if len(req.NetworkSettingsIDs) != 1 {
		return nil, fmt.Errorf("a network configuration needs exactly one network settings id, not %d", len(req.NetworkSettingsIDs))
	}
	return doValid[NetworkConfiguration](ctx, c, http.MethodPost, networkPath(scope, "network-configurations"), req, http.StatusCreated)
}

// GetNetworkConfiguration gets one network configuration.
func (c *Client) GetNetworkConfiguration(ctx context.Context, scope Scope, id string) (*NetworkConfiguration, error) {
	if id == "" {
		return nil, errEmptyID
	}
	return doSame(ctx, c, http.MethodGet, networkPath(scope, "network-configurations", id), nil, "network configuration",
		func(n NetworkConfiguration) string { return n.ID }, id)
}

// UpdateNetworkConfiguration updates a network configuration in place.
func (c *Client) UpdateNetworkConfiguration(ctx context.Context, scope Scope, id string, req UpdateNetworkConfigurationRequest) (*NetworkConfiguration, error) {
	if id == "" {
		return nil, errEmptyID
	}
	for _, list := range []*[]string{req.NetworkSettingsIDs, req.FailoverNetworkSettingsIDs} {
		if list != nil && len(*list) > 1 {
			return nil, fmt.Errorf("a network configuration takes at most one network settings id per list, not %d", len(*list))
		}
	}
	if req.NetworkSettingsIDs != nil && *req.NetworkSettingsIDs == nil {
		req.NetworkSettingsIDs = &[]string{}
	}
	if req.FailoverNetworkSettingsIDs != nil && *req.FailoverNetworkSettingsIDs == nil {
		req.FailoverNetworkSettingsIDs = &[]string{}
	}
	return doSame(ctx, c, http.MethodPatch, networkPath(scope, "network-configurations", id), req, "network configuration",
		func(n NetworkConfiguration) string { return n.ID }, id)
}

// DeleteNetworkConfiguration deletes a network configuration.
func (c *Client) DeleteNetworkConfiguration(ctx context.Context, scope Scope, id string) error {
	if id == "" {
		return errEmptyID
	}
	return c.do(ctx, http.MethodDelete, networkPath(scope, "network-configurations", id), nil, nil, http.StatusNoContent)
}

// GetNetworkSettings gets one network settings resource (GitHub has no list of them).
func (c *Client) GetNetworkSettings(ctx context.Context, scope Scope, id string) (*NetworkSettings, error) {
	if id == "" {
		return nil, errEmptyID
	}
	return doSame(ctx, c, http.MethodGet, networkPath(scope, "network-settings", id), nil, "network settings",
		func(n NetworkSettings) string { return n.ID }, id)
}
