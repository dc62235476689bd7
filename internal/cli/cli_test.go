package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	validFile   = "../../testdata/api/valid/full.json"
	invalidFile = "../../testdata/api/invalid/required-token.json"
	validLine   = `{"id":1,"organization_id":"org_2","project_id":"p","origin_owner_id":"o","origin_owner_name":"n","created_at":"2025-03-14T09:26:53Z","token":"t","auth_link_url":"https://hub.stackone.com"}`
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestValidateCommand(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.json")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	extra := filepath.Join(t.TempDir(), "extra.json")
	require.NoError(t, os.WriteFile(extra, []byte(strings.Replace(validLine, "{", `{"newApiField":1,`, 1)), 0o644))
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"valid file", "", []string{"validate", validFile}, 0,
			validFile + ": ok\n", "authlink: 1 payload: 1 valid, 0 invalid\n"},
		{"invalid file", "", []string{"validate", invalidFile}, 1,
			invalidFile + ":1:1: /token: required: required member is missing\n", "authlink: 1 payload: 0 valid, 1 invalid\n"},
		{"empty file is invalid", "", []string{"validate", empty}, 1,
			empty + ":1:1: (root): syntax: input is empty\n", "authlink: 1 payload: 0 valid, 1 invalid\n"},
		{"stdin by default", validLine, []string{"validate"}, 0, "-: ok\n", "authlink: 1 payload: 1 valid, 0 invalid\n"},
		{"stdin as -", "[]", []string{"validate", "-"}, 1, "-:1:1: (root): type: must be an object\n", "authlink: 1 payload: 0 valid, 1 invalid\n"},
		{"flags after files", `{"id":1}`, []string{"validate", extra, "--strict", "-", "--format=json"}, 1,
			`{"source":"` + extra + `","valid":false,"errors":[{"pointer":"/newApiField","code":"unknown","message":"member is not defined by the schema (strict mode)","line":1,"column":2,"offset":1}]}` + "\n" +
				`{"source":"-","valid":false,"errors":[` + requiredBut("id") + `]}` + "\n", ""},
		{"open categories", strings.Replace(validLine, `"p",`, `"p","categories":["payroll"],`, 1), []string{"validate", "--open-categories"}, 0,
			"-: ok\n", "authlink: 1 payload: 1 valid, 0 invalid\n"},
		{"closed categories", strings.Replace(validLine, `"p",`, `"p","categories":["payroll"],`, 1), []string{"validate"}, 1,
			"-:1:66: /categories/0: enum: " + enumMessage() + "\n", "authlink: 1 payload: 0 valid, 1 invalid\n"},
		{"double dash ends flags", validLine, []string{"validate", "--", "-"}, 0, "-: ok\n", "authlink: 1 payload: 1 valid, 0 invalid\n"},
		{"unreadable file", "", []string{"validate", "missing.json", validFile}, 2,
			validFile + ": ok\n", "authlink: missing.json: no such file or directory\nauthlink: 1 payload: 1 valid, 0 invalid, 1 unreadable\n"},
		{"ndjson", validLine + "\n\n  \r\n" + `{"id":1}` + "\r\n" + validLine, []string{"validate", "--ndjson"}, 1,
			"-:1: ok\n" + requiredText("id", "-:4:1") + "-:5: ok\n", "authlink: 3 payloads: 2 valid, 1 invalid\n"},
		{"ndjson json", "{}\n" + validLine + "\n", []string{"validate", "--ndjson", "--format", "json"}, 1,
			`{"source":"-","line":1,"valid":false,"errors":[` + requiredBut("") + `]}` + "\n" +
				`{"source":"-","line":2,"valid":true,"errors":[]}` + "\n", ""},
		{"ndjson malformed line", "{\"a\":1,\"a\":2}\nnot json\n", []string{"validate", "--ndjson"}, 1,
			"-:1:8: /a: duplicate: member name appears more than once in the object\n-:2:1: (root): syntax: unexpected character at byte offset 0; expected a value\n",
			"authlink: 2 payloads: 0 valid, 2 invalid\n"},
		{"ndjson line over the cap", `{"token":"` + strings.Repeat("x", authlink.DefaultMaxBytes) + "\"}\n" + validLine, []string{"validate", "--ndjson"}, 1,
			"-:1:1: (root): limit: input is larger than 65536 bytes\n-:2: ok\n", "authlink: 2 payloads: 1 valid, 1 invalid\n"},
		{"ndjson: carriage returns do not hide a long line", validLine + strings.Repeat("\r", 70000) + "garbage\n" + validLine, []string{"validate", "--ndjson"}, 1,
			"-:1:1: (root): limit: input is larger than 65536 bytes\n-:2: ok\n", "authlink: 2 payloads: 1 valid, 1 invalid\n"},
		{"ndjson: a long line of spaces is not blank", strings.Repeat(" ", 70000) + "{not json\n", []string{"validate", "--ndjson"}, 1,
			"-:1:1: (root): limit: input is larger than 65536 bytes\n", "authlink: 1 payload: 0 valid, 1 invalid\n"},
		{"ndjson: only JSON white space is blank", "\f\n \t\r\n", []string{"validate", "--ndjson"}, 1,
			"-:1:1: (root): syntax: unexpected character at byte offset 0; expected a value\n", "authlink: 1 payload: 0 valid, 1 invalid\n"},
		{"ndjson: an empty input is invalid", "", []string{"validate", "--ndjson"}, 1,
			"-:1:1: (root): syntax: input is empty\n", "authlink: 1 payload: 0 valid, 1 invalid\n"},
		{"ndjson: a line at the cap", `{"token":"` + strings.Repeat("x", authlink.DefaultMaxBytes-12) + "\"}\r\n", []string{"validate", "--ndjson"}, 1,
			requiredText("token", "-:1:1"), "authlink: 1 payload: 0 valid, 1 invalid\n"},
		{"bad max-bytes", "", []string{"validate", "--max-bytes", "0"}, 2, "", "authlink: --max-bytes must be between 1 and 1073741824\n"},
		{"huge max-bytes", "", []string{"validate", "--max-bytes", "9223372036854775807"}, 2, "", "authlink: --max-bytes must be between 1 and 1073741824\n"},
		{"bad max-depth", "", []string{"validate", "--max-depth", "-1"}, 2, "", "authlink: --max-depth must be between 1 and 100000\n"},
		{"file over the cap", `{"token":"` + strings.Repeat("x", authlink.DefaultMaxBytes), []string{"validate"}, 1,
			"-:1:1: (root): limit: input is larger than 65536 bytes\n", "authlink: 1 payload: 0 valid, 1 invalid\n"},
		{"bad format", "", []string{"validate", "--format", "xml"}, 2, "", "authlink: --format must be text, json, github or sarif\n" + seeHelp("validate")},
		{"unknown flag", "", []string{"validate", "--nope"}, 2, "", "authlink: unknown flag --nope\n" + seeHelp("validate")},
		{"mistyped flag", "", []string{"validate", "--formt", "json"}, 2, "", "authlink: unknown flag --formt (did you mean --format?)\n" + seeHelp("validate")},
		{"flag without its value", "", []string{"validate", "--max-bytes"}, 2, "", "authlink: flag --max-bytes needs an argument\n" + seeHelp("validate")},
		{"no command", "", nil, 2, "", usage()},
		{"unknown command", "", []string{"check"}, 2, "", "authlink: unknown command check\n" + usage()},
		{"help for an unknown command", "", []string{"help", "check"}, 2, "", "authlink: unknown command check\n" + usage()},
		{"help", "", []string{"help"}, 0, usage(), ""},
		{"schema", "", []string{"schema"}, 0, string(authlink.ProfileAPI.Schema()), ""},
		{"schema takes no arguments", "", []string{"schema", "x"}, 2, "", "authlink: schema takes no arguments\n" + seeHelp("schema")},
		{"help for a command", "", []string{"help", "version"}, 0, versionHelp, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.wantCode, code)
			assert.Equal(t, tt.wantStdout, stdout)
			assert.Equal(t, tt.wantStderr, stderr)
		})
	}
}

