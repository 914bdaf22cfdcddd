package mockgithub

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Runner status values, as the actions-hosted-runner schema enumerates them.
const (
	StatusReady        = "Ready"
	StatusProvisioning = "Provisioning"
	StatusShutdown     = "Shutdown"
	StatusDeleting     = "Deleting"
	StatusStuck        = "Stuck"
)

// Runner is a hosted runner as tests see it. Status and PublicIPs are evaluated when the
// runner is read; the other fields are what was stored.
type Runner struct {
	ID             int64
	Name           string
	RunnerGroupID  int64
	ImageID        string // image id as sent ("ubuntu-latest", or a custom image id such as "1")
	ImageSource    string // github, partner or custom
	ImageVersion   string // custom image version; "" means latest
	Size           string // machine size id such as "4-core"
	Platform       string
	MaximumRunners int
	EnableStaticIP bool
	PublicIPs      []PublicIP
	ImageGen       bool
	Status         string
	CreatedAt      time.Time
}

// PublicIP is one static public IP range of a runner (schema public-ip).
type PublicIP struct {
	Enabled bool   `json:"enabled"`
	Prefix  string `json:"prefix"`
	Length  int    `json:"length"`
}

// CustomImage is a custom image definition (schema actions-hosted-runner-custom-image).
// VersionsCount, TotalVersionsSize and LatestVersion are computed from its versions when
// read; LatestVersion is the highest version in state Ready ("" when there is none).
type CustomImage struct {
	ID                int64  `json:"id"`
	Platform          string `json:"platform"`
	TotalVersionsSize int    `json:"total_versions_size"`
	Name              string `json:"name"`
	Source            string `json:"source"`
	VersionsCount     int    `json:"versions_count"`
	LatestVersion     string `json:"latest_version"`
	State             string `json:"state"`
}

// CustomImageVersion is one version of a custom image (schema
// actions-hosted-runner-custom-image-version).
type CustomImageVersion struct {
	Version      string `json:"version"`
	State        string `json:"state"`
	SizeGB       int    `json:"size_gb"`
	CreatedOn    string `json:"created_on"`
	StateDetails string `json:"state_details"`
}

// curatedImage is a github-owned or partner image (schema actions-hosted-runner-curated-image).
type curatedImage struct {
	ID          string `json:"id"`
	Platform    string `json:"platform"`
	SizeGB      int    `json:"size_gb"`
	DisplayName string `json:"display_name"`
	Source      string `json:"source"`
}

// machineSpec is a machine size (schema actions-hosted-runner-machine-spec).
type machineSpec struct {
	ID        string `json:"id"`
	CPUCores  int    `json:"cpu_cores"`
	MemoryGB  int    `json:"memory_gb"`
	StorageGB int    `json:"storage_gb"`
}

// imageDetails is a runner's image (schema nullable-actions-hosted-runner-pool-image).
type imageDetails struct {
	ID          string `json:"id"`
	SizeGB      int    `json:"size_gb"`
	DisplayName string `json:"display_name"`
	Source      string `json:"source"`
	Version     string `json:"version"`
}

// The seeded catalog, the same in every scope.
var (
	githubImages = []curatedImage{
		{"ubuntu-latest", "linux-x64", 86, "Ubuntu Latest (24.04)", "github"},
		{"ubuntu-24.04", "linux-x64", 86, "Ubuntu 24.04", "github"},
		{"ubuntu-22.04", "linux-x64", 86, "Ubuntu 22.04", "github"},
		{"ubuntu-24.04-arm", "linux-arm64", 86, "Ubuntu 24.04 (ARM64)", "github"},
		{"windows-latest", "win-x64", 256, "Windows Latest (Server 2022)", "github"},
		{"windows-2022", "win-x64", 256, "Windows Server 2022", "github"},
	}
	partnerImages = []curatedImage{
		{"partner-docker-ubuntu-22.04", "linux-x64", 90, "Docker Ubuntu 22.04", "partner"},
		{"partner-nvidia-ubuntu-22.04", "linux-x64", 120, "NVIDIA GPU Ubuntu 22.04", "partner"},
		{"partner-docker-ubuntu-22.04-arm", "linux-arm64", 90, "Docker Ubuntu 22.04 (ARM64)", "partner"},
	}
	machineSpecs = []machineSpec{
		{"2-core", 2, 8, 75},
		{"4-core", 4, 16, 150},
		{"8-core", 8, 32, 300},
		{"16-core", 16, 64, 600},
		{"32-core", 32, 128, 1200},
		{"64-core", 64, 256, 2040},
	}
	platforms = []string{"linux-x64", "linux-arm64", "win-x64"}
)

