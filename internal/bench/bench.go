// Package bench measures the provider at fleet scale: the real Terraform CLI runs the built
// provider against the in-process mock GitHub (with a fixed latency per request and real
// provisioning and deletion delays), and every phase of a fleet's life is timed, its API
// requests counted from the mock's request log, and the provider processes' peak memory read
// from /proc.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// Options configure a benchmark run.
type Options struct {
	Terraform string // the Terraform CLI
	Provider  string // the built provider binary
	WorkDir   string // scratch directory (recreated)
	Sizes     []int  // fleet sizes N

	Latency        time.Duration // mock latency per request
	ProvisionDelay time.Duration // mock Provisioning → Ready
	DeleteDelay    time.Duration // mock Deleting → gone
	Parallelism    int           // terraform -parallelism

	// Provider settings; nil leaves the provider's default.
	MaxConcurrent *int
	WriteDelayMS  *int
	// DefaultsRow also creates and destroys DefaultsN runners with the provider's defaults.
	DefaultsRow bool
	DefaultsN   int
	// ScopeRows adds the rows that measure cost against the scope: a refresh-only plan of 3
	// runners in a scope of 1,000, and the create and destroy of 150 runners.
	ScopeRows bool
	// BudgetRow adds the row that imports 250 budgets of one organization and measures their
	// refresh-only plan (target: ≤ 4 requests, the list's ⌈253/100⌉ pages).
	BudgetRow bool

	StartupRuns int
	Log         io.Writer // progress lines
	// RequestLog, when set, is a file to which every phase's requests are appended.
	RequestLog string
}

// Phase is one measured Terraform command.
type Phase struct {
	Name        string         `json:"name"`
	WallSeconds float64        `json:"wall_seconds"`
	Requests    map[string]int `json:"requests"` // by method; GET split into GET list and GET one
	NotModified int            `json:"not_modified"`
	Total       int            `json:"total_requests"`
	PeakMiB     float64        `json:"provider_peak_mib"`
	Processes   int            `json:"provider_processes"`
	Target      string         `json:"target,omitempty"`
	Measured    string         `json:"measured,omitempty"`
	Met         *bool          `json:"met,omitempty"`
}

// Fleet is the phases of one fleet size under one set of provider settings.
type Fleet struct {
	N        int     `json:"n"`
	Settings string  `json:"settings"`
	Phases   []Phase `json:"phases"`
}

// Results is everything one benchmark run measured.
type Results struct {
	Commit      string    `json:"commit"`
	Date        time.Time `json:"date"`
	GoVersion   string    `json:"go_version"`
	CPUs        int       `json:"cpus"`
	Latency     string    `json:"latency"`
	Provision   string    `json:"provision_delay"`
	Delete      string    `json:"delete_delay"`
	Parallelism int       `json:"parallelism"`
	StartupMS   []float64 `json:"startup_ms"`
	StartupMet  bool      `json:"startup_met"`
	SchemaBytes int       `json:"schema_bytes"`
	Fleets      []Fleet   `json:"fleets"`
}

// The mock's paths, to split GETs into list pages and single runners.
var (
	listPath = regexp.MustCompile(`/actions/hosted-runners$|/settings/billing/budgets$`)
	onePath  = regexp.MustCompile(`/actions/hosted-runners/\d+$|/settings/billing/budgets/[^/]+$`)
)

// benchBudgets is how many budgets the budget row refreshes.
const benchBudgets = 250

