package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiReference is the example response of StackOne's API reference for
// POST /connect_sessions, with values in place of its placeholders.
const apiReference = `{"id": 1234, "organization_id": "org_5f2c9a", "project_id": "proj_7d1e4b", "categories": ["ats","hris","crm"], "provider": "greenhouse", "origin_owner_id": "cust_8e41c0b7", "origin_owner_name": "Acme Corporation", "origin_username": "jane.doe@acme.example", "account_id": null, "label": "Acme Greenhouse", "created_at": "2026-03-02T10:15:30.123Z", "metadata": {"plan": "enterprise"}, "token": "sess_tok_ref_0123456789abcdef", "auth_link_url": "https://hub.stackone.com/connect?token=sess_tok_ref_0123456789abcdef", "external_trigger_token": "ext_trig_0123456789abcdef", "type": "production", "integration_id": "int_3b9d2f", "connector_profile_id": "cp_1a2b3c", "latest_connection_attempt": null}`

// documentLine is a valid payload of the document profile: camelCase names.
const documentLine = `{"id":1,"organizationId":2,"projectId":"p","originOwnerId":"o","originOwnerName":"n","createdAt":"2025-03-14T09:26:53Z","token":"t","authLinkUrl":"https://hub.stackone.com"}`

// absent, as the value of a member in link's changes, removes the member.
type absent struct{}

// link returns a valid payload of the profile with the members changed:
// set to the value given, or removed when the value is absent{}.
func link(t *testing.T, p authlink.Profile, changes map[string]any) string {
	t.Helper()
	base := validLine
	if p == authlink.ProfileDocument {
		base = documentLine
	}
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(base), &doc))
	for name, v := range changes {
		if _, ok := v.(absent); ok {
			delete(doc, name)
		} else {
			doc[name] = v
		}
	}
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return string(b)
}

// TestProfileRulesThroughCLI shows each rule that sets the profiles apart
// through the CLI: the violations (pointer and code) in the json format,
// the text format's verdict, and never the external trigger token.
func TestProfileRulesThroughCLI(t *testing.T) {
	api, document := authlink.ProfileAPI, authlink.ProfileDocument
	newCategories := []string{"messaging", "accounting", "scheduling"}
	tests := []struct {
		name    string
		profile authlink.Profile
		changes map[string]any
		want    []string // "pointer code" of each violation
	}{
		{"organization_id a string", api, map[string]any{"organization_id": "org_5f2c9a"}, nil},
		{"organization_id a number", api, map[string]any{"organization_id": 17}, nil},
		{"organization_id empty", api, map[string]any{"organization_id": ""}, []string{"/organization_id empty"}},
		{"categories null under api", api, map[string]any{"categories": nil}, nil},
		{"categories null under document", document, map[string]any{"categories": nil}, []string{"/categories type"}},
		{"new categories under api", api, map[string]any{"categories": newCategories}, nil},
		{"new categories under document", document, map[string]any{"categories": newCategories},
			[]string{"/categories/0 enum", "/categories/1 enum", "/categories/2 enum"}},
		{"an unknown type", api, map[string]any{"type": "sandbox_2027"}, nil},
		{"type null", api, map[string]any{"type": nil}, nil},
		{"external_trigger_token", api, map[string]any{"external_trigger_token": hostile.Sentinel}, nil},
		{"external_trigger_token in an invalid payload", api,
			map[string]any{"external_trigger_token": hostile.Sentinel, "token": absent{}, "categories": []string{hostile.Sentinel}},
			[]string{"/categories/0 enum", "/token required"}},
		{"external_trigger_token not a string", api, map[string]any{"external_trigger_token": 7}, []string{"/external_trigger_token type"}},
		{"integration_id", api, map[string]any{"integration_id": "int_3b9d2f"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			payload := link(t, tt.profile, tt.changes)
			code, stdout, stderr := runCLI(t, payload, "validate", "--profile", tt.profile.String(), "--format", "json")
			assert.Empty(t, stderr)
			var r result
			require.NoError(t, json.Unmarshal([]byte(stdout), &r), stdout)
			var got []string
			for _, v := range r.Errors {
				got = append(got, v.Pointer+" "+string(v.Code))
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, len(tt.want) == 0, r.Valid)
			assert.Empty(t, r.Hint)

			textCode, text, textStderr := runCLI(t, payload, "validate", "--profile", tt.profile.String())
			assert.Equal(t, code, textCode)
			if len(tt.want) == 0 {
				assert.Equal(t, 0, code)
				assert.Equal(t, "-: ok\n", text)
			} else {
				assert.Equal(t, 1, code)
				assert.Len(t, strings.Split(strings.TrimSuffix(text, "\n"), "\n"), len(tt.want))
			}
			assert.NotContains(t, stdout+stderr+text+textStderr, hostile.Sentinel)
		})
	}
}

