// Package hostile loads the hostile-input suite of testdata/hostile, so that
// every entry point's tests run the same cases: small ones stored as files,
// large ones (deep nesting, 8 MB strings) generated from a description.
//
// The files use the document profile's member names; ForProfile gives the
// same cases with the api profile's names, so that the suite runs under
// both profiles.
package hostile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Case is one hostile input and what must come of it.
type Case struct {
	Name    string
	Data    []byte
	Options Options
	// Valid is true when the input must be accepted; otherwise the first
	// violation (in the documented order) has Code and Pointer.
	Valid   bool
	Code    string
	Pointer string
	// Profile is the profile the case is written for: "document" as
	// loaded, "api" after ForProfile.
	Profile string
	// Generated is true for the cases built from a description rather
	// than read from a file: the giants, about size and time.
	Generated bool
}

// Options are the validator options a case needs, by their authlink names.
type Options struct {
	MaxBytes       int  `json:"maxBytes"`
	MaxDepth       int  `json:"maxDepth"`
	Strict         bool `json:"strict"`
	OpenCategories bool `json:"openCategories"`
}

// part is a piece of generated text: a literal string, {"repeat": s,
// "times": n}, or {"sequence": format, "times": n} with %d the index.
type part struct {
	literal  string
	Repeat   string `json:"repeat"`
	Sequence string `json:"sequence"`
	Times    int    `json:"times"`
}

func (p *part) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &p.literal)
	}
	type plain part
	return json.Unmarshal(b, (*plain)(p))
}

func build(parts []part) []byte {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.literal)
		b.WriteString(strings.Repeat(p.Repeat, p.Times))
		for i := 0; p.Sequence != "" && i < p.Times; i++ {
			fmt.Fprintf(&b, p.Sequence, i)
		}
	}
	return []byte(b.String())
}

type manifest struct {
	Cases []struct {
		Name    string  `json:"name"`
		File    string  `json:"file"`
		Options Options `json:"options"`
		Valid   bool    `json:"valid"`
		Code    string  `json:"code"`
		Pointer string  `json:"pointer"`
	} `json:"cases"`
	Generated []struct {
		Name    string  `json:"name"`
		Parts   []part  `json:"parts"`
		Options Options `json:"options"`
		Valid   bool    `json:"valid"`
		Code    string  `json:"code"`
		Pointer []part  `json:"pointer"`
	} `json:"generated"`
}

// Load reads the suite from dir (testdata/hostile).
func Load(dir string) ([]Case, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "cases.json"), err)
	}
	var cases []Case
	for _, c := range m.Cases {
		data, err := os.ReadFile(filepath.Join(dir, c.File))
		if err != nil {
			return nil, err
		}
		cases = append(cases, Case{c.Name, data, c.Options, c.Valid, c.Code, c.Pointer, "document", false})
	}
	for _, g := range m.Generated {
		var data []byte
		if !raceEnabled {
			data = build(g.Parts) // under -race the case is skipped: see SkipUnderRace
		}
		cases = append(cases, Case{g.Name, data, g.Options, g.Valid, g.Code, string(build(g.Pointer)), "document", true})
	}
	return cases, nil
}

// Large reports whether the case is one of the generated giants (1 MB and
// more): they are about size and time, and no member name changes them, so
// the suites run them under the api profile only.
func (c Case) Large() bool { return len(c.Data) >= 1<<20 }

// SkipUnderRace reports whether a test built with -race should leave the
// case out (Load leaves its data empty then). The generated cases are about size and time: each runs on one
// goroutine, so the race detector has nothing to find in them, and it makes
// them ten times slower. They run in every test built without -race, the
// newcomer's go test ./... among them, and .ci/run runs them so as well.
func (c Case) SkipUnderRace() bool { return raceEnabled && c.Generated }

// SkipReason is the message for a test that leaves a case out under -race.
const SkipReason = "a generated giant: about size and time, not races; it runs without -race"

// APINames maps the document profile's member names to the api profile's,
// where they differ. The root package's tests tie it to the member table.
var APINames = map[string]string{
	"organizationId":  "organization_id",
	"projectId":       "project_id",
	"originOwnerId":   "origin_owner_id",
	"originOwnerName": "origin_owner_name",
	"originUsername":  "origin_username",
	"accountId":       "account_id",
	"createdAt":       "created_at",
	"authLinkUrl":     "auth_link_url",
}

// ForProfile returns the cases written for profile ("api" or "document"):
// for api, every member name of the document profile, quoted in the data
// and as the first token of the pointer, becomes its api name.
func ForProfile(cases []Case, profile string) []Case {
	if profile != "api" {
		return cases
	}
	out := make([]Case, len(cases))
	for i, c := range cases {
		c.Data = ToAPI(c.Data)
		for doc, api := range APINames {
			if c.Pointer == "/"+doc || strings.HasPrefix(c.Pointer, "/"+doc+"/") {
				c.Pointer = "/" + api + c.Pointer[1+len(doc):]
			}
		}
		c.Profile = "api"
		out[i] = c
	}
	return out
}

// BothProfiles returns the suite for both profiles: every case with the api
// profile's names, then the cases as written for the document profile but
// the Large ones, which no member name changes, so that once is enough.
func BothProfiles(cases []Case) []Case {
	all := ForProfile(cases, "api")
	for _, c := range cases {
		if !c.Large() {
			all = append(all, c)
		}
	}
	return all
}

// ToAPI returns data with every quoted member name of the document profile
// replaced by its api name. It jumps from quote to quote, so that the
// giants (8 MB strings) cost one pass of bytes.IndexByte.
func ToAPI(data []byte) []byte {
	out := make([]byte, 0, len(data))
	for {
		i := bytes.IndexByte(data, '"')
		if i < 0 {
			return append(out, data...)
		}
		out, data = append(out, data[:i]...), data[i:]
		quoted := toAPIName(data)
		if quoted == "" {
			out, data = append(out, '"'), data[1:]
			continue
		}
		api := APINames[quoted[1:len(quoted)-1]]
		out, data = append(append(append(out, '"'), api...), '"'), data[len(quoted):]
	}
}

// toAPIName returns the quoted document name data starts with, if any.
func toAPIName(data []byte) string {
	for doc := range APINames {
		if len(data) >= len(doc)+2 && data[len(doc)+1] == '"' && string(data[1:len(doc)+1]) == doc {
			return string(data[:len(doc)+2])
		}
	}
	return ""
}
