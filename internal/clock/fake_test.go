package clock

import (
	"context"
	"errors"
	"testing"
	"time"
)

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestFakeSleepEndsWhenAdvancedPastIt(t *testing.T) {
	f := NewFake(epoch)
	done := make(chan error, 1)
	go func() { done <- f.Sleep(context.Background(), time.Minute) }()
	if err := f.WaitForSleepers(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	f.Advance(59 * time.Second)
	if n := f.Sleepers(); n != 1 {
		t.Fatalf("after 59 s of a 60 s sleep, %d sleepers, want 1", n)
	}
	f.Advance(time.Second)
	if err := <-done; err != nil {
		t.Fatalf("Sleep = %v, want nil", err)
	}
	if got := f.Now(); !got.Equal(epoch.Add(time.Minute)) {
		t.Fatalf("Now = %v, want %v", got, epoch.Add(time.Minute))
	}
}

func TestFakeSleepEndsAtTheContextDeadlineOnFakeTime(t *testing.T) {
	// A context's deadline is set on the wall clock: start the fake there.
	start := time.Now()
	f := NewFake(start)
	ctx, cancel := context.WithDeadline(context.Background(), start.Add(10*time.Second))
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- f.Sleep(ctx, time.Hour) }()
	if err := f.WaitForSleepers(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if at, ok := f.NextWake(); !ok || !at.Equal(start.Add(10*time.Second)) {
		t.Fatalf("NextWake = %v, %v; want the deadline", at, ok)
	}
	f.Advance(10 * time.Second)
	if err := <-done; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Sleep = %v, want DeadlineExceeded", err)
	}
}

func TestFakeSleepEndsWithItsContext(t *testing.T) {
	f := NewFake(epoch)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.Sleep(ctx, time.Hour) }()
	if err := f.WaitForSleepers(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Sleep = %v, want Canceled", err)
	}
	if n := f.Sleepers(); n != 0 {
		t.Fatalf("%d sleepers left, want 0", n)
	}
}

func TestAutoFakeMovesOnAndStopsAtDeadline(t *testing.T) {
	start := time.Now()
	f := NewAutoFake(start)
	if err := f.Sleep(context.Background(), time.Minute); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithDeadline(context.Background(), start.Add(90*time.Second))
	defer cancel()
	if err := f.Sleep(ctx, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Sleep past the deadline = %v, want DeadlineExceeded", err)
	}
	if got := f.Now(); !got.Equal(start.Add(90 * time.Second)) {
		t.Fatalf("Now = %v, want the deadline", got)
	}
	if f.Total() != 2*time.Minute || f.Longest() != time.Minute || len(f.Slept()) != 2 {
		t.Fatalf("Slept = %v", f.Slept())
	}
	if left, ok := Left(ctx, f); !ok || left != 0 {
		t.Fatalf("Left = %v, %v; want 0, true", left, ok)
	}
}

func TestSetNeverMovesBack(t *testing.T) {
	f := NewFake(epoch)
	f.Set(epoch.Add(-time.Hour))
	if !f.Now().Equal(epoch) {
		t.Fatalf("Set moved the clock back to %v", f.Now())
	}
}

func TestWallDeadlinesKeepEachOperationsTimeout(t *testing.T) {
	f := NewAutoFake(time.Now()).WallDeadlines()
	// An earlier operation moved the fake an hour ahead of the wall clock.
	if err := f.Sleep(context.Background(), time.Hour); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	if left, ok := Left(ctx, f); !ok || left < 19*time.Minute || left > 20*time.Minute {
		t.Fatalf("Left = %v, %v; want about the 20 minutes of the timeout", left, ok)
	}
	if err := f.Sleep(ctx, 15*time.Minute); err != nil {
		t.Fatalf("a 15-minute sleep within a 20-minute timeout = %v", err)
	}
	if left, _ := Left(ctx, f); left < 4*time.Minute || left > 5*time.Minute {
		t.Fatalf("Left after 15 minutes = %v, want about 5 minutes", left)
	}
	// The context, not the fake, ends a sleep past the deadline: the sleep returns at once.
	if err := f.Sleep(ctx, time.Hour); err != nil {
		t.Fatalf("Sleep past the deadline = %v, want nil (the context is still alive)", err)
	}
	if left, _ := Left(ctx, f); left >= 0 {
		t.Fatalf("Left past the deadline = %v, want below 0", left)
	}
	if _, ok := Left(context.Background(), f); ok {
		t.Fatal("Left of a context without a deadline says it has one")
	}
}
