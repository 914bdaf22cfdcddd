package provider

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/mockgithub"
)

// guideCase is one path through a guide of templates/guides, followed as its page shows it:
// the configuration files it includes from examples/guides, the commands it shows, run by
// the real CLI (the built provider, installed from a filesystem mirror as a user installs it)
// against a mock GitHub with the organization my-org and the enterprise my-enterprise of the
// guides (and orgs). Every path ends in an empty plan.
type guideCase struct {
	name    string // subtest name
	page    string // templates/guides/<page>.md.tmpl
	section string // the heading (e.g. "## A first runner") whose section must show the commands; "" for the whole page
	// cli says why this CLI cannot follow the path ("" when it can).
	cli func(v cliVersion) string
	// placeholders maps a value the page shows (an Azure id, say) to the mock's value for it.
	placeholders func(m *mockgithub.Mock) map[string]string
	orgs         []string // further organizations the page's commands name
	seed         func(t *testing.T, m *mockgithub.Mock)
	integrations bool // the path starts from runners of integrations/github (built into bin/)
	steps        []guideStep
	// check inspects the mock after the last step: what it must hold, what must not have been sent.
	check func(m *mockgithub.Mock, mark int) error
	// destroy, when set, is a terraform destroy command run after check (where the page says
	// destroying works as is), and destroyed what the mock must hold afterwards.
	destroy   string
	destroyed func(m *mockgithub.Mock) error
}

// guideStep is one command of a guide, in the configuration the guide has the reader write by then.
type guideStep struct {
	when func(v cliVersion) bool // nil: on every CLI
	// files, when non-nil, replace the working directory's configuration: each is a file under
	// examples/guides (copied under its base name, or for a local module's file under its path
	// from modules/) or, for what the reader had before the guide (not shown by the page),
	// "name.tf=" followed by its text.
	files []string
	// run is the command as the page shows it: [VAR=value ...] terraform <args>, split into
	// words as a shell does ('single quotes' keep a word whole). The harness adds -input=false
	// and -no-color, and -auto-approve to apply and destroy.
	run string
	// before marks what the reader did before the guide (the page does not show it).
	before bool
	env    []string // variables the page has the reader set (see shows)
	shows  []string // further text the section must show: an exported variable, an error's name
	in     string   // a heading within the section whose own part must show shows ("" for the section)
	// fails, when set, is what the command must fail with; empty says the plan must be empty
	// (-detailed-exitcode); output is what its output must match.
	fails  string
	empty  bool
	output string
	// mark records the mock's count of writes after the step, for check.
	mark bool
}

// cliVersion is the CLI under test.
type cliVersion struct {
	tofu         bool
	major, minor int
}

// atLeast1 reports whether this is Terraform 1.minor or later, or OpenTofu.
func (v cliVersion) atLeast1(minor int) bool {
	return v.tofu || v.major > 1 || v.major == 1 && v.minor >= minor
}

// String names the CLI.
func (v cliVersion) String() string {
	name := "Terraform"
	if v.tofu {
		name = "OpenTofu"
	}
	return fmt.Sprintf("%s %d.%d", name, v.major, v.minor)
}

// TestAccGuides follows every guide as its page shows it, on the CLI under test.
func TestAccGuides(t *testing.T) {
	t.Parallel()
	c := newCLIEnv(t)
	v := c.version()
	for _, g := range guideCases {
		t.Run(g.name, func(t *testing.T) {
			t.Parallel()
			if g.cli != nil {
				if why := g.cli(v); why != "" {
					t.Skipf("%s: %s", v, why)
				}
			}
			c := &cliEnv{t: t, terraform: c.terraform, rc: c.rc}
			followGuide(t, c, v, g)
		})
	}
}

