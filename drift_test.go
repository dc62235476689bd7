package authlink

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// driftProblems compares everything Go repeats of a schema document with
// that document: the member table of the hot path, the struct tags, the
// category constants, and the format functions (through probes). It returns
// one line per difference.
func driftProblems(schemaDoc []byte) []string {
	var problems []string
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	var s map[string]any
	if err := json.Unmarshal(schemaDoc, &s); err != nil {
		return []string{"schema is not JSON: " + err.Error()}
	}
	if s["type"] != "object" {
		report("the root type is %v, the hot path reads an object", s["type"])
	}
	if _, ok := s["additionalProperties"]; ok {
		report("the root sets additionalProperties; Go allows unknown members unless strict")
	}
	var required []string
	for _, r := range asSlice(s["required"]) {
		required = append(required, r.(string))
	}
	props, _ := s["properties"].(map[string]any)
	for name := range props {
		if lookupMember(name) < 0 {
			report("property %q is not in the member table", name)
		}
	}
	for _, m := range members {
		if m.required != slices.Contains(required, m.name) {
			report("member %q: Go required=%v, schema disagrees", m.name, m.required)
		}
		prop, ok := props[m.name].(map[string]any)
		if !ok {
			report("member %q is not a schema property", m.name)
			continue
		}
		if want := kindShape[m.kind]; !reflect.DeepEqual(shapeOf(prop), want) {
			report("member %q: schema says %v, Go implements %v", m.name, shapeOf(prop), want)
		}
	}
	checkCategories(s, report)
	checkFormats(schemaDoc, report)
	return problems
}

// kindShape is the schema each member kind implements, keywords that carry
// no rule (description) left out; patterns are checked through probes.
var kindShape = map[kind]map[string]any{
	kindDouble:     {"type": "number", "format": "double"},
	kindString:     {"type": "string", "minLength": 1.0},
	kindNullString: {"type": []any{"string", "null"}},
	kindDateTime:   {"type": "string", "format": "date-time", "pattern": "(probed)"},
	kindURL:        {"type": "string", "pattern": "(probed)"},
	kindCategories: {"type": "array", "items": map[string]any{"$ref": "#/$defs/category"}},
	kindMetadata:   {"type": []any{"object", "null"}},
}

func shapeOf(prop map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range prop {
		switch k {
		case "description":
		case "pattern":
			out[k] = "(probed)"
		default:
			out[k] = v
		}
	}
	return out
}

func asSlice(v any) []any { s, _ := v.([]any); return s }

// wantAliases are the documentation's spellings and the wire values they mean.
var wantAliases = map[string]Category{"hrisLegacy": CategoryHRISLegacy, "stackOne": CategoryStackOne}

func checkCategories(s map[string]any, report func(string, ...any)) {
	defs, _ := s["$defs"].(map[string]any)
	cat, _ := defs["category"].(map[string]any)
	if cat["type"] != "string" {
		report("category type is %v, Go reads strings", cat["type"])
	}
	var enum []string
	for _, e := range asSlice(cat["enum"]) {
		enum = append(enum, e.(string))
	}
	for _, c := range categories {
		if !slices.Contains(enum, string(c)) {
			report("category constant %q is not in the schema enum", c)
		}
	}
	for alias, wire := range wantAliases {
		if !slices.Contains(enum, alias) {
			report("alias %q is not in the schema enum", alias)
		}
		if got, ok := lookupCategory(alias); !ok || got != wire {
			report("alias %q maps to %q, want %q", alias, got, wire)
		}
	}
	for _, e := range enum {
		if c, ok := lookupCategory(e); !ok || (c != Category(e) && wantAliases[e] != c) {
			report("schema enum value %q is not a Go category", e)
		}
	}
	if len(enum) != len(categories)+len(wantAliases) {
		report("the schema enum has %d values, Go knows %d", len(enum), len(categories)+len(wantAliases))
	}
}

// checkFormats runs the probes through the schema's createdAt and
// authLinkUrl (santhosh, with format assertions) and through Go.
func checkFormats(schemaDoc []byte, report func(string, ...any)) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaDoc))
	if err != nil {
		report("schema: %v", err)
		return
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(SchemaID, doc); err != nil {
		report("schema: %v", err)
		return
	}
	for _, f := range []struct {
		prop   string
		probes []struct {
			in    string
			valid bool
		}
		goRule func(string) bool
	}{
		{"createdAt", dateTimeProbes, isDateTime[string]},
		{"authLinkUrl", urlProbes, isAuthLinkURL[string]},
	} {
		sch, err := c.Compile(SchemaID + "#/properties/" + f.prop)
		if err != nil {
			report("%s: %v", f.prop, err)
			continue
		}
		for _, p := range f.probes {
			schemaOK := sch.Validate(p.in) == nil
			if goOK := f.goRule(p.in); schemaOK != goOK || goOK != p.valid {
				report("%s %q: schema valid=%v, Go valid=%v, probe says %v", f.prop, p.in, schemaOK, goOK, p.valid)
			}
		}
	}
}

