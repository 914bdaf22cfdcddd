// Package provider implements the githubactions Terraform provider on terraform-plugin-framework.
package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runnerwatch"
)

var _ provider.Provider = (*githubActionsProvider)(nil)

// Option adjusts the provider for tests: an injected clock, poll interval or retry wait.
type Option func(*settings)

// runnerReadWindow is how long after its own write the provider waits for a runner that a read
// does not show yet (GitHub catching up), before it counts as gone.
const runnerReadWindow = time.Minute

// settings are what Options change; production uses the defaults.
type settings struct {
	clock        clock.Clock
	pollMin      time.Duration
	pollMax      time.Duration
	retryWaitMin time.Duration
	retryWaitMax time.Duration
	reqTimeout   time.Duration
}

// WithClock makes every wait (polls, rate limits, write spacing) use c.
func WithClock(c clock.Clock) Option { return func(s *settings) { s.clock = c } }

// WithPollInterval sets the first and the longest wait between status polls.
func WithPollInterval(first, longest time.Duration) Option {
	return func(s *settings) { s.pollMin, s.pollMax = first, longest }
}

// WithRetryWait sets the backoff bounds of retried requests.
func WithRetryWait(first, longest time.Duration) Option {
	return func(s *settings) { s.retryWaitMin, s.retryWaitMax = first, longest }
}

// WithRequestTimeout bounds each HTTP attempt (default one minute).
func WithRequestTimeout(d time.Duration) Option { return func(s *settings) { s.reqTimeout = d } }

// New returns the provider factory for version.
func New(version string, opts ...Option) func() provider.Provider {
	return func() provider.Provider {
		s := settings{
			clock:      clock.Real{},
			pollMin:    time.Second,
			pollMax:    15 * time.Second,
			reqTimeout: time.Minute,
		}
		for _, o := range opts {
			o(&s)
		}
		return &githubActionsProvider{version: version, settings: s}
	}
}

type githubActionsProvider struct {
	version  string
	settings settings
}

type providerModel struct {
	Token                 types.String     `tfsdk:"token"`
	BaseURL               types.String     `tfsdk:"base_url"`
	AppAuth               *appAuthModel    `tfsdk:"app_auth"`
	APIVersion            types.String     `tfsdk:"api_version"`
	MaxRetries            wholeNumberValue `tfsdk:"max_retries"`
	MaxConcurrentRequests wholeNumberValue `tfsdk:"max_concurrent_requests"`
	WriteDelayMS          wholeNumberValue `tfsdk:"write_delay_ms"`
	ReadTimeout           types.String     `tfsdk:"read_timeout"`
}

type appAuthModel struct {
	ID             types.String `tfsdk:"id"`
	InstallationID types.String `tfsdk:"installation_id"`
	PEMFile        types.String `tfsdk:"pem_file"`
}

func (p *githubActionsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "githubactions"
	resp.Version = p.version
}

func (p *githubActionsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages GitHub-hosted Actions runners (larger runners) of GitHub organizations and enterprises, " +
			"and reads the images, machine sizes, platforms and public IP limits around them.",
		Attributes: map[string]schema.Attribute{
			"token": schema.StringAttribute{
				MarkdownDescription: "A GitHub token: a personal access token (classic) with the `manage_runners:org` or " +
					"`manage_runners:enterprise` scope, or a fine-grained token with the organization permission " +
					"\"Administration\" (read and write). Falls back to `GITHUB_TOKEN`. Conflicts with `app_auth`.",
				Optional:  true,
				Sensitive: true,
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "The GitHub API root. Default `https://api.github.com/`; `https://api.SUBDOMAIN.ghe.com/` " +
					"for GitHub Enterprise Cloud with data residency. HTTPS is required except for loopback addresses. " +
					"Falls back to `GITHUB_BASE_URL`.",
				Optional: true,
			},
			"api_version": schema.StringAttribute{
				MarkdownDescription: "The REST API version sent as `X-GitHub-Api-Version` on every request. Default `" + client.DefaultAPIVersion + "`.",
				Optional:            true,
			},
			"max_retries": schema.Int64Attribute{
				CustomType: wholeNumberType{},
				MarkdownDescription: "How many times one request may be sent again, whatever the reason: a transport error or a " +
					"500/502/503/504 answer (idempotent requests only: create requests are never replayed blindly), a rate " +
					"limit, or an App installation token GitHub no longer accepts. Every request is sent at most " +
					"`max_retries` + 1 times. From 0 to 20; default 3.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"max_concurrent_requests": schema.Int64Attribute{
				CustomType: wholeNumberType{},
				MarkdownDescription: "The most requests in flight at once. GitHub asks integrations to make requests serially " +
					"to avoid secondary rate limits. From 1 to 100; default 1.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, 100)},
			},
			"write_delay_ms": schema.Int64Attribute{
				CustomType: wholeNumberType{},
				MarkdownDescription: "The least time, in milliseconds, between a creating, updating or deleting request being " +
					"answered and the next one starting; such requests are sent one at a time. GitHub asks for at least one " +
					"second between them. From 0 to 60000; default 1000.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 60000)},
			},
			"read_timeout": schema.StringAttribute{
				MarkdownDescription: "The longest time one API operation may take, waits for rate limits and retries included, " +
					"when Terraform gives it no timeout of its own: reading resources during plan and refresh, data sources " +
					"(each one as a whole), a plan's checks of a hosted runner (together), imports. A read that runs out of it " +
					"fails with an error naming `read_timeout` and is not started again in the same run. A duration such as `\"90s\"` or `\"10m\"`, from 1s to 24h. When GitHub asks to wait past it " +
					"(a far `retry-after` or rate-limit reset), the operation fails at once, naming when to retry. Default " +
					fmt.Sprintf("`\"%dm\"`.", int(client.DefaultReadTimeout.Minutes())),
				Optional:   true,
				Validators: []validator.String{durationValidator{least: time.Second, most: 24 * time.Hour}},
			},
		},
		Blocks: map[string]schema.Block{
			"app_auth": schema.SingleNestedBlock{
				MarkdownDescription: "Authenticate as a GitHub App installation instead of with a token. Installation tokens " +
					"are refreshed before their one-hour expiry. GitHub does not let Apps use the enterprise endpoints " +
					"(except reading one runner) nor delete organization runners; use a token for those.",
				Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						MarkdownDescription: "The App ID. Falls back to `GITHUB_APP_ID`.",
						Optional:            true,
					},
					"installation_id": schema.StringAttribute{
						MarkdownDescription: "The installation ID of the App in the organization. Falls back to `GITHUB_APP_INSTALLATION_ID`.",
						Optional:            true,
					},
					"pem_file": schema.StringAttribute{
						MarkdownDescription: "The App's private key: the PEM text (for example `file(\"app.pem\")`) or a path to " +
							"the PEM file. Falls back to `GITHUB_APP_PEM_FILE`.",
						Optional:  true,
						Sensitive: true,
					},
				},
				Validators: []validator.Object{objectvalidator.ConflictsWith(path.MatchRoot("token"))},
			},
		},
	}
}

