package authlink

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authlink-go/authlink/internal/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusCase is one payload of testdata:
// testdata/PROFILE/[MODE/]valid|invalid/NAME.json, MODE being strict or open
// for the options it needs.
type corpusCase struct {
	name  string
	path  string
	opts  Options
	valid bool
}

func corpus(t *testing.T) []corpusCase {
	var cases []corpusCase
	for _, p := range Profiles() {
		for _, dir := range []struct {
			glob string
			opts Options
		}{
			{"valid/*.json", Options{Profile: p}},
			{"invalid/*.json", Options{Profile: p}},
			{"strict/*/*.json", Options{Profile: p, Strict: true}},
			{"open/*/*.json", Options{Profile: p, OpenCategories: true}},
		} {
			files, err := filepath.Glob(filepath.Join("testdata", p.String(), dir.glob))
			require.NoError(t, err)
			require.NotEmpty(t, files, "%s/%s", p, dir.glob)
			for _, f := range files {
				name := strings.TrimSuffix(strings.TrimPrefix(f, "testdata/"), ".json")
				cases = append(cases, corpusCase{name, f, dir.opts, filepath.Base(filepath.Dir(f)) == "valid"})
			}
		}
	}
	return cases
}

func TestCorpusValid(t *testing.T) {
	for _, c := range corpus(t) {
		if !c.valid {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(c.path)
			require.NoError(t, err)
			v := New(c.opts)
			require.NoError(t, v.Validate(data))

			malformed, schemaSays := oracle(t, data, c.opts)
			assert.False(t, malformed, "the oracle finds the input malformed")
			assert.Empty(t, schemaSays, "the schema finds violations")

			link, err := v.Decode(data)
			require.NoError(t, err)
			assert.NoError(t, v.ValidateStruct(link))

			assert.Equal(t, c.opts.Profile, link.Profile, "Decode keeps the profile it read")
			encoded, err := Encode(link)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(encoded), len(data), "Encode grew the document")
			tight := c.opts
			tight.MaxBytes = len(data)
			require.NoError(t, New(tight).Validate(encoded), "the encoding re-validates under a cap the input just fits")
			require.NoError(t, New(tight).ValidateStruct(link), "the decoded link re-validates under a cap the input just fits")
			assert.Equal(t, semantic(t, data), semantic(t, encoded), "Decode then Encode changed the document")
		})
	}
}

func TestCorpusInvalid(t *testing.T) {
	for _, c := range corpus(t) {
		if c.valid {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(c.path)
			require.NoError(t, err)
			v := New(c.opts)
			err = v.Validate(data)
			require.ErrorIs(t, err, ErrInvalid)
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			checkGolden(t, strings.TrimSuffix(c.path, ".json")+".golden", errorLines(verr))

			link, decodeErr := v.Decode(data)
			assert.Nil(t, link)
			assert.Equal(t, err, decodeErr, "Decode and Validate disagree")

			malformed, schemaSays := oracle(t, data, c.opts)
			assert.Equal(t, verr.Malformed(), malformed, "the oracle disagrees on well-formedness")
			if !malformed {
				assert.Equal(t, schemaSays, pcs(verr.Violations), "the schema disagrees")
			}

			// The struct path sees the same problems in a Go value built
			// from the document, where Go's types can hold it.
			if link, ok := bindLoose(c.opts.Profile, data, verr); ok {
				serr := v.ValidateStruct(link)
				var sverr *ValidationError
				require.ErrorAs(t, serr, &sverr)
				assert.Equal(t, unlocated(verr.Violations), sverr.Violations, "ValidateStruct disagrees")
				assert.Empty(t, sverr.Hint, "a Go value has no member names to hint at")
			}
		})
	}
}

// unlocated returns a copy of vs without locations, as ValidateStruct,
// which has no input, reports them.
func unlocated(vs []Violation) []Violation {
	out := make([]Violation, len(vs))
	for i, v := range vs {
		out[i] = Violation{Pointer: v.Pointer, Code: v.Code, Message: v.Message, Keyword: v.Keyword}
	}
	return out
}

// violationLines renders violations as the golden files store them: a JSON
// array with one violation per line.
func violationLines(vs []Violation) []byte {
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, v := range vs {
		line, _ := json.Marshal(v)
		b.Write(line)
		if i < len(vs)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// errorLines renders an error as the corpus golden files store it: its
// violations, then its hint on a line of its own when it has one.
func errorLines(verr *ValidationError) []byte {
	b := violationLines(verr.Violations)
	if verr.Hint != "" {
		b = append(b, "hint: "+verr.Hint+"\n"...)
	}
	return b
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if golden.Updating() {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file "+path+"; run "+golden.HowToUpdate+" to create it")
	assert.Equal(t, string(want), string(got), "%s is out of date; run "+golden.HowToUpdate+" and review the diff", path)
}

// semantic decodes a document into a form where equal documents are equal:
// numbers as their text, categories as wire values, member order ignored.
func semantic(t *testing.T, data []byte) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	if cats, ok := m["categories"].([]any); ok {
		for i, c := range cats {
			if wire, ok := ParseCategory(c.(string)); ok {
				cats[i] = string(wire)
			}
		}
	}
	return m
}

// bindLoose builds the AuthLink a Go program would hold for a document of
// profile p whose problems Go's types can carry: empty strings, bad
// categories, formats, non-finite ids, unknown members. It reports false
// for the others (and for documents that are not well-formed). It fills the
// fields through the member table, as encoding/json would through tags.
func bindLoose(p Profile, data []byte, verr *ValidationError) (*AuthLink, bool) {
	for _, v := range verr.Violations {
		if v.Code.Malformed() || v.Code == CodeType || v.Code == CodeRequired {
			return nil, false
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if dec.Decode(&doc) != nil {
		return nil, false
	}
	a := &AuthLink{Profile: p}
	for name, v := range doc {
		i := lookupMember(p, name)
		if i < 0 {
			raw, err := json.Marshal(v)
			if err != nil {
				return nil, false
			}
			if a.Extra == nil {
				a.Extra = map[string]json.RawMessage{}
			}
			a.Extra[name] = raw
			continue
		}
		switch f := members[i].field(a).(type) {
		case *json.Number:
			*f = v.(json.Number)
		case *OrganizationID:
			*f = OrganizationIDString(fmt.Sprint(v))
			if n, isNumber := v.(json.Number); isNumber {
				*f = OrganizationID{text: string(n)}
			}
		case *Nullable[[]Category]:
			cats := []Category{}
			for _, c := range asSlice(v) {
				cats = append(cats, Category(c.(string)))
			}
			*f = ValueOf(cats)
		case *Nullable[Metadata]:
			*f = ValueOf(Metadata(nil))
			if md, ok := v.(map[string]any); ok {
				*f = ValueOf(Metadata(md))
			}
		default:
			setString(f, fmt.Sprint(v))
		}
		if v == nil {
			members[i].field(a).(nullSetter).setNull()
		}
	}
	return a, true
}
