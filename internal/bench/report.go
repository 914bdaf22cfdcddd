package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
)

// Print writes the results as tables, one per fleet, with the targets beside the figures,
// then a summary of every target.
func Print(w io.Writer, r *Results) {
	fmt.Fprintf(w, "\nBenchmark at %s (%s, %d CPUs): mock latency %s per request, provisioning %s, deletion %s, terraform -parallelism=%d\n",
		r.Commit, r.GoVersion, r.CPUs, r.Latency, r.Provision, r.Delete, r.Parallelism)
	fmt.Fprintf(w, "Provider start-up to schema answer (%d runs): median %.1f ms, max %.1f ms (target < 100 ms: %s); schema %d bytes\n",
		len(r.StartupMS), r.StartupMS[len(r.StartupMS)/2], r.StartupMS[len(r.StartupMS)-1], yesNo(r.StartupMet), r.SchemaBytes)
	for _, f := range r.Fleets {
		noun := "runners"
		if strings.Contains(f.Settings, "budgets") {
			noun = "budgets"
		}
		fmt.Fprintf(w, "\nN = %d %s in one organization, %s\n", f.N, noun, f.Settings)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "phase\twall\tGET list\tGET one\tPOST\tPATCH\tDELETE\t304\tall\tpeak RSS\tmeasured\ttarget\tmet")
		for _, p := range f.Phases {
			fmt.Fprintf(tw, "%s\t%.1f s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f MiB\t%s\t%s\t%s\n",
				p.Name, p.WallSeconds, p.Requests["GET list"], p.Requests["GET one"], p.Requests[http.MethodPost],
				p.Requests[http.MethodPatch], p.Requests[http.MethodDelete], p.NotModified, p.Total, p.PeakMiB,
				p.Measured, dash(p.Target), metText(p.Met))
		}
		_ = tw.Flush()
	}
	fmt.Fprintln(w, "\nTargets:")
	for _, line := range Summary(r) {
		fmt.Fprintln(w, "  "+line)
	}
}

// Summary lists every target with its figure and whether it is met.
func Summary(r *Results) []string {
	out := []string{fmt.Sprintf("%-4s provider start-up to schema answer < 100 ms: median %.1f ms", yesNo(r.StartupMet), r.StartupMS[len(r.StartupMS)/2])}
	for _, f := range r.Fleets {
		peak := 0.0
		for _, p := range f.Phases {
			peak = max(peak, p.PeakMiB)
			if p.Met != nil {
				out = append(out, fmt.Sprintf("%-4s N=%d %s: %s (target %s)", yesNo(*p.Met), f.N, p.Name, p.Measured, p.Target))
			}
		}
		if f.N >= 500 {
			out = append(out, fmt.Sprintf("%-4s N=%d provider peak memory < 100 MiB: %.1f MiB", yesNo(peak < 100), f.N, peak))
		}
	}
	return out
}

// Save writes the results as JSON to dir/<commit>.json and returns the path.
func Save(dir string, r *Results) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	raw, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, r.Commit+".json")
	return path, os.WriteFile(path, append(raw, '\n'), 0o644)
}

func yesNo(ok bool) string {
	if ok {
		return "MET"
	}
	return "MISS"
}

func metText(met *bool) string {
	if met == nil {
		return ""
	}
	return yesNo(*met)
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
