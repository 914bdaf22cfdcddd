package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// farWaitError matches the diagnostic of a wait of secs seconds (a regexp) that the provider
// refused, naming the UTC time to retry and what bounded the operation.
func farWaitError(summary, secs, bound string) *regexp.Regexp {
	return regexp.MustCompile(fmt.Sprintf(`(?s)%s.*waiting\s+%s\s+s,\s+until\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ.*%s.*Retry\s+after\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`, summary, secs, bound))
}

// A plan whose reads meet a retry-after or reset far in the future fails at once, naming the
// time to retry, instead of sleeping for it: reads, which Terraform gives no timeout, are
// bounded by the provider's read_timeout (default 5m). The fake clock shows no long sleep.
func TestAccReadUnderFarRetryAfterFailsPromptly(t *testing.T) {
	t.Parallel()
	t.Run("data_source_plan", func(t *testing.T) {
		t.Parallel()
		e, clock := newFaultEnv(t, mockgithub.Config{})
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `/platforms$`, Status: http.StatusForbidden, Body: secondaryBody,
			Header: http.Header{"Retry-After": {"86400"}}})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config:      faultProvider(e, "") + "data \"githubactions_platforms\" \"all\" {\n  organization = \"acme\"\n}\n",
				ExpectError: farWaitError("secondary rate limit", "86400", `read_timeout\s+of\s+5m0s`),
			}},
		})
		if n := len(e.Mock.Requests()); n != 1 {
			t.Fatalf("%d requests reached GitHub, want only the one that was limited", n)
		}
		if d := clock.Longest(); d >= time.Hour {
			t.Fatalf("the provider slept %s; a wait beyond the read bound must fail at once", d)
		}
	})
	t.Run("refresh_with_read_timeout", func(t *testing.T) {
		t.Parallel()
		e, clock := newFaultEnv(t, mockgithub.Config{})
		reset := clock.Now().Add(3 * time.Hour)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			CheckDestroy:             checkNoRunners(e, scopeCases[0]),
			Steps: []resource.TestStep{
				{Config: faultRunner(e, `read_timeout = "30m"`, "farwait", ""), Check: checkInvariants(e)},
				{
					PreConfig: func() {
						e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `^/orgs/acme/actions/hosted-runners`, Status: http.StatusForbidden,
							Body: primaryBody, Header: rateLimited(reset)})
					},
					Config:      faultRunner(e, `read_timeout = "30m"`, "farwait", ""),
					PlanOnly:    true,
					ExpectError: farWaitError("primary rate limit", `1\d{4}`, `read_timeout\s+of\s+30m0s`),
				},
				{
					// GitHub said the limit is exhausted until the reset: nothing is sent before it.
					PreConfig: func() {
						e.Mock.ClearFaults()
						clock.Set(reset.Add(2 * time.Second))
					},
					Config:   faultRunner(e, `read_timeout = "30m"`, "farwait", ""),
					PlanOnly: true,
				},
			},
		})
		if d := clock.Longest(); d >= time.Hour {
			t.Fatalf("the provider slept %s; a wait beyond read_timeout must fail at once", d)
		}
	})
	t.Run("invalid_read_timeout", func(t *testing.T) {
		t.Parallel()
		e, _ := newFaultEnv(t, mockgithub.Config{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config:      faultRunner(e, `read_timeout = "soon"`, "badtimeout", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Duration.*"soon"`),
			}},
		})
		if n := len(e.Mock.Requests()); n != 0 {
			t.Fatalf("%d requests reached GitHub; an invalid read_timeout must fail before any", n)
		}
	})
}

// A redirect to another host, answering the create POST during apply or a read during a
// plan, is not followed: the error names where it pointed, the other host receives no
// request (so neither the token nor the body), and no runner is left behind or adopted.
func TestAccRedirectOffHostKeepsCredentials(t *testing.T) {
	t.Parallel()
	other := mockgithub.New(mockgithub.Config{}) // another host, which would accept the token
	otherSrv := httptest.NewServer(other)
	t.Cleanup(otherSrv.Close)
	e, _ := newFaultEnv(t, mockgithub.Config{})
	createTo := otherSrv.URL + "/orgs/acme/actions/hosted-runners"
	readTo := otherSrv.URL + "/orgs/acme/actions/hosted-runners/4242"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             checkNoRunners(e, scopeCases[0]),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Status: http.StatusTemporaryRedirect,
						Header: http.Header{"Location": {createTo}}})
				},
				Config:      faultRunner(e, "", "moved", ""),
				ExpectError: regexp.MustCompile(`(?s)Unable to Create Hosted Runner.*307.*` + regexp.QuoteMeta(createTo)),
			},
			{
				PreConfig: e.Mock.ClearFaults,
				Config:    faultRunner(e, "", "moved", ""),
				Check:     resource.ComposeAggregateTestCheckFunc(checkInvariants(e), checkCreates(e, "moved", http.StatusTemporaryRedirect, http.StatusCreated)),
			},
			{
				PreConfig: func() {
					e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Path: `^/orgs/acme/actions/hosted-runners`, Status: http.StatusMovedPermanently,
						Header: http.Header{"Location": {readTo}}})
				},
				Config:      faultRunner(e, "", "moved", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)301.*` + regexp.QuoteMeta(readTo)),
			},
			{PreConfig: e.Mock.ClearFaults, Config: faultRunner(e, "", "moved", ""), PlanOnly: true},
		},
	})
	for _, r := range other.Requests() {
		t.Errorf("the other host received %s %s (authorization %q, body %q); it must receive nothing", r.Method, r.Path, r.Header.Get("Authorization"), r.Body)
	}
}
