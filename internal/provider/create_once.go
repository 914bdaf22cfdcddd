package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runnerwatch"
)

// Every create (runners, runner groups, network configurations, budgets) runs one protocol,
// createOnce, which never adopts an object this run did not create and never makes one twice:
//
//  1. Before the POST it lists the scope: an object with the name (by the object's own name
//     rule) fails the create before anything is sent, naming its import ID (a runner that is
//     being deleted is waited for instead).
//  2. An answer that leaves it unknown whether GitHub acted (no answer, a timeout, a 5xx, the
//     user's Ctrl-C, a 2xx whose body is not a new object with the name) is resolved by a look:
//     the list is read again and again for an object with the name that was not there before.
//     One new object is adopted; two are refused.
//  3. Only when the look finds nothing may the POST be sent again (runners: once, and only if
//     the operation was not cancelled); otherwise the error says what to check.

// createLookWindow is how long, at least, the look after an ambiguous create reads the list;
// a longer request timeout lengthens it to match (settings.lookWindow).
const createLookWindow = time.Minute

// createLookFirstGap is the pause before the second read of the look; each later pause is
// twice the previous one, so a full window costs about log2(window/gap)+2 lists.
const createLookFirstGap = 2 * time.Second

// lookWindow is how long, at least, the look after an ambiguous create lasts: createLookWindow,
// or the request timeout when that is longer, so that a create GitHub commits after the
// client gave up on its answer is still seen. Reads start within the window; the look's
// context ends as long again after it, so that a read begun at its end can finish.
func (s settings) lookWindow() time.Duration {
	return max(createLookWindow, s.reqTimeout)
}

// nameRule is how GitHub tells two names of one kind of object apart. GitHub's REST
// description states no uniqueness rule for any of them; each rule below says what the
// provider assumes, and the mock (internal/mockgithub) answers by the same rule.
type nameRule func(a, b string) bool

var (
	// namesIgnoreCase: a runner group or network configuration whose name differs from
	// another's only in letter case is a second one of that name (the mock answers 422
	// already_exists). Whether GitHub allows two hosted runners of one name is not documented
	// (the mock refuses an exact duplicate unless Config.AllowDuplicateNames): the provider
	// takes any spelling as taken, so it never creates one beside a runner of that name nor
	// adopts it.
	namesIgnoreCase nameRule = strings.EqualFold
	// namesExact: a budget's key, client.Coverage, rendered in one spelling (lower case);
	// GitHub allows one budget per coverage and SKU.
	namesExact nameRule = func(a, b string) bool { return a == b }
)

// createOnce describes one create of an object of type T for createOnceRun.
type createOnce[T any] struct {
	noun  string // "runner group"
	scope client.Scope
	name  string   // the name (or key) the create asks for
	same  nameRule // GitHub's uniqueness rule for this kind of object
	// label describes the name in messages; "" renders it as `named "NAME"`.
	label string
	// list reads the scope's objects now; before, when set, reads them before the POST (a
	// runner's may come from an earlier list of this run), else list does.
	list, before func(context.Context) ([]T, error)
	nameOf, id   func(T) string
	// taken decides what the objects with the name before the POST mean: nil refuses the
	// create with nameTakenError; a runner waits for one being deleted.
	taken func(ctx context.Context, named []T) error
	// asAsked narrows several new objects with the name to those that are what this create
	// asked for; nil keeps them all.
	asAsked func(T) bool
	create  func(context.Context) (*T, error)
	// attempts is how many POSTs a create may send, each after a look that found nothing
	// (0 is 1).
	attempts int
	settings settings
}

// nameTakenError says that an object of that name existed before this run created anything:
// made elsewhere, or left by an interrupted run. It is never adopted.
type nameTakenError struct {
	noun, label, id string
	scope           client.Scope
}

func (e *nameTakenError) Error() string {
	return fmt.Sprintf("a %s %s already exists in the %s %q (ID %s) and was not created by this configuration, "+
		"so it is not adopted. Nothing was created. Import it with the import ID %s/%s (terraform import, or an import "+
		"block), or change the configuration", e.noun, e.label, e.scope.Noun(), e.scope.Name, e.id, e.scope, e.id)
}

// labelled describes the name in messages.
func (o createOnce[T]) labelled() string {
	if o.label != "" {
		return o.label
	}
	return fmt.Sprintf("named %q", o.name)
}

// named returns the objects of list with the name.
func (o createOnce[T]) named(list []T) []T {
	return slices.DeleteFunc(slices.Clone(list), func(v T) bool { return !o.same(o.nameOf(v), o.name) })
}

