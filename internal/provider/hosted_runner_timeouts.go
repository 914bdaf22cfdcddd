package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/runnerforge/terraform-provider-githubactions/internal/runnerwatch"
)

// timeoutsAttribute is the hosted runner's `timeouts` argument, with each default in its
// description (and so on the resource's page).
func timeoutsAttribute(ctx context.Context) schema.Attribute {
	attr := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: timeoutDescription("creating the runner and waiting until it is `Ready` (and its static IPs are assigned, when asked for)", defaultCreateTimeout),
		UpdateDescription: timeoutDescription("updating the runner and waiting until it is `Ready` again", defaultUpdateTimeout),
		DeleteDescription: timeoutDescription("deleting the runner and waiting until GitHub has finished", defaultDeleteTimeout),
	})
	nested, ok := attr.(schema.SingleNestedAttribute)
	if !ok {
		return attr
	}
	nested.MarkdownDescription = fmt.Sprintf("How long each operation may take, as a duration such as `45m` or `1h`: "+
		"`create` (default `%s`), `update` (default `%s`) and `delete` (default `%s`). When one runs out, the error gives "+
		"the runner's last status; raise the limit here.",
		shortDuration(defaultCreateTimeout), shortDuration(defaultUpdateTimeout), shortDuration(defaultDeleteTimeout))
	return nested
}

func timeoutDescription(what string, def time.Duration) string {
	return fmt.Sprintf("How long %s may take, such as `45m`. Default `%s`.", what, shortDuration(def))
}

// shortDuration renders 30m0s as 30m and 1h0m0s as 1h.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// withTimeoutAdvice adds, to a wait that the operation's timeout ended, the limit that ended it
// and the argument that raises it; any other error is returned as it is.
func withTimeoutAdvice(err error, operation string, limit time.Duration) error {
	var timedOut *runnerwatch.TimeoutError
	if !errors.As(err, &timedOut) {
		return err
	}
	return fmt.Errorf("%w, at the end of the %s timeout of %s (raise it with timeouts = { %s = \"%s\" } in this resource)",
		err, operation, shortDuration(limit), operation, shortDuration(2*limit))
}