// seeHelp is the line that ends a usage error of command.
func seeHelp(command string) string {
	return "run \"authlink " + command + " --help\" for usage\n"
}

// requiredMembers are the api profile's required members, in the order of
// their violations.
var requiredMembers = []string{"auth_link_url", "created_at", "id", "organization_id", "origin_owner_id", "origin_owner_name", "project_id", "token"}

// requiredBut renders the JSON errors of a document missing every required
// member but the one named.
func requiredBut(present string) string {
	var parts []string
	for _, m := range requiredMembers {
		if m != present {
			parts = append(parts, `{"pointer":"/`+m+`","code":"required","message":"required member is missing","line":1,"column":1,"offset":0}`)
		}
	}
	return strings.Join(parts, ",")
}

// requiredText renders the text violations of a document missing every
// required member but the one named, each at place (the opening brace of
// the document).
func requiredText(present, place string) string {
	var b strings.Builder
	for _, m := range requiredMembers {
		if m != present {
			b.WriteString(place + ": /" + m + ": required: required member is missing\n")
		}
	}
	return b.String()
}

// enumMessage is the library's message for a bad category.
func enumMessage() string {
	var verr *authlink.ValidationError
	errors.As(authlink.Validate([]byte(`{"categories":["x"]}`)), &verr)
	for _, v := range verr.Violations {
		if v.Code == authlink.CodeEnum {
			return v.Message
		}
	}
	return ""
}