// followGuide checks that the page shows each command of a guide path, then runs them.
func followGuide(t *testing.T, c *cliEnv, v cliVersion, g guideCase) {
	var steps []guideStep
	for _, s := range g.steps {
		if s.when == nil || s.when(v) {
			steps = append(steps, s)
		}
	}
	if len(steps) == 0 || !steps[len(steps)-1].empty {
		t.Fatal("the path must end in an empty plan")
	}
	// The page shows what the path takes, before anything runs.
	page := guideSection(t, g.page, g.section)
	for _, s := range steps {
		if s.before {
			continue
		}
		if !strings.Contains(page, s.run) {
			t.Errorf("%s (%s) does not show %q, which following it takes", g.page, g.section, s.run)
		}
		part, heading := page, g.section
		if s.in != "" {
			part, heading = guideSection(t, g.page, s.in), s.in
		}
		for _, text := range s.shows {
			if !strings.Contains(part, text) {
				t.Errorf("%s (%s) does not show %q, which following it takes", g.page, heading, text)
			}
		}
	}
	if g.integrations {
		integrationsGitHubPath(t) // newCLIEnv mirrors it when bin/ has it
	}
	e := newWallClockEnv(t, mockgithub.Config{Orgs: append([]string{"my-org"}, g.orgs...), Enterprises: []string{"my-enterprise"}})
	if g.seed != nil {
		g.seed(t, e.Mock)
	}
	replace := map[string]string{}
	if g.placeholders != nil {
		replace = g.placeholders(e.Mock)
	}
	work := t.TempDir()
	env := []string{"GITHUB_TOKEN=" + e.Token, "GITHUB_BASE_URL=" + e.URL + "/", ownerEnv + "="}
	mark := -1
	for _, s := range steps {
		if s.files != nil {
			writeGuideFiles(t, work, s.files)
		}
		env = append(env, s.env...)
		out, code := c.run(work, append(slices.Clone(env), stepEnv(s.run)...), guideArgs(t, s, replace)...)
		switch {
		case s.fails != "":
			if code == 0 || !regexp.MustCompile(s.fails).MatchString(out) {
				t.Fatalf("%s: want a failure matching %q, got exit code %d:\n%s", s.run, s.fails, code, out)
			}
		case s.empty && code != 0:
			t.Fatalf("%s: want an empty plan (exit code 0), got %d:\n%s", s.run, code, out)
		case code != 0:
			t.Fatalf("%s exited %d:\n%s", s.run, code, out)
		}
		if s.output != "" && !regexp.MustCompile(s.output).MatchString(out) {
			t.Errorf("%s: the output does not match %q:\n%s", s.run, s.output, out)
		}
		if s.mark {
			mark = writes(e.Mock)
		}
	}
	if g.check != nil {
		if err := g.check(e.Mock, mark); err != nil {
			t.Error(err)
		}
	}
	if g.destroy != "" {
		c.mustRun(work, env, guideArgs(t, guideStep{run: g.destroy}, replace)...)
		if err := g.destroyed(e.Mock); err != nil {
			t.Error(err)
		}
	}
}

// guideArgs turns a step's command into the CLI's arguments, replacing placeholders; the
// variables before "terraform" go into the step's environment.
func guideArgs(t *testing.T, s guideStep, replace map[string]string) []string {
	t.Helper()
	fields := shellWords(s.run)
	for len(fields) > 0 && strings.Contains(fields[0], "=") {
		fields = fields[1:]
	}
	if len(fields) < 2 || fields[0] != "terraform" {
		t.Fatalf("%q is not a terraform command", s.run)
	}
	args := fields[1:]
	for i := range args {
		for from, to := range replace {
			args[i] = strings.ReplaceAll(args[i], from, to)
		}
	}
	switch args[0] {
	case "init", "plan", "apply", "destroy", "import":
		args = append(args, "-input=false", "-no-color")
	}
	if args[0] == "apply" || args[0] == "destroy" {
		args = append(args, "-auto-approve")
	}
	if args[0] == "plan" && s.empty {
		args = append(args, "-detailed-exitcode")
	}
	return args
}

// stepEnv returns the variables a step's command sets in front of "terraform".
func stepEnv(run string) []string {
	var env []string
	for _, f := range shellWords(run) {
		if !strings.Contains(f, "=") || strings.HasPrefix(f, "-") {
			break
		}
		env = append(env, f)
	}
	return env
}

