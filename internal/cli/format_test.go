package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authlink-go/authlink/internal/golden"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenRuns are the runs whose output the golden files pin, in every
// format: testdata/formats holds a valid file, a multi-line one with
// non-ASCII text and escapes before the offending value, one whose names
// follow the other profile (a hint), a malformed one, one that breaks the
// metadata rules, and an NDJSON file with all of these on its lines.
var goldenRuns = []struct {
	name  string
	flags []string
}{
	{"files", nil},
	{"ndjson", []string{"--ndjson"}},
}

// inputValues are values of testdata/formats that no output may show.
var inputValues = []string{"sess_tok", "sess_secret", "yesterday", "Zürich", "ça", "payroll", "gold", "acme-7", "dozen", "GBP", "tru\n"}

func goldenArgs(format string, flags []string) []string {
	args := []string{"validate", "--strict", "--metadata-rules", "testdata/rules/metadata.json", "--format", format}
	return append(append(args, flags...), "testdata/formats")
}

// checkGolden compares got with the golden file at path, or rewrites the
// file when golden.Updating.
func checkGolden(t *testing.T, path string, got string) {
	t.Helper()
	if golden.Updating() {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file "+path+"; run "+golden.HowToUpdate+" to create it")
	assert.Equal(t, string(want), got, "%s is out of date; run "+golden.HowToUpdate+" and review the diff", path)
}

// TestFormatsGolden pins the output of each format, and shows that none
// prints an input value.
func TestFormatsGolden(t *testing.T) {
	for _, run := range goldenRuns {
		for _, format := range []string{"text", "json", "github", "sarif"} {
			t.Run(run.name+"/"+format, func(t *testing.T) {
				code, stdout, stderr := runCLI(t, "", goldenArgs(format, run.flags)...)
				assert.Equal(t, 1, code)
				checkGolden(t, filepath.Join("testdata", "golden", run.name+"."+format), stdout)
				if format == "text" || format == "github" {
					assert.Equal(t, "authlink: 5 payloads: 1 valid, 4 invalid\n", stderr)
				} else {
					assert.Empty(t, stderr)
				}
				for _, v := range inputValues {
					assert.NotContains(t, stdout+stderr, v)
				}
			})
		}
	}
}

// TestTextLocations shows the text format's FILE:LINE:COL for one
// violation of each kind of place: a value, a missing member (its
// object's brace), an unknown member (its name), malformed input (where
// reading stopped), after non-ASCII text and escapes, and on an NDJSON
// line, whose LINE is the line of the NDJSON file.
func TestTextLocations(t *testing.T) {
	tests := []struct {
		name  string
		input string
		flags []string
		want  string
	}{
		{"a value on a later line", "{\n  \"id\": \"1\"\n}", nil, "-:2:9: /id: type: must be a number"},
		{"a missing member: its object's brace", "\n\n   {}", nil, "-:3:4: /auth_link_url: required: required member is missing"},
		{"an unknown member: its name", "{\n\t\"x\": 1}", []string{"--strict"}, "-:2:2: /x: unknown: member is not defined by the schema (strict mode)"},
		{"a duplicate member: its second name", "{\"id\": 1,\n \"id\": 2}", nil, "-:2:2: /id: duplicate: member name appears more than once in the object"},
		{"malformed input: where reading stopped", "{\n  \"id\": 1,\n  ]", nil, "-:3:3: (root): syntax: unexpected character at byte offset 15; expected a member name"},
		{"columns count characters", `{"label": "ü✓😀", "id": "1"}`, nil, "-:1:24: /id: type: must be a number"},
		{"an escape counts as written", `{"label": "\u00fc\n", "id": "1"}`, nil, "-:1:29: /id: type: must be a number"},
		{"an NDJSON line", validLine + "\n\n" + `{"label": "ü", "id": "1"}`, []string{"--ndjson"}, "-:3:22: /id: type: must be a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stdout, _ := runCLI(t, tt.input, append([]string{"validate"}, tt.flags...)...)
			assert.Contains(t, strings.Split(stdout, "\n"), tt.want, stdout)
		})
	}
}

// TestGitHubEscaping shows the escapes of workflow commands: the runner
// reads %25, %0D and %0A in a message, and %3A and %2C too in a property.
func TestGitHubEscaping(t *testing.T) {
	assert.Equal(t, "100%25 a,b:c%0D%0Ad", escapeData("100% a,b:c\r\nd"))
	assert.Equal(t, "100%25 a%2Cb%3Ac%0D%0Ad", escapeProperty("100% a,b:c\r\nd"))
	assert.Equal(t, "::error file=dir/a%2Cb%3Ac.json,line=2,col=3,title=authlink%3A type::/x: 5%25%0Anew\n",
		string(appendCommand(nil, "error", "dir/a,b:c.json", 2, 3, "authlink: type", "/x: 5%\nnew")))
	assert.Equal(t, "::error line=1,col=1,title=t::m\n", string(appendCommand(nil, "error", "-", 1, 1, "t", "m")),
		"standard input has no file")

	dir := t.TempDir()
	name := filepath.Join(dir, "odd,name:1.json")
	require.NoError(t, os.WriteFile(name, []byte(`{"id":"1"}`), 0o644))
	_, stdout, _ := runCLI(t, "", "validate", "--format", "github", name)
	assert.Contains(t, stdout, "::error file="+filepath.ToSlash(dir)+"/odd%2Cname%3A1.json,line=1,col=7,title=authlink%3A type::/id: must be a number\n")
}