func TestSchemaMatchesGo(t *testing.T) {
	assert.Empty(t, driftProblems(schemaJSON))
}

// TestSchemaDriftFails proves the drift check fails when the schema changes
// under the Go code: each edit below must be caught.
func TestSchemaDriftFails(t *testing.T) {
	tests := []struct {
		name string
		edit func(s map[string]any)
	}{
		{"required member dropped", func(s map[string]any) { s["required"] = asSlice(s["required"])[1:] }},
		{"property added", func(s map[string]any) { props(s)["expiresAt"] = map[string]any{"type": "string"} }},
		{"property removed", func(s map[string]any) { delete(props(s), "provider") }},
		{"nullable made non-nullable", func(s map[string]any) { prop(s, "provider")["type"] = "string" }},
		{"type changed", func(s map[string]any) { prop(s, "id")["type"] = "integer" }},
		{"minLength changed", func(s map[string]any) { prop(s, "token")["minLength"] = 2 }},
		{"keyword added", func(s map[string]any) { prop(s, "projectId")["maxLength"] = 64 }},
		{"format changed", func(s map[string]any) { prop(s, "createdAt")["format"] = "date" }},
		{"date-time pattern loosened", func(s map[string]any) { prop(s, "createdAt")["pattern"] = "^.*$" }},
		{"url pattern allows ftp", func(s map[string]any) {
			p := prop(s, "authLinkUrl")
			p["pattern"] = strings.Replace(p["pattern"].(string), "^[Hh][Tt][Tt][Pp][Ss]?", "^(?:[Hh][Tt][Tt][Pp][Ss]?|ftp)", 1)
		}},
		{"enum value added", func(s map[string]any) { category(s)["enum"] = append(asSlice(category(s)["enum"]), "payroll") }},
		{"enum value removed", func(s map[string]any) { category(s)["enum"] = asSlice(category(s)["enum"])[1:] }},
		{"alias removed", func(s map[string]any) {
			category(s)["enum"] = slices.DeleteFunc(asSlice(category(s)["enum"]), func(e any) bool { return e == "stackOne" })
		}},
		{"strict by default", func(s map[string]any) { s["additionalProperties"] = false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s map[string]any
			require.NoError(t, json.Unmarshal(schemaJSON, &s))
			tt.edit(s)
			edited, err := json.Marshal(s)
			require.NoError(t, err)
			assert.NotEmpty(t, driftProblems(edited))
		})
	}
}

func props(s map[string]any) map[string]any          { return s["properties"].(map[string]any) }
func prop(s map[string]any, n string) map[string]any { return props(s)[n].(map[string]any) }
func category(s map[string]any) map[string]any {
	return s["$defs"].(map[string]any)["category"].(map[string]any)
}

// TestStructTagsMatchMembers ties the AuthLink struct to the member table
// (and so, through TestSchemaMatchesGo, to the schema): JSON names and
// order, omitzero exactly on the optional members, the tag each kind needs.
func TestStructTagsMatchMembers(t *testing.T) {
	wantTag := map[kind]string{
		kindDouble: "finite", kindString: "required", kindNullString: "", kindDateTime: "rfc3339",
		kindURL: "authlinkurl", kindCategories: "dive,category", kindMetadata: "",
	}
	typ := reflect.TypeFor[AuthLink]()
	require.Equal(t, len(members)+1, typ.NumField(), "AuthLink has a field per member, and Extra")
	for i, m := range members {
		f := typ.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		assert.Equal(t, m.name, name, "field %s", f.Name)
		assert.Equal(t, !m.required, opts == "omitzero", "field %s: omitzero must mark exactly the optional members", f.Name)
		assert.Equal(t, wantTag[m.kind], f.Tag.Get("validate"), "field %s", f.Name)
	}
	for tag := range tagCodes {
		assert.True(t, slices.ContainsFunc(members[:], func(m member) bool { return strings.Contains(wantTag[m.kind], tag) }),
			"tag %q maps to a code but no member uses it", tag)
	}
	assert.Equal(t, "-", typ.Field(len(members)).Tag.Get("json"), "Extra is not a JSON field of its own")
}

// TestURLPatternMatchesGo compiles the schema's pattern with Go's regexp,
// RE2, whose syntax the pattern shares with ECMA-262, and checks the probes.
func TestURLPatternMatchesGo(t *testing.T) {
	re := schemaPattern(t, "authLinkUrl")
	for _, p := range urlProbes {
		assert.Equal(t, p.valid, re.MatchString(p.in), "pattern on %q", p.in)
		assert.Equal(t, p.valid, isAuthLinkURL(p.in), "isAuthLinkURL(%q)", p.in)
	}
}

func schemaPattern(t testing.TB, member string) *regexp.Regexp {
	var s map[string]any
	require.NoError(t, json.Unmarshal(schemaJSON, &s))
	return regexp.MustCompile(prop(s, member)["pattern"].(string))
}
