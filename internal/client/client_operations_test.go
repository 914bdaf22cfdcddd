package client_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// newMockClient starts a mock GitHub for the test and returns it with a client pointed at it.
func newMockClient(t *testing.T, cfg mockgithub.Config) (*mockgithub.Mock, *client.Client) {
	t.Helper()
	m := mockgithub.New(cfg)
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, Token: mockgithub.DefaultToken, MaxConcurrent: 4})
	if err != nil {
		t.Fatal(err)
	}
	return m, c
}

var scopes = []struct {
	name  string
	scope client.Scope
}{
	{"org", client.Organization("acme")},
	{"enterprise", client.Enterprise("acme-corp")},
}

// TestOperations calls all 16 operations of each scope against the mock.
func TestOperations(t *testing.T) {
	t.Parallel()
	for _, sc := range scopes {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			m, c := newMockClient(t, mockgithub.Config{})
			ctx := context.Background()
			scope := sc.scope

			// Catalog: images, sizes, platforms, limits.
			owned, err := c.ListGitHubOwnedImages(ctx, scope)
			if err != nil || len(owned) == 0 {
				t.Fatalf("ListGitHubOwnedImages = %v, %v", owned, err)
			}
			for _, img := range owned {
				if img.Source != client.SourceGitHub || img.ID == "" || img.Platform == "" || img.DisplayName == "" || img.SizeGB == 0 {
					t.Errorf("github-owned image not fully decoded: %+v", img)
				}
			}
			partner, err := c.ListPartnerImages(ctx, scope)
			if err != nil || len(partner) == 0 || partner[0].Source != client.SourcePartner {
				t.Fatalf("ListPartnerImages = %+v, %v", partner, err)
			}
			sizes, err := c.ListMachineSizes(ctx, scope)
			if err != nil || len(sizes) == 0 || sizes[0].ID == "" || sizes[0].CPUCores == 0 || sizes[0].MemoryGB == 0 || sizes[0].StorageGB == 0 {
				t.Fatalf("ListMachineSizes = %+v, %v", sizes, err)
			}
			platforms, err := c.ListPlatforms(ctx, scope)
			if err != nil || len(platforms) == 0 {
				t.Fatalf("ListPlatforms = %v, %v", platforms, err)
			}
			limits, err := c.GetLimits(ctx, scope)
			if err != nil || limits.PublicIPs.Maximum == 0 {
				t.Fatalf("GetLimits = %+v, %v", limits, err)
			}

			// Custom images and versions.
			images, err := c.ListCustomImages(ctx, scope)
			if err != nil || len(images) != len(m.CustomImages(scope.String())) || len(images) == 0 {
				t.Fatalf("ListCustomImages = %+v, %v; mock has %d", images, err, len(m.CustomImages(scope.String())))
			}
			img, err := c.GetCustomImage(ctx, scope, images[0].ID)
			if err != nil || img.Name != images[0].Name || img.LatestVersion == "" || img.VersionsCount == 0 {
				t.Fatalf("GetCustomImage = %+v, %v", img, err)
			}
			versions, err := c.ListCustomImageVersions(ctx, scope, img.ID)
			if err != nil || int64(len(versions)) != img.VersionsCount {
				t.Fatalf("ListCustomImageVersions = %+v, %v; want %d", versions, err, img.VersionsCount)
			}
			v, err := c.GetCustomImageVersion(ctx, scope, img.ID, versions[0].Version)
			if err != nil || v.Version != versions[0].Version || v.State == "" || v.CreatedOn == "" {
				t.Fatalf("GetCustomImageVersion = %+v, %v", v, err)
			}
			if err := c.DeleteCustomImageVersion(ctx, scope, img.ID, v.Version); err != nil {
				t.Fatalf("DeleteCustomImageVersion: %v", err)
			}
			if _, err := c.GetCustomImageVersion(ctx, scope, img.ID, v.Version); !client.IsNotFound(err) {
				t.Fatalf("deleted version still readable: %v", err)
			}
			if err := c.DeleteCustomImage(ctx, scope, img.ID); err != nil {
				t.Fatalf("DeleteCustomImage: %v", err)
			}
			if _, err := c.GetCustomImage(ctx, scope, img.ID); !client.IsNotFound(err) {
				t.Fatalf("deleted image still readable: %v", err)
			}

			// Runners: create, get, list, update, delete.
			maxRunners := int64(4)
			created, err := c.CreateHostedRunner(ctx, scope, client.CreateHostedRunnerRequest{
				Name: "ops", Image: client.RunnerImage{ID: "ubuntu-latest", Source: client.SourceGitHub},
				Size: "4-core", RunnerGroupID: 1, MaximumRunners: &maxRunners,
			})
			if err != nil {
				t.Fatalf("CreateHostedRunner: %v", err)
			}
			if created.ID == 0 || created.Name != "ops" || created.ImageDetails == nil || created.ImageDetails.ID != "ubuntu-latest" ||
				created.MachineSizeDetails.ID != "4-core" || created.Maximum() != 4 || created.Platform != "linux-x64" {
				t.Fatalf("created runner not fully decoded: %+v", created)
			}
			got, err := c.GetHostedRunner(ctx, scope, created.ID)
			if err != nil || got.ID != created.ID || got.Status == "" {
				t.Fatalf("GetHostedRunner = %+v, %v", got, err)
			}
			list, err := c.ListHostedRunners(ctx, scope)
			if err != nil || len(list) != 1 || list[0].ID != created.ID {
				t.Fatalf("ListHostedRunners = %+v, %v", list, err)
			}
			name, size := "ops-renamed", "8-core"
			updated, err := c.UpdateHostedRunner(ctx, scope, created.ID, client.UpdateHostedRunnerRequest{Name: &name, Size: &size})
			if err != nil || updated.Name != name || updated.MachineSizeDetails.ID != size {
				t.Fatalf("UpdateHostedRunner = %+v, %v", updated, err)
			}
			if r, _ := m.Runner(scope.String(), created.ID); r.Name != name || r.Size != size {
				t.Fatalf("the mock did not record the update: %+v", r)
			}
			deleted, err := c.DeleteHostedRunner(ctx, scope, created.ID)
			if err != nil {
				t.Fatalf("DeleteHostedRunner: %v", err)
			}
			if deleted != nil && deleted.ID != created.ID {
				t.Fatalf("DeleteHostedRunner returned runner %d, want %d", deleted.ID, created.ID)
			}
			if _, err := c.GetHostedRunner(ctx, scope, created.ID); !client.IsNotFound(err) {
				t.Fatalf("deleted runner still readable (the mock's delete delay is 0): %v", err)
			}
		})
	}
}

