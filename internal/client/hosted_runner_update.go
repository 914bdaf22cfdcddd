package client

import "encoding/json"

// MarshalJSON renders the update body: nil fields are left out (unchanged), and
// UnpinImageVersion renders "image_version": null, which the schema makes the way to move a
// runner from a pinned custom image version back to the latest one (a server may keep the pin
// when the field is merely absent).
func (r UpdateHostedRunnerRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateHostedRunnerRequest // no MarshalJSON: no recursion
	if !r.UnpinImageVersion || r.ImageVersion != nil {
		return json.Marshal(plain(r))
	}
	return json.Marshal(struct {
		plain
		ImageVersion *string `json:"image_version"`
	}{plain: plain(r)})
}

// Empty reports whether the update changes nothing, so that no request is needed.
func (r UpdateHostedRunnerRequest) Empty() bool {
	return r == UpdateHostedRunnerRequest{}
}
