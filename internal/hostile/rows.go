package hostile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Absent, as the value of a member in WithChanges's changes, removes the
// member.
type Absent struct{}

// ProfileRow is one rule that sets the profiles apart: the valid payload of
// Profile with Changes made, and the violations it must give.
type ProfileRow struct {
	Name string
	// Profile is "api" or "document"; the row's payload is ValidPayloads of
	// it.
	Profile string
	// Changes are made by WithChanges.
	Changes map[string]any
	// Want is "pointer code" of each violation, in the documented order,
	// with the pointer as the validator reports it (no "#"); nil when the
	// payload is valid.
	Want []string
}

// ValidPayloads names, by profile, the valid payload under testdata that
// ProfileRow.Payload changes: StackOne's API reference example for api, the
// smallest payload for document.
var ValidPayloads = map[string]string{
	"api":      "api/valid/api-reference.json",
	"document": "document/valid/minimal.json",
}

// ProfileRows returns the rules that set the profiles apart, so that the
// CLI, the service and the HTTP handlers show each of them. Some plant
// Sentinel as the external trigger token or a category: no output may show
// it.
func ProfileRows() []ProfileRow {
	newCategories := []string{"messaging", "accounting", "scheduling"}
	return []ProfileRow{
		{"the API reference example", "api", nil, nil},
		{"the document profile's smallest payload", "document", nil, nil},
		{"organization_id a string", "api", map[string]any{"organization_id": "org_5f2c9a"}, nil},
		{"organization_id a number", "api", map[string]any{"organization_id": 17}, nil},
		{"organization_id empty", "api", map[string]any{"organization_id": ""}, []string{"/organization_id empty"}},
		{"categories null under api", "api", map[string]any{"categories": nil}, nil},
		{"categories null under document", "document", map[string]any{"categories": nil}, []string{"/categories type"}},
		{"new categories under api", "api", map[string]any{"categories": newCategories}, nil},
		{"new categories under document", "document", map[string]any{"categories": newCategories},
			[]string{"/categories/0 enum", "/categories/1 enum", "/categories/2 enum"}},
		{"an unknown type", "api", map[string]any{"type": "sandbox_2027"}, nil},
		{"type null", "api", map[string]any{"type": nil}, nil},
		{"external_trigger_token", "api", map[string]any{"external_trigger_token": Sentinel}, nil},
		{"external_trigger_token in an invalid payload, token missing", "api",
			map[string]any{"external_trigger_token": Sentinel, "token": Absent{}, "categories": []string{Sentinel}},
			[]string{"/categories/0 enum", "/token required"}},
		{"external_trigger_token in an invalid payload, token empty", "api",
			map[string]any{"external_trigger_token": Sentinel, "token": "", "categories": []string{Sentinel}},
			[]string{"/categories/0 enum", "/token empty"}},
		{"external_trigger_token not a string", "api", map[string]any{"external_trigger_token": 7}, []string{"/external_trigger_token type"}},
		{"integration_id absent", "api", map[string]any{"integration_id": Absent{}}, nil},
	}
}

// Payload returns the row's payload: ValidPayloads[r.Profile], read from
// the testdata directory, with r.Changes made.
func (r ProfileRow) Payload(testdata string) ([]byte, error) {
	name, ok := ValidPayloads[r.Profile]
	if !ok {
		return nil, fmt.Errorf("hostile: row %q: unknown profile %q", r.Name, r.Profile)
	}
	data, err := os.ReadFile(filepath.Join(testdata, name))
	if err != nil {
		return nil, err
	}
	return WithChanges(data, r.Changes)
}

// WithChanges returns data, a JSON object, with each member of changes set
// to the value given, or removed when the value is Absent{}. The result is
// compact, so that it fits on one line of NDJSON; numbers keep their text.
func WithChanges(data []byte, changes map[string]any) ([]byte, error) {
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("hostile: %w", err)
	}
	if doc == nil || dec.More() {
		return nil, errors.New("hostile: not one JSON object")
	}
	for name, v := range changes {
		if _, ok := v.(Absent); ok {
			delete(doc, name)
		} else {
			doc[name] = v
		}
	}
	return json.Marshal(doc)
}