// TestValidationError decodes GitHub's 422 with field errors.
func TestValidationError(t *testing.T) {
	t.Parallel()
	_, c := newMockClient(t, mockgithub.Config{})
	_, err := c.CreateHostedRunner(context.Background(), client.Organization("acme"), client.CreateHostedRunnerRequest{
		Name: "bad name!", Image: client.RunnerImage{ID: "ubuntu-latest", Source: "github"}, Size: "4-core", RunnerGroupID: 1,
	})
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 422 || apiErr.Message != "Validation Failed" || len(apiErr.Errors) == 0 {
		t.Fatalf("want a 422 Validation Failed with field errors, got %v", err)
	}
	if apiErr.Errors[0].Field != "name" || apiErr.RequestID == "" {
		t.Fatalf("field error or request id missing: %+v", apiErr)
	}
}

// TestPagination follows Link pages of 100 to read 250 runners.
func TestPagination(t *testing.T) {
	t.Parallel()
	m, c := newMockClient(t, mockgithub.Config{})
	for i := 0; i < 250; i++ {
		m.AddRunner("orgs/acme", mockgithub.Runner{Name: "runner-" + strconv.Itoa(i), ImageID: "ubuntu-latest", ImageSource: "github", Size: "2-core", RunnerGroupID: 1})
	}
	runners, err := c.ListHostedRunners(context.Background(), client.Organization("acme"))
	if err != nil || len(runners) != 250 {
		t.Fatalf("ListHostedRunners = %d runners, %v; want 250", len(runners), err)
	}
	if n := m.Count("GET", `/orgs/acme/actions/hosted-runners$`); n != 3 {
		t.Fatalf("listing 250 runners took %d requests, want 3 pages of 100", n)
	}
}
