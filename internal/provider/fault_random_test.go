package provider

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// faultSeedVariable names the environment variable that replays a randomized fault run.
const faultSeedVariable = "GITHUBACTIONS_FAULT_SEED"

// randomFault is one misbehaviour of a randomized run: what it is, and how to start it.
type randomFault struct {
	name   string
	inject func(e *testEnv, rng *rand.Rand)
}

// randomFaults are the misbehaviours a randomized run draws from: 5xx answers, writes whose
// answer is lost after GitHub committed them, rate limits, latency and out-of-band changes.
var randomFaults = []randomFault{
	{"5xx on any request", func(e *testEnv, rng *rand.Rand) {
		e.Mock.Inject(mockgithub.Fault{After: rng.IntN(4), Times: 1 + rng.IntN(2), Status: http.StatusBadGateway})
	}},
	{"create committed, answer lost", func(e *testEnv, _ *rand.Rand) {
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodPost, Path: runnersPath, Times: 1, Commit: true, Status: http.StatusBadGateway})
	}},
	{"update committed, answer lost", func(e *testEnv, _ *rand.Rand) {
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodPatch, Path: runnerPath, Times: 1, Commit: true, Drop: true})
	}},
	{"delete committed, answer lost", func(e *testEnv, _ *rand.Rand) {
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodDelete, Path: runnerPath, Times: 1, Commit: true, Status: http.StatusServiceUnavailable})
	}},
	{"secondary rate limit on a write", func(e *testEnv, rng *rand.Rand) {
		e.Mock.Inject(mockgithub.Fault{Method: []string{http.MethodPost, http.MethodPatch, http.MethodDelete}[rng.IntN(3)], Times: 1,
			Status: http.StatusForbidden, Body: secondaryBody, Header: http.Header{"Retry-After": {strconv.Itoa(1 + rng.IntN(60))}}})
	}},
	{"latency on reads", func(e *testEnv, _ *rand.Rand) {
		e.Mock.Inject(mockgithub.Fault{Method: http.MethodGet, Times: 3, Delay: 200 * time.Millisecond})
	}},
	{"one of our runners deleted out of band", func(e *testEnv, rng *rand.Rand) {
		var ours []mockgithub.Runner
		for _, r := range e.Mock.Runners(orgScope) {
			if strings.HasPrefix(r.Name, "rand-") {
				ours = append(ours, r)
			}
		}
		if len(ours) > 0 {
			e.Mock.RemoveRunner(orgScope, ours[rng.IntN(len(ours))].ID)
		}
	}},
}

// randomRunnersConfig renders up to three runners named rand-0..rand-2, each present or not,
// with a random size and maximum_runners.
func randomRunnersConfig(e *testEnv, rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString(faultProvider(e, ""))
	for i := range 3 {
		if rng.IntN(3) == 0 {
			continue
		}
		b.WriteString(resourceBlock("githubactions_hosted_runner", fmt.Sprintf("rand_%d", i), scopeCases[0],
			fmt.Sprintf(`name            = "rand-%d"`, i),
			`image           = { id = "ubuntu-latest" }`,
			fmt.Sprintf("size            = %q", []string{"2-core", "4-core"}[rng.IntN(2)]),
			fmt.Sprintf("maximum_runners = %d", 1+rng.IntN(5))))
	}
	return b.String()
}

// checkUntouched fails when a request other than a read reached the runner that is not ours,
// or when it changed or went.
func checkUntouched(e *testEnv, foreign mockgithub.Runner) resource.TestCheckFunc {
	return func(*terraform.State) error {
		own := regexp.MustCompile(fmt.Sprintf(`/hosted-runners/%d$`, foreign.ID))
		for _, r := range e.Mock.Requests() {
			if r.Method != http.MethodGet && own.MatchString(r.Path) {
				return fmt.Errorf("%s %s touched the runner that is not ours", r.Method, r.Path)
			}
		}
		now, ok := e.Mock.Runner(orgScope, foreign.ID)
		if !ok || now.Name != foreign.Name || now.Size != foreign.Size || now.MaximumRunners != foreign.MaximumRunners {
			return fmt.Errorf("the runner that is not ours is now %+v (present: %v), was %+v", now, ok, foreign)
		}
		return nil
	}
}

// TestAccFaultRandomizedApplies is a short randomized run: each round draws a configuration of
// up to three runners and a fault (randomFaults), applies under the fault (which may fail), then
// applies the same configuration without faults, which must converge to an empty plan, with
// every runner in the mock in state and none twice, none touched that is not ours, and the
// mock's caps kept. The seed is logged; set GITHUBACTIONS_FAULT_SEED to replay a run.
func TestAccFaultRandomizedApplies(t *testing.T) {
	t.Parallel()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(faultSeedVariable); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("%s=%q is not a seed: %v", faultSeedVariable, s, err)
		}
	}
	t.Logf("seed %d: replay with %s=%d", seed, faultSeedVariable, seed)
	rng := rand.New(rand.NewPCG(seed, seed>>1|1))
	e, _ := newFaultEnv(t, mockgithub.Config{})
	foreign := e.Mock.AddRunner(orgScope, mockgithub.Runner{Name: "not-ours", ImageID: "ubuntu-latest", Size: "2-core", MaximumRunners: 2})
	invariants := resource.ComposeTestCheckFunc(checkInvariantsExcept(e, map[int64]bool{foreign.ID: true}), checkUntouched(e, foreign))

	const rounds = 4
	faulty := false
	var drawn []string
	var steps []resource.TestStep
	for range rounds {
		config := randomRunnersConfig(e, rng)
		fault := randomFaults[rng.IntN(len(randomFaults))]
		faultSeed := rng.Uint64()
		drawn = append(drawn, fault.name)
		steps = append(steps,
			resource.TestStep{
				PreConfig: func() {
					faulty = true
					fault.inject(e, rand.New(rand.NewPCG(faultSeed, 1)))
				},
				Config: config,
			},
			resource.TestStep{
				PreConfig: func() {
					faulty = false
					e.Mock.ClearFaults()
				},
				Config: config,
				Check:  invariants,
			},
		)
	}
	t.Logf("faults drawn: %s", strings.Join(drawn, "; "))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		// An apply under a fault may fail (that is allowed, losing nothing is what is checked
		// after the fault-free apply); a fault-free one may not.
		ErrorCheck: func(err error) error {
			if faulty {
				t.Logf("an apply under a fault failed (allowed): %v", strings.SplitN(err.Error(), "\n", 2)[0])
				return nil
			}
			return fmt.Errorf("seed %d (replay with %s=%d): %w", seed, faultSeedVariable, seed, err)
		},
		CheckDestroy: func(*terraform.State) error {
			var left []string
			for _, r := range e.Mock.Runners(orgScope) {
				left = append(left, r.Name)
			}
			sort.Strings(left)
			if fmt.Sprint(left) != "[not-ours]" {
				return fmt.Errorf("after destroy the mock holds %v, want only the runner that is not ours", left)
			}
			return checkUntouched(e, foreign)(nil)
		},
		Steps: steps,
	})
}