func TestValidateJSONOutputIsJSONLines(t *testing.T) {
	_, stdout, _ := runCLI(t, "", "validate", "--format", "json", validFile, invalidFile, "../../testdata/api/invalid/syntax-bom.json")
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	require.Len(t, lines, 3)
	for _, line := range lines {
		var r result
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		assert.Equal(t, r.Valid, len(r.Errors) == 0)
	}
}

func TestQuote(t *testing.T) {
	assert.Equal(t, "/a b", quote("/a b"))
	assert.Equal(t, "/é", quote("/é"))
	assert.Equal(t, `"/a\nb"`, quote("/a\nb"))
	assert.Equal(t, `"/\x1b[31m"`, quote("/\x1b[31m"))
	assert.Equal(t, `"/\xff"`, quote("/\xff"))
}

// TestCorpusThroughCLI runs every corpus payload of both profiles through
// the CLI, with --profile, and checks the verdict, the exit status and, for
// the invalid ones, the violations and the hint against the golden files
// the library's tests keep.
func TestCorpusThroughCLI(t *testing.T) {
	for _, profile := range authlink.Profiles() {
		for _, dir := range []struct {
			glob  string
			flags []string
		}{
			{"valid/*.json", nil},
			{"invalid/*.json", nil},
			{"strict/*/*.json", []string{"--strict"}},
			{"open/*/*.json", []string{"--open-categories"}},
		} {
			files, err := filepath.Glob(filepath.Join("../../testdata", profile.String(), dir.glob))
			require.NoError(t, err)
			require.NotEmpty(t, files)
			for _, f := range files {
				t.Run(strings.TrimPrefix(f, "../../testdata/"), func(t *testing.T) {
					valid := filepath.Base(filepath.Dir(f)) == "valid"
					args := append([]string{"validate", "--profile", profile.String(), "--format", "json"}, dir.flags...)
					code, stdout, stderr := runCLI(t, "", append(args, f)...)
					assert.Empty(t, stderr)
					var r result
					require.NoError(t, json.Unmarshal([]byte(stdout), &r))
					assert.Equal(t, valid, r.Valid)
					if valid {
						assert.Equal(t, 0, code)
						return
					}
					assert.Equal(t, 1, code)
					golden, err := os.ReadFile(strings.TrimSuffix(f, ".json") + ".golden")
					require.NoError(t, err)
					violations, hint, _ := strings.Cut(string(golden), "\nhint: ")
					var want []authlink.Violation
					require.NoError(t, json.Unmarshal([]byte(violations), &want))
					assert.Equal(t, want, r.Errors)
					assert.Equal(t, strings.TrimSuffix(hint, "\n"), r.Hint)
				})
			}
		}
	}
}

