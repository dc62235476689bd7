package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	metadataRules = "testdata/rules/metadata.json"
	documentRules = "testdata/rules/document.json"
)

// withMembers returns validLine with members added (raw JSON, without
// braces) or, for a member set to "", removed.
func withMembers(t *testing.T, members map[string]string) string {
	t.Helper()
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(validLine), &doc))
	for name, value := range members {
		if value == "" {
			delete(doc, name)
		} else {
			doc[name] = json.RawMessage(value)
		}
	}
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return string(b)
}

// TestRulesThroughCLI runs the user's rules through validate: a metadata
// schema (enum, required, pattern, type, nested objects) with
// --metadata-rules and a whole-document schema (narrower categories, a
// required provider) with --rules. Each violation is checked by pointer,
// code and keyword, and has a location.
func TestRulesThroughCLI(t *testing.T) {
	goodMetadata := `{"plan":"pro","tenant_id":"t_1"}`
	tests := []struct {
		name    string
		flag    string
		file    string
		members map[string]string
		want    []string // pointer code keyword
	}{
		{"metadata: valid", "--metadata-rules", metadataRules, map[string]string{"metadata": goodMetadata}, nil},
		{"metadata: absent", "--metadata-rules", metadataRules, nil, nil},
		{"metadata: null", "--metadata-rules", metadataRules, map[string]string{"metadata": "null"}, nil},
		{"metadata: enum", "--metadata-rules", metadataRules, map[string]string{"metadata": `{"plan":"gold","tenant_id":"t_1"}`},
			[]string{"/metadata/plan rule enum"}},
		{"metadata: required", "--metadata-rules", metadataRules, map[string]string{"metadata": `{"plan":"pro"}`},
			[]string{"/metadata/tenant_id rule required"}},
		{"metadata: pattern", "--metadata-rules", metadataRules, map[string]string{"metadata": `{"plan":"pro","tenant_id":"tenant-1"}`},
			[]string{"/metadata/tenant_id rule pattern"}},
		{"metadata: type", "--metadata-rules", metadataRules, map[string]string{"metadata": `{"plan":"pro","tenant_id":"t_1","seats":"3"}`},
			[]string{"/metadata/seats rule type"}},
		{"metadata: nested required", "--metadata-rules", metadataRules, map[string]string{"metadata": `{"plan":"pro","tenant_id":"t_1","billing":{}}`},
			[]string{"/metadata/billing/currency rule required"}},
		{"metadata: nested enum", "--metadata-rules", metadataRules, map[string]string{"metadata": `{"plan":"pro","tenant_id":"t_1","billing":{"currency":"GBP"}}`},
			[]string{"/metadata/billing/currency rule enum"}},
		{"metadata: several violations", "--metadata-rules", metadataRules, map[string]string{"metadata": `{"plan":7}`},
			[]string{"/metadata/plan rule enum", "/metadata/tenant_id rule required"}},
		{"metadata: the profile's rules first", "--metadata-rules", metadataRules, map[string]string{"metadata": `{"plan":"gold"}`, "token": ""},
			[]string{"/token required "}},
		{"document: valid", "--rules", documentRules, map[string]string{"provider": `"greenhouse"`, "categories": `["hris","ats"]`}, nil},
		{"document: provider required", "--rules", documentRules, nil, []string{"/provider rule required"}},
		{"document: provider too short", "--rules", documentRules, map[string]string{"provider": `"gh"`}, []string{"/provider rule minLength"}},
		{"document: narrower categories", "--rules", documentRules, map[string]string{"provider": `"greenhouse"`, "categories": `["hris","crm","lms"]`},
			[]string{"/categories/1 rule enum", "/categories/2 rule enum"}},
		{"document: a category the profile lacks is the profile's", "--rules", documentRules, map[string]string{"provider": `"greenhouse"`, "categories": `["payroll"]`},
			[]string{"/categories/0 enum "}},
		{"document: null categories", "--rules", documentRules, map[string]string{"provider": `"greenhouse"`, "categories": "null"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			payload := withMembers(t, tt.members)
			code, stdout, stderr := runCLI(t, payload, "validate", "--format", "json", tt.flag, tt.file)
			assert.Empty(t, stderr)
			var r result
			require.NoError(t, json.Unmarshal([]byte(stdout), &r), stdout)
			var got []string
			for _, v := range r.Errors {
				got = append(got, v.Pointer+" "+string(v.Code)+" "+v.Keyword)
				assert.Positive(t, v.Line, v.Pointer)
				assert.Positive(t, v.Column, v.Pointer)
			}
			assert.Equal(t, tt.want, got)
			if tt.want == nil {
				assert.Equal(t, 0, code)
				return
			}
			assert.Equal(t, 1, code)

			_, text, _ := runCLI(t, payload+"\n"+payload, "validate", "--ndjson", tt.flag, tt.file)
			for _, w := range tt.want {
				pointer, code, _ := strings.Cut(w, " ")
				code, _, _ = strings.Cut(code, " ")
				assert.Regexp(t, `(?m)^-:2:\d+: `+pointer+`: `+code+`: `, text)
			}
		})
	}
}

