package authlinktest

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTB records what the helpers report. Its embedded TB is nil, so a
// helper calling a method not listed here panics: the set of methods the
// helpers rely on is pinned.
type fakeTB struct {
	testing.TB
	errors, logs []string
	helpers      int
}

func (f *fakeTB) Helper()                   { f.helpers++ }
func (f *fakeTB) Errorf(s string, a ...any) { f.errors = append(f.errors, fmt.Sprintf(s, a...)) }
func (f *fakeTB) Logf(s string, a ...any)   { f.logs = append(f.logs, fmt.Sprintf(s, a...)) }

func (f *fakeTB) failed() bool { return len(f.errors) > 0 }

var enum = "must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening"

func TestAssertValid(t *testing.T) {
	tb := &fakeTB{}
	assert.True(t, AssertValid(tb, ValidJSON()))
	assert.Empty(t, tb.errors)
	assert.Positive(t, tb.helpers)

	tb = &fakeTB{}
	assert.False(t, AssertValid(tb, Document(Without("token"), Set("categories", []string{"HRIS"}))))
	assert.Equal(t, []string{"authlinktest: want a valid auth link, got 2 violation(s):\n" +
		"  \"/categories/0\" enum: " + enum + "\n" +
		"  \"/token\" required: required member is missing"}, tb.errors)

	tb = &fakeTB{}
	AssertValid(tb, []byte(`{"a":1,"a":2}`))
	assert.Equal(t, []string{"authlinktest: want a valid auth link, got 1 violation(s):\n" +
		"  \"/a\" duplicate: member name appears more than once in the object"}, tb.errors)
}

func TestAssertInvalid(t *testing.T) {
	tb := &fakeTB{}
	assert.True(t, AssertInvalid(tb, Document(Without("token")), "/token"))
	assert.True(t, AssertInvalid(tb, Document(Without("token"))), "no pointers: any violation will do")
	assert.Empty(t, tb.errors)

	tb = &fakeTB{}
	assert.False(t, AssertInvalid(tb, ValidJSON()))
	assert.Equal(t, []string{"authlinktest: want an invalid auth link, got a valid one"}, tb.errors)

	tb = &fakeTB{}
	assert.False(t, AssertInvalid(tb, ValidJSON(WithCreatedAt("yesterday")), "/createdAt", "/token", "/id"))
	assert.Equal(t, []string{"authlinktest: want violations at \"/createdAt\", \"/token\", \"/id\"\n" +
		"missing: \"/token\", \"/id\"\n" +
		"got 1 violation(s):\n  \"/createdAt\" format: must be an RFC 3339 date-time"}, tb.errors)
}

func TestFixtures(t *testing.T) {
	require.NoError(t, authlink.ValidateStruct(Valid()))
	require.NoError(t, authlink.Validate(ValidJSON()))
	a, b := Valid(), Valid()
	a.Categories[0] = "changed"
	assert.Equal(t, authlink.CategoryATS, b.Categories[0], "each call builds a new value")

	link := Valid(WithToken("sess_other"), WithCategories(authlink.CategoryCRM), WithMetadata(nil), WithAuthLinkURL("https://x.example"))
	assert.Equal(t, authlink.Token("sess_other"), link.Token)
	assert.Equal(t, []authlink.Category{authlink.CategoryCRM}, link.Categories)
	assert.True(t, link.Metadata.IsNull())
	assert.Equal(t, "https://x.example", link.AuthLinkURL)

	AssertInvalid(t, Document(Set("id", "1024")), "/id")
	AssertInvalid(t, Document(Set("metadata", []int{1})), "/metadata")
	AssertValid(t, Document(Set("newApiField", true)))
	assert.Panics(t, func() { ValidJSON(func(a *authlink.AuthLink) { a.Label = authlink.Value("\xff") }) })
}

