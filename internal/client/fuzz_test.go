package client

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// FuzzNextLink: any Link header parses without panicking, and a next URL it returns is one
// of the header's <...> targets.
func FuzzNextLink(f *testing.F) {
	f.Add(`<https://api.github.com/orgs/acme/actions/hosted-runners?page=2>; rel="next", <https://api.github.com/orgs/acme/actions/hosted-runners?page=3>; rel="last"`)
	f.Add(`<https://x/?a=1,2>; rel="prev next"`)
	f.Add(`<>; rel=next`)
	f.Add(`garbage, <, >; rel="next"`)
	f.Fuzz(func(t *testing.T, header string) {
		next := NextLink([]string{header})
		if next != "" && !strings.Contains(header, "<"+next+">") {
			t.Fatalf("NextLink(%q) = %q, which is not a link target of the header", header, next)
		}
	})
}

// FuzzDecodeAPIError: any body decodes without panicking into an APIError that keeps the
// status and request id, and GitHub's field errors (objects or strings) round-trip.
func FuzzDecodeAPIError(f *testing.F) {
	f.Add(422, `{"message":"Validation Failed","errors":[{"resource":"HostedRunner","field":"name","code":"already_exists"},"plain"],"documentation_url":"https://docs.github.com/rest"}`)
	f.Add(403, `{"message":"You have exceeded a secondary rate limit"}`)
	f.Add(500, `<html>oops</html>`)
	f.Add(422, `{"errors":[1,null,{"field":7}]}`)
	f.Fuzz(func(t *testing.T, status int, body string) {
		h := http.Header{"X-Github-Request-Id": {"AB:CD"}}
		e := decodeAPIError(http.MethodPost, "/p", status, h, []byte(body))
		if e.StatusCode != status || e.RequestID != "AB:CD" {
			t.Fatalf("lost the status or request id: %+v", e)
		}
		_ = e.Error()
		var fe FieldError
		if json.Unmarshal([]byte(body), &fe) == nil {
			raw, err := json.Marshal(fe)
			if err != nil {
				t.Fatal(err)
			}
			var again FieldError
			if err := json.Unmarshal(raw, &again); err != nil || again != fe {
				t.Fatalf("FieldError %+v does not round-trip: %+v, %v", fe, again, err)
			}
		}
	})
}
