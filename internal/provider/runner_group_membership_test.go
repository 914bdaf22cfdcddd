package provider

import (
	"fmt"
	"testing"
)

func TestPlanMembership(t *testing.T) {
	t.Parallel()
	ids := func(v ...int64) *[]int64 { return &v }
	for _, c := range []struct {
		name          string
		current       *[]int64
		want          []int64
		replace       bool
		add, remove   string
		requestsCount int
	}{
		{"unchanged", ids(1, 2), []int64{2, 1}, false, "[]", "[]", 0},
		{"one added", ids(1, 2), []int64{1, 2, 3}, false, "[3]", "[]", 1},
		{"one removed", ids(1, 2), []int64{1}, false, "[]", "[2]", 1},
		{"one added one removed", ids(1, 2), []int64{1, 3}, true, "[]", "[]", 1},
		{"many added", ids(), []int64{1, 2, 3}, true, "[]", "[]", 1},
		{"all removed", ids(1, 2), []int64{}, true, "[]", "[]", 1},
		{"unknown current", nil, []int64{1}, true, "[]", "[]", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ch := planMembership(c.current, c.want)
			if ch.replace != c.replace || fmt.Sprint(ch.add) != c.add || fmt.Sprint(ch.remove) != c.remove || ch.requestsNeeded != c.requestsCount {
				t.Errorf("planMembership(%v, %v) = %+v, want replace %t add %s remove %s in %d requests",
					c.current, c.want, ch, c.replace, c.add, c.remove, c.requestsCount)
			}
		})
	}
}
