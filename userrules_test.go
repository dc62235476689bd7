package authlink

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// metadataRules are a team's conventions for metadata.
const metadataRules = `{
  "type": "object",
  "required": ["plan", "tenant_id"],
  "properties": {
    "plan": {"enum": ["free", "pro", "enterprise"]},
    "tenant_id": {"type": "string", "pattern": "^t_[0-9a-z]+$"},
    "limits": {"type": "object", "properties": {"seats": {"type": "integer", "minimum": 1}}}
  }
}`

// documentRules narrow the api profile: fewer categories, provider required.
const documentRules = `{
  "required": ["provider"],
  "properties": {
    "provider": {"type": "string"},
    "categories": {"type": "array", "items": {"enum": ["ats", "hris"]}},
    "token": {"pattern": "^t"}
  }
}`

type rulePC struct {
	Pointer string
	Keyword string
}

func TestUserRules(t *testing.T) {
	meta, err := CompileMetadataRules([]byte(metadataRules))
	require.NoError(t, err)
	whole, err := CompileRules([]byte(documentRules))
	require.NoError(t, err)
	tests := []struct {
		name  string
		rules *Rules
		extra string
		want  []rulePC // nil: valid
	}{
		{"metadata: valid", meta, `,"metadata":{"plan":"pro","tenant_id":"t_42","limits":{"seats":3}}`, nil},
		{"metadata: absent is not checked", meta, ``, nil},
		{"metadata: null is not checked", meta, `,"metadata":null`, nil},
		{"metadata: enum", meta, `,"metadata":{"plan":"gold","tenant_id":"t_42"}`, []rulePC{{"/metadata/plan", "enum"}}},
		{"metadata: required", meta, `,"metadata":{"plan":"pro"}`, []rulePC{{"/metadata/tenant_id", "required"}}},
		{"metadata: pattern and type", meta, `,"metadata":{"plan":"pro","tenant_id":"T-42","limits":{"seats":"3"}}`,
			[]rulePC{{"/metadata/limits/seats", "type"}, {"/metadata/tenant_id", "pattern"}}},
		{"metadata: nested minimum", meta, `,"metadata":{"plan":"pro","tenant_id":"t_1","limits":{"seats":0}}`, []rulePC{{"/metadata/limits/seats", "minimum"}}},
		{"document: valid", whole, `,"provider":"greenhouse","categories":["ats"]`, nil},
		{"document: provider required", whole, `,"categories":["hris"]`, []rulePC{{"/provider", "required"}}},
		{"document: narrower categories", whole, `,"provider":"p","categories":["ats","crm","scheduling"]`,
			[]rulePC{{"/categories/1", "enum"}, {"/categories/2", "enum"}}},
		{"document: provider null breaks the rules' type", whole, `,"provider":null`, []rulePC{{"/provider", "type"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := withMember(tt.extra)
			v := New(Options{Rules: tt.rules})
			require.NoError(t, Validate(data), "the profile's rules pass")
			err := v.Validate(data)
			link, derr := v.Decode(data)
			assert.Equal(t, err, derr, "Decode agrees")
			if tt.want == nil {
				require.NoError(t, err)
				require.NotNil(t, link)
				assert.NoError(t, v.ValidateStruct(link))
				return
			}
			assert.Nil(t, link)
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			var got []rulePC
			for _, viol := range verr.Violations {
				assert.Equal(t, CodeRule, viol.Code)
				assert.Positive(t, viol.Line, "located")
				wantOffset := offsetOf(data, viol.Pointer, viol.Keyword == "required")
				assert.Equal(t, wantOffset, viol.Offset)
				got = append(got, rulePC{viol.Pointer, viol.Keyword})
			}
			assert.Equal(t, tt.want, got)
			structPathAgrees(t, v, data, verr)
		})
	}
	// Rules run only once the profile's rules pass.
	var verr *ValidationError
	require.ErrorAs(t, New(Options{Rules: whole}).Validate(replaced(`"token":"t"`, `"token":""`)), &verr)
	assert.Equal(t, []pc{{"/token", CodeEmpty}}, pcs(verr.Violations))
}

func TestUserRulesMessagesNameNoInput(t *testing.T) {
	rules, err := CompileRules([]byte(`{"properties":{"token":{"pattern":"^sess_","minLength":80},
		"label":{"const":"x"},"origin_owner_name":{"format":"email"}}}`))
	require.NoError(t, err)
	const secret = "SENTINEL-rule-0123456789"
	data := withMember(`,"label":"` + secret + `"`)
	data = bytes.Replace(data, []byte(`"token":"t"`), []byte(`"token":"`+secret+`"`), 1)
	data = bytes.Replace(data, []byte(`"origin_owner_name":"n"`), []byte(`"origin_owner_name":"`+secret+`"`), 1)
	err = New(Options{Rules: rules}).Validate(data)
	var verr *ValidationError
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Violations, 4)
	out, merr := json.Marshal(verr.Violations)
	require.NoError(t, merr)
	for _, s := range []string{err.Error(), string(out), fmt.Sprintf("%+v", verr)} {
		assert.NotContains(t, s, "0123456789")
	}
	assert.Contains(t, err.Error(), "/token: rule: must match the pattern ^sess_")
}

