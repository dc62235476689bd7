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

	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// driftProblems compares everything Go repeats of profile p's schema with
// the schema document: the member table of the hot path, the category
// constants, the link types, and the format functions (through probes). It
// returns one line per difference.
func driftProblems(p Profile, schemaDoc []byte) []string {
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
		if lookupMember(p, name) < 0 {
			report("property %q is not in the member table", name)
		}
	}
	for _, r := range required {
		if lookupMember(p, r) < 0 {
			report("required %q is not in the member table", r)
		}
	}
	for i := range members {
		m := &members[i]
		if !m.in(p) {
			continue
		}
		if m.required != slices.Contains(required, m.name[p]) {
			report("member %q: Go required=%v, schema disagrees", m.name[p], m.required)
		}
		prop, ok := props[m.name[p]].(map[string]any)
		if !ok {
			report("member %q is not a schema property", m.name[p])
			continue
		}
		if want := kindShape[m.kind[p]]; !reflect.DeepEqual(shapeOf(prop), want) {
			report("member %q: schema says %v, Go implements %v", m.name[p], shapeOf(prop), want)
		}
		if secret := prop["x-secret"] == true; secret != m.secret {
			report("member %q: schema x-secret %v, Go secret %v", m.name[p], secret, m.secret)
		}
		if _, isType := m.field(new(AuthLink)).(*Nullable[LinkType]); isType {
			var examples []LinkType
			for _, e := range asSlice(prop["examples"]) {
				examples = append(examples, LinkType(e.(string)))
			}
			if !slices.Equal(examples, linkTypes) {
				report("member %q: schema examples %v, Go constants %v", m.name[p], examples, linkTypes)
			}
		}
	}
	checkCategories(p, s, report)
	checkFormats(p, schemaDoc, report)
	return problems
}

// kindShape is the schema each member kind implements, keywords that carry
// no rule (description, examples) left out; patterns are checked through
// probes.
var kindShape = map[kind]map[string]any{
	kindDouble:         {"type": "number", "format": "double"},
	kindOrgID:          {"type": []any{"string", "number"}, "minLength": 1.0, "format": "double"},
	kindString:         {"type": "string", "minLength": 1.0},
	kindNullString:     {"type": []any{"string", "null"}},
	kindDateTime:       {"type": "string", "format": "date-time", "pattern": "(probed)"},
	kindURL:            {"type": "string", "pattern": "(probed)"},
	kindCategories:     {"type": "array", "items": map[string]any{"$ref": "#/$defs/category"}},
	kindNullCategories: {"type": []any{"array", "null"}, "items": map[string]any{"$ref": "#/$defs/category"}},
	kindMetadata:       {"type": []any{"object", "null"}},
}

// TestKindNullable ties kind.nullable, which the reader and the encoder
// use, to the kinds' shapes the schemas are checked against: a kind may be
// null exactly when its type lists null.
func TestKindNullable(t *testing.T) {
	for k, shape := range kindShape {
		types, _ := shape["type"].([]any)
		assert.Equal(t, slices.Contains(types, any("null")), k.nullable(), "kind %d", k)
	}
}

