package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
	"github.com/runnerforge/terraform-provider-githubactions/internal/clock"
	"github.com/runnerforge/terraform-provider-githubactions/internal/runnerwatch"
)

// TestAmbiguousCreate: a create that never left (cancelled or timed out while it waited for
// its turn) is not looked for; one that may have reached GitHub is.
func TestAmbiguousCreate(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"cancelled_in_queue", &client.TransportError{Method: "POST", Err: &client.NotSentError{Err: context.Canceled}}, false},
		{"cancelled_before_resend", &client.NotSentError{Err: context.Canceled}, false},
		{"cut_off_answer", &client.TransportError{Method: "POST", Err: io.ErrUnexpectedEOF}, true},
		{"cancelled_in_flight", &client.TransportError{Method: "POST", Err: context.Canceled}, true},
		{"unknown", errors.New("something else"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ambiguousCreate(tc.err); got != tc.want {
				t.Fatalf("ambiguousCreate(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}

// fakeObjects is a scope of named objects behind createOnce: its create answers 502 and
// commits the object on the list call numbered commitAt (0: never).
type fakeObjects struct {
	mu       sync.Mutex
	objects  []fakeObject
	lists    int
	creates  int
	commitAt int      // the list call at which the POST's object appears
	extra    []string // names of objects made elsewhere at that moment
	listErrs []error  // errors of the first list calls, in order
	created  error    // the create's error; nil answers the object
}

type fakeObject struct{ id, name string }

func (f *fakeObjects) list(context.Context) ([]fakeObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists++
	if f.lists == f.commitAt {
		f.objects = append(f.objects, fakeObject{fmt.Sprint(100 + f.lists), "build"})
		for i, name := range f.extra {
			f.objects = append(f.objects, fakeObject{fmt.Sprint(200 + i), name})
		}
	}
	if len(f.listErrs) > 0 {
		err := f.listErrs[0]
		f.listErrs = f.listErrs[1:]
		if err != nil {
			return nil, err
		}
	}
	return slices.Clone(f.objects), nil
}

func (f *fakeObjects) create(context.Context) (*fakeObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.creates++
	if f.created != nil {
		return nil, f.created
	}
	o := fakeObject{"7", "build"}
	f.objects = append(f.objects, o)
	return &o, nil
}

// spec is the create of an object named "build" on f, with clock.
func (f *fakeObjects) spec(clock *clock.Fake) createOnce[fakeObject] {
	return createOnce[fakeObject]{
		noun: "thing", scope: client.Organization("acme"), name: "build", same: namesIgnoreCase,
		list: f.list, create: f.create,
		nameOf: func(o fakeObject) string { return o.name }, id: func(o fakeObject) string { return o.id },
		settings: settings{clock: clock},
	}
}

var errBadGateway = &client.APIError{StatusCode: 502}

func newLookClock() *clock.Fake { return clock.NewAutoFake(time.Now()) }

func TestCreateOnceRefusesTakenName(t *testing.T) {
	t.Parallel()
	f := &fakeObjects{objects: []fakeObject{{"3", "BUILD"}}}
	_, err := f.spec(newLookClock()).run(t.Context())
	var taken *nameTakenError
	if !errors.As(err, &taken) || taken.id != "3" || f.creates != 0 {
		t.Fatalf("run = %v after %d creates; want nameTakenError for ID 3 (names compare by the rule) and no create", err, f.creates)
	}
	f = &fakeObjects{objects: []fakeObject{{"3", "BUILD"}}}
	spec := f.spec(newLookClock())
	spec.same = namesExact
	if got, err := spec.run(t.Context()); err != nil || got.id != "7" {
		t.Fatalf("with exact names, run = %v, %v; want the created object", got, err)
	}
}

func TestCreateOnceAdoptsOneNewObject(t *testing.T) {
	t.Parallel()
	clk := newLookClock()
	start := clk.Now()
	// The list before the POST is call 1; the object appears on the third read of the look.
	f := &fakeObjects{objects: []fakeObject{{"1", "other"}}, created: errBadGateway, commitAt: 4, extra: []string{"unrelated"}}
	got, err := f.spec(clk).run(t.Context())
	if err != nil || got == nil || got.id != "104" {
		t.Fatalf("run = %v, %v; want the new object 104", got, err)
	}
	if f.creates != 1 || f.lists != 4 {
		t.Errorf("%d creates and %d lists, want 1 and 4", f.creates, f.lists)
	}
	if took := clk.Now().Sub(start); took != createLookFirstGap+2*createLookFirstGap {
		t.Errorf("the look took %s of the clock, want %s", took, 3*createLookFirstGap)
	}
}

func TestCreateOnceRefusesTwoNewObjects(t *testing.T) {
	t.Parallel()
	f := &fakeObjects{created: errBadGateway, commitAt: 2, extra: []string{"Build"}}
	got, err := f.spec(newLookClock()).run(t.Context())
	if got != nil || err == nil || !strings.Contains(err.Error(), "2 new things named \"build\" appeared (IDs 102, 200)") ||
		!strings.Contains(err.Error(), "cannot be told") {
		t.Fatalf("run = %v, %v; want two new objects refused", got, err)
	}
	// Where the create says what it asked for, the one that is what was asked is adopted.
	f = &fakeObjects{created: errBadGateway, commitAt: 2, extra: []string{"Build"}}
	spec := f.spec(newLookClock())
	spec.asAsked = func(o fakeObject) bool { return o.id == "102" }
	if got, err := spec.run(t.Context()); err != nil || got.id != "102" {
		t.Fatalf("with asAsked, run = %v, %v; want 102", got, err)
	}
}

// TestCreateOnceGivesUpAtTheBound: nothing appears; the look reads until its window ends on
// the clock, then the create is sent again only as often as attempts allows.
func TestCreateOnceGivesUpAtTheBound(t *testing.T) {
	t.Parallel()
	for _, attempts := range []int{1, 2} {
		clk := newLookClock()
		start := clk.Now()
		f := &fakeObjects{created: errBadGateway}
		spec := f.spec(clk)
		spec.attempts = attempts
		got, err := spec.run(t.Context())
		if got != nil || err == nil || !strings.Contains(err.Error(), `no new thing named "build" appeared in the organization within 1m0s`) {
			t.Fatalf("attempts %d: run = %v, %v; want the look to give up", attempts, got, err)
		}
		if f.creates != attempts {
			t.Errorf("attempts %d: %d creates", attempts, f.creates)
		}
		if took := clk.Now().Sub(start); took != time.Duration(attempts)*createLookWindow {
			t.Errorf("attempts %d: the looks took %s of the clock, want %s each", attempts, took, createLookWindow)
		}
		// Reads at 0, 2, 6, 14, 30 and 62 s, the last at the window's end: 6 per look.
		if want := 1 + 6*attempts; f.lists != want {
			t.Errorf("attempts %d: %d lists, want %d", attempts, f.lists, want)
		}
	}
}

// TestCreateOnceOutlivesCancellation: the caller's context ends with the POST; the look goes on
// and adopts what appears, and when nothing does it ends at its window, with no second POST.
func TestCreateOnceOutlivesCancellation(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	f := &fakeObjects{commitAt: 3}
	f.created = &client.TransportError{Method: "POST", Err: context.Canceled}
	spec := f.spec(newLookClock())
	spec.create = func(ctx context.Context) (*fakeObject, error) {
		cancel()
		return f.create(ctx)
	}
	spec.attempts = 2
	if got, err := spec.run(ctx); err != nil || got.id != "103" {
		t.Fatalf("run = %v, %v; want the object the cancelled create made", got, err)
	}

	ctx, cancel = context.WithCancel(t.Context())
	clk := newLookClock()
	start := clk.Now()
	f = &fakeObjects{created: errBadGateway}
	spec = f.spec(clk)
	spec.create = func(ctx context.Context) (*fakeObject, error) {
		cancel()
		return f.create(ctx)
	}
	spec.attempts = 2
	if got, err := spec.run(ctx); got != nil || err == nil {
		t.Fatalf("run = %v, %v; want an error", got, err)
	}
	if took := clk.Now().Sub(start); took != createLookWindow || f.creates != 1 {
		t.Fatalf("the look took %s of the clock after %d creates; want %s and 1", took, f.creates, createLookWindow)
	}
}

func TestCreateOnceListErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	f := &fakeObjects{listErrs: []error{boom}}
	if _, err := f.spec(newLookClock()).run(t.Context()); !errors.Is(err, boom) || f.creates != 0 {
		t.Fatalf("a failed list before the POST: %v after %d creates; want boom and none", err, f.creates)
	}
	// A failed read of the look is read again; a later answer decides.
	f = &fakeObjects{created: errBadGateway, commitAt: 3, listErrs: []error{nil, boom, nil}}
	if got, err := f.spec(newLookClock()).run(t.Context()); err != nil || got.id != "103" {
		t.Fatalf("a look whose first read failed: %v, %v; want 103", got, err)
	}
	// Every read failing ends the look at its window with the list's error.
	f = &fakeObjects{created: errBadGateway, listErrs: []error{nil, boom, boom, boom, boom, boom, boom}}
	if _, err := f.spec(newLookClock()).run(t.Context()); !errors.Is(err, boom) || !strings.Contains(err.Error(), "failed too") {
		t.Fatalf("a look whose reads all failed: %v; want boom", err)
	}
	// A list GitHub refuses to these credentials ends the look at once.
	clk := newLookClock()
	start := clk.Now()
	f = &fakeObjects{created: errBadGateway, listErrs: []error{nil, runnerwatch.ErrListUnavailable}}
	if _, err := f.spec(clk).run(t.Context()); !errors.Is(err, runnerwatch.ErrListUnavailable) || clk.Now() != start {
		t.Fatalf("a refused list: %v after %s; want ErrListUnavailable at once", err, clk.Now().Sub(start))
	}
}

// TestCreateOnceRefusesAnOldAnswer: a create answered with an object that existed before is
// not adopted: it says nothing about what the POST did.
func TestCreateOnceRefusesAnOldAnswer(t *testing.T) {
	t.Parallel()
	f := &fakeObjects{objects: []fakeObject{{"7", "old-name"}}}
	spec := f.spec(newLookClock())
	spec.create = func(context.Context) (*fakeObject, error) { return &fakeObject{"9", "other"}, nil }
	if got, err := spec.run(t.Context()); got != nil || err == nil || !strings.Contains(err.Error(), "not a new thing named \"build\"") {
		t.Fatalf("run = %v, %v; want the answer refused", got, err)
	}
}
