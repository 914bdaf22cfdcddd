package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// pollDelays yields the waits between status polls: from the first interval, growing by half
// each time, up to the longest.
type pollDelays struct {
	next, longest time.Duration
}

func (p *pollDelays) sleep(ctx context.Context, clock client.Clock) error {
	d := p.next
	p.next = min(p.next+p.next/2, p.longest)
	return clock.Sleep(ctx, d)
}

// waitReady polls runner id until it is Ready, with its public IPs when wantIPs, and (after
// an update) showing the update's fields, so that no stale value reaches state. A 404 right
// after the write is GitHub catching up and is retried for a bounded window. It returns the
// last runner it saw, also on error.
func (d *providerData) waitReady(ctx context.Context, c *client.Client, scope client.Scope, id int64, wantIPs bool, update *client.UpdateHostedRunnerRequest) (*client.HostedRunner, error) {
	start := d.settings.clock.Now()
	delays := pollDelays{next: d.settings.pollMin, longest: d.settings.pollMax}
	var last *client.HostedRunner
	for {
		r, err := c.GetHostedRunner(ctx, scope, id)
		switch {
		case client.IsNotFound(err) && d.settings.clock.Now().Sub(start) < d.settings.readWindow:
		case client.IsNotFound(err):
			return last, fmt.Errorf("GitHub still answers 404 for runner %d %s after it was written; it may have been deleted", id, d.settings.readWindow)
		case err != nil:
			return last, err
		default:
			last = r
			switch r.Status {
			case client.StatusStuck, client.StatusShutdown, client.StatusDeleting:
				return last, fmt.Errorf("the runner's status is %s", r.Status)
			case client.StatusReady:
				if (!wantIPs || len(r.PublicIPs) > 0) && reflects(r, update) {
					return last, nil
				}
			}
		}
		if err := delays.sleep(ctx, d.settings.clock); err != nil {
			return last, timeoutError(err, last)
		}
	}
}

// waitGone polls runner id until GitHub answers 404.
func (d *providerData) waitGone(ctx context.Context, c *client.Client, scope client.Scope, id int64) error {
	delays := pollDelays{next: d.settings.pollMin, longest: d.settings.pollMax}
	var last *client.HostedRunner
	for {
		r, err := c.GetHostedRunner(ctx, scope, id)
		if client.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		last = r
		if err := delays.sleep(ctx, d.settings.clock); err != nil {
			return timeoutError(err, last)
		}
	}
}

func timeoutError(err error, last *client.HostedRunner) error {
	if errors.Is(err, context.DeadlineExceeded) && last != nil {
		return fmt.Errorf("timed out; the runner's last status was %s", last.Status)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return errors.New("timed out")
	}
	return err
}

// reflects reports whether r shows every field an update set.
func reflects(r *client.HostedRunner, u *client.UpdateHostedRunnerRequest) bool {
	if u == nil {
		return true
	}
	return (u.Name == nil || *u.Name == r.Name) &&
		(u.Size == nil || *u.Size == r.MachineSizeDetails.ID) &&
		(u.RunnerGroupID == nil || r.RunnerGroupID == 0 || *u.RunnerGroupID == r.RunnerGroupID) &&
		(u.MaximumRunners == nil || r.MaximumRunners == nil || *u.MaximumRunners == *r.MaximumRunners) &&
		(u.EnableStaticIP == nil || *u.EnableStaticIP == r.PublicIPEnabled) &&
		(u.ImageID == nil || r.ImageDetails == nil || *u.ImageID == r.ImageDetails.ID)
}