// TestNDJSONKeepsOrder sends enough lines for many batches on all workers
// and checks every result comes back, in input order, with its verdict.
func TestNDJSONKeepsOrder(t *testing.T) {
	var in strings.Builder
	const n = 5000
	for i := 1; i <= n; i++ {
		switch {
		case i%7 == 0:
			in.WriteString(`{"id":` + strconv.Itoa(i) + "}\n")
		case i%11 == 0:
			in.WriteString("\n")
		default:
			in.WriteString(strings.Replace(validLine, `"id":1`, `"id":`+strconv.Itoa(i), 1) + "\n")
		}
	}
	code, stdout, _ := runCLI(t, in.String(), "validate", "--ndjson", "--format", "json")
	assert.Equal(t, 1, code)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	want := 1
	for _, line := range lines {
		var r result
		require.NoError(t, json.Unmarshal([]byte(line), &r))
		for want%11 == 0 && want%7 != 0 {
			want++ // blank lines give no result
		}
		require.Equal(t, want, r.Line)
		assert.Equal(t, want%7 != 0, r.Valid, "line %d", want)
		want++
	}
	assert.Equal(t, n+1, want)
}

// failingReader returns data, then an error.
type failingReader struct{ data *strings.Reader }

func (f failingReader) Read(p []byte) (int, error) {
	if f.data.Len() == 0 {
		return 0, errors.New("disk on fire")
	}
	return f.data.Read(p)
}

// TestReadErrors shows that input that fails midway is unreadable, not a
// verdict: exit 2, the error on standard error, and only what was read in
// full reported.
func TestReadErrors(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantStdout string
		wantStderr string
	}{
		{"a file is not validated in part", []string{"validate"},
			"", "authlink: -: disk on fire\nauthlink: 0 payloads: 0 valid, 0 invalid, 1 unreadable\n"},
		{"NDJSON lines read before the error are", []string{"validate", "--ndjson"},
			"-:1: ok\n-:2: ok\n", "authlink: -: disk on fire\nauthlink: 2 payloads: 2 valid, 0 invalid, 1 unreadable\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Main(tt.args, failingReader{strings.NewReader(validLine + "\n" + validLine + "\n")}, &out, &errOut)
			assert.Equal(t, 2, code)
			assert.Equal(t, tt.wantStdout, out.String())
			assert.Equal(t, tt.wantStderr, errOut.String())
		})
	}
}

// TestHostileThroughCLI runs the hostile-input suite through the CLI under
// both profiles, from files.
func TestHostileThroughCLI(t *testing.T) {
	loaded, err := hostile.Load("../../testdata/hostile")
	require.NoError(t, err)
	dir := t.TempDir()
	for _, c := range hostile.BothProfiles(loaded) {
		profile, err := authlink.ParseProfile(c.Profile)
		require.NoError(t, err)
		t.Run(c.Profile+"/"+c.Name, func(t *testing.T) {
			if c.SkipUnderRace() {
				t.Skip(hostile.SkipReason)
			}
			path := filepath.Join(dir, "payload.json")
			require.NoError(t, os.WriteFile(path, c.Data, 0o644))
			args := []string{"validate", "--profile", profile.String(), "--format", "json"}
			if c.Options.MaxBytes > 0 {
				args = append(args, "--max-bytes", strconv.Itoa(c.Options.MaxBytes))
			}
			code, stdout, stderr := runCLI(t, "", append(args, path)...)
			assert.Empty(t, stderr)
			var r result
			require.NoError(t, json.Unmarshal([]byte(stdout), &r))
			if c.Valid {
				assert.Equal(t, 0, code)
				assert.True(t, r.Valid)
				return
			}
			assert.Equal(t, 1, code)
			require.NotEmpty(t, r.Errors)
			assert.Equal(t, c.Code, string(r.Errors[0].Code))
			assert.Equal(t, c.Pointer, r.Errors[0].Pointer)
		})
	}
}

