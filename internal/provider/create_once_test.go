package provider

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/runnerforge/terraform-provider-githubactions/internal/client"
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