// publicIPMaximum is every scope's static public IP limit.
const publicIPMaximum = 50

// runner is a stored runner with its lifecycle timestamps.
type runner struct {
	spec     Runner       // stored fields; spec.Status and spec.PublicIPs are not used
	image    imageDetails // snapshot taken when the image was chosen
	readyAt  time.Time    // Provisioning until then
	ipAt     time.Time    // public_ips empty until then
	ips      []PublicIP   // allocated when static IP was enabled
	ipGen    int          // how many times the range moved (Config.ReprovisionMovesStaticIPs)
	deleting bool
	goneAt   time.Time // with deleting: removed once reached
	pinned   string    // status forced by SetRunnerStatus
}

// customImage is a stored custom image definition with its versions.
type customImage struct {
	def      CustomImage
	versions map[string]CustomImageVersion
}

// scope is one organization or enterprise.
type scope struct {
	enterprise bool
	runners    map[int64]*runner
	images     map[int64]*customImage
	owner      string         // the organization or enterprise name as configured
	ownerID    int64          // an organization's id (access.go)
	repos      []Repository   // an organization's repositories, by id (access.go)
	orgs       []Organization // an enterprise's organizations, by id (access.go)
	groups     groupStore     // runner_groups.go
	network    networkStore   // network_configurations.go
	budgets    budgetStore    // budgets.go
	usage      usageStore     // usage.go

	selfHosted SelfHostedRunnerPolicy // self_hosted_runner_policy.go
	repoStates map[int64]*repoState   // repositories.go
}

// newScope returns an organization's scope seeded with the two custom images every scope
// starts with; an enterprise's sets enterprise.
func newScope(created time.Time) *scope {
	s := &scope{runners: map[int64]*runner{}, images: map[int64]*customImage{}}
	day := func(d int) string { return created.AddDate(0, 0, d-30).UTC().Format(time.RFC3339) }
	s.images[1] = &customImage{
		def: CustomImage{ID: 1, Name: "ci-base", Platform: "linux-x64", Source: "custom", State: "Ready"},
		versions: map[string]CustomImageVersion{
			"1.0.0": {Version: "1.0.0", State: "Ready", SizeGB: 30, CreatedOn: day(0), StateDetails: "None"},
			"1.1.0": {Version: "1.1.0", State: "Ready", SizeGB: 32, CreatedOn: day(10), StateDetails: "None"},
			"1.2.0": {Version: "1.2.0", State: "Failed", SizeGB: 0, CreatedOn: day(20),
				StateDetails: "Image generation failed: the customization script exited with code 1"},
		},
	}
	s.images[2] = &customImage{
		def: CustomImage{ID: 2, Name: "win-build", Platform: "win-x64", Source: "custom", State: "Ready"},
		versions: map[string]CustomImageVersion{
			"1.0.0": {Version: "1.0.0", State: "Ready", SizeGB: 120, CreatedOn: day(5), StateDetails: "None"},
		},
	}
	return s
}

// defaultMaximumRunners is the maximum_runners stored when a create leaves it out.
func (s *scope) defaultMaximumRunners() int {
	if s.enterprise {
		return 50
	}
	return 10
}

// sweep removes runners whose deletion delay has passed.
func (s *scope) sweep(now time.Time) {
	for id, r := range s.runners {
		if r.deleting && r.pinned == "" && !now.Before(r.goneAt) {
			delete(s.runners, id)
		}
	}
}

