package authlink

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
)

// fuzzOptions are the option sets every differential input runs under.
var fuzzOptions = []Options{{}, {Strict: true, OpenCategories: true}}

// FuzzDifferential feeds the same bytes to the hot path (Validate, Decode),
// to the schema compiled by santhosh-tekuri/jsonschema behind an
// encoding/json reader, and to the struct path, and fails on any
// disagreement in verdict or in the set of (pointer, code). For valid input
// it also checks that Decode, json.Marshal, Decode is stable.
func FuzzDifferential(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range fuzzOptions {
			differential(t, data, opts)
		}
	})
}

func differential(t *testing.T, data []byte, opts Options) {
	v := New(opts)
	err := v.Validate(data)
	var verr *ValidationError
	if err != nil && !errors.As(err, &verr) {
		t.Fatalf("Validate returned %T: %v", err, err)
	}
	malformed, schemaSays := oracle(t, data, opts)
	if malformed != (verr != nil && verr.Malformed()) {
		t.Fatalf("well-formedness: oracle malformed=%v, Validate says %v", malformed, err)
	}
	if !malformed && !slices.Equal(schemaSays, pcs(violationsOf(verr))) {
		t.Fatalf("violations:\nschema   %v\nValidate %v", schemaSays, pcs(violationsOf(verr)))
	}
	link, derr := v.Decode(data)
	if fmt.Sprint(derr) != fmt.Sprint(err) || (link == nil) == (err == nil) {
		t.Fatalf("Decode says %v, Validate says %v", derr, err)
	}
	if err == nil {
		roundTrip(t, v, link)
		return
	}
	if loose, ok := bindLoose(data, verr); ok {
		serr := v.ValidateStruct(loose)
		if fmt.Sprint(serr) != fmt.Sprint(err) {
			t.Fatalf("struct path says %v, Validate says %v", serr, err)
		}
	}
}

func violationsOf(verr *ValidationError) []Violation {
	if verr == nil {
		return nil
	}
	return verr.Violations
}

// roundTrip checks a decoded link: valid for the struct path, and encoded,
// decoded and encoded again to the same bytes.
func roundTrip(t *testing.T, v *Validator, link *AuthLink) {
	if err := v.ValidateStruct(link); err != nil {
		t.Fatalf("ValidateStruct of a decoded link: %v", err)
	}
	first, err := json.Marshal(link)
	if err != nil {
		t.Fatalf("json.Marshal of a decoded link: %v", err)
	}
	again, err := v.Decode(first)
	if err != nil {
		t.Fatalf("Decode of the encoding: %v", err)
	}
	second, err := json.Marshal(again)
	if err != nil || !bytes.Equal(first, second) {
		t.Fatalf("round trip is not stable:\n%s\n%s (%v)", first, second, err)
	}
}

// FuzzStructPath builds AuthLink values from the fuzzer's input and checks
// that ValidateStruct reports exactly what Validate reports for their
// encoding, and that a value MarshalJSON refuses is refused by
// ValidateStruct too.
func FuzzStructPath(f *testing.F) {
	f.Add(1024.0, 17.0, "proj", "owner", "Acme", "2025-03-14T09:26:53Z", "tok", "https://hub.stackone.com/x?t=1",
		"ats", "hrisLegacy", "label", uint8(2), "plan", "gold", "extra", []byte(`{"a":[1]}`), uint8(0))
	f.Add(-0.0, 1e308, "", "o", "n", "1998-12-31T23:59:60z", "", "ftp://h", "HRIS", "", "\xff", uint8(1), "k", "\xfe", "token", []byte(`{`), uint8(3))
	f.Fuzz(func(t *testing.T, id, org float64, project, owner, ownerName, createdAt, token, url, cat1, cat2, label string,
		labelState uint8, mdKey, mdValue, extraName string, extraRaw []byte, mode uint8) {
		a := &AuthLink{
			ID: id, OrganizationID: org, ProjectID: project, OriginOwnerID: owner, OriginOwnerName: ownerName,
			CreatedAt: createdAt, Token: Token(token), AuthLinkURL: url,
		}
		switch labelState % 4 {
		case 1:
			a.Label = Null[string]()
		case 2:
			a.Label = Value(label)
			a.Categories = []Category{Category(cat1), Category(cat2)}
		case 3:
			a.Metadata = Value(Metadata{mdKey: mdValue, "n": []any{json.Number("1"), label}})
			a.Extra = map[string]json.RawMessage{extraName: extraRaw}
		}
		v := New(fuzzOptions[mode%2])
		serr := v.ValidateStruct(a)
		encoded, merr := a.MarshalJSON()
		if merr != nil {
			if serr == nil {
				t.Fatalf("MarshalJSON refuses (%v) what ValidateStruct accepts", merr)
			}
			return
		}
		if berr := v.Validate(encoded); fmt.Sprint(berr) != fmt.Sprint(serr) {
			t.Fatalf("struct path says %v\nbytes path says %v\nfor %s", serr, berr, encoded)
		}
	})
}

// FuzzRules checks the format and enum rules string by string against the
// schema: createdAt and authLinkUrl compiled by santhosh-tekuri/jsonschema
// (format assertions on), the URL pattern compiled by regexp, the category
// enum as written.
func FuzzRules(f *testing.F) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	require.NoError(f, err)
	require.NoError(f, c.AddResource(SchemaID, doc))
	createdAt := c.MustCompile(SchemaID + "#/properties/createdAt")
	category := c.MustCompile(SchemaID + "#/$defs/category")
	urlPattern := schemaPattern(f, "authLinkUrl")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isDateTime(s), createdAt.Validate(s) == nil; got != want {
			t.Fatalf("createdAt %q: Go %v, schema %v", s, got, want)
		}
		if got, want := isAuthLinkURL(s), urlPattern.MatchString(s); got != want {
			t.Fatalf("authLinkUrl %q: Go %v, schema pattern %v", s, got, want)
		}
		if _, got := lookupCategory(s); got != (category.Validate(s) == nil) {
			t.Fatalf("category %q: Go %v, schema disagrees", s, got)
		}
	})
}

// TestFuzzSeeds keeps the seed corpora under testdata/fuzz in step with
// their sources: every payload of testdata (the hostile files included) for
// FuzzDifferential, every probe and category for FuzzRules. go test -update
// rewrites them.
func TestFuzzSeeds(t *testing.T) {
	want := map[string][]byte{}
	files, err := hostile.CorpusFiles("testdata")
	require.NoError(t, err)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		name := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(f, "testdata/"), ".json"), "/", "-")
		want[filepath.Join("FuzzDifferential", name)] = seedFile(fmt.Sprintf("[]byte(%q)", data))
	}
	var rules []string
	for _, p := range urlProbes {
		rules = append(rules, p.in)
	}
	for _, p := range dateTimeProbes {
		rules = append(rules, p.in)
	}
	for _, c := range categories {
		rules = append(rules, string(c), strings.ToUpper(string(c)))
	}
	for i, s := range rules {
		want[filepath.Join("FuzzRules", "probe-"+strconv.Itoa(i))] = seedFile(fmt.Sprintf("string(%q)", s))
	}
	for name, content := range want {
		path := filepath.Join("testdata", "fuzz", name)
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, content, 0o644))
			continue
		}
		got, err := os.ReadFile(path)
		require.NoError(t, err, "missing fuzz seed; run go test ./... -update")
		require.Equal(t, string(content), string(got), "%s is stale; run go test ./... -update", path)
	}
}

func seedFile(value string) []byte {
	return []byte("go test fuzz v1\n" + value + "\n")
}