// Run runs the benchmark.
func Run(ctx context.Context, o Options) (*Results, error) {
	res := &Results{
		Date: time.Now().UTC(), GoVersion: runtime.Version(), CPUs: runtime.NumCPU(),
		Latency: o.Latency.String(), Provision: o.ProvisionDelay.String(), Delete: o.DeleteDelay.String(), Parallelism: o.Parallelism,
	}
	times, size, err := Startup(o.Provider, o.StartupRuns)
	if err != nil {
		return nil, err
	}
	for _, d := range times {
		res.StartupMS = append(res.StartupMS, float64(d.Microseconds())/1000)
	}
	res.SchemaBytes = size
	res.StartupMet = times[len(times)/2] < 100*time.Millisecond
	fmt.Fprintf(o.Log, "provider start-up to schema answer: median %.1f ms over %d runs\n", res.StartupMS[len(times)/2], len(times))

	if err := os.RemoveAll(o.WorkDir); err != nil {
		return nil, err
	}
	rows := []fleetRow{}
	for _, n := range o.Sizes {
		rows = append(rows, fleetRow{n: n, maxConc: o.MaxConcurrent, writeDelay: o.WriteDelayMS, kind: rowFull})
	}
	if o.ScopeRows {
		rows = append(rows,
			fleetRow{n: 3, others: 997, maxConc: o.MaxConcurrent, writeDelay: o.WriteDelayMS, kind: rowScopeRefresh},
			fleetRow{n: 150, maxConc: o.MaxConcurrent, writeDelay: o.WriteDelayMS, kind: rowCreateDestroy})
	}
	if o.DefaultsRow {
		rows = append(rows, fleetRow{n: o.DefaultsN, kind: rowCreateDestroy})
	}
	if o.BudgetRow {
		rows = append(rows, fleetRow{n: benchBudgets, maxConc: o.MaxConcurrent, writeDelay: o.WriteDelayMS, kind: rowBudgetRefresh})
	}
	for _, row := range rows {
		fleet, err := runFleet(ctx, o, row)
		if err != nil {
			return res, fmt.Errorf("fleet of %d (%s): %w", row.n, describeSettings(row.maxConc, row.writeDelay), err)
		}
		res.Fleets = append(res.Fleets, *fleet)
	}
	return res, nil
}

// rowKind says which phases a fleet row measures.
type rowKind int

const (
	rowFull          rowKind = iota // create, refresh-only plan, no-op plan, update, destroy
	rowCreateDestroy                // create and destroy
	rowScopeRefresh                 // create, then the refresh-only plan among the scope's other runners
	rowBudgetRefresh                // import n budgets, their refresh-only plan, destroy
)

// fleetRow is one fleet to measure: n managed runners among others in the organization.
type fleetRow struct {
	n, others           int
	maxConc, writeDelay *int
	kind                rowKind
}

// fleetEnv is one fleet's mock, directory and Terraform environment.
type fleetEnv struct {
	o    Options
	dir  string
	env  []string
	mock *mockgithub.Mock
}