// sortedRunners returns the scope's runners by id.
func (s *scope) sortedRunners() []*runner {
	out := make([]*runner, 0, len(s.runners))
	for _, r := range s.runners {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].spec.ID < out[j].spec.ID })
	return out
}

// publicIPUsage is current_usage: the base usage plus every runner holding a static IP.
func (s *scope) publicIPUsage(base int) int {
	n := base
	for _, r := range s.runners {
		if r.spec.EnableStaticIP {
			n++
		}
	}
	return n
}

// nameTaken reports whether another runner than except already has name.
func (s *scope) nameTaken(name string, except int64) bool {
	for id, r := range s.runners {
		if id != except && r.spec.Name == name {
			return true
		}
	}
	return false
}

// status evaluates a runner's status at now.
func (r *runner) status(now time.Time) string {
	switch {
	case r.pinned != "":
		return r.pinned
	case r.deleting:
		return StatusDeleting
	case now.Before(r.readyAt):
		return StatusProvisioning
	default:
		return StatusReady
	}
}

// publicIPs evaluates a runner's public_ips at now (never nil).
func (r *runner) publicIPs(now time.Time) []PublicIP {
	if !r.spec.EnableStaticIP || now.Before(r.ipAt) {
		return []PublicIP{}
	}
	return append([]PublicIP{}, r.ips...)
}

// view returns the runner as tests see it at now.
func (r *runner) view(now time.Time) Runner {
	v := r.spec
	v.Status = r.status(now)
	v.PublicIPs = r.publicIPs(now)
	return v
}

// enableStaticIP allocates the runner's IP range (a new one for each ipGen), visible once
// delay has passed from now.
func (r *runner) enableStaticIP(now time.Time, delay time.Duration) {
	id := r.spec.ID
	r.spec.EnableStaticIP = true
	r.ipAt = now.Add(delay)
	r.ips = []PublicIP{{Enabled: true, Prefix: fmt.Sprintf("20.%d.%d.%d", 80+r.ipGen%100, (id>>4)&255, (id&15)<<4), Length: 28}}
}

// view returns the image definition with its computed fields filled in.
func (c *customImage) view() CustomImage {
	d := c.def
	d.Source = "custom"
	d.VersionsCount = len(c.versions)
	d.TotalVersionsSize = 0
	d.LatestVersion = ""
	for _, v := range c.versions {
		d.TotalVersionsSize += v.SizeGB
		if v.State == "Ready" && (d.LatestVersion == "" || versionLess(d.LatestVersion, v.Version)) {
			d.LatestVersion = v.Version
		}
	}
	return d
}

// sortedVersions returns the versions newest first.
func (c *customImage) sortedVersions() []CustomImageVersion {
	out := make([]CustomImageVersion, 0, len(c.versions))
	for _, v := range c.versions {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return versionLess(out[j].Version, out[i].Version) })
	return out
}

// versionLess orders dotted numeric versions ("1.10.0" after "1.9.0").
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, errX := strconv.Atoi(as[i])
		y, errY := strconv.Atoi(bs[i])
		if errX != nil || errY != nil {
			if as[i] != bs[i] {
				return as[i] < bs[i]
			}
			continue
		}
		if x != y {
			return x < y
		}
	}
	return len(as) < len(bs)
}

// findCurated looks an image id up in a curated list.
func findCurated(list []curatedImage, id string) (curatedImage, bool) {
	for _, img := range list {
		if img.ID == id {
			return img, true
		}
	}
	return curatedImage{}, false
}

// findSpec looks a machine size up by id.
func findSpec(id string) (machineSpec, bool) {
	for _, s := range machineSpecs {
		if s.ID == id {
			return s, true
		}
	}
	return machineSpec{}, false
}