func TestUpdateFlagIsShared(t *testing.T) {
	fs := flag.NewFlagSet("other", flag.ContinueOnError)
	other := fs.Bool("update", false, "another package's golden files")
	read := updateFlag(fs) // must not panic on the existing flag
	require.NoError(t, fs.Parse([]string{"-update"}))
	assert.True(t, *other)
	assert.True(t, read())

	fs = flag.NewFlagSet("alone", flag.ContinueOnError)
	read = updateFlag(fs)
	assert.False(t, read())
	require.NoError(t, fs.Parse([]string{"-update=true"}))
	assert.True(t, read())
	assert.NotNil(t, flag.CommandLine.Lookup("update"), "registered on the real command line")
}

// inTemp runs the test in a fresh directory, with update mode as given.
func inTemp(t *testing.T, update bool) {
	t.Chdir(t.TempDir())
	saved := updating
	updating = func() bool { return update }
	t.Cleanup(func() { updating = saved })
}

func setUpdate(update bool) { updating = func() bool { return update } }

const secret = "sess_tok_SECRET_must_not_leak_42"

// edited applies edits to a JSON object, as Document does to the fixture.
func edited(t *testing.T, doc []byte, edits ...Edit) []byte {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&m))
	for _, e := range edits {
		e(m)
	}
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return b
}

func TestGoldenRoundTrip(t *testing.T) {
	inTemp(t, true)
	got := ValidJSON(WithToken(secret), func(a *authlink.AuthLink) {
		a.Extra = map[string]json.RawMessage{"zeta": json.RawMessage(`1`), "alpha": json.RawMessage(`{"b":2,"a":1E+2}`)}
	})
	tb := &fakeTB{}
	require.True(t, Golden(tb, "links/created", got))
	assert.Equal(t, []string{"authlinktest: updated testdata/links/created.golden.json"}, tb.logs)
	file, err := os.ReadFile("testdata/links/created.golden.json")
	require.NoError(t, err)
	assert.Equal(t, `{
  "id": "<volatile>",
  "organizationId": 1207,
  "projectId": "proj_6a1f93c2e4b04d7f",
  "categories": [
    "ats",
    "hris"
  ],
  "provider": "greenhouse",
  "originOwnerId": "cust_8e41c0b7",
  "originOwnerName": "Acme Corporation",
  "originUsername": "jane.doe@acme.example",
  "label": "Acme Greenhouse",
  "createdAt": "<volatile>",
  "metadata": {
    "plan": "enterprise",
    "seats": 250
  },
  "token": "<volatile>",
  "authLinkUrl": "https://hub.stackone.com/connect?token=<token>",
  "alpha": {
    "a": 1E+2,
    "b": 2
  },
  "zeta": 1
}
`, string(file))
	assert.NotContains(t, string(file), secret)

	setUpdate(false)
	tb = &fakeTB{}
	assert.True(t, Golden(tb, "links/created", got), "a rerun without -update passes")
	variant := edited(t, got, Set("id", 99), Set("createdAt", "2026-01-01T00:00:00Z"), Set("token", "sess_tok_other_run"),
		Set("authLinkUrl", "https://hub.stackone.com/connect?token=sess_tok_other_run"),
		Set("alpha", map[string]any{"b": json.Number("2.0"), "a": json.Number("100")}))
	assert.True(t, Golden(tb, "links/created", variant), "volatile members, the token, member order and number spelling do not matter")
	assert.Empty(t, tb.errors)

	crlf := strings.ReplaceAll(string(file), "\n", "\r\n")
	require.NoError(t, os.WriteFile("testdata/links/created.golden.json", []byte(crlf), 0o644))
	assert.True(t, Golden(tb, "links/created", got), "a golden file checked out with CRLF line endings")
	assert.Empty(t, tb.errors)
}