func (p *githubActionsProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data := &providerData{settings: p.settings, runners: runnerwatch.New(p.settings.clock, runnerwatch.Config{
		PollMin: p.settings.pollMin, PollMax: p.settings.pollMax, ReadWindow: runnerReadWindow,
		Log: func(ctx context.Context, msg string, fields map[string]any) { tflog.Warn(ctx, msg, fields) },
	})}
	clientCfg, diags := p.clientConfig(cfg)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	data.cfg = clientCfg
	data.configUnknown = cfg.APIVersion.IsUnknown() || cfg.Token.IsUnknown() || cfg.BaseURL.IsUnknown() ||
		cfg.AppAuth != nil && (cfg.AppAuth.ID.IsUnknown() || cfg.AppAuth.InstallationID.IsUnknown() || cfg.AppAuth.PEMFile.IsUnknown())
	resp.ResourceData = data
	resp.DataSourceData = data
}

// clientConfig resolves the provider block and its environment fallbacks. Missing credentials
// are not an error here: validate and plans that need no API call work without any.
func (p *githubActionsProvider) clientConfig(cfg providerModel) (client.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := client.Config{
		BaseURL:        stringOr(cfg.BaseURL, os.Getenv("GITHUB_BASE_URL")),
		APIVersion:     cfg.APIVersion.ValueString(),
		UserAgent:      "terraform-provider-githubactions/" + p.version,
		MaxRetries:     int(int64Or(cfg.MaxRetries, 3)),
		MaxConcurrent:  int(int64Or(cfg.MaxConcurrentRequests, 1)),
		WriteDelay:     time.Duration(int64Or(cfg.WriteDelayMS, 1000)) * time.Millisecond,
		Clock:          p.settings.clock,
		RetryWaitMin:   p.settings.retryWaitMin,
		RetryWaitMax:   p.settings.retryWaitMax,
		RequestTimeout: p.settings.reqTimeout,
		Logger:         apiLogger{},
	}
	if !cfg.ReadTimeout.IsNull() && !cfg.ReadTimeout.IsUnknown() {
		// Checked at validate time by durationValidator.
		out.ReadTimeout, _ = time.ParseDuration(cfg.ReadTimeout.ValueString())
	}
	if out.BaseURL != "" {
		if _, err := client.ParseBaseURL(out.BaseURL); err != nil {
			diags.AddAttributeError(path.Root("base_url"), "Invalid GitHub Base URL", err.Error())
		}
	}
	if cfg.APIVersion.IsUnknown() || cfg.Token.IsUnknown() || cfg.BaseURL.IsUnknown() {
		return out, diags
	}

	token, err := cleanToken(stringOr(cfg.Token, os.Getenv("GITHUB_TOKEN")))
	if err != nil {
		// Not attached to the token attribute: Terraform would print that source line, token included.
		diags.AddError("Invalid GitHub Token", err.Error())
	}
	// A token in the configuration beats App credentials from the environment; an app_auth
	// block together with a token is refused by the block's validator.
	if cfg.AppAuth == nil && cfg.Token.ValueString() != "" {
		out.Token = token
		return out, diags
	}
	app, err := appAuth(cfg.AppAuth)
	if err != nil {
		diags.AddAttributeError(path.Root("app_auth"), "Invalid GitHub App Authentication", err.Error())
	}
	if app != nil {
		out.App = app
	} else {
		out.Token = token
	}
	return out, diags
}

