package runnerwatch

import (
	"fmt"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// Want is what a runner must show for a wait until ready to end.
type Want struct {
	// IPs asks for at least one public IP range (static IPs enabled).
	IPs bool
	// Update, after a PATCH, asks for every field it set.
	Update *client.UpdateHostedRunnerRequest
}

// Done is the one rule for when a wait until ready ends: (true, nil) when r is Ready and
// shows what w asks for; (true, error) when r's status can no longer become Ready (Stuck,
// Shutdown, Deleting); (false, nil) while it is on its way.
func Done(r *client.HostedRunner, w Want) (bool, error) {
	switch r.Status {
	case client.StatusStuck, client.StatusShutdown, client.StatusDeleting:
		return true, fmt.Errorf("the runner's status is %s", r.Status)
	case client.StatusReady:
		return (!w.IPs || len(r.PublicIPs) > 0) && Reflects(r, w.Update), nil
	}
	return false, nil
}

// Reflects reports whether r shows every field an update set.
func Reflects(r *client.HostedRunner, u *client.UpdateHostedRunnerRequest) bool {
	if u == nil {
		return true
	}
	return (u.Name == nil || *u.Name == r.Name) &&
		(u.Size == nil || *u.Size == r.MachineSizeDetails.ID) &&
		(u.RunnerGroupID == nil || r.RunnerGroupID == nil || *u.RunnerGroupID == *r.RunnerGroupID) &&
		(u.MaximumRunners == nil || r.MaximumRunners == nil || *u.MaximumRunners == *r.MaximumRunners) &&
		(u.EnableStaticIP == nil || *u.EnableStaticIP == r.PublicIPEnabled) &&
		(u.ImageID == nil || r.ImageDetails == nil || *u.ImageID == r.ImageDetails.ID)
}