func TestGoldenFailures(t *testing.T) {
	inTemp(t, true)
	Golden(&fakeTB{}, "link", ValidJSON(WithToken(secret)))
	setUpdate(false)

	tests := []struct {
		name string
		got  []byte
		file string
		opts []Option
		want string
	}{
		{"missing file", ValidJSON(), "absent", nil,
			"authlinktest: Golden absent: no such file or directory\nrun go test ./... -update to create it, and review it"},
		{"changed members", edited(t, ValidJSON(WithToken(secret)), Set("label", "Other"), Without("provider"), Set("categories", []string{"ats", "crm", "iam"}), Set("metadata", map[string]any{"plan": "enterprise", "seats": json.Number("250.5")})), "link", nil,
			"authlinktest: testdata/link.golden.json differs (-want +got):\n" +
				"  /categories/1:\n    - \"hris\"\n    + \"crm\"\n" +
				"  /categories/2:\n    + \"iam\"\n" +
				"  /label:\n    - \"Acme Greenhouse\"\n    + \"Other\"\n" +
				"  /metadata/seats:\n    - 250\n    + 250.5\n" +
				"  /provider:\n    - \"greenhouse\"\n" +
				"run go test ./... -update to accept got, and review the diff"},
		{"volatile member missing", edited(t, ValidJSON(WithToken(secret)), Without("createdAt")), "link", nil,
			"authlinktest: testdata/link.golden.json differs (-want +got):\n  /createdAt:\n    - \"<volatile>\"\nrun go test ./... -update to accept got, and review the diff"},
		{"no longer volatile", edited(t, ValidJSON(WithToken(secret)), Set("id", 7)), "link", []Option{Volatile("/createdAt")},
			"authlinktest: testdata/link.golden.json differs (-want +got):\n  /id:\n    - \"<volatile>\"\n    + 7\nrun go test ./... -update to accept got, and review the diff"},
		{"not JSON", []byte(`{"token":"` + secret + `","token":"x"}`), "link", nil,
			"authlinktest: Golden link: got is not JSON this package reads: duplicate: member name appears more than once in the object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{}
			assert.False(t, Golden(tb, tt.file, tt.got, tt.opts...))
			assert.Equal(t, []string{tt.want}, tb.errors)
			assert.NotContains(t, strings.Join(tb.errors, ""), secret)
		})
	}
}

// TestGoldenNeverWritesTheToken hides the token where a careless mask
// would miss it: as a member name, URL-escaped, in a wrapper object, in an
// array, and in input too malformed to compare.
func TestGoldenNeverWritesTheToken(t *testing.T) {
	const token = "sess+tok/SECRET 1234"
	link := string(ValidJSON(WithToken(token), WithMetadata(authlink.Metadata{token: "as a name", "nested": map[string]any{"token": token}}),
		WithAuthLinkURL("https://hub.stackone.com/connect?token="+url.QueryEscape(token)+"#"+url.PathEscape(token))))
	payloads := map[string]string{
		"plain":   link,
		"wrapped": `{"data":` + link + `,"token":"` + token + `"}`,
		"array":   `[` + link + `]`,
	}
	for name, payload := range payloads {
		t.Run(name, func(t *testing.T) {
			inTemp(t, true)
			tb := &fakeTB{}
			require.True(t, Golden(tb, "secret", []byte(payload)))
			file, err := os.ReadFile("testdata/secret.golden.json")
			require.NoError(t, err)
			for _, form := range []string{token, url.QueryEscape(token), url.PathEscape(token), "SECRET"} {
				assert.NotContains(t, string(file), form)
			}
			setUpdate(false)
			changed := strings.Replace(payload, "Acme Corporation", "Other "+token, 1)
			assert.False(t, Golden(tb, "secret", []byte(changed)))
			assert.NotContains(t, strings.Join(tb.errors, "\n"), "SECRET")
		})
	}
	inTemp(t, false)
	tb := &fakeTB{}
	Golden(tb, "secret", []byte(`{"`+token+`":1,"`+token+`":2}`))
	assert.Equal(t, []string{"authlinktest: Golden secret: got is not JSON this package reads: duplicate: member name appears more than once in the object"}, tb.errors)
}

