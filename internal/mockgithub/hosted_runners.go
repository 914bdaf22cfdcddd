package mockgithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"time"
)

// runnersDocs is the documentation link of the hosted runner error bodies.
const runnersDocs = "https://docs.github.com/rest/actions/hosted-runners"

// runnerBody is the actions-hosted-runner schema.
type runnerBody struct {
	ID                 int64         `json:"id"`
	Name               string        `json:"name"`
	RunnerGroupID      int64         `json:"runner_group_id"`
	ImageDetails       *imageDetails `json:"image_details"`
	MachineSizeDetails machineSpec   `json:"machine_size_details"`
	Status             string        `json:"status"`
	Platform           string        `json:"platform"`
	MaximumRunners     int           `json:"maximum_runners"`
	PublicIPEnabled    bool          `json:"public_ip_enabled"`
	PublicIPs          []PublicIP    `json:"public_ips"`
	LastActiveOn       *string       `json:"last_active_on"`
	ImageGen           bool          `json:"image_gen"`
}

// body renders a runner at now.
func (r *runner) body(now time.Time) runnerBody {
	spec, ok := findSpec(r.spec.Size)
	if !ok {
		spec = machineSpec{ID: r.spec.Size}
	}
	img := r.image
	return runnerBody{
		ID:                 r.spec.ID,
		Name:               r.spec.Name,
		RunnerGroupID:      r.spec.RunnerGroupID,
		ImageDetails:       &img,
		MachineSizeDetails: spec,
		Status:             r.status(now),
		Platform:           r.spec.Platform,
		MaximumRunners:     r.spec.MaximumRunners,
		PublicIPEnabled:    r.spec.EnableStaticIP,
		PublicIPs:          r.publicIPs(now),
		ImageGen:           r.spec.ImageGen,
	}
}

func (m *Mock) listRunners(c *call) { c.setRunnerPage(c.scope.sortedRunners()) }

// setRunnerPage answers {total_count, runners} with the requested page of all.
func (c *call) setRunnerPage(all []*runner) {
	runners := []runnerBody{}
	for _, r := range pageOf(c, all) {
		runners = append(runners, r.body(c.now))
	}
	c.res.setJSON(http.StatusOK, struct {
		TotalCount int          `json:"total_count"`
		Runners    []runnerBody `json:"runners"`
	}{len(all), runners})
}

// runner returns the runner of the path, or answers 404.
func (c *call) runner() *runner {
	r := c.scope.runners[c.pathInt("hosted_runner_id")]
	if r == nil {
		c.notFound()
	}
	return r
}

func (m *Mock) getRunner(c *call) {
	r := c.runner()
	if r == nil {
		return
	}
	c.res.setJSON(http.StatusOK, r.body(c.now))
}

func (m *Mock) deleteRunner(c *call) {
	r := c.runner()
	if r == nil {
		return
	}
	if !r.deleting {
		r.deleting = true
		r.goneAt = c.now.Add(m.cfg.DeleteDelay)
		if r.pinned != StatusDeleting {
			r.pinned = ""
		}
	}
	c.res.setJSON(http.StatusAccepted, r.body(c.now))
	c.scope.sweep(c.now)
}

// namePattern is the rule for runner names.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// checkName validates a runner name and, unless Config.AllowDuplicateNames, its uniqueness
// in the scope among the runners other than self.
func (m *Mock) checkName(v *validation, s *scope, name string, self int64) {
	switch {
	case !namePattern.MatchString(name):
		v.add("name", "invalid", "Name must be between 1 and 64 characters and may only contain upper and lowercase letters a-z, numbers 0-9, '.', '-', and '_'.")
	case !m.cfg.AllowDuplicateNames && s.nameTaken(name, self):
		v.add("name", "already_exists", fmt.Sprintf("A hosted runner named %q already exists.", name))
	}
}

// checkImage resolves the image spec names and sets its platform, recording why the image
// cannot be used under the field label+part; it returns the image's details.
func (v *validation) checkImage(s *scope, spec *Runner, label string) imageDetails {
	details, platform, part, reason := s.resolveImage(spec.ImageID, spec.ImageSource, spec.ImageVersion)
	spec.Platform = platform
	if reason != "" {
		v.add(label+part, "invalid", reason)
	}
	return details
}

// checkSize validates a machine size id.
func (v *validation) checkSize(size string) {
	if _, ok := findSpec(size); !ok {
		v.add("size", "invalid", fmt.Sprintf("Size %q is not an available machine size.", size))
	}
}

// checkGroup validates a runner group id against the scope's groups.
func (v *validation) checkGroup(s *scope, id int64) {
	if s.groups.byID[id] == nil {
		v.add("runner_group_id", "invalid", fmt.Sprintf("Runner group %d does not exist.", id))
	}
}

// checkMaximum validates maximum_runners.
func (v *validation) checkMaximum(n int) {
	if n < 1 {
		v.add("maximum_runners", "invalid", "Maximum runners must be at least 1.")
	}
}

// checkStaticIP validates that one more static IP fits the scope's limit.
func (v *validation) checkStaticIP(s *scope, base int) {
	if used := s.publicIPUsage(base); used+1 > publicIPMaximum {
		v.add("enable_static_ip", "custom", fmt.Sprintf("Static public IP limit reached: %d of %d in use.", used, publicIPMaximum))
	}
}