// cleanToken trims a token and rejects inner whitespace or control characters without ever
// repeating the token.
func cleanToken(raw string) (string, error) {
	token := strings.TrimSpace(raw)
	for _, r := range token {
		if r <= ' ' || r == 0x7f {
			return "", errors.New("the token contains whitespace or a control character inside it (was it pasted with a line break?); set it to the token alone. The value is not shown here because it is secret")
		}
	}
	return token, nil
}

// appAuth resolves the app_auth block with its environment fallbacks; nil means not configured.
func appAuth(m *appAuthModel) (*client.AppAuth, error) {
	var id, inst, pem string
	if m != nil {
		id, inst, pem = m.ID.ValueString(), m.InstallationID.ValueString(), m.PEMFile.ValueString()
	}
	id = firstNonEmpty(id, os.Getenv("GITHUB_APP_ID"))
	inst = firstNonEmpty(inst, os.Getenv("GITHUB_APP_INSTALLATION_ID"))
	pem = firstNonEmpty(pem, os.Getenv("GITHUB_APP_PEM_FILE"))
	if m == nil && (id == "" || inst == "" || pem == "") {
		return nil, nil
	}
	if id == "" || inst == "" || pem == "" {
		return nil, errors.New("app_auth needs id, installation_id and pem_file (or GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PEM_FILE)")
	}
	appID, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("app_auth.id %q is not a number", id)
	}
	instID, err := strconv.ParseInt(strings.TrimSpace(inst), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("app_auth.installation_id %q is not a number", inst)
	}
	key := []byte(pem)
	if !strings.Contains(pem, "-----BEGIN") {
		// The value is not echoed: it may be key material pasted without its PEM header.
		if key, err = os.ReadFile(strings.TrimSpace(pem)); err != nil {
			return nil, errors.New("app_auth.pem_file (or GITHUB_APP_PEM_FILE) is neither PEM text nor the path of a readable file")
		}
	}
	return &client.AppAuth{AppID: appID, InstallationID: instID, PrivateKeyPEM: key}, nil
}

func (p *githubActionsProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewHostedRunnerResource,
		NewCustomImageResource,
		NewCustomImageVersionResource,
		NewBudgetResource,
		NewNetworkConfigurationResource,
		NewRunnerGroupResource,
		NewRunnerGroupRepositoryResource,
		NewRunnerGroupOrganizationResource,
		NewSelfHostedRunnerPolicyResource,
	}
}

func (p *githubActionsProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewActionsUsageDataSource,
		NewBudgetsDataSource,
		NewHostedRunnerDataSource,
		NewHostedRunnersDataSource,
		NewRunnerImagesDataSource,
		NewRunnerImageDataSource,
		NewCustomImagesDataSource,
		NewCustomImageDataSource,
		NewCustomImageVersionsDataSource,
		NewCustomImageVersionDataSource,
		NewMachineSizesDataSource,
		NewMachineSizeDataSource,
		NewPlatformsDataSource,
		NewLimitsDataSource,
		NewRunnerGroupDataSource,
		NewRunnerGroupsDataSource,
		NewNetworkConfigurationDataSource,
		NewNetworkConfigurationsDataSource,
		NewNetworkSettingsDataSource,
		NewSelfHostedRunnerPolicyDataSource,
	}
}

// providerData is what resources and data sources receive: the resolved configuration and a
// client built on first use, so that a missing credential is reported only when the API is needed.
type providerData struct {
	settings      settings
	cfg           client.Config
	configUnknown bool // Terraform knows the credentials or API root only at apply

	once    sync.Once
	client  *client.Client
	err     error
	reports failureReports // the causes of failure this run has reported (failure_reports.go)

	runners *runnerwatch.Engine // shared reads and waits of runners, per scope
	lists   networkLists        // shared reads of runner groups and network configurations (runner_group_cache.go)
	claims  staticIPClaims      // the runners this run's plans give static IPs, per scope (hosted_runner_catalog_check.go)
}

// build returns the shared API client, built on first use, or a diagnostic saying how to
// supply credentials. When it cannot be built, every caller gets the error, and repeat tells a
// caller whether an earlier caller of this run already got it.
func (d *providerData) build() (c *client.Client, diags diag.Diagnostics, repeat bool) {
	d.once.Do(func() { d.client, d.err = client.New(d.cfg) })
	if d.err != nil {
		repeat = !d.reports.first("client")
		diags.AddError("Unable to Create GitHub Client", d.err.Error())
	}
	return d.client, diags, repeat
}

func stringOr(v types.String, fallback string) string {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return fallback
	}
	return v.ValueString()
}

func int64Or(v wholeNumberValue, fallback int64) int64 {
	if v.IsNull() || v.IsUnknown() {
		return fallback
	}
	return v.ValueInt64()
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
