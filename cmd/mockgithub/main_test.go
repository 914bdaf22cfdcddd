package main

import (
	"reflect"
	"testing"
)

func TestCheckLoopback(t *testing.T) {
	t.Parallel()
	for addr, ok := range map[string]bool{
		"127.0.0.1:0":    true,
		"127.1.2.3:8080": true,
		"[::1]:0":        true,
		"localhost:9000": true,
		"0.0.0.0:0":      false,
		":8080":          false,
		"10.0.0.1:80":    false,
		"example.com:80": false,
		"127.0.0.1":      false,
	} {
		if err := checkLoopback(addr); (err == nil) != ok {
			t.Errorf("checkLoopback(%q) = %v, want ok=%v", addr, err, ok)
		}
	}
}

func TestSplitList(t *testing.T) {
	t.Parallel()
	if got := splitList(" acme, ,Other "); !reflect.DeepEqual(got, []string{"acme", "Other"}) {
		t.Errorf("splitList = %q", got)
	}
	if got := splitList(""); len(got) != 0 || got == nil {
		t.Errorf("splitList(\"\") = %#v, want empty non-nil", got)
	}
}

func TestRunRefusesPublicAddress(t *testing.T) {
	t.Parallel()
	if err := run([]string{"-addr", "0.0.0.0:0"}); err == nil {
		t.Error("run accepted 0.0.0.0")
	}
}
