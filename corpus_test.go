package authlink

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// corpusCase is one payload of testdata: testdata/[MODE/]valid|invalid/NAME.json,
// MODE being strict or open for the options it needs.
type corpusCase struct {
	name  string
	path  string
	opts  Options
	valid bool
}

func corpus(t *testing.T) []corpusCase {
	var cases []corpusCase
	for _, dir := range []struct {
		glob string
		opts Options
	}{
		{"testdata/valid/*.json", Options{}},
		{"testdata/invalid/*.json", Options{}},
		{"testdata/strict/*/*.json", Options{Strict: true}},
		{"testdata/open/*/*.json", Options{OpenCategories: true}},
	} {
		files, err := filepath.Glob(dir.glob)
		require.NoError(t, err)
		for _, f := range files {
			name := strings.TrimSuffix(strings.TrimPrefix(f, "testdata/"), ".json")
			cases = append(cases, corpusCase{name, f, dir.opts, filepath.Base(filepath.Dir(f)) == "valid"})
		}
	}
	require.NotEmpty(t, cases)
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

			encoded, err := json.Marshal(link)
			require.NoError(t, err)
			require.NoError(t, v.Validate(encoded))
			assert.Equal(t, semantic(t, data), semantic(t, encoded), "Decode then json.Marshal changed the document")
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
			checkGolden(t, strings.TrimSuffix(c.path, ".json")+".golden", violationLines(verr.Violations))

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
			if link, ok := bindLoose(data, verr); ok {
				serr := v.ValidateStruct(link)
				var sverr *ValidationError
				require.ErrorAs(t, serr, &sverr)
				assert.Equal(t, verr.Violations, sverr.Violations, "ValidateStruct disagrees")
			}
		})
	}
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

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./... -update to create it")
	assert.Equal(t, string(want), string(got), "%s is out of date; run go test ./... -update and review the diff", path)
}

// semantic decodes a document into a form where equal documents are equal:
// numbers of id and organizationId as doubles, categories as wire values,
// member order ignored.
func semantic(t *testing.T, data []byte) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	for _, k := range []string{"id", "organizationId"} {
		f, err := strconv.ParseFloat(string(m[k].(json.Number)), 64)
		require.NoError(t, err)
		m[k] = f
	}
	if cats, ok := m["categories"].([]any); ok {
		for i, c := range cats {
			if wire, ok := ParseCategory(c.(string)); ok {
				cats[i] = string(wire)
			}
		}
	}
	return m
}

// bindLoose builds the AuthLink a Go program would hold for a document whose
// problems Go's types can carry: empty strings, bad categories, formats,
// non-finite ids, unknown members. It reports false for the others (and for
// documents that are not well-formed).
func bindLoose(data []byte, verr *ValidationError) (*AuthLink, bool) {
	for _, v := range verr.Violations {
		if v.Code.Malformed() || v.Code == CodeType || v.Code == CodeRequired {
			return nil, false
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return nil, false
	}
	a := &AuthLink{}
	num := func(k string) float64 {
		f, _ := strconv.ParseFloat(string(m[k].(json.Number)), 64) // ±Inf on overflow, as Go would hold it
		return f
	}
	nullable := func(k string) Nullable[string] {
		v, ok := m[k]
		switch {
		case !ok:
			return Nullable[string]{}
		case v == nil:
			return Null[string]()
		}
		return Value(v.(string))
	}
	a.ID, a.OrganizationID = num("id"), num("organizationId")
	a.ProjectID, a.OriginOwnerID, a.OriginOwnerName = m["projectId"].(string), m["originOwnerId"].(string), m["originOwnerName"].(string)
	a.CreatedAt, a.Token, a.AuthLinkURL = m["createdAt"].(string), Token(m["token"].(string)), m["authLinkUrl"].(string)
	a.Provider, a.OriginUsername, a.AccountID, a.Label = nullable("provider"), nullable("originUsername"), nullable("accountId"), nullable("label")
	if cats, ok := m["categories"].([]any); ok {
		a.Categories = []Category{}
		for _, c := range cats {
			a.Categories = append(a.Categories, Category(c.(string)))
		}
	}
	if md, ok := m["metadata"]; ok {
		a.Metadata = Null[Metadata]()
		if md != nil {
			a.Metadata = Value(Metadata(md.(map[string]any)))
		}
	}
	for k, v := range m {
		if lookupMember(k) < 0 {
			raw, err := json.Marshal(v)
			if err != nil {
				return nil, false
			}
			if a.Extra == nil {
				a.Extra = map[string]json.RawMessage{}
			}
			a.Extra[k] = raw
		}
	}
	return a, true
}