// runFleet creates, refreshes, re-plans, updates and destroys the row's runners, measuring
// each phase the row asks for.
func runFleet(ctx context.Context, o Options, row fleetRow) (*Fleet, error) {
	n, maxConc, writeDelay := row.n, row.maxConc, row.writeDelay
	settings := describeSettings(maxConc, writeDelay)
	if row.others > 0 {
		settings = fmt.Sprintf("among %d other runners of the organization; %s", row.others, settings)
	}
	fmt.Fprintf(o.Log, "== N=%d (%s)\n", n, settings)
	mock := mockgithub.New(mockgithub.Config{
		ProvisionDelay: o.ProvisionDelay, DeleteDelay: o.DeleteDelay, Latency: o.Latency,
	})
	for i := range row.others {
		mock.AddRunner("orgs/acme", mockgithub.Runner{Name: fmt.Sprintf("other-%04d", i), ImageID: "ubuntu-latest", Size: "4-core", RunnerGroupID: 1})
	}
	resources, seededBudgets := runnerFleetConfig, len(mock.Budgets("orgs/acme"))
	if row.kind == rowBudgetRefresh {
		settings = "seeded and imported; " + settings
		resources = budgetFleetConfig(mock, n)
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: mock, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	f := &fleetEnv{o: o, dir: filepath.Join(o.WorkDir, fmt.Sprintf("n%d-%d-%s", n, row.kind, strings.Fields(settings)[0])), mock: mock}
	if err := f.prepare("http://"+ln.Addr().String(), maxConc, writeDelay, resources); err != nil {
		return nil, err
	}
	if err := f.terraform(ctx, "init", "-input=false"); err != nil {
		return nil, err
	}

	fleet := &Fleet{N: n, Settings: settings}
	nv, par := fmt.Sprintf("n=%d", n), fmt.Sprintf("-parallelism=%d", o.Parallelism)
	type step struct {
		name string
		args []string
	}
	// The no-op plan's -detailed-exitcode makes any planned change (exit 2) an error.
	steps := []step{
		{fmt.Sprintf("apply (create %d)", n), []string{"apply", "-auto-approve", "-input=false", par, "-var", nv}},
		{"refresh-only plan", []string{"plan", "-refresh-only", "-input=false", par, "-var", nv}},
		{"no-op plan", []string{"plan", "-detailed-exitcode", "-input=false", par, "-var", nv}},
		{"update maximum_runners", []string{"apply", "-auto-approve", "-input=false", par, "-var", nv, "-var", "maximum=3"}},
		{fmt.Sprintf("destroy (%d)", n), []string{"destroy", "-auto-approve", "-input=false", par, "-var", nv, "-var", "maximum=3"}},
	}
	switch row.kind {
	case rowCreateDestroy:
		steps = []step{steps[0], steps[4]}
	case rowScopeRefresh:
		steps = []step{steps[0], steps[1], steps[4]}
	case rowBudgetRefresh:
		steps = []step{{fmt.Sprintf("import (%d budgets)", n), steps[0].args}, steps[1], steps[4]}
	}
	for _, s := range steps {
		p, err := f.measure(ctx, s.name, s.args...)
		if err != nil {
			return nil, err
		}
		judge(p, row, o)
		fleet.Phases = append(fleet.Phases, *p)
		fmt.Fprintf(o.Log, "   %-24s %6.1f s  %s\n", p.Name, p.WallSeconds, requests(p.Total))
	}
	if left := mock.Runners("orgs/acme"); len(left) != row.others {
		return nil, fmt.Errorf("%d runners left in the mock after destroy, want the %d others", len(left), row.others)
	}
	if left := mock.Budgets("orgs/acme"); len(left) != seededBudgets {
		return nil, fmt.Errorf("%d budgets left in the mock after destroy, want the %d seeded", len(left), seededBudgets)
	}
	return fleet, nil
}

// describeSettings says which provider settings the fleet runs with.
func describeSettings(maxConc, writeDelay *int) string {
	if maxConc == nil && writeDelay == nil {
		return "provider defaults: max_concurrent_requests=1, write_delay_ms=1000"
	}
	parts := []string{}
	if maxConc != nil {
		parts = append(parts, fmt.Sprintf("max_concurrent_requests=%d", *maxConc))
	}
	if writeDelay != nil {
		parts = append(parts, fmt.Sprintf("write_delay_ms=%d", *writeDelay))
	}
	return "bench settings: " + strings.Join(parts, ", ") + " (defaults 1 and 1000)"
}

// prepare writes the configuration, the CLI config (dev_overrides and a filesystem mirror, as
// scripts/demo.sh does) and the environment; resources is the configuration's resources.
func (f *fleetEnv) prepare(baseURL string, maxConc, writeDelay *int, resources string) error {
	mirror := filepath.Join(f.dir, "mirror", "registry.terraform.io", "runnerforge", "githubactions", "0.0.1", runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(mirror, 0o755); err != nil {
		return err
	}
	if err := os.Symlink(f.o.Provider, filepath.Join(mirror, "terraform-provider-githubactions_v0.0.1")); err != nil {
		return err
	}
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/runnerforge/githubactions" = %q
  }
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/runnerforge/githubactions"]
  }
  direct {
    exclude = ["registry.terraform.io/runnerforge/githubactions"]
  }
}
`, filepath.Dir(f.o.Provider), filepath.Join(f.dir, "mirror"))
	if err := os.WriteFile(filepath.Join(f.dir, "terraformrc"), []byte(rc), 0o644); err != nil {
		return err
	}
	extra := ""
	if maxConc != nil {
		extra += fmt.Sprintf("  max_concurrent_requests = %d\n", *maxConc)
	}
	if writeDelay != nil {
		extra += fmt.Sprintf("  write_delay_ms = %d\n", *writeDelay)
	}
	tf := fmt.Sprintf(`terraform {
  required_providers {
    githubactions = { source = "runnerforge/githubactions" }
  }
}

