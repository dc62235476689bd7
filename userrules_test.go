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
			// The struct path sees the same, without locations.
			loose, lerr := Decode(data)
			require.NoError(t, lerr)
			var sverr *ValidationError
			require.ErrorAs(t, v.ValidateStruct(loose), &sverr)
			assert.Equal(t, unlocated(verr.Violations), sverr.Violations)
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
