package client

import (
	"encoding/json"
	"testing"
)

func TestUpdateHostedRunnerRequestJSON(t *testing.T) {
	v := "1.2.0"
	id := "7"
	for _, tc := range []struct {
		name string
		req  UpdateHostedRunnerRequest
		want string
	}{
		{"empty", UpdateHostedRunnerRequest{}, `{}`},
		{"pin", UpdateHostedRunnerRequest{ImageID: &id, ImageVersion: &v}, `{"image_id":"7","image_version":"1.2.0"}`},
		{"unpin", UpdateHostedRunnerRequest{ImageID: &id, UnpinImageVersion: true}, `{"image_id":"7","image_version":null}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.req)
			if err != nil || string(got) != tc.want {
				t.Fatalf("json.Marshal = %s, %v; want %s", got, err, tc.want)
			}
			if tc.req.Empty() != (tc.name == "empty") {
				t.Fatalf("Empty() = %v", tc.req.Empty())
			}
		})
	}
}