// TestProfileFlag shows the profile's default, its effect on validate and
// schema, and that a bad name is a usage error of every command.
func TestProfileFlag(t *testing.T) {
	camelHint := "member names follow the SDK document (camelCase); use the document profile"
	var camelUnderAPI strings.Builder
	for _, m := range requiredMembers {
		if _, ok := hostile.APINames[docName(m)]; ok {
			camelUnderAPI.WriteString("-:/" + m + ": required: required member is missing\n")
		}
	}
	camelUnderAPI.WriteString("-: hint: " + camelHint + "\n")
	const badProfile = "invalid value \"xml\" for flag -profile: authlink: unknown profile \"xml\" (want api or document)\n"
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantStdout string
	}{
		{"api reference example, by default", apiReference, []string{"validate"}, 0, "-: ok\n"},
		{"api reference example, api", apiReference, []string{"validate", "--profile", "api"}, 0, "-: ok\n"},
		{"api reference example, json", apiReference, []string{"validate", "--format", "json"}, 0, `{"source":"-","valid":true,"errors":[]}` + "\n"},
		{"camelCase under api: one hint line", documentLine, []string{"validate"}, 1, camelUnderAPI.String()},
		{"camelCase under api, ndjson: one hint line per payload", documentLine + "\n" + documentLine, []string{"validate", "--ndjson"}, 1,
			strings.ReplaceAll(camelUnderAPI.String(), "-:", "-:1:") + strings.ReplaceAll(camelUnderAPI.String(), "-:", "-:2:")},
		{"camelCase under document", documentLine, []string{"validate", "--profile", "document"}, 0, "-: ok\n"},
		{"snake_case under document: the other hint", validLine, []string{"validate", "--profile=document", "--format", "json"}, 1,
			`{"source":"-","valid":false,"errors":[` + documentRequired + `],"hint":"member names follow StackOne's API (snake_case); use the api profile"}` + "\n"},
		{"document profile's full.json", "", []string{"validate", "--profile", "document", "../../testdata/document/valid/full.json"}, 0,
			"../../testdata/document/valid/full.json: ok\n"},
		{"document profile's full.json under api", "", []string{"validate", "../../testdata/document/valid/full.json"}, 1, ""},
		{"schema, api", "", []string{"schema", "--profile", "api"}, 0, string(authlink.ProfileAPI.Schema())},
		{"schema, document", "", []string{"schema", "--profile", "document"}, 0, string(authlink.ProfileDocument.Schema())},
		{"validate, bad profile", validLine, []string{"validate", "--profile", "xml"}, 2, ""},
		{"schema, bad profile", "", []string{"schema", "--profile", "xml"}, 2, ""},
		{"serve, bad profile", "", []string{"serve", "--profile", "xml"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.wantCode, code)
			if tt.wantStdout != "" || code == 2 {
				assert.Equal(t, tt.wantStdout, stdout)
			}
			if code == 2 {
				assert.True(t, strings.HasPrefix(stderr, badProfile), stderr)
			}
		})
	}
}

// documentRequired is the json format's violations of validLine under the
// document profile: its required members whose names differ.
const documentRequired = `{"pointer":"/authLinkUrl","code":"required","message":"required member is missing"},` +
	`{"pointer":"/createdAt","code":"required","message":"required member is missing"},` +
	`{"pointer":"/organizationId","code":"required","message":"required member is missing"},` +
	`{"pointer":"/originOwnerId","code":"required","message":"required member is missing"},` +
	`{"pointer":"/originOwnerName","code":"required","message":"required member is missing"},` +
	`{"pointer":"/projectId","code":"required","message":"required member is missing"}`

// docName is the document profile's name of an api member.
func docName(api string) string {
	for doc, a := range hostile.APINames {
		if a == api {
			return doc
		}
	}
	return api
}

// TestHintInJSON checks the json format carries the hint once per payload,
// as a member of the result, beside the violations.
func TestHintInJSON(t *testing.T) {
	code, stdout, _ := runCLI(t, documentLine, "validate", "--format", "json")
	assert.Equal(t, 1, code)
	assert.Equal(t, 1, strings.Count(stdout, `"hint"`))
	var r result
	require.NoError(t, json.Unmarshal([]byte(stdout), &r))
	assert.Equal(t, "member names follow the SDK document (camelCase); use the document profile", r.Hint)
	assert.Len(t, r.Errors, 6)
	for _, v := range r.Errors {
		assert.Equal(t, authlink.CodeRequired, v.Code, v.Pointer)
	}
}
