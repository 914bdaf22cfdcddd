package client

import (
	"context"
	"net/http"
	"strconv"
)

// Image sources, as the schemas enumerate them.
const (
	SourceGitHub  = "github"
	SourcePartner = "partner"
	SourceCustom  = "custom"
)

// CuratedImage is the actions-hosted-runner-curated-image schema (GitHub-owned and partner images).
type CuratedImage struct {
	ID          string `json:"id"`
	Platform    string `json:"platform"`
	SizeGB      int64  `json:"size_gb"`
	DisplayName string `json:"display_name"`
	Source      string `json:"source"`
}

// CustomImage is the actions-hosted-runner-custom-image schema.
type CustomImage struct {
	ID                int64  `json:"id"`
	Platform          string `json:"platform"`
	TotalVersionsSize int64  `json:"total_versions_size"`
	Name              string `json:"name"`
	Source            string `json:"source"`
	VersionsCount     int64  `json:"versions_count"`
	LatestVersion     string `json:"latest_version"`
	State             string `json:"state"`
}

// CustomImageVersion is the actions-hosted-runner-custom-image-version schema.
type CustomImageVersion struct {
	Version      string `json:"version"`
	State        string `json:"state"`
	SizeGB       int64  `json:"size_gb"`
	CreatedOn    string `json:"created_on"`
	StateDetails string `json:"state_details"`
}

func (i CustomImage) validate() error {
	switch {
	case i.ID <= 0:
		return missing("custom image", "id")
	case i.Name == "":
		return missing("custom image", "name")
	}
	return nil
}

func (v CustomImageVersion) validate() error {
	switch {
	case v.Version == "":
		return missing("custom image version", "version")
	case v.State == "":
		return missing("custom image version", "state")
	}
	return nil
}

// ListGitHubOwnedImages lists the GitHub-owned images, once per scope for the client.
func (c *Client) ListGitHubOwnedImages(ctx context.Context, scope Scope) ([]CuratedImage, error) {
	return memoized(ctx, c, "github-owned", scope, func(ctx context.Context) ([]CuratedImage, error) {
		return c.listCurated(ctx, scope.path("images", "github-owned"))
	})
}

// ListPartnerImages lists the partner images, once per scope for the client.
func (c *Client) ListPartnerImages(ctx context.Context, scope Scope) ([]CuratedImage, error) {
	return memoized(ctx, c, "partner", scope, func(ctx context.Context) ([]CuratedImage, error) {
		return c.listCurated(ctx, scope.path("images", "partner"))
	})
}

func (c *Client) listCurated(ctx context.Context, path string) ([]CuratedImage, error) {
	return listItems(ctx, c, path, "images", "images", CuratedImage.validate)
}

func (i CuratedImage) validate() error {
	switch {
	case i.ID == "":
		return missing("runner image", "id")
	case i.Platform == "":
		return missing("runner image", "platform")
	}
	return nil
}

// ListCustomImages lists the custom image definitions.
func (c *Client) ListCustomImages(ctx context.Context, scope Scope) ([]CustomImage, error) {
	return listItems(ctx, c, scope.path("images", "custom"), "images", "custom images", CustomImage.validate)
}

// GetCustomImage gets one custom image definition.
func (c *Client) GetCustomImage(ctx context.Context, scope Scope, id int64) (*CustomImage, error) {
	return doSame(ctx, c, http.MethodGet, scope.path("images", "custom", strconv.FormatInt(id, 10)), nil, "custom image",
		func(i CustomImage) int64 { return i.ID }, id)
}

// DeleteCustomImage deletes a custom image definition and its versions.
func (c *Client) DeleteCustomImage(ctx context.Context, scope Scope, id int64) error {
	return c.do(ctx, http.MethodDelete, scope.path("images", "custom", strconv.FormatInt(id, 10)), nil, nil, http.StatusNoContent, http.StatusOK, http.StatusAccepted)
}

// ListCustomImageVersions lists the versions of a custom image definition.
func (c *Client) ListCustomImageVersions(ctx context.Context, scope Scope, id int64) ([]CustomImageVersion, error) {
	return listItems(ctx, c, scope.path("images", "custom", strconv.FormatInt(id, 10), "versions"), "image_versions",
		"custom image versions", CustomImageVersion.validate)
}

// GetCustomImageVersion gets one version of a custom image definition.
func (c *Client) GetCustomImageVersion(ctx context.Context, scope Scope, id int64, version string) (*CustomImageVersion, error) {
	return doSame(ctx, c, http.MethodGet, scope.path("images", "custom", strconv.FormatInt(id, 10), "versions", version), nil, "version",
		func(v CustomImageVersion) string { return v.Version }, version)
}

// DeleteCustomImageVersion deletes one version of a custom image definition.
func (c *Client) DeleteCustomImageVersion(ctx context.Context, scope Scope, id int64, version string) error {
	return c.do(ctx, http.MethodDelete, scope.path("images", "custom", strconv.FormatInt(id, 10), "versions", version), nil, nil, http.StatusNoContent, http.StatusOK, http.StatusAccepted)
}
