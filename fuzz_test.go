package authlink

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
)

// fuzzOptions are the option sets every differential input runs under:
// both profiles, default and strict with open categories.
var fuzzOptions = []Options{
	{}, {Strict: true, OpenCategories: true},
	{Profile: ProfileDocument}, {Profile: ProfileDocument, Strict: true, OpenCategories: true},
}

// FuzzDifferential feeds the same bytes to the hot path (Validate, Decode),
// to the schema compiled by santhosh-tekuri/jsonschema behind an
// encoding/json reader, and to the struct path, and fails on any
// disagreement in verdict or in the set of (pointer, code). For valid input
// it also checks that Decode, json.Marshal, Decode is stable.
func FuzzDifferential(f *testing.F) {
	seedDifferential(f)
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
		roundTrip(t, v, link, data)
		return
	}
	if hint := verr.Hint; hint != "" && hint != hints[opts.Profile] {
		t.Fatalf("hint %q is not the profile's", hint)
	}
	if loose, ok := bindLoose(opts.Profile, data, verr); ok {
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

// roundTrip checks a decoded link: valid for the struct path, encoded no
// longer than the input (so it re-validates under the same caps; but for
// the byte each hrisLegacy alias gains as hris-legacy, as Encode says), and
// encoded, decoded and encoded again to the same bytes.
func roundTrip(t *testing.T, v *Validator, link *AuthLink, input []byte) {
	if err := v.ValidateStruct(link); err != nil {
		t.Fatalf("ValidateStruct of a decoded link: %v", err)
	}
	first, err := Encode(link)
	if err != nil {
		t.Fatalf("Encode of a decoded link: %v", err)
	}
	aliases := 0
	if cs, ok := link.Categories.Get(); ok {
		aliases = strings.Count(string(input), `"hrisLegacy"`)
		aliases = min(aliases, len(cs))
	}
	if len(first) > len(input)+aliases {
		t.Fatalf("Encode grew the link from %d to %d bytes:\n%s", len(input), len(first), first)
	}
	again, err := v.Decode(first)
	if err != nil {
		t.Fatalf("Decode of the encoding: %v", err)
	}
	second, err := Encode(again)
	if err != nil || !bytes.Equal(first, second) {
		t.Fatalf("round trip is not stable:\n%s\n%s (%v)", first, second, err)
	}
}

// FuzzStructPath builds AuthLink values from the fuzzer's input and checks
// that ValidateStruct reports exactly what Validate reports for their
// encoding, in every profile and option set, and that a value MarshalJSON
// refuses is refused by ValidateStruct too.
func FuzzStructPath(f *testing.F) {
	f.Add(1024.0, 17.0, "proj", "owner", "Acme", "2025-03-14T09:26:53Z", "tok", "https://hub.stackone.com/x?t=1",
		"ats", "hrisLegacy", "label", uint8(2), "plan", "gold", "extra", []byte(`{"a":[1]}`), uint8(0))
	f.Add(math.Copysign(0, -1), 1e308, "", "o", "n", "1998-12-31T23:59:60z", "", "ftp://h", "HRIS", "", "\xff", uint8(1), "k", "\xfe", "token", []byte(`{`), uint8(3))
	f.Add(1.0, 2.0, "p", "o", "n", "2026-02-01T00:00:00Z", "sess_tok_abcdefgh", "https://hub.stackone.com", "messaging", "scheduling",
		"ext", uint8(6), "organizationId", "", "organization_id", []byte(`null`), uint8(6))
	f.Fuzz(func(t *testing.T, id, org float64, project, owner, ownerName, createdAt, token, url, cat1, cat2, label string,
		labelState uint8, mdKey, mdValue, extraName string, extraRaw []byte, mode uint8) {
		a := &AuthLink{
			ID: json.Number(strconv.FormatFloat(id, 'g', -1, 64)), OrganizationID: OrganizationIDNumber(org), ProjectID: project, OriginOwnerID: owner, OriginOwnerName: ownerName,
			CreatedAt: createdAt, Token: Token(token), AuthLinkURL: url,
		}
		switch labelState % 8 {
		case 1:
			a.Label = NullOf[string]()
			a.Categories = NullOf[[]Category]()
		case 2:
			a.Label = ValueOf(label)
			a.Categories = ValueOf([]Category{Category(cat1), Category(cat2)})
		case 3:
			a.Metadata = ValueOf(Metadata{mdKey: mdValue, "n": []any{json.Number("1"), label}})
			a.Extra = map[string]json.RawMessage{extraName: extraRaw}
		case 4:
			a.OrganizationID = OrganizationIDString(label)
		case 5:
			a.ExternalTriggerToken = ValueOf(Token(label))
			a.Type = ValueOf(LinkType(mdValue))
		case 6:
			a.IntegrationID = NullOf[string]()
			a.Extra = map[string]json.RawMessage{extraName: extraRaw, mdKey: json.RawMessage(`1`)}
		}
		v := New(fuzzOptions[mode%uint8(len(fuzzOptions))])
		a.Profile = v.Options().Profile
		serr := v.ValidateStruct(a)
		encoded, merr := Encode(a)
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

// FuzzRules checks the format and enum rules string by string against both
// schemas: the date-time and category of each compiled by
// santhosh-tekuri/jsonschema (format assertions on), the URL pattern
// compiled by regexp.
func FuzzRules(f *testing.F) {
	type compiled struct {
		createdAt, category *jsonschema.Schema
		urlPattern          *regexp.Regexp
	}
	var schemas []compiled
	for _, p := range Profiles() {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(p.Schema()))
		require.NoError(f, err)
		require.NoError(f, c.AddResource(p.SchemaID(), doc))
		schemas = append(schemas, compiled{
			createdAt:  c.MustCompile(p.SchemaID() + "#/properties/" + formatMember(p, kindDateTime)),
			category:   c.MustCompile(p.SchemaID() + "#/$defs/category"),
			urlPattern: schemaPattern(f, p, formatMember(p, kindURL)),
		})
	}
	seedRules(f)
	f.Fuzz(func(t *testing.T, s string) {
		for p, sch := range schemas {
			if got, want := isDateTime(s), sch.createdAt.Validate(s) == nil; got != want {
				t.Fatalf("%s created at %q: Go %v, schema %v", Profile(p), s, got, want)
			}
			if got, want := isAuthLinkURL(s), sch.urlPattern.MatchString(s); got != want {
				t.Fatalf("%s auth link URL %q: Go %v, schema pattern %v", Profile(p), s, got, want)
			}
			if _, i := lookupCategory(s); inProfile(i, Profile(p)) != (sch.category.Validate(s) == nil) {
				t.Fatalf("%s category %q: Go %v, schema disagrees", Profile(p), s, inProfile(i, Profile(p)))
			}
		}
	})
}

// seedDifferential seeds f with every payload of testdata, both profiles'
// corpora and the hostile files, and the generated hostile cases that are
// small enough to run as plain tests.
func seedDifferential(f *testing.F) {
	files, err := hostile.CorpusFiles("testdata")
	require.NoError(f, err)
	for _, name := range files {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(data)
	}
	cases, err := hostile.Load("testdata/hostile")
	require.NoError(f, err)
	for _, c := range cases {
		if len(c.Data) <= 64<<10 && !c.SkipUnderRace() {
			f.Add(c.Data)
		}
	}
}

// seedRules seeds f with every probe of the formats and every category,
// as written and in upper case.
func seedRules(f *testing.F) {
	for _, p := range urlProbes {
		f.Add(p.in)
	}
	for _, p := range dateTimeProbes {
		f.Add(p.in)
	}
	for _, c := range categories {
		f.Add(string(c))
		f.Add(strings.ToUpper(string(c)))
	}
}