func (m *Mock) createRunner(c *call) {
	obj, ok := decodeObject(c.body)
	if !ok {
		c.badJSON()
		return
	}
	v := &validation{}
	spec := Runner{ImageSource: "github", MaximumRunners: c.scope.defaultMaximumRunners(), CreatedAt: c.now}
	if v.decode(obj, "name", "name", &spec.Name) {
		m.checkName(v, c.scope, spec.Name, 0)
	} else {
		v.require(obj, "name", "name")
	}
	var image map[string]json.RawMessage
	var details imageDetails
	if v.decode(obj, "image", "image", &image) {
		before := len(v.errs)
		if !v.decode(image, "id", "image.id", &spec.ImageID) {
			v.require(image, "id", "image.id")
		}
		v.decode(image, "source", "image.source", &spec.ImageSource)
		v.decodeNullable(image, "version", "image.version", &spec.ImageVersion)
		if len(v.errs) == before {
			details = v.checkImage(c.scope, &spec, "image.")
		}
	} else {
		v.require(obj, "image", "image")
	}
	if v.decode(obj, "size", "size", &spec.Size) {
		v.checkSize(spec.Size)
	} else {
		v.require(obj, "size", "size")
	}
	if v.decode(obj, "runner_group_id", "runner_group_id", &spec.RunnerGroupID) {
		v.checkGroup(c.scope, spec.RunnerGroupID)
	} else {
		v.require(obj, "runner_group_id", "runner_group_id")
	}
	if v.decode(obj, "maximum_runners", "maximum_runners", &spec.MaximumRunners) {
		v.checkMaximum(spec.MaximumRunners)
	}
	if v.decode(obj, "enable_static_ip", "enable_static_ip", &spec.EnableStaticIP) && spec.EnableStaticIP {
		v.checkStaticIP(c.scope, m.cfg.PublicIPBaseUsage)
	}
	v.decode(obj, "image_gen", "image_gen", &spec.ImageGen)
	if len(v.errs) > 0 {
		c.invalidAs("HostedRunner", runnersDocs, v)
		return
	}
	spec.ID = m.nextRunnerID
	m.nextRunnerID++
	r := &runner{spec: spec, image: details, readyAt: c.now.Add(m.cfg.ProvisionDelay)}
	if spec.EnableStaticIP {
		r.enableStaticIP(c.now, m.cfg.StaticIPDelay)
	}
	c.scope.runners[spec.ID] = r
	c.res.setJSON(http.StatusCreated, r.body(c.now))
}

func (m *Mock) updateRunner(c *call) {
	r := c.runner()
	if r == nil {
		return
	}
	obj, ok := decodeObject(c.body)
	if !ok {
		c.badJSON()
		return
	}
	v := &validation{}
	if r.deleting {
		v.add("id", "custom", "The hosted runner is being deleted.")
		c.invalidAs("HostedRunner", runnersDocs, v)
		return
	}
	next := r.spec
	if v.decode(obj, "name", "name", &next.Name) {
		m.checkName(v, c.scope, next.Name, next.ID)
	}
	if v.decode(obj, "runner_group_id", "runner_group_id", &next.RunnerGroupID) {
		v.checkGroup(c.scope, next.RunnerGroupID)
	}
	if v.decode(obj, "maximum_runners", "maximum_runners", &next.MaximumRunners) {
		v.checkMaximum(next.MaximumRunners)
	}
	if v.decode(obj, "size", "size", &next.Size) {
		v.checkSize(next.Size)
	}
	if v.decode(obj, "enable_static_ip", "enable_static_ip", &next.EnableStaticIP) && next.EnableStaticIP && !r.spec.EnableStaticIP {
		v.checkStaticIP(c.scope, m.cfg.PublicIPBaseUsage)
	}
	v.decode(obj, "image_gen", "image_gen", &next.ImageGen)
	details := r.image
	_, hasID := obj["image_id"]
	_, hasSource := obj["image_source"]
	_, hasVersion := obj["image_version"]
	if hasID || hasSource || hasVersion {
		before := len(v.errs)
		next.ImageVersion = "" // absent or null: the latest version
		v.decode(obj, "image_id", "image_id", &next.ImageID)
		v.decode(obj, "image_source", "image_source", &next.ImageSource)
		v.decodeNullable(obj, "image_version", "image_version", &next.ImageVersion)
		if len(v.errs) == before {
			details = v.checkImage(c.scope, &next, "image_")
		}
	}
	if len(v.errs) > 0 {
		c.invalidAs("HostedRunner", runnersDocs, v)
		return
	}
	reprovisioned := next.Size != r.spec.Size || next.ImageGen != r.spec.ImageGen ||
		next.ImageID != r.spec.ImageID || next.ImageSource != r.spec.ImageSource || next.ImageVersion != r.spec.ImageVersion
	if reprovisioned {
		r.readyAt = c.now.Add(m.cfg.ProvisionDelay)
	}
	switch {
	case next.EnableStaticIP && !r.spec.EnableStaticIP:
		r.enableStaticIP(c.now, m.cfg.StaticIPDelay)
	case next.EnableStaticIP && reprovisioned && m.cfg.ReprovisionMovesStaticIPs:
		r.ipGen++
		r.enableStaticIP(c.now, m.cfg.StaticIPDelay)
	case !next.EnableStaticIP:
		r.ips = nil
	}
	r.spec = next
	r.image = details
	c.res.setJSON(http.StatusOK, r.body(c.now))
}