// resolveImage finds the image a runner asks for in its scope. It returns the image
// details snapshot and platform, or which part of the request is wrong ("id", "source"
// or "version") and why.
func (s *scope) resolveImage(id, source, version string) (details imageDetails, platform, part, reason string) {
	if source != "custom" && version != "" {
		return details, "", "version", "A version can only be given for custom images."
	}
	switch source {
	case "github", "partner":
		list := githubImages
		if source == "partner" {
			list = partnerImages
		}
		img, ok := findCurated(list, id)
		if !ok {
			return details, "", "id", fmt.Sprintf("Image %q is not an available %s image.", id, source)
		}
		return imageDetails{ID: img.ID, SizeGB: img.SizeGB, DisplayName: img.DisplayName, Source: source, Version: "latest"}, img.Platform, "", ""
	case "custom":
		n, err := strconv.ParseInt(id, 10, 64)
		c, ok := s.images[n]
		if err != nil || !ok {
			return details, "", "id", fmt.Sprintf("Custom image %q does not exist.", id)
		}
		shown := version
		if shown == "" {
			shown = c.view().LatestVersion
		}
		v, ok := c.versions[shown]
		if version != "" && !ok {
			return details, "", "version", fmt.Sprintf("Custom image %q has no version %q.", id, version)
		}
		if version == "" {
			shown = "latest"
		}
		return imageDetails{ID: id, SizeGB: v.SizeGB, DisplayName: c.def.Name, Source: source, Version: shown}, c.def.Platform, "", ""
	default:
		return details, "", "source", fmt.Sprintf("Image source %q is not one of github, partner, custom.", source)
	}
}

// scopeOf returns the scope named by a test ("orgs/<org>" or "enterprises/<enterprise>",
// any case), or nil. Call with m.mu held.
func (m *Mock) scopeOf(key string) *scope {
	s := m.scopes[strings.ToLower(key)]
	if s != nil {
		s.sweep(m.clock.Now())
	}
	return s
}

// mustScope is scopeOf for seeding helpers, which panic on an unknown scope.
func (m *Mock) mustScope(key string) *scope {
	s := m.scopeOf(key)
	if s == nil {
		panic(fmt.Sprintf("mockgithub: unknown scope %q", key))
	}
	return s
}

