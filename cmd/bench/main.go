// Command bench measures the provider at fleet scale: the real Terraform CLI with the built
// provider against the in-process mock GitHub on loopback, for fleets of N runners. It prints
// a table per fleet with the targets beside the figures and saves the results as JSON
// (bench-results/<git short sha>.json) for comparison between commits. `make bench` runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/bench"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	sizes := flag.String("n", "10,100,500", "comma-separated fleet `sizes`")
	latency := flag.Duration("latency", 50*time.Millisecond, "mock latency per request")
	provision := flag.Duration("provision-delay", 5*time.Second, "how long a new runner stays Provisioning")
	deleteDelay := flag.Duration("delete-delay", 5*time.Second, "how long a deleted runner stays Deleting")
	parallelism := flag.Int("parallelism", 10, "terraform -parallelism")
	maxConc := flag.Int("max-concurrent", 10, "provider max_concurrent_requests (-1: the provider's default)")
	writeDelay := flag.Int("write-delay-ms", 0, "provider write_delay_ms (-1: the provider's default)")
	defaults := flag.Bool("defaults-row", true, "also create and destroy a fleet with the provider's default settings")
	defaultsN := flag.Int("defaults-n", 100, "fleet size of the default-settings row")
	scopeRows := flag.Bool("scope-rows", true, "also measure a refresh of 3 runners among 1,000 and the create and destroy of 150 runners")
	budgetRow := flag.Bool("budget-row", true, "also measure a refresh-only plan of 250 imported budgets of one organization")
	only := flag.String("only", "", "run only this row: `budget` (the budget row, without the fleet, scope and default-settings rows)")
	tf := flag.String("terraform", "bin/terraform", "the Terraform CLI")
	provider := flag.String("provider", "bin/terraform-provider-githubactions", "the built provider")
	work := flag.String("work", ".tmp/bench", "scratch `directory`")
	out := flag.String("out", "bench-results", "`directory` for the JSON results")
	runs := flag.Int("startup-runs", 5, "start-up measurements")
	requestLog := flag.String("request-log", "", "append every phase's requests (seconds since the phase began, method, path, status) to `file`")
	flag.Parse()

	o := bench.Options{
		Latency: *latency, ProvisionDelay: *provision, DeleteDelay: *deleteDelay, Parallelism: *parallelism,
		DefaultsRow: *defaults, DefaultsN: *defaultsN, ScopeRows: *scopeRows, StartupRuns: max(*runs, 1), Log: os.Stderr,
		RequestLog: *requestLog, BudgetRow: *budgetRow,
	}
	switch *only {
	case "":
	case "budget":
		*sizes = ""
		o.ScopeRows, o.DefaultsRow, o.BudgetRow = false, false, true
	default:
		return fmt.Errorf("-only %q: the only row that can run alone is budget", *only)
	}
	var err error
	for _, s := range strings.Split(*sizes, ",") {
		if *sizes == "" {
			break
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("invalid fleet size %q", s)
		}
		o.Sizes = append(o.Sizes, n)
	}
	if *maxConc >= 0 {
		o.MaxConcurrent = maxConc
	}
	if *writeDelay >= 0 {
		o.WriteDelayMS = writeDelay
	}
	for dst, src := range map[*string]string{&o.Terraform: *tf, &o.Provider: *provider, &o.WorkDir: *work} {
		if *dst, err = filepath.Abs(src); err != nil {
			return err
		}
	}
	if o.Terraform, err = filepath.EvalSymlinks(o.Terraform); err != nil {
		return fmt.Errorf("the Terraform CLI: %w (run make tools)", err)
	}
	if o.Provider, err = filepath.EvalSymlinks(o.Provider); err != nil {
		return fmt.Errorf("the provider binary: %w (run make build)", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := bench.Run(ctx, o)
	if err != nil {
		return err
	}
	res.Commit = commit(ctx)
	bench.Print(os.Stdout, res)
	path, err := bench.Save(*out, res)
	if err != nil {
		return err
	}
	fmt.Printf("\nResults saved to %s\n", path)
	return nil
}

// commit names the checkout: the short SHA, with -dirty when there are uncommitted changes.
func commit(ctx context.Context) string {
	sha, err := exec.CommandContext(ctx, "git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	name := strings.TrimSpace(string(sha))
	if status, err := exec.CommandContext(ctx, "git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(status) > 0 {
		name += "-dirty"
	}
	return name
}