func shapeOf(prop map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range prop {
		switch k {
		case "description", "examples", "x-secret":
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

func checkCategories(p Profile, s map[string]any, report func(string, ...any)) {
	defs, _ := s["$defs"].(map[string]any)
	cat, _ := defs["category"].(map[string]any)
	if cat["type"] != "string" {
		report("category type is %v, Go reads strings", cat["type"])
	}
	var enum []string
	for _, e := range asSlice(cat["enum"]) {
		enum = append(enum, e.(string))
	}
	for i, c := range categories {
		if _, index := lookupCategory(c); index != i {
			report("category constant %q is at %d in the table, lookupCategory says %d", c, i, index)
		}
		if inProfile(i, p) != slices.Contains(enum, string(c)) {
			report("category constant %q: Go says in profile %v, the schema enum disagrees", c, inProfile(i, p))
		}
	}
	for alias, wire := range wantAliases {
		if !slices.Contains(enum, alias) {
			report("alias %q is not in the schema enum", alias)
		}
		if got, i := lookupCategory(alias); !inProfile(i, p) || got != wire {
			report("alias %q maps to %q, want %q", alias, got, wire)
		}
	}
	for _, e := range enum {
		if c, i := lookupCategory(e); !inProfile(i, p) || (c != Category(e) && wantAliases[e] != c) {
			report("schema enum value %q is not a Go category of the profile", e)
		}
	}
	if len(enum) != categoryCount[p]+len(wantAliases) {
		report("the schema enum has %d values, Go knows %d", len(enum), categoryCount[p]+len(wantAliases))
	}
}

// formatMember returns the name in p of the member of kind k.
func formatMember(p Profile, k kind) string {
	for _, m := range members {
		if m.kind[p] == k {
			return m.name[p]
		}
	}
	return ""
}

// checkFormats runs the probes through the schema's date-time and URL
// members (santhosh, with format assertions) and through Go.
func checkFormats(p Profile, schemaDoc []byte, report func(string, ...any)) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaDoc))
	if err != nil {
		report("schema: %v", err)
		return
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(p.SchemaID(), doc); err != nil {
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
		{formatMember(p, kindDateTime), dateTimeProbes, isDateTime[string]},
		{formatMember(p, kindURL), urlProbes, isAuthLinkURL[string]},
	} {
		sch, err := c.Compile(p.SchemaID() + "#/properties/" + f.prop)
		if err != nil {
			report("%s: %v", f.prop, err)
			continue
		}
		for _, probe := range f.probes {
			schemaOK := sch.Validate(probe.in) == nil
			if goOK := f.goRule(probe.in); schemaOK != goOK || goOK != probe.valid {
				report("%s %q: schema valid=%v, Go valid=%v, probe says %v", f.prop, probe.in, schemaOK, goOK, probe.valid)
			}
		}
	}
}

func TestSchemaMatchesGo(t *testing.T) {
	for _, p := range Profiles() {
		t.Run(p.String(), func(t *testing.T) {
			assert.Empty(t, driftProblems(p, p.Schema()))
		})
	}
}

// TestMemberTable checks what the table itself must hold: the api profile
// has every member (redaction and printing rely on it), names are unique
// per profile, a member is secret exactly when its Go type is Token, and
// the hostile suite's name map is the table's.
func TestMemberTable(t *testing.T) {
	apiNames := map[string]string{}
	for i := range members {
		m := &members[i]
		assert.True(t, m.in(ProfileAPI), "member %d is not in the api profile", i)
		for _, p := range Profiles() {
			if m.in(p) {
				assert.Equal(t, i, lookupMember(p, m.name[p]), "lookup of %q in %s", m.name[p], p)
			} else {
				assert.Empty(t, m.name[p], "a member the profile lacks has no name there")
			}
		}
		switch m.field(new(AuthLink)).(type) {
		case *Token, *Nullable[Token]:
			assert.True(t, m.secret, "member %q holds a Token but is not secret", m.name[ProfileAPI])
		default:
			assert.False(t, m.secret, "member %q is secret but its Go type would print it", m.name[ProfileAPI])
		}
		if doc := m.name[ProfileDocument]; doc != "" && doc != m.name[ProfileAPI] {
			apiNames[doc] = m.name[ProfileAPI]
		}
	}
	assert.Equal(t, apiNames, hostile.APINames)
	assert.Equal(t, -1, lookupMember(ProfileAPI, "authLinkUrl"))
	assert.Equal(t, -1, lookupMember(ProfileDocument, "external_trigger_token"))
	assert.Equal(t, -1, lookupMember(ProfileAPI, ""))
}

// TestSchemaDriftFails proves the drift check fails when a schema changes
// under the Go code: each edit below must be caught.
func TestSchemaDriftFails(t *testing.T) {
	name := func(p Profile, m int) string { return members[m].name[p] }
	tests := []struct {
		name     string
		profiles []Profile
		edit     func(p Profile, s map[string]any)
	}{
		{"required member dropped", Profiles(), func(p Profile, s map[string]any) { s["required"] = asSlice(s["required"])[1:] }},
		{"property added", Profiles(), func(p Profile, s map[string]any) { props(s)["expiresAt"] = map[string]any{"type": "string"} }},
		{"property removed", Profiles(), func(p Profile, s map[string]any) { delete(props(s), "provider") }},
		{"property renamed", Profiles(), func(p Profile, s map[string]any) {
			props(s)["auth_url"] = prop(s, name(p, mAuthLinkURL))
			delete(props(s), name(p, mAuthLinkURL))
		}},
		{"other profile's name", []Profile{ProfileAPI}, func(p Profile, s map[string]any) {
			props(s)["projectId"] = prop(s, "project_id")
			delete(props(s), "project_id")
		}},
		{"nullable made non-nullable", Profiles(), func(p Profile, s map[string]any) { prop(s, "provider")["type"] = "string" }},
		{"type changed", Profiles(), func(p Profile, s map[string]any) { prop(s, "id")["type"] = "integer" }},
		{"organization id number only", []Profile{ProfileAPI}, func(p Profile, s map[string]any) {
			prop(s, "organization_id")["type"] = "number"
		}},
		{"organization id string allowed", []Profile{ProfileDocument}, func(p Profile, s map[string]any) {
			prop(s, "organizationId")["type"] = []any{"string", "number"}
		}},
		{"categories not nullable", []Profile{ProfileAPI}, func(p Profile, s map[string]any) { prop(s, "categories")["type"] = "array" }},
		{"categories nullable", []Profile{ProfileDocument}, func(p Profile, s map[string]any) {
			prop(s, "categories")["type"] = []any{"array", "null"}
		}},
		{"minLength changed", Profiles(), func(p Profile, s map[string]any) { prop(s, "token")["minLength"] = 2 }},
		{"keyword added", Profiles(), func(p Profile, s map[string]any) { prop(s, name(p, mProjectID))["maxLength"] = 64 }},
		{"format changed", Profiles(), func(p Profile, s map[string]any) { prop(s, name(p, mCreatedAt))["format"] = "date" }},
		{"date-time pattern loosened", Profiles(), func(p Profile, s map[string]any) { prop(s, name(p, mCreatedAt))["pattern"] = "^.*$" }},
		{"url pattern allows ftp", Profiles(), func(p Profile, s map[string]any) {
			u := prop(s, name(p, mAuthLinkURL))
			u["pattern"] = strings.Replace(u["pattern"].(string), "^[Hh][Tt][Tt][Pp][Ss]?", "^(?:[Hh][Tt][Tt][Pp][Ss]?|ftp)", 1)
		}},
		{"enum value added", Profiles(), func(p Profile, s map[string]any) {
			category(s)["enum"] = append(asSlice(category(s)["enum"]), "payroll")
		}},
		{"api category in the document", []Profile{ProfileDocument}, func(p Profile, s map[string]any) {
			category(s)["enum"] = append(asSlice(category(s)["enum"]), "messaging")
		}},
		{"enum value removed", Profiles(), func(p Profile, s map[string]any) { category(s)["enum"] = asSlice(category(s)["enum"])[1:] }},
		{"api category removed", []Profile{ProfileAPI}, func(p Profile, s map[string]any) {
			category(s)["enum"] = slices.DeleteFunc(asSlice(category(s)["enum"]), func(e any) bool { return e == "scheduling" })
		}},
		{"alias removed", Profiles(), func(p Profile, s map[string]any) {
			category(s)["enum"] = slices.DeleteFunc(asSlice(category(s)["enum"]), func(e any) bool { return e == "stackOne" })
		}},
		{"link type example changed", []Profile{ProfileAPI}, func(p Profile, s map[string]any) {
			prop(s, "type")["examples"] = []any{"production", "test"}
		}},
		{"secret member dropped", []Profile{ProfileAPI}, func(p Profile, s map[string]any) { delete(props(s), "external_trigger_token") }},
		{"secret no longer marked", Profiles(), func(p Profile, s map[string]any) { delete(prop(s, "token"), "x-secret") }},
		{"a plain member marked secret", Profiles(), func(p Profile, s map[string]any) { prop(s, "label")["x-secret"] = true }},
		{"strict by default", Profiles(), func(p Profile, s map[string]any) { s["additionalProperties"] = false }},
	}
	for _, tt := range tests {
		for _, p := range tt.profiles {
			t.Run(p.String()+"/"+tt.name, func(t *testing.T) {
				var s map[string]any
				require.NoError(t, json.Unmarshal(p.Schema(), &s))
				tt.edit(p, s)
				edited, err := json.Marshal(s)
				require.NoError(t, err)
				assert.NotEmpty(t, driftProblems(p, edited))
			})
		}
	}
}

func props(s map[string]any) map[string]any          { return s["properties"].(map[string]any) }
func prop(s map[string]any, n string) map[string]any { return props(s)[n].(map[string]any) }
func category(s map[string]any) map[string]any {
	return s["$defs"].(map[string]any)["category"].(map[string]any)
}

// TestStructTagsMatchMembers ties the AuthLink struct to the member table
// (and so, through TestSchemaMatchesGo, to the schemas): one field per
// member in table order, json tags with the api names, omitzero exactly on
// the optional members, the validate tag each Go type needs.
func TestStructTagsMatchMembers(t *testing.T) {
	wantTag := map[reflect.Type]string{
		reflect.TypeFor[json.Number]():          "finite",
		reflect.TypeFor[OrganizationID]():       "orgid",
		reflect.TypeFor[Token]():                "required",
		reflect.TypeFor[Nullable[[]Category]](): "dive,category",
	}
	typ := reflect.TypeFor[AuthLink]()
	require.Equal(t, len(members)+2, typ.NumField(), "AuthLink has a field per member, Extra and Profile")
	used := map[string]bool{}
	for i := range members {
		m := &members[i]
		f := typ.Field(i)
		assert.Equal(t, goNames[i], f.Name, "member %q: the table's field accessor and the struct order disagree", m.name[ProfileAPI])
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		assert.Equal(t, m.name[ProfileAPI], name, "field %s", f.Name)
		assert.Equal(t, !m.required, opts == "omitzero", "field %s: omitzero must mark exactly the optional members", f.Name)
		want, ok := wantTag[f.Type]
		switch k := m.kind[ProfileAPI]; {
		case ok:
		case k == kindString:
			want = "required"
		case k == kindDateTime:
			want = "rfc3339"
		case k == kindURL:
			want = "authlinkurl"
		}
		assert.Equal(t, want, f.Tag.Get(tagName), "field %s", f.Name)
		for _, tag := range strings.Split(want, ",") {
			used[tag] = true
		}
	}
	for tag := range tagCodes {
		assert.True(t, used[tag], "tag %q maps to a code but no member uses it", tag)
	}
	assert.Equal(t, "-", typ.Field(len(members)).Tag.Get("json"), "Extra is not a JSON field of its own")
	assert.Equal(t, "-", typ.Field(len(members)+1).Tag.Get("json"), "Profile is not a JSON field")
}

// TestURLPatternMatchesGo compiles each schema's pattern with Go's regexp,
// RE2, whose syntax the pattern shares with ECMA-262, and checks the probes.
func TestURLPatternMatchesGo(t *testing.T) {
	for _, p := range Profiles() {
		re := schemaPattern(t, p, formatMember(p, kindURL))
		for _, probe := range urlProbes {
			assert.Equal(t, probe.valid, re.MatchString(probe.in), "%s pattern on %q", p, probe.in)
			assert.Equal(t, probe.valid, isAuthLinkURL(probe.in), "isAuthLinkURL(%q)", probe.in)
		}
	}
}

func schemaPattern(t testing.TB, p Profile, member string) *regexp.Regexp {
	var s map[string]any
	require.NoError(t, json.Unmarshal(p.Schema(), &s))
	return regexp.MustCompile(prop(s, member)["pattern"].(string))
}
