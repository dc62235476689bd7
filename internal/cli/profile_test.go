package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testdataLine returns a payload of ../../testdata on one line, so that
// it can also be a line of NDJSON.
func testdataLine(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../testdata", name))
	require.NoError(t, err)
	var line bytes.Buffer
	require.NoError(t, json.Compact(&line, data))
	return line.String()
}

// TestProfileRulesThroughCLI shows each rule that sets the profiles apart
// through the CLI: the violations (pointer and code) in the json format,
// the text format's verdict, and never the external trigger token.
func TestProfileRulesThroughCLI(t *testing.T) {
	for _, row := range hostile.ProfileRows() {
		t.Run(row.Name, func(t *testing.T) {
			data, err := row.Payload("../../testdata")
			require.NoError(t, err)
			payload := string(data)
			code, stdout, stderr := runCLI(t, payload, "validate", "--profile", row.Profile, "--format", "json")
			assert.Empty(t, stderr)
			var r result
			require.NoError(t, json.Unmarshal([]byte(stdout), &r), stdout)
			var got []string
			for _, v := range r.Errors {
				got = append(got, v.Pointer+" "+string(v.Code))
			}
			assert.Equal(t, row.Want, got)
			assert.Equal(t, len(row.Want) == 0, r.Valid)
			assert.Empty(t, r.Hint)

			textCode, text, textStderr := runCLI(t, payload, "validate", "--profile", row.Profile)
			assert.Equal(t, code, textCode)
			if len(row.Want) == 0 {
				assert.Equal(t, 0, code)
				assert.Equal(t, "-: ok\n", text)
			} else {
				assert.Equal(t, 1, code)
				assert.Len(t, strings.Split(strings.TrimSuffix(text, "\n"), "\n"), len(row.Want))
			}
			assert.False(t, hostile.Shows(stdout+stderr+text+textStderr), "a secret shows")
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
			camelUnderAPI.WriteString("-:1:1: /" + m + ": required: required member is missing\n")
		}
	}
	camelUnderAPI.WriteString("-: hint: " + camelHint + "\n")
	apiReference := testdataLine(t, hostile.ValidPayloads["api"])
	documentLine := testdataLine(t, hostile.ValidPayloads["document"])
	const badProfile = "authlink: invalid value \"xml\" for --profile: authlink: unknown profile \"xml\" (want api or document)\n"
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
			strings.ReplaceAll(camelUnderAPI.String(), "-: hint", "-:1: hint") +
				strings.ReplaceAll(strings.ReplaceAll(camelUnderAPI.String(), "-:1:1:", "-:2:1:"), "-: hint", "-:2: hint")},
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
const documentRequired = `{"pointer":"/authLinkUrl","code":"required","message":"required member is missing","line":1,"column":1,"offset":0},` +
	`{"pointer":"/createdAt","code":"required","message":"required member is missing","line":1,"column":1,"offset":0},` +
	`{"pointer":"/organizationId","code":"required","message":"required member is missing","line":1,"column":1,"offset":0},` +
	`{"pointer":"/originOwnerId","code":"required","message":"required member is missing","line":1,"column":1,"offset":0},` +
	`{"pointer":"/originOwnerName","code":"required","message":"required member is missing","line":1,"column":1,"offset":0},` +
	`{"pointer":"/projectId","code":"required","message":"required member is missing","line":1,"column":1,"offset":0}`

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
	code, stdout, _ := runCLI(t, testdataLine(t, hostile.ValidPayloads["document"]), "validate", "--format", "json")
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
