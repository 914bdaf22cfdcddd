package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// apiLogSubsystem is the tflog subsystem of every line the API client writes
// (TF_LOG_PROVIDER_GITHUB_API sets its level on its own).
const apiLogSubsystem = "github_api"

// apiLogger writes the client's log lines, which the client has already masked, through tflog.
type apiLogger struct{}

var _ client.Logger = apiLogger{}

func (apiLogger) Log(ctx context.Context, level client.Level, msg string, fields map[string]any) {
	ctx = tflog.NewSubsystem(ctx, apiLogSubsystem)
	switch level {
	case client.LevelTrace:
		tflog.SubsystemTrace(ctx, apiLogSubsystem, msg, fields)
	case client.LevelDebug:
		tflog.SubsystemDebug(ctx, apiLogSubsystem, msg, fields)
	default:
		tflog.SubsystemWarn(ctx, apiLogSubsystem, msg, fields)
	}
}