// sarifSchemaFile is the SARIF 2.1.0 JSON schema (OASIS, errata 01).
const sarifSchemaFile = "testdata/sarif-schema-2.1.0.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	require.NoError(t, c.AddResource(sarifSchemaFile, doc))
	schema, err := c.Compile(sarifSchemaFile)
	require.NoError(t, err)
	return schema
}

// TestSARIFIsValid checks SARIF logs against the SARIF 2.1.0 schema: the
// golden runs, a run with no result, one from standard input and one with
// a file that cannot be read. It checks what the schema cannot: one run,
// the column kind, and each result's rule.
func TestSARIFIsValid(t *testing.T) {
	schema := compileSARIFSchema(t)
	abs, err := filepath.Abs("testdata/formats/d-syntax.json")
	require.NoError(t, err)
	runs := map[string]struct {
		stdin string
		args  []string
	}{
		"no result":        {"", []string{"validate", "--format", "sarif", "testdata/formats/a-valid.json"}},
		"standard input":   {"[]", []string{"validate", "--format", "sarif"}},
		"an absolute path": {"", []string{"validate", "--format", "sarif", abs}},
		"unreadable":       {"", []string{"validate", "--format", "sarif", "missing.json", "testdata/formats/a-valid.json"}},
	}
	for _, run := range goldenRuns {
		runs[run.name] = struct {
			stdin string
			args  []string
		}{"", goldenArgs("sarif", run.flags)}
	}
	for name, run := range runs {
		t.Run(name, func(t *testing.T) {
			_, stdout, _ := runCLI(t, run.stdin, run.args...)
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
			require.NoError(t, err, stdout)
			require.NoError(t, schema.Validate(doc))

			var log struct {
				Runs []struct {
					ColumnKind string `json:"columnKind"`
					Tool       struct {
						Driver struct{ Rules []struct{ ID string } }
					}
					Results []struct {
						RuleID    string
						RuleIndex int
						Locations []struct {
							PhysicalLocation struct {
								ArtifactLocation struct{ URI string }
								Region           struct{ StartLine, StartColumn int }
							}
						}
					}
				}
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &log))
			require.Len(t, log.Runs, 1)
			assert.Equal(t, "unicodeCodePoints", log.Runs[0].ColumnKind)
			for _, r := range log.Runs[0].Results {
				assert.Equal(t, r.RuleID, log.Runs[0].Tool.Driver.Rules[r.RuleIndex].ID)
				require.Len(t, r.Locations, 1)
				assert.Positive(t, r.Locations[0].PhysicalLocation.Region.StartLine)
				assert.Positive(t, r.Locations[0].PhysicalLocation.Region.StartColumn)
			}
			if name == "an absolute path" {
				require.Len(t, log.Runs[0].Results, 1)
				assert.Equal(t, "file://"+filepath.ToSlash(abs), log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI)
			}
		})
	}

	broken := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"authlink"}},"results":[{"ruleId":"type"}]}]}`
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(broken))
	require.NoError(t, err)
	assert.Error(t, schema.Validate(doc), "the schema rejects a result without a message")
}

// TestSARIFRulesCoverEveryCode checks that the SARIF rules hold every code
// the library declares, read from the declarations in ../../errors.go, so
// that a new code cannot leave results without a rule.
func TestSARIFRulesCoverEveryCode(t *testing.T) {
	src, err := os.ReadFile("../../errors.go")
	require.NoError(t, err)
	var declared []string
	for _, line := range strings.Split(string(src), "\n") {
		if _, rest, ok := strings.Cut(line, " Code = \""); ok && strings.HasPrefix(strings.TrimSpace(line), "Code") {
			value, _, _ := strings.Cut(rest, "\"")
			declared = append(declared, value)
		}
	}
	require.NotEmpty(t, declared)
	var rules []string
	for _, r := range sarifRules {
		rules = append(rules, string(r.code))
	}
	assert.ElementsMatch(t, declared, rules)
}

// TestSARIFStreams shows that the log is written as results come: the
// results of a run of many NDJSON lines are all there, in order, in one
// log.
func TestSARIFStreams(t *testing.T) {
	var in bytes.Buffer
	const pairs = batchLines + 100 // the lines span three batches
	for range pairs {
		in.WriteString(`{"id":"1"}` + "\n" + validLine + "\n")
	}
	code, stdout, _ := runCLI(t, in.String(), "validate", "--ndjson", "--format", "sarif")
	assert.Equal(t, 1, code)
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct{ Region struct{ StartLine int } }
				}
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &log))
	require.Len(t, log.Runs, 1)
	results := log.Runs[0].Results
	want := make([]int, pairs*len(requiredMembers))
	for i := range want {
		want[i] = 1 + 2*(i/len(requiredMembers))
	}
	got := make([]int, len(results))
	for i, r := range results {
		got[i] = r.Locations[0].PhysicalLocation.Region.StartLine
	}
	assert.Equal(t, want, got)
}