provider "githubactions" {
  base_url = %q
  token    = %q
%s}

variable "n" { type = number }
variable "maximum" {
  type    = number
  default = 2
}
%s`, baseURL, mockgithub.DefaultToken, extra, resources)
	if err := os.WriteFile(filepath.Join(f.dir, "main.tf"), []byte(tf), 0o644); err != nil {
		return err
	}
	f.env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+filepath.Join(f.dir, "terraformrc"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	return nil
}

// terraform runs the CLI in the fleet's directory with its output in a log file; any exit
// code but 0 is an error.
func (f *fleetEnv) terraform(ctx context.Context, args ...string) error {
	logPath := filepath.Join(f.dir, "terraform.log")
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer log.Close()
	fmt.Fprintf(log, "\n$ terraform %s\n", strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, f.o.Terraform, append([]string{"-chdir=" + f.dir}, append(args, "-no-color")...)...)
	cmd.Env, cmd.Stdout, cmd.Stderr = f.env, log, log
	err = cmd.Run()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return fmt.Errorf("terraform %s exited %d; see %s", args[0], exitErr.ExitCode(), logPath)
	}
	return err
}

// measure runs one phase with a fresh request log and the memory poller on.
func (f *fleetEnv) measure(ctx context.Context, name string, args ...string) (*Phase, error) {
	f.mock.ResetRequests()
	mem := watchMemory(f.o.Provider, 20*time.Millisecond)
	start := time.Now()
	err := f.terraform(ctx, args...)
	wall := time.Since(start)
	peak, procs := mem.finish()
	if err != nil {
		return nil, err
	}
	p := &Phase{Name: name, WallSeconds: wall.Seconds(), Requests: map[string]int{}, PeakMiB: float64(peak) / 1024, Processes: procs}
	if f.o.RequestLog != "" {
		if err := appendRequestLog(f.o.RequestLog, name, start, f.mock.Requests()); err != nil {
			return nil, err
		}
	}
	for _, r := range f.mock.Requests() {
		method := r.Method
		if method == http.MethodGet {
			switch {
			case listPath.MatchString(r.Path):
				method = "GET list"
			case onePath.MatchString(r.Path):
				method = "GET one"
			default:
				method = "GET other"
			}
		}
		p.Requests[method]++
		p.Total++
		if r.Status == http.StatusNotModified {
			p.NotModified++
		}
	}
	return p, nil
}

// appendRequestLog appends one phase's requests to the file at path: a heading with the
// phase's name, then a line per request with the seconds since the phase began, the method,
// the path and the status.
func appendRequestLog(path, phase string, start time.Time, reqs []mockgithub.Request) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", phase)
	for _, r := range reqs {
		fmt.Fprintf(&b, "%.3f %s %s %d\n", r.Time.Sub(start).Seconds(), r.Method, r.Path, r.Status)
	}
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := fh.WriteString(b.String()); err != nil {
		_ = fh.Close()
		return err
	}
	return fh.Close()
}

// judge fills in a phase's target and whether the measurement meets it.
func judge(p *Phase, row fleetRow, o Options) {
	n := row.n
	benchSettings := row.maxConc != nil || row.writeDelay != nil
	pages := int(math.Ceil(float64(n+row.others) / 100))
	status := p.Requests["GET list"] + p.Requests["GET one"]
	other := p.Total - p.Requests[http.MethodDelete]
	set := func(target, measured string, met bool) { p.Target, p.Measured, p.Met = target, measured, &met }
	switch {
	case strings.HasPrefix(p.Name, "apply"):
		waves := math.Ceil(float64(n) / float64(o.Parallelism))
		ideal := waves * o.ProvisionDelay.Seconds()
		if !benchSettings {
			// One write a second: the writes, then the last runner's provisioning.
			ideal = float64(n) + o.ProvisionDelay.Seconds()
		}
		perRunner := float64(status) / float64(n)
		measured := fmt.Sprintf("%.2f× ideal %.0f s; %d requests, %.2f status req/runner", p.WallSeconds/ideal, ideal, p.Total, perRunner)
		switch {
		case n == 100 && benchSettings:
			set("wall ≤ 1.1× ideal; ≤ 120 requests", measured, p.WallSeconds <= 1.1*ideal && p.Total <= 120)
		case n == 100:
			set("≤ 125 requests; wall ≤ 1.1× the writes' spacing + provisioning", measured, p.WallSeconds <= 1.1*ideal && p.Total <= 125)
		default:
			p.Measured = measured
		}
	case row.kind == rowScopeRefresh && strings.Contains(p.Name, "plan"):
		set("≤ 4 requests", requests(p.Total), p.Total <= 4)
	case row.kind == rowBudgetRefresh && strings.Contains(p.Name, "plan"):
		set("≤ 4 requests", fmt.Sprintf("%d list pages, %d single GETs; %s", p.Requests["GET list"], p.Requests["GET one"],
			requests(p.Total)), p.Total <= 4)
	case row.kind == rowBudgetRefresh:
		p.Measured = fmt.Sprintf("%d list pages, %d single GETs, %d DELETE; %s", p.Requests["GET list"], p.Requests["GET one"],
			p.Requests[http.MethodDelete], requests(p.Total))
	case strings.Contains(p.Name, "plan"):
		limit := pages + 2
		set(fmt.Sprintf("≤ ⌈N/100⌉+2 = %d requests", limit), requests(p.Total), p.Total <= limit)
	case strings.HasPrefix(p.Name, "destroy"):
		measured := fmt.Sprintf("%d DELETE, %d list pages, %d single GETs; %d requests", p.Requests[http.MethodDelete], p.Requests["GET list"], p.Requests["GET one"], p.Total)
		switch {
		case n == 150 && benchSettings:
			set("≤ 150 DELETE + 60 other requests", measured, p.Requests[http.MethodDelete] <= n && other <= 60)
		case n == 100 && benchSettings:
			set("≤ 120 requests", measured, p.Requests[http.MethodDelete] <= n && p.Total <= 120)
		case n == 100:
			set("≤ 125 requests", measured, p.Requests[http.MethodDelete] <= n && p.Total <= 125)
		default:
			p.Measured = measured
		}
	case strings.HasPrefix(p.Name, "update"):
		p.Measured = fmt.Sprintf("%d PATCH, %d status req", p.Requests[http.MethodPatch], status)
	}
}

// requests renders a count of requests: "1 request", "3 requests".
func requests(n int) string {
	if n == 1 {
		return "1 request"
	}
	return fmt.Sprintf("%d requests", n)
}

// runnerFleetConfig is the runner rows' resources: var.n runners.
const runnerFleetConfig = `
resource "githubactions_hosted_runner" "fleet" {
  count           = var.n
  organization    = "acme"
  name            = format("bench-%04d", count.index)
  image           = { id = "ubuntu-latest" }
  size            = "4-core"
  maximum_runners = var.maximum
}
`

// budgetFleetConfig seeds n Actions SKU budgets of the organization acme in mock (one per
// SKU, as GitHub allows one per coverage and SKU) and returns var.n budget resources with
// an import block for each.
func budgetFleetConfig(mock *mockgithub.Mock, n int) string {
	var b strings.Builder
	b.WriteString(`
resource "githubactions_budget" "fleet" {
  count                 = var.n
  organization          = "acme"
  sku                   = format("actions_bench_%03d", count.index)
  amount                = 10
  prevent_further_usage = false
  alerting              = { enabled = false }
}
`)
	for i := range n {
		budget := mock.AddBudget("orgs/acme", mockgithub.Budget{Type: "SkuPricing", ProductSKU: fmt.Sprintf("actions_bench_%03d", i),
			Scope: "organization", EntityName: "acme", Amount: 10, AlertRecipients: []string{}})
		fmt.Fprintf(&b, "\nimport {\n  to = githubactions_budget.fleet[%d]\n  id = \"orgs/acme/%s\"\n}\n", i, budget.ID)
	}
	return b.String()
}
