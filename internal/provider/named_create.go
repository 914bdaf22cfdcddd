package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
)

// namedCreate is what createNamedOnce needs to know about a kind of object whose names are
// unique in a scope (runner groups, network configurations), or of which a scope holds one per
// key (budgets: one per coverage and SKU, the key its Coverage string).
type namedCreate[T any] struct {
	noun  string // "runner group"
	scope client.Scope
	list  func(context.Context) ([]T, error)
	name  func(T) string
	// label describes a name in messages; nil renders it as `named "NAME"`.
	label  func(name string) string
	id     func(T) string
	create func(context.Context) (*T, error)
	// settings give the clock and the request timeout that the look after an ambiguous create
	// waits by.
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

// labelOf describes name in messages.
func (nc namedCreate[T]) labelOf(name string) string {
	if nc.label != nil {
		return nc.label(name)
	}
	return fmt.Sprintf("named %q", name)
}

// createNamedOnce creates an object and never makes two: it fails before the request when the
// name is taken, and after an answer that leaves it unknown whether GitHub acted (a transport
// error or a 5xx) it looks for a new object of that name, reading the list again and again
// within the look window (as a hosted runner's create does), and adopts it. It does not send
// the create again: when nothing appears, the error says so and the next apply starts over
// with the same check.
func createNamedOnce[T any](ctx context.Context, nc namedCreate[T], name string) (*T, error) {
	before, err := nc.list(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing the existing %ss before creating %q: %w", nc.noun, name, err)
	}
	existed := map[string]bool{}
	for _, v := range before {
		if nc.name(v) == name {
			return nil, &nameTakenError{noun: nc.noun, label: nc.labelOf(name), id: nc.id(v), scope: nc.scope}
		}
		existed[nc.id(v)] = true
	}
	created, err := nc.create(ctx)
	if err == nil && (created == nil || nc.name(*created) != name || existed[nc.id(*created)]) {
		// An answer that is not a new object of that name says nothing about what the request
		// did: it is never adopted.
		err = fmt.Errorf("GitHub answered the create with an object that is not a new %s %s", nc.noun, nc.labelOf(name))
	}
	if err == nil || !ambiguousCreate(err) {
		return created, err
	}
	tflog.Warn(ctx, "The create request failed without a clear answer; looking for the new object by name", map[string]any{
		"kind": nc.noun, "name": name, "error": err.Error(),
	})
	// The look outlives the user's Ctrl-C (the object may exist already), within its own bound:
	// the window, and as long again for a list begun at its end.
	window, clock := nc.settings.lookWindow(), nc.settings.clock
	lookCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*window)
	defer cancel()
	end := clock.Now().Add(window)
	var lookErr error
	for gap := createLookFirstGap; ; gap *= 2 {
		var after []T
		after, lookErr = nc.list(lookCtx)
		for i := range after {
			if nc.name(after[i]) == name && !existed[nc.id(after[i])] {
				tflog.Warn(ctx, "Adopted the object the failed create request made", map[string]any{"kind": nc.noun, "id": nc.id(after[i])})
				return &after[i], nil
			}
		}
		left := end.Sub(clock.Now())
		if left <= 0 || clock.Sleep(lookCtx, min(gap, left)) != nil {
			break
		}
	}
	if lookErr != nil {
		return nil, fmt.Errorf("the create request failed (%w), and looking for a new %s %s afterwards failed too: %w. "+
			"Check for one before applying again", err, nc.noun, nc.labelOf(name), lookErr)
	}
	return nil, fmt.Errorf("the create request failed (%w), and no new %s %s appeared within %s afterwards. Check for one "+
		"before applying again", err, nc.noun, nc.labelOf(name), window)
}

// lookWindow is how long, at least, the look after an ambiguous create lasts: createLookWindow,
// or the request timeout when that is longer, so that a create GitHub commits after the
// client gave up on its answer is still seen.
func (s settings) lookWindow() time.Duration {
	return max(createLookWindow, s.reqTimeout)
}
