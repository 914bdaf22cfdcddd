// Command mockgithub serves the in-memory GitHub of internal/mockgithub on a loopback
// address, for the demo and for manual testing. It prints its URL and serves until
// SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mockgithub:", err)
		os.Exit(1)
	}
}

// run parses flags, listens and serves until a signal arrives.
func run(args []string) error {
	fs := flag.NewFlagSet("mockgithub", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "loopback `address` to listen on")
	token := fs.String("token", mockgithub.DefaultToken, "accepted personal access `token`")
	org := fs.String("org", "acme", "comma-separated organization `names`")
	enterprise := fs.String("enterprise", "acme-corp", "comma-separated enterprise `slugs`")
	provision := fs.Duration("provision-delay", 2*time.Second, "how long a runner stays Provisioning")
	deleteDelay := fs.Duration("delete-delay", time.Second, "how long a deleted runner stays Deleting")
	staticIP := fs.Duration("static-ip-delay", 0, "how long public_ips stays empty after enabling a static IP")
	latency := fs.Duration("latency", 0, "sleep added to every request")
	urlFile := fs.String("url-file", "", "`file` to write the server URL to once listening")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := checkLoopback(*addr); err != nil {
		return err
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", *addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	mock := mockgithub.New(mockgithub.Config{
		Tokens:         []string{*token},
		Orgs:           splitList(*org),
		Enterprises:    splitList(*enterprise),
		ProvisionDelay: *provision,
		DeleteDelay:    *deleteDelay,
		StaticIPDelay:  *staticIP,
		Latency:        *latency,
	})
	srv := newServer(mock)
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(url+"\n"), 0o644); err != nil {
			_ = ln.Close()
			return err
		}
	}
	fmt.Println(url)
	fmt.Fprint(os.Stderr, describeSeed(mock))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newServer serves mock at the root, as api.github.com does, and under /api/v3, as GitHub
// Enterprise Server does, for integrations/github (which adds /api/v3 to any other base URL).
func newServer(mock *mockgithub.Mock) *http.Server {
	return &http.Server{Handler: mockgithub.Handler(mock), ReadHeaderTimeout: 10 * time.Second}
}

// checkLoopback refuses any address that is not on the loopback interface.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid -addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("refusing non-loopback -addr %q: use 127.0.0.1 or [::1]", addr)
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	out := []string{}
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// describeSeed lists, one line per scope, the ids a configuration needs that no API call of
// the provider creates: the network settings resources (made in Azure), the seeded runner
// groups, the repositories (organization) or organizations (enterprise) a group can select,
// and the custom images (made by image-generation runners).
func describeSeed(mock *mockgithub.Mock) string {
	var b strings.Builder
	for _, scope := range mock.Scopes() {
		var settings, groups, members, images []string
		for _, ns := range mock.NetworkSettingsResources(scope) {
			settings = append(settings, fmt.Sprintf("%s (%s) = %s", ns.Name, ns.Region, ns.ID))
		}
		for _, g := range mock.RunnerGroups(scope) {
			groups = append(groups, fmt.Sprintf("%d %q", g.ID, g.Name))
		}
		kind := "repositories"
		for _, r := range mock.Repositories(scope) {
			members = append(members, fmt.Sprintf("%d %s", r.ID, r.Name))
		}
		if strings.HasPrefix(scope, "enterprises/") {
			kind = "organizations"
			for _, o := range mock.Organizations(scope) {
				members = append(members, fmt.Sprintf("%d %s", o.ID, o.Login))
			}
		}
		for _, img := range mock.CustomImages(scope) {
			images = append(images, fmt.Sprintf("%d %q (%s)", img.ID, img.Name, img.Platform))
		}
		fmt.Fprintf(&b, "%s: runner groups %s; network settings %s; %s %s; custom images %s\n", scope,
			strings.Join(groups, ", "), strings.Join(settings, ", "), kind, strings.Join(members, ", "), strings.Join(images, ", "))
	}
	return b.String()
}