func TestGoldenViolationsRepeats(t *testing.T) {
	inTemp(t, true)
	twice := authlink.Validate(Document(Set("categories", []string{"x", "x"})))
	GoldenViolations(&fakeTB{}, "repeats", twice)
	setUpdate(false)
	once := authlink.Validate(Document(Set("categories", []string{"x"})))
	tb := &fakeTB{}
	assert.False(t, GoldenViolations(tb, "repeats", once))
	assert.Equal(t, []string{"authlinktest: testdata/repeats.golden.json differs (-want +got):\n" +
		"- /categories/1: enum: " + enum + "\n" +
		"run go test ./... -update to accept got, and review the diff"}, tb.errors)
}

func TestGoldenUpdateTouchesOnlyItsFile(t *testing.T) {
	inTemp(t, true)
	Golden(&fakeTB{}, "a", ValidJSON())
	Golden(&fakeTB{}, "b", ValidJSON())
	before, err := os.ReadFile("testdata/b.golden.json")
	require.NoError(t, err)

	changed := ValidJSON(func(a *authlink.AuthLink) { a.ProjectID = "proj_changed" })
	Golden(&fakeTB{}, "a", changed) // only this test "ran" with -update
	after, err := os.ReadFile("testdata/b.golden.json")
	require.NoError(t, err)
	assert.Equal(t, before, after)

	setUpdate(false)
	tb := &fakeTB{}
	assert.True(t, Golden(tb, "a", changed))
	assert.False(t, Golden(tb, "b", changed), "b still holds the old output")
}

func TestGoldenVolatileOption(t *testing.T) {
	inTemp(t, true)
	withRequest := func(id string) []byte {
		return ValidJSON(WithMetadata(authlink.Metadata{"requestId": id}))
	}
	tb := &fakeTB{}
	Golden(tb, "request", withRequest("r-1"), Volatile("/metadata/requestId", "/createdAt", "/id"))
	setUpdate(false)
	assert.True(t, Golden(tb, "request", withRequest("r-2"), Volatile("/metadata/requestId", "/createdAt", "/id")))
	assert.False(t, Golden(tb, "request", withRequest("r-2")), "with the default list, requestId is compared")
	file, err := os.ReadFile(filepath.Join("testdata", "request.golden.json"))
	require.NoError(t, err)
	assert.Contains(t, string(file), `"requestId": "<volatile>"`)
	assert.NotContains(t, string(file), FixtureToken, "the token is masked whatever the list says")
}

func TestGoldenViolations(t *testing.T) {
	inTemp(t, true)
	err := authlink.Validate(Document(Without("token"), Set("categories", []string{"HRIS"})))
	tb := &fakeTB{}
	require.True(t, GoldenViolations(tb, "bad", err))
	file, rerr := os.ReadFile("testdata/bad.golden.json")
	require.NoError(t, rerr)
	assert.Equal(t, "[\n"+
		`{"pointer":"/categories/0","code":"enum","message":"`+enum+`"},`+"\n"+
		`{"pointer":"/token","code":"required","message":"required member is missing"}`+"\n]\n", string(file))

	setUpdate(false)
	assert.True(t, GoldenViolations(tb, "bad", err))
	require.NoError(t, os.WriteFile("testdata/bad.golden.json", []byte(strings.ReplaceAll(string(file), "\n", "\r\n")), 0o644))
	assert.True(t, GoldenViolations(tb, "bad", err), "CRLF line endings are normalised")
	assert.Empty(t, tb.errors)

	tests := []struct {
		name string
		err  error
		want string
	}{
		{"changed", authlink.Validate(Document(Without("token"), Without("id"))),
			"authlinktest: testdata/bad.golden.json differs (-want +got):\n" +
				"- /categories/0: enum: " + enum + "\n" +
				"+ /id: required: required member is missing\n" +
				"run go test ./... -update to accept got, and review the diff"},
		{"valid", nil, "authlinktest: GoldenViolations bad: want an *authlink.ValidationError, got <nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{}
			assert.False(t, GoldenViolations(tb, "bad", tt.err))
			assert.Equal(t, []string{tt.want}, tb.errors)
		})
	}
}