// TestSecretsThroughCLI plants the sentinel in every corpus and hostile
// payload, as the token and the external trigger token among others, and
// checks the CLI never prints it, under either profile, in every format,
// with the user's rules on the secrets too, as files or as NDJSON.
func TestSecretsThroughCLI(t *testing.T) {
	files, err := hostile.CorpusFiles("../../testdata")
	require.NoError(t, err)
	dir := t.TempDir()
	var ndjson bytes.Buffer
	var paths []string
	for i, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		secret := hostile.WithSentinel(data)
		path := filepath.Join(dir, strconv.Itoa(i)+".json")
		require.NoError(t, os.WriteFile(path, secret, 0o644))
		paths = append(paths, path)
		if !bytes.ContainsAny(secret, "\r\n") {
			ndjson.Write(append(secret, '\n'))
		}
	}
	// The user's rules look at every place the secret is planted, a
	// pattern on the token among them.
	rules := filepath.Join(dir, "rules.json")
	require.NoError(t, os.WriteFile(rules, []byte(`{"properties":{
		"token":{"pattern":"^x","maxLength":1},"external_trigger_token":{"pattern":"^x"},
		"label":{"enum":["x"]},"sessionToken":{"const":1},"metadata":{"properties":{"token":{"pattern":"^x"}}},
		"auth_link_url":{"pattern":"^x"},"authLinkUrl":{"pattern":"^x"}}}`), 0o644))
	for _, profile := range authlink.Profiles() {
		// Every format with and without the user's rules; the other options
		// change which violations there are, not how they are written, so
		// they run in one format.
		runs := [][]string{{"--format", "text", "--strict"}, {"--format", "text", "--open-categories"}}
		for _, format := range []string{"text", "json", "github", "sarif"} {
			runs = append(runs, []string{"--format", format}, []string{"--format", format, "--rules", rules})
		}
		for _, flags := range runs {
			args := append([]string{"validate", "--profile", profile.String()}, flags...)
			_, stdout, stderr := runCLI(t, "", append(args, paths...)...)
			assert.False(t, hostile.Shows(stdout+stderr), "%v shows the secret", args)
			assert.NotEmpty(t, stdout)
			_, stdout, stderr = runCLI(t, ndjson.String(), append(args, "--ndjson")...)
			assert.False(t, hostile.Shows(stdout+stderr), "%v --ndjson shows the secret", args)
			assert.NotEmpty(t, stdout)
		}
	}
}

// TestValidateFixtures pipes authlinktest's fixtures through the CLI: what
// the library accepts, the CLI accepts, and the reverse.
func TestValidateFixtures(t *testing.T) {
	code, stdout, _ := runCLI(t, string(authlinktest.FixtureJSON()), "validate")
	assert.Equal(t, 0, code)
	assert.Equal(t, "-: ok\n", stdout)

	code, stdout, _ = runCLI(t, string(authlinktest.Document(authlinktest.Without("token"), authlinktest.Set("id", "7"))), "validate")
	assert.Equal(t, 1, code)
	assert.Equal(t, "-:1:166: /id: type: must be a number\n-:1:1: /token: required: required member is missing\n", stdout)
}