// shellWords splits a command into words as a shell does for what the guides show: at blanks,
// except within single quotes, which it removes.
func shellWords(command string) []string {
	var words []string
	var word strings.Builder
	inWord, quoted := false, false
	for _, r := range command {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case !quoted && (r == ' ' || r == '\t' || r == '\n'):
			if inWord {
				words = append(words, word.String())
				word.Reset()
			}
			inWord = false
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

// writeGuideFiles replaces the .tf files of work (and its local modules) with files.
func writeGuideFiles(t *testing.T, work string, files []string) {
	t.Helper()
	old, _ := filepath.Glob(filepath.Join(work, "*.tf"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.RemoveAll(filepath.Join(work, "modules")); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name, text, literal := strings.Cut(f, ".tf=")
		if literal {
			name += ".tf"
		} else {
			data, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(f)))
			if err != nil {
				t.Fatal(err)
			}
			name, text = filepath.Base(f), string(data)
			if _, module, ok := strings.Cut(f, "/modules/"); ok {
				name = filepath.Join("modules", filepath.FromSlash(module))
				if err := os.MkdirAll(filepath.Join(work, filepath.Dir(name)), 0o755); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := os.WriteFile(filepath.Join(work, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// guideSection returns a guide page's template, or its section under heading (down to the
// next heading of the same or a higher level, outside code blocks).
func guideSection(t *testing.T, page, heading string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "templates", "guides", page+".md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	if heading == "" {
		return string(data)
	}
	level := strings.Index(heading, " ")
	var out []string
	in, fenced := false, false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if !fenced && strings.HasPrefix(line, "#") {
			if n := strings.Index(line, " "); n > 0 && strings.Trim(line[:n], "#") == "" {
				if line == heading {
					in = true
				} else if in && n <= level {
					break
				}
			}
		}
		if in {
			out = append(out, line)
		}
	}
	if !in {
		t.Fatalf("%s has no heading %q", page, heading)
	}
	return strings.Join(out, "\n")
}

// version asks the CLI for its version.
func (c *cliEnv) version() cliVersion {
	c.t.Helper()
	out := c.mustRun(c.t.TempDir(), nil, "version")
	m := regexp.MustCompile(`(Terraform|OpenTofu) v(\d+)\.(\d+)`).FindStringSubmatch(out)
	if m == nil {
		c.t.Fatalf("no version in %q", out)
	}
	major, _ := strconv.Atoi(m[2])
	minor, _ := strconv.Atoi(m[3])
	return cliVersion{tofu: m[1] == "OpenTofu", major: major, minor: minor}
}

// TestGuideCasesCoverEveryGuide: every configuration under examples/guides, and every guide
// page that includes one, is followed by some guide case (a new guide needs an entry in
// guideCases).
func TestGuideCasesCoverEveryGuide(t *testing.T) {
	t.Parallel()
	used, pages := map[string]bool{}, map[string]bool{}
	for _, g := range guideCases {
		pages[g.page] = true
		for _, s := range g.steps {
			for _, f := range s.files {
				used[f] = true
			}
		}
	}
	var files []string
	err := filepath.WalkDir(filepath.Join("..", "..", "examples", "guides"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".tf") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no configuration under examples/guides")
	}
	for _, f := range files {
		rel := filepath.ToSlash(strings.TrimPrefix(f, filepath.Join("..", "..")+string(filepath.Separator)))
		if !used[rel] {
			t.Errorf("no guide case follows %s: add one to guideCases", rel)
		}
	}
	tmpls, _ := filepath.Glob(filepath.Join("..", "..", "templates", "guides", "*.md.tmpl"))
	for _, p := range tmpls {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		page := strings.TrimSuffix(filepath.Base(p), ".md.tmpl")
		if strings.Contains(string(data), `tffile "examples/guides/`) && !pages[page] {
			t.Errorf("no guide case follows the page %s: add one to guideCases", page)
		}
	}
}