// run creates the object and never makes two (see the protocol above).
func (o createOnce[T]) run(ctx context.Context) (*T, error) {
	before := o.before
	if before == nil {
		before = o.list
	}
	existing, err := before(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing the existing %ss before creating %q: %w", o.noun, o.name, err)
	}
	named := o.named(existing)
	if o.taken != nil {
		err = o.taken(ctx, named)
	} else if len(named) > 0 {
		err = &nameTakenError{noun: o.noun, label: o.labelled(), id: o.id(named[0]), scope: o.scope}
	}
	if err != nil {
		return nil, err
	}
	existed := map[string]bool{}
	for _, v := range named {
		existed[o.id(v)] = true
	}
	for attempt := 1; ; attempt++ {
		created, err := o.create(ctx)
		if err == nil && (created == nil || !o.same(o.nameOf(*created), o.name) || existed[o.id(*created)]) {
			// An answer that is not a new object with the name says nothing about what the
			// request did: it is never adopted.
			err = fmt.Errorf("GitHub answered the create with an object that is not a new %s %s", o.noun, o.labelled())
		}
		if err == nil || !ambiguousCreate(err) {
			return created, err
		}
		tflog.Warn(ctx, "The create request ended without a usable answer; looking for a new object with its name before anything else", map[string]any{
			"kind": o.noun, "name": o.name, "error": err.Error(), "attempt": attempt,
		})
		found, lookErr := o.look(ctx, existed)
		switch {
		case found != nil:
			tflog.Warn(ctx, "Adopted the "+o.noun+" the ambiguous create request made", map[string]any{"id": o.id(*found), "name": o.name})
			return found, nil
		case lookErr != nil:
			return nil, fmt.Errorf("the create request failed (%w), and looking for a new %s %s afterwards failed too: %w. "+
				"Check for one in the %s before applying again", err, o.noun, o.labelled(), lookErr, o.scope.Noun())
		case attempt >= max(o.attempts, 1) || ctx.Err() != nil:
			return nil, fmt.Errorf("the create request failed (%w), and no new %s %s appeared in the %s within %s afterwards. "+
				"Check for one before applying again", err, o.noun, o.labelled(), o.scope.Noun(), o.settings.lookWindow())
		}
	}
}

// look reads the list, again and again within the look window, for an object with the name
// that is not in existed. It outlives ctx's cancellation (the user's Ctrl-C: the object may
// exist already) but not its own bound. Two new objects are an error: which one this run
// made cannot be told, and none is adopted. A list error ends the look only at the window's
// end, unless a later read answers.
func (o createOnce[T]) look(ctx context.Context, existed map[string]bool) (*T, error) {
	window, clock := o.settings.lookWindow(), o.settings.clock
	lookCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*window)
	defer cancel()
	end := clock.Now().Add(window)
	for gap := createLookFirstGap; ; gap *= 2 {
		list, err := o.list(lookCtx)
		if errors.Is(err, runnerwatch.ErrListUnavailable) {
			return nil, err
		}
		fresh := slices.DeleteFunc(o.named(list), func(v T) bool { return existed[o.id(v)] })
		if len(fresh) > 1 && o.asAsked != nil {
			// Another object with the name appeared around this create (where GitHub allows
			// duplicates): keep the ones that are what this create asked for.
			fresh = slices.DeleteFunc(fresh, func(v T) bool { return !o.asAsked(v) })
		}
		switch len(fresh) {
		case 0:
		case 1:
			return &fresh[0], nil
		default:
			ids := make([]string, 0, len(fresh))
			for _, v := range fresh {
				ids = append(ids, o.id(v))
			}
			slices.Sort(ids)
			return nil, fmt.Errorf("%d new %ss %s appeared (IDs %s) and which one this create made cannot be told; none was adopted",
				len(fresh), o.noun, o.labelled(), strings.Join(ids, ", "))
		}
		left := end.Sub(clock.Now())
		if left <= 0 || clock.Sleep(lookCtx, min(gap, left)) != nil {
			return nil, err
		}
	}
}

// ambiguousCreate reports errors after which a POST may or may not have taken effect: all but
// GitHub's 4xx answers (including rate limits, which GitHub did not act on), redirects, and
// requests that certainly never left. A 2xx other than the documented 201 is ambiguous too.
func ambiguousCreate(err error) bool {
	var notSent *client.NotSentError
	if errors.As(err, &notSent) {
		return false // it never left: Ctrl-C or a timeout while it waited for its turn
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		// A success status other than the documented one may still have created it.
		return apiErr.StatusCode >= 500 || apiErr.StatusCode/100 == 2
	}
	var rateErr *client.RateLimitError
	if errors.As(err, &rateErr) {
		return false
	}
	var redirectErr *client.RedirectError
	if errors.As(err, &redirectErr) {
		// GitHub answered with a redirect: nothing was created, and nothing is sent after it.
		return false
	}
	var transportErr *client.TransportError
	if errors.As(err, &transportErr) {
		return !transportErr.NotSent()
	}
	return true
}