// TestMetadataRulesName: metadata rules find the member by one name, so
// every profile that has it must call it that.
func TestMetadataRulesName(t *testing.T) {
	for _, p := range Profiles() {
		if members[mMetadata].in(p) {
			assert.Equal(t, metadataName, members[mMetadata].name[p], "metadata's name in %s", p)
		}
	}
}

func TestCompileRulesRefuses(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(dir+"/other.json", []byte(`{"type":"string"}`), 0o644))
	tests := []struct {
		name, schema, want string
	}{
		{"not JSON", `{`, "not JSON"},
		{"not a schema", `{"type": 7}`, "do not compile"},
		{"a bad pattern", `{"pattern": "("}`, "do not compile"},
		{"a remote $ref", `{"$ref": "https://example.com/schema.json"}`, "may not refer to https://example.com/schema.json"},
		{"a file $ref", `{"$ref": "file://` + dir + `/other.json"}`, "may not refer to file://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CompileRules([]byte(tt.schema))
			assert.ErrorContains(t, err, tt.want)
		})
	}
	// A $ref into a profile schema is allowed: rules may extend it.
	rules, err := CompileRules([]byte(`{"properties":{"categories":{"items":{"$ref":"` + ProfileAPI.SchemaID() + `#/$defs/category","not":{"const":"crm"}}}}}`))
	require.NoError(t, err)
	var verr *ValidationError
	require.ErrorAs(t, New(Options{Rules: rules}).Validate(withMember(`,"categories":["ats","crm"]`)), &verr)
	assert.Equal(t, "/categories/1", verr.Violations[0].Pointer)
	assert.Equal(t, "not", verr.Violations[0].Keyword)
}

// TestRulesContract: the combined contract compiles elsewhere and says what
// the validator says.
func TestRulesContract(t *testing.T) {
	for _, src := range []struct {
		compile func([]byte) (*Rules, error)
		schema  string
		extra   string
	}{
		{CompileRules, documentRules, `,"categories":["crm"]`},
		{CompileMetadataRules, metadataRules, `,"metadata":{"plan":"gold"}`},
	} {
		rules, err := src.compile([]byte(src.schema))
		require.NoError(t, err)
		contract := rules.Contract(ProfileAPI)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(contract))
		require.NoError(t, err)
		c := jsonschema.NewCompiler()
		c.RegisterFormat(&jsonschema.Format{Name: "double", Validate: oracleDouble})
		require.NoError(t, c.AddResource("urn:contract", doc))
		sch, err := c.Compile("urn:contract")
		require.NoError(t, err)
		for _, data := range [][]byte{withMember(src.extra), withMember(`,"provider":"p","metadata":{"plan":"pro","tenant_id":"t_1"}`)} {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			require.NoError(t, err)
			assert.Equal(t, New(Options{Rules: rules}).Validate(data) == nil, sch.Validate(inst) == nil, "%s", data)
		}
		assert.True(t, strings.HasSuffix(string(contract), "}\n"))
	}
}