// TestSchemaWithRules shows that schema --rules and --metadata-rules print
// the combined contract of the profile and the rules.
func TestSchemaWithRules(t *testing.T) {
	for _, tt := range []struct {
		flag, file string
		compile    func([]byte) (*authlink.Rules, error)
	}{
		{"--rules", documentRules, authlink.CompileRules},
		{"--metadata-rules", metadataRules, authlink.CompileMetadataRules},
	} {
		for _, profile := range authlink.Profiles() {
			t.Run(tt.flag+" "+profile.String(), func(t *testing.T) {
				data, err := os.ReadFile(tt.file)
				require.NoError(t, err)
				rules, err := tt.compile(data)
				require.NoError(t, err)
				code, stdout, stderr := runCLI(t, "", "schema", "--profile", profile.String(), tt.flag, tt.file)
				assert.Equal(t, 0, code)
				assert.Empty(t, stderr)
				assert.Equal(t, string(rules.Contract(profile)), stdout)
				var contract struct{ AllOf []json.RawMessage }
				require.NoError(t, json.Unmarshal([]byte(stdout), &contract))
				require.Len(t, contract.AllOf, 2)
				assert.JSONEq(t, string(profile.Schema()), string(contract.AllOf[0]))
			})
		}
	}
}

// TestRulesThatDoNotCompile shows that a rules file that cannot be used is
// a usage error of validate and schema, with the library's message,
// before anything is read or written.
func TestRulesThatDoNotCompile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"not JSON", []string{"--rules", write("not-json.json", "{plan}")}, "rules are not JSON: "},
		{"not a schema", []string{"--metadata-rules", write("bad-type.json", `{"type":5}`)}, "rules do not compile: "},
		{"a remote $ref", []string{"--rules", write("remote.json", `{"$ref":"https://example.com/s.json"}`)},
			"rules do not compile: failing loading \"https://example.com/s.json\": authlink: rules may not refer to https://example.com/s.json"},
		{"a missing file", []string{"--rules", filepath.Join(dir, "missing.json")}, "no such file or directory"},
	}
	for _, tt := range tests {
		for _, command := range []string{"validate", "schema"} {
			t.Run(command+" "+tt.name, func(t *testing.T) {
				code, stdout, stderr := runCLI(t, validLine, append([]string{command}, tt.args...)...)
				assert.Equal(t, 2, code)
				assert.Empty(t, stdout)
				assert.True(t, strings.HasPrefix(stderr, "authlink: invalid value "+`"`+tt.args[1]+`" for `+tt.args[0]+": "+tt.want), stderr)
				assert.True(t, strings.HasSuffix(stderr, seeHelp(command)), stderr)
			})
		}
	}
	for _, command := range []string{"validate", "schema"} {
		code, _, stderr := runCLI(t, validLine, command, "--rules", documentRules, "--metadata-rules", metadataRules)
		assert.Equal(t, 2, code)
		assert.Equal(t, "authlink: "+errBothRules.Error()+"\n"+seeHelp(command), stderr)
	}
}