// customImagesOf returns a scope's image definitions by id.
func (m *Mock) customImagesOf(s *scope) []CustomImage {
	out := make([]CustomImage, 0, len(s.images))
	for _, c := range s.images {
		out = append(out, c.view())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Runners returns a scope's runners sorted by id, with status evaluated now
// (nil for an unknown scope).
func (m *Mock) Runners(scope string) []Runner {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil {
		return nil
	}
	now := m.clock.Now()
	var out []Runner
	for _, r := range s.sortedRunners() {
		out = append(out, r.view(now))
	}
	return out
}

// Runner returns one runner of a scope, with status evaluated now.
func (m *Mock) Runner(scope string, id int64) (Runner, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil || s.runners[id] == nil {
		return Runner{}, false
	}
	return s.runners[id].view(m.clock.Now()), true
}

// AddRunner stores a runner directly, without a request, and returns it as stored.
// It assigns an ID when r.ID is 0, defaults ImageSource to "github", MaximumRunners to the
// scope's default, CreatedAt to now and Platform to the image's; the runner is Ready at
// once, and a non-empty Status other than Ready is pinned as by SetRunnerStatus. With
// EnableStaticIP, PublicIPs (or an allocated range when empty) is visible at once. The
// image and size are not validated. It panics on an unknown scope.
func (m *Mock) AddRunner(scope string, r Runner) Runner {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.mustScope(scope)
	now := m.clock.Now()
	if r.ID == 0 {
		r.ID = m.nextRunnerID
	}
	m.nextRunnerID = max(m.nextRunnerID, r.ID+1)
	if r.ImageSource == "" {
		r.ImageSource = "github"
	}
	if r.MaximumRunners == 0 {
		r.MaximumRunners = s.defaultMaximumRunners()
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = now
	}
	details, platform, _, reason := s.resolveImage(r.ImageID, r.ImageSource, r.ImageVersion)
	if reason != "" {
		shown := r.ImageVersion
		if shown == "" {
			shown = "latest"
		}
		details = imageDetails{ID: r.ImageID, DisplayName: r.ImageID, Source: r.ImageSource, Version: shown}
	}
	if r.Platform == "" {
		r.Platform = platform
	}
	stored := &runner{spec: r, image: details, readyAt: now}
	if r.Status != "" && r.Status != StatusReady {
		stored.pinned = r.Status
	}
	if r.EnableStaticIP {
		stored.enableStaticIP(now, 0)
		if len(r.PublicIPs) > 0 {
			stored.ips = append([]PublicIP(nil), r.PublicIPs...)
		}
	}
	stored.spec.Status, stored.spec.PublicIPs = "", nil
	s.runners[r.ID] = stored
	return stored.view(now)
}

// RemoveRunner deletes a runner out of band, at once, and reports whether it existed.
func (m *Mock) RemoveRunner(scope string, id int64) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil || s.runners[id] == nil {
		return false
	}
	delete(s.runners, id)
	return true
}

// SetRunnerStatus pins a runner's status (for example "Stuck") until it is set again;
// "" unpins it. A DELETE clears any pin but "Deleting"; a runner pinned "Deleting" is
// never removed by its deletion delay while the pin holds.
func (m *Mock) SetRunnerStatus(scope string, id int64, status string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s := m.scopeOf(scope); s != nil && s.runners[id] != nil {
		s.runners[id].pinned = status
	}
}

// AddCustomImage adds (or replaces) an image definition in a scope. ID 0 takes the next
// free id, State "" means "Ready"; the computed fields are ignored. It panics on an
// unknown scope.
func (m *Mock) AddCustomImage(scope string, img CustomImage) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.mustScope(scope)
	if img.ID == 0 {
		for id := range s.images {
			img.ID = max(img.ID, id)
		}
		img.ID++
	}
	if img.State == "" {
		img.State = "Ready"
	}
	versions := map[string]CustomImageVersion{}
	if old := s.images[img.ID]; old != nil {
		versions = old.versions
	}
	s.images[img.ID] = &customImage{def: img, versions: versions}
}

// AddCustomImageVersion adds (or replaces) a version of an image definition. State ""
// means "Ready", StateDetails "" means "None", CreatedOn "" means now. It panics on an
// unknown scope or image.
func (m *Mock) AddCustomImageVersion(scope string, id int64, v CustomImageVersion) {
	m.mu.Lock()
	defer m.mu.Unlock()
	img := m.mustScope(scope).images[id]
	if img == nil {
		panic(fmt.Sprintf("mockgithub: unknown custom image %d in %q", id, scope))
	}
	if v.State == "" {
		v.State = "Ready"
	}
	if v.StateDetails == "" {
		v.StateDetails = "None"
	}
	if v.CreatedOn == "" {
		v.CreatedOn = m.clock.Now().UTC().Format(time.RFC3339)
	}
	img.versions[v.Version] = v
}

// CustomImages returns a scope's image definitions by id, computed fields filled in.
func (m *Mock) CustomImages(scope string) []CustomImage {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil {
		return nil
	}
	return m.customImagesOf(s)
}

// CustomImageVersions returns an image definition's versions, newest first.
func (m *Mock) CustomImageVersions(scope string, id int64) []CustomImageVersion {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil || s.images[id] == nil {
		return nil
	}
	return s.images[id].sortedVersions()
}

// StartDeletion deletes a runner as an accepted DELETE does, out of band: it is Deleting
// until the deletion delay has passed, then gone. It reports whether the runner exists.
func (m *Mock) StartDeletion(scope string, id int64) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.scopeOf(scope)
	if s == nil || s.runners[id] == nil {
		return false
	}
	if r := s.runners[id]; !r.deleting {
		r.deleting, r.goneAt = true, m.clock.Now().Add(m.cfg.DeleteDelay)
	}
	return true
}