func BenchmarkValidateRules(b *testing.B) {
	data, err := os.ReadFile("testdata/api/valid/typical.json")
	require.NoError(b, err)
	rules, err := CompileMetadataRules([]byte(`{"type":"object","required":["plan"],"properties":{"plan":{"enum":["free","pro","enterprise"]},"seats":{"type":"integer","minimum":1},"region":{"type":"string","pattern":"^[a-z]+-[a-z]+-[0-9]$"}}}`))
	require.NoError(b, err)
	for _, bc := range []struct {
		name string
		v    *Validator
	}{{"plain", New(Options{})}, {"metadata-rules", New(Options{Rules: rules})}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.v.Validate(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// ruleWant is one violation of the caller's rules as the tests expect it:
// at is the text its offset must point at.
type ruleWant struct {
	Pointer, Keyword, Message, at string
}

// TestUserRulesMessages: each keyword of the caller's rules has its own
// message, written from the schema's values, at the right pointer and place.
func TestUserRulesMessages(t *testing.T) {
	const root = `{"id":1`
	tests := []struct {
		name     string
		metadata bool // CompileMetadataRules, not CompileRules
		schema   string
		extra    string
		want     []ruleWant
	}{
		{"type", false, `{"properties":{"label":{"type":["integer","null"]}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "type", "must be null or integer", `"x"`}}},
		{"enum", false, `{"properties":{"label":{"enum":["a",1,null,{"k":[true]}]}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "enum", `must be one of the rules' values: "a", 1, null, {"k":[true]}`, `"x"`}}},
		{"const", false, `{"properties":{"label":{"const":{"k":1}}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "const", `must be {"k":1}`, `"x"`}}},
		{"pattern", false, `{"properties":{"label":{"pattern":"^[a-z]+$"}}}`, `,"label":"X1"`,
			[]ruleWant{{"/label", "pattern", "must match the pattern ^[a-z]+$", `"X1"`}}},
		{"format", false, `{"properties":{"label":{"format":"ipv4"}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "format", "must be a valid ipv4", `"x"`}}},
		{"minLength", false, `{"properties":{"label":{"minLength":3}}}`, `,"label":"xy"`,
			[]ruleWant{{"/label", "minLength", "must be at least 3 characters long", `"xy"`}}},
		{"maxLength", false, `{"properties":{"label":{"maxLength":0}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "maxLength", "must be at most 0 characters long", `"x"`}}},
		{"two keywords at one pointer, by keyword", false, `{"properties":{"label":{"pattern":"^a","minLength":3}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "minLength", "must be at least 3 characters long", `"x"`}, {"/label", "pattern", "must match the pattern ^a", `"x"`}}},
		{"minimum, not an integer", false, `{"properties":{"id":{"minimum":1.5}}}`, ``,
			[]ruleWant{{"/id", "minimum", "must be at least 1.5", `1,`}}},
		{"maximum", false, `{"properties":{"id":{"maximum":0}}}`, ``,
			[]ruleWant{{"/id", "maximum", "must be at most 0", `1,`}}},
		{"exclusiveMinimum", false, `{"properties":{"id":{"exclusiveMinimum":1}}}`, ``,
			[]ruleWant{{"/id", "exclusiveMinimum", "must be greater than 1", `1,`}}},
		{"exclusiveMaximum", false, `{"properties":{"id":{"exclusiveMaximum":-2.25}}}`, ``,
			[]ruleWant{{"/id", "exclusiveMaximum", "must be less than -2.25", `1,`}}},
		{"multipleOf, not an integer", false, `{"properties":{"id":{"multipleOf":0.3}}}`, ``,
			[]ruleWant{{"/id", "multipleOf", "must be a multiple of 0.3", `1,`}}},
		{"minItems", false, `{"properties":{"categories":{"minItems":2}}}`, `,"categories":["ats"]`,
			[]ruleWant{{"/categories", "minItems", "must have at least 2 items", `["ats"]`}}},
		{"maxItems", false, `{"properties":{"categories":{"maxItems":1}}}`, `,"categories":["ats","crm"]`,
			[]ruleWant{{"/categories", "maxItems", "must have at most 1 item", `["ats","crm"]`}}},
		{"uniqueItems", false, `{"properties":{"categories":{"uniqueItems":true}}}`, `,"categories":["ats","crm","ats"]`,
			[]ruleWant{{"/categories", "uniqueItems", "items must be unique", `["ats"`}}},
		{"minProperties", true, `{"minProperties":2}`, `,"metadata":{"a":1}`,
			[]ruleWant{{"/metadata", "minProperties", "must have at least 2 members", `{"a":1}`}}},
		{"maxProperties", true, `{"maxProperties":0}`, `,"metadata":{"a":1}`,
			[]ruleWant{{"/metadata", "maxProperties", "must have at most 0 members", `{"a":1}`}}},
		{"anyOf, once for all its alternatives", false, `{"properties":{"label":{"anyOf":[{"const":"a"},{"minLength":2}]}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "anyOf", "must match at least one of the rules' alternatives", `"x"`}}},
		{"oneOf, more than one", false, `{"properties":{"label":{"oneOf":[{"type":"string"},{"maxLength":1}]}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "oneOf", "must match exactly one of the rules' alternatives", `"x"`}}},
		{"oneOf, none", false, `{"properties":{"label":{"oneOf":[{"const":"a"},{"const":"b"}]}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "oneOf", "must match exactly one of the rules' alternatives", `"x"`}}},
		{"not", false, `{"properties":{"label":{"not":{"const":"x"}}}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "not", "must not match the rules' not schema", `"x"`}}},
		{"false schema", false, `{"properties":{"label":false}}`, `,"label":"x"`,
			[]ruleWant{{"/label", "false", "is not allowed by the rules", `"x"`}}},
		{"unevaluatedProperties false is a false schema", true, `{"properties":{"a":true},"unevaluatedProperties":false}`, `,"metadata":{"a":1,"b":2}`,
			[]ruleWant{{"/metadata/b", "false", "is not allowed by the rules", `2}`}}},
		{"allOf reports each part", false, `{"allOf":[{"required":["provider"]},{"properties":{"label":{"const":"y"}}}]}`, `,"label":"x"`,
			[]ruleWant{{"/label", "const", `must be "y"`, `"x"`}, {"/provider", "required", "required member is missing (rules)", root}}},
		{"required in metadata, at its object", true, `{"required":["plan"]}`, `,"metadata":{"a":1}`,
			[]ruleWant{{"/metadata/plan", "required", "required member is missing (rules)", `{"a":1}`}}},
		{"dependentRequired, each missing member", false, `{"dependentRequired":{"label":["provider","account_id"]}}`, `,"label":"x"`,
			[]ruleWant{
				{"/account_id", "dependentRequired", `member is required with "label" (rules)`, root},
				{"/provider", "dependentRequired", `member is required with "label" (rules)`, root},
			}},
		{"additionalProperties, each member, escaped", true, `{"properties":{"a":true},"additionalProperties":false}`, `,"metadata":{"a":1,"b~/":2,"c":3}`,
			[]ruleWant{
				{"/metadata/b~0~1", "additionalProperties", "member is not allowed by the rules", `2,`},
				{"/metadata/c", "additionalProperties", "member is not allowed by the rules", `3}`},
			}},
		{"propertyNames", true, `{"propertyNames":{"maxLength":1}}`, `,"metadata":{"a":1,"ab":2}`,
			[]ruleWant{{"/metadata/ab", "propertyNames", "member name does not satisfy the rules", `2}`}}},
		{"a keyword without its own message", false, `{"properties":{"categories":{"contains":{"const":"crm"}}}}`, `,"categories":["ats"]`,
			[]ruleWant{{"/categories", "contains", "does not satisfy the rules' contains", `["ats"]`}}},
		{"minContains", false, `{"properties":{"categories":{"contains":{"const":"ats"},"minContains":2}}}`, `,"categories":["ats"]`,
			[]ruleWant{{"/categories", "minContains", "does not satisfy the rules' minContains", `["ats"]`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compile := CompileRules
			if tt.metadata {
				compile = CompileMetadataRules
			}
			rules, err := compile([]byte(tt.schema))
			require.NoError(t, err)
			data := withMember(tt.extra)
			require.NoError(t, Validate(data), "the profile's rules pass")
			v := New(Options{Rules: rules})
			var verr *ValidationError
			require.ErrorAs(t, v.Validate(data), &verr)
			var got []ruleWant
			for i, viol := range verr.Violations {
				assert.Equal(t, CodeRule, viol.Code)
				assert.Equal(t, viol.Offset+1, viol.Column, "one line of ASCII")
				w := ruleWant{viol.Pointer, viol.Keyword, viol.Message, string(data[viol.Offset:])}
				if i < len(tt.want) {
					w.at = w.at[:min(len(w.at), len(tt.want[i].at))]
				}
				got = append(got, w)
			}
			assert.Equal(t, tt.want, got)
			structPathAgrees(t, v, data, verr)
		})
	}
}

// TestOffsetOf: a rule's violation is located by its pointer, with RFC 6901
// unescaping, at 0 when the pointer leads nowhere.
func TestOffsetOf(t *testing.T) {
	const doc = " \n" + `{"a":{"b~/c":[10, {"d":null}], "e\/f":"x", "~1":true, "/":false},"g":[]}`
	tests := []struct {
		name    string
		pointer string
		parent  bool
		at      string // the text the offset points at, once in doc; "": offset 0
	}{
		{"the document", "", false, `{"a"`},
		{"a member", "/a", false, `{"b~/c"`},
		{"an escaped token", "/a/b~0~1c", false, `[10`},
		{"an item", "/a/b~0~1c/1", false, `{"d"`},
		{"a member of an item", "/a/b~0~1c/1/d", false, `null`},
		{"a name escaped in the input", "/a/e~1f", false, `"x"`},
		{"~01 is ~1", "/a/~01", false, `true`},
		{"~1 is /", "/a/~1", false, `false`},
		{"an empty array", "/g", false, `[]`},
		{"the object of a missing member", "/a/missing", true, `{"b~/c"`},
		{"the object of a missing member at the root", "/provider", true, `{"a"`},
		{"nowhere: a missing member", "/a/missing", false, ""},
		{"nowhere: an item of an empty array", "/g/0", false, ""},
		{"nowhere: past the last item", "/a/b~0~1c/2", false, ""},
		{"nowhere: not an index", "/a/b~0~1c/x", false, ""},
		{"nowhere: inside a number", "/a/b~0~1c/0/d", false, ""},
		{"nowhere: inside a string", "/a/e~1f/0", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := 0
			if tt.at != "" {
				require.Equal(t, 1, strings.Count(doc, tt.at), "at is ambiguous")
				want = strings.Index(doc, tt.at)
			}
			assert.Equal(t, want, offsetOf([]byte(doc), tt.pointer, tt.parent))
		})
	}
}

// structPathAgrees checks that ValidateStruct of data's decoded link (data
// passes the profile, breaks the rules) reports verr's violations, without
// locations.
func structPathAgrees(t *testing.T, v *Validator, data []byte, verr *ValidationError) {
	t.Helper()
	link, err := Decode(data)
	require.NoError(t, err)
	var sverr *ValidationError
	require.ErrorAs(t, v.ValidateStruct(link), &sverr)
	assert.Equal(t, unlocated(verr.Violations), sverr.Violations)
}
