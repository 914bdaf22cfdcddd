package mockgithub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
)

// change is what a request body asks for: a create, whose required fields must be present,
// or an update, whose fields are all optional.
type change int

const (
	creating change = iota
	updating
)

// validation collects the errors[] of a 422.
type validation struct{ errs []fieldError }

// add records one field error.
func (v *validation) add(field, code, message string) {
	v.errs = append(v.errs, fieldError{Resource: "HostedRunner", Field: field, Code: code, Message: message})
}

// decode decodes obj[key] into dst and reports whether a value was decoded; a value of the
// wrong JSON type, null included, is recorded as invalid under label and leaves dst alone
// (decodeNullable is for the fields the schemas make nullable).
func (v *validation) decode(obj map[string]json.RawMessage, key, label string, dst any) bool {
	raw, ok := obj[key]
	if !ok {
		return false
	}
	val := reflect.New(reflect.TypeOf(dst).Elem()) // dst stays as it was on error
	if err := json.Unmarshal(raw, val.Interface()); err != nil || string(raw) == "null" {
		kind := "an integer"
		switch dst.(type) {
		case *string:
			kind = "a string"
		case *bool:
			kind = "a boolean"
		case *map[string]json.RawMessage:
			kind = "an object"
		case *[]int64:
			kind = "an array of integers"
		case *[]string:
			kind = "an array of strings"
		}
		v.add(label, "invalid", fmt.Sprintf("%s is not %s.", label, kind))
		return false
	}
	reflect.ValueOf(dst).Elem().Set(val.Elem())
	return true
}

// decodeNullable is decode for a nullable field: null decodes nothing and is no error.
func (v *validation) decodeNullable(obj map[string]json.RawMessage, key, label string, dst any) {
	if string(obj[key]) != "null" {
		v.decode(obj, key, label, dst)
	}
}

// require records missing_field when obj has no key (decode rejects a null).
func (v *validation) require(obj map[string]json.RawMessage, key, label string) {
	if _, ok := obj[key]; !ok {
		v.add(label, "missing_field", "")
	}
}

// decodeObject reads a JSON object body; an empty body is an empty object.
func decodeObject(body []byte) (map[string]json.RawMessage, bool) {
	obj := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(body)) == 0 {
		return obj, true
	}
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return nil, false
	}
	return obj, true
}

// invalidAs answers 422 Validation Failed with the errors attributed to resource.
func (c *call) invalidAs(resource, docs string, v *validation) {
	for i := range v.errs {
		v.errs[i].Resource = resource
	}
	c.res.setJSON(http.StatusUnprocessableEntity, apiError{
		Message: "Validation Failed", Errors: v.errs, DocumentationURL: docs, Status: "422",
	})
}

// badJSON answers 400 Problems parsing JSON.
func (c *call) badJSON() {
	c.res.setError(http.StatusBadRequest, "Problems parsing JSON", runnersDocs)
}

// validated decodes the request's JSON object body and hands it to check; it answers 400 for
// a body that is not an object and 422 (errors attributed to resource) when check recorded
// any, and reports whether the operation may go on.
func (c *call) validated(resource, docs string, check func(v *validation, obj map[string]json.RawMessage)) bool {
	obj, ok := decodeObject(c.body)
	if !ok {
		c.badJSON()
		return false
	}
	v := &validation{}
	check(v, obj)
	if len(v.errs) > 0 {
		c.invalidAs(resource, docs, v)
		return false
	}
	return true
}
