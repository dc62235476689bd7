package authlinktest

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

// inTemp runs the test in a fresh directory, with update mode as given.
func inTemp(t *testing.T, update bool) {
	t.Chdir(t.TempDir())
	saved := updating
	updating = func() bool { return update }
	t.Cleanup(func() { updating = saved })
}

func setUpdate(update bool) { updating = func() bool { return update } }

// The secrets of the golden tests: no golden file or failure may hold them.
const (
	secret        = "sess_tok_SECRET_must_not_leak_42"
	triggerSecret = "ett_TRIGGER_must_not_leak_7"
)

// edited applies edits to a JSON object, as Document does to the fixture.
func edited(t *testing.T, doc []byte, edits ...Edit) []byte {
	t.Helper()
	b, err := applyEdits(doc, edits...)
	require.NoError(t, err)
	return b
}

func TestGoldenRoundTrip(t *testing.T) {
	extra := func(a *authlink.AuthLink) {
		a.Extra = map[string]json.RawMessage{"zeta": json.RawMessage(`1`), "alpha": json.RawMessage(`{"b":2,"a":1E+2}`)}
	}
	tests := []struct {
		name    string
		got     []byte
		want    string
		variant []Edit // another run: other volatile values, the same golden file
	}{
		{"api", FixtureJSON(WithToken(secret), WithExternalTriggerToken(triggerSecret), extra), `{
  "id": "<volatile>",
  "organization_id": "org_2f7c1d9e5a",
  "project_id": "proj_6a1f93c2e4b04d7f",
  "categories": [
    "ats",
    "hris"
  ],
  "provider": "greenhouse",
  "origin_owner_id": "cust_8e41c0b7",
  "origin_owner_name": "Acme Corporation",
  "origin_username": "jane.doe@acme.example",
  "label": "Acme Greenhouse",
  "created_at": "<volatile>",
  "metadata": {
    "plan": "enterprise",
    "seats": 250
  },
  "token": "<volatile>",
  "auth_link_url": "https://hub.stackone.com/connect?token=<token>",
  "external_trigger_token": "<volatile>",
  "type": "production",
  "integration_id": "int_9b3e57a0c4",
  "alpha": {
    "a": 1E+2,
    "b": 2
  },
  "zeta": 1
}
`, []Edit{Set("id", 99), Set("created_at", "2026-01-01T00:00:00Z"), Set("token", "sess_tok_other_run"),
			Set("auth_link_url", "https://hub.stackone.com/connect?token=sess_tok_other_run"), Set("external_trigger_token", "ett_other_run"),
			Set("alpha", map[string]any{"b": json.Number("2.0"), "a": json.Number("100")})}},
		{"document", FixtureJSON(WithProfile(authlink.ProfileDocument), WithToken(secret), extra), `{
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
`, []Edit{Set("id", 99), Set("createdAt", "2026-01-01T00:00:00Z"), Set("token", "sess_tok_other_run"),
			Set("authLinkUrl", "https://hub.stackone.com/connect?token=sess_tok_other_run"),
			Set("alpha", map[string]any{"b": json.Number("2.0"), "a": json.Number("100")})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTemp(t, true)
			tb := &fakeTB{}
			require.True(t, Golden(tb, "links/created", tt.got))
			assert.Equal(t, []string{"authlinktest: updated testdata/links/created.golden.json"}, tb.logs)
			file, err := os.ReadFile("testdata/links/created.golden.json")
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(file))
			assert.NotContains(t, string(file), secret)
			assert.NotContains(t, string(file), triggerSecret)

			setUpdate(false)
			tb = &fakeTB{}
			assert.True(t, Golden(tb, "links/created", tt.got), "a rerun without -update passes")
			assert.True(t, Golden(tb, "links/created", edited(t, tt.got, tt.variant...)),
				"volatile members, the secrets, member order and number spelling do not matter")
			assert.Empty(t, tb.errors)

			crlf := strings.ReplaceAll(string(file), "\n", "\r\n")
			require.NoError(t, os.WriteFile("testdata/links/created.golden.json", []byte(crlf), 0o644))
			assert.True(t, Golden(tb, "links/created", tt.got), "a golden file checked out with CRLF line endings")
			assert.Empty(t, tb.errors)
		})
	}
}

func TestGoldenFailures(t *testing.T) {
	inTemp(t, true)
	Golden(&fakeTB{}, "link", FixtureJSON(WithToken(secret)))
	Golden(&fakeTB{}, "document-link", DocumentFor(authlink.ProfileDocument))
	Golden(&fakeTB{}, "trigger-link", FixtureJSON(WithToken(secret), WithExternalTriggerToken(triggerSecret)))
	setUpdate(false)

	tests := []struct {
		name string
		got  []byte
		file string
		opts []GoldenOption
		want string
	}{
		{"missing file", FixtureJSON(), "absent", nil,
			"authlinktest: Golden absent: testdata/absent.golden.json: no such file or directory\nrun AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to create it, and review it"},
		{"changed members", edited(t, FixtureJSON(WithToken(secret)), Set("label", "Other"), Without("provider"), Set("categories", []string{"ats", "crm", "iam"}), Set("metadata", map[string]any{"plan": "enterprise", "seats": json.Number("250.5")})), "link", nil,
			"authlinktest: testdata/link.golden.json differs (-want +got):\n" +
				"  /categories/1:\n    - \"hris\"\n    + \"crm\"\n" +
				"  /categories/2:\n    + \"iam\"\n" +
				"  /label:\n    - \"Acme Greenhouse\"\n    + \"Other\"\n" +
				"  /metadata/seats:\n    - 250\n    + 250.5\n" +
				"  /provider:\n    - \"greenhouse\"\n" +
				"run AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"},
		{"volatile member missing", edited(t, FixtureJSON(WithToken(secret)), Without("created_at")), "link", nil,
			"authlinktest: testdata/link.golden.json differs (-want +got):\n  /created_at:\n    - \"<volatile>\"\nrun AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"},
		{"volatile member missing, document profile", DocumentFor(authlink.ProfileDocument, Without("createdAt")), "document-link", nil,
			"authlinktest: testdata/document-link.golden.json differs (-want +got):\n  /createdAt:\n    - \"<volatile>\"\nrun AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"},
		{"secret member missing", edited(t, FixtureJSON(WithToken(secret), WithExternalTriggerToken(triggerSecret)), Without("external_trigger_token")), "trigger-link", nil,
			"authlinktest: testdata/trigger-link.golden.json differs (-want +got):\n  /external_trigger_token:\n    - \"<volatile>\"\nrun AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"},
		{"secret member null", edited(t, FixtureJSON(WithToken(secret), WithExternalTriggerToken(triggerSecret)), Set("external_trigger_token", nil)), "trigger-link", nil,
			"authlinktest: testdata/trigger-link.golden.json differs (-want +got):\n  /external_trigger_token:\n    - \"<volatile>\"\n    + null\nrun AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"},
		{"no longer volatile", edited(t, FixtureJSON(WithToken(secret)), Set("id", 7)), "link", []GoldenOption{Volatile("/created_at")},
			"authlinktest: testdata/link.golden.json differs (-want +got):\n  /id:\n    - \"<volatile>\"\n    + 7\nrun AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"},
		{"not JSON", []byte(`{"token":"` + secret + `","token":"x"}`), "link", nil,
			"authlinktest: Golden link: got is not JSON this package reads: duplicate: member name appears more than once in the object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{}
			assert.False(t, Golden(tb, tt.file, tt.got, tt.opts...))
			assert.Equal(t, []string{tt.want}, tb.errors)
			assert.NotContains(t, strings.Join(tb.errors, ""), secret)
			assert.NotContains(t, strings.Join(tb.errors, ""), triggerSecret)
		})
	}
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
		"run AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"}, tb.errors)
}

func TestGoldenUpdateTouchesOnlyItsFile(t *testing.T) {
	inTemp(t, true)
	Golden(&fakeTB{}, "a", FixtureJSON())
	Golden(&fakeTB{}, "b", FixtureJSON())
	before, err := os.ReadFile("testdata/b.golden.json")
	require.NoError(t, err)

	changed := FixtureJSON(func(a *authlink.AuthLink) { a.ProjectID = "proj_changed" })
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
		return FixtureJSON(WithMetadata(authlink.Metadata{"request_id": id}), WithExternalTriggerToken(triggerSecret))
	}
	tb := &fakeTB{}
	Golden(tb, "request", withRequest("r-1"), Volatile("/metadata/request_id", "/created_at", "/id"))
	setUpdate(false)
	assert.True(t, Golden(tb, "request", withRequest("r-2"), Volatile("/metadata/request_id", "/created_at", "/id")))
	assert.False(t, Golden(tb, "request", withRequest("r-2")), "with the default list, requestId is compared")
	file, err := os.ReadFile(filepath.Join("testdata", "request.golden.json"))
	require.NoError(t, err)
	assert.Contains(t, string(file), `"request_id": "<volatile>"`)
	assert.NotContains(t, string(file), FixtureToken, "the token is masked whatever the list says")
	assert.NotContains(t, string(file), triggerSecret, "so is the external trigger token")
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
				"run AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"},
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

// TestGoldenContainerKinds pins that the flattened diff keeps containers
// apart: an array and an object with index-like keys have the same scalar
// pointers but are not the same document.
func TestGoldenContainerKinds(t *testing.T) {
	tests := []struct {
		name, want, got string
		diff            string // "": equal
	}{
		{"array against object", `["a","b"]`, `{"0":"a","1":"b"}`, "  (root):\n    - [...]\n    + {...}\n"},
		{"nested array against object", `{"m":["a"]}`, `{"m":{"0":"a"}}`, "  /m:\n    - [...]\n    + {...}\n"},
		{"empty array against empty object", `{"m":[]}`, `{"m":{}}`, "  /m:\n    - []\n    + {}\n"},
		{"object against scalar", `{"m":{"a":1}}`, `{"m":"x"}`, "  /m:\n    - {...}\n    + \"x\"\n  /m/a:\n    - 1\n"},
		{"same kind, other members: only the members differ", `{"m":[]}`, `{"m":["a"]}`, "  /m/0:\n    + \"a\"\n"},
		{"same kind, same members", `{"m":{"0":"a"},"n":[]}`, `{"n":[],"m":{"0":"a"}}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inTemp(t, true)
			require.True(t, Golden(&fakeTB{}, "kinds", []byte(tt.want)))
			setUpdate(false)
			tb := &fakeTB{}
			assert.Equal(t, tt.diff == "", Golden(tb, "kinds", []byte(tt.got)))
			var want []string
			if tt.diff != "" {
				want = []string{"authlinktest: testdata/kinds.golden.json differs (-want +got):\n" + tt.diff +
					"run AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"}
			}
			assert.Equal(t, want, tb.errors)
		})
	}
}

// TestGoldenShortSecretKeepsMessagesReadable pins the floor under which a
// secret is masked only as a whole string: a token "t" must not turn
// /metadata into /me<token>ada<token>a, in the file or in the diff.
func TestGoldenShortSecretKeepsMessagesReadable(t *testing.T) {
	inTemp(t, true)
	require.True(t, Golden(&fakeTB{}, "short", FixtureJSON(WithToken("t"))))
	file, err := os.ReadFile("testdata/short.golden.json")
	require.NoError(t, err)
	assert.Contains(t, string(file), `"metadata": {`)
	assert.Contains(t, string(file), `"auth_link_url": "https://hub.stackone.com/connect?token=<token>"`, "a parameter's value is masked however short")

	setUpdate(false)
	tb := &fakeTB{}
	assert.False(t, Golden(tb, "short", FixtureJSON(WithToken("t"), WithMetadata(authlink.Metadata{"plan": "starter", "seats": json.Number("250")}))))
	assert.Equal(t, []string{"authlinktest: testdata/short.golden.json differs (-want +got):\n" +
		"  /metadata/plan:\n    - \"enterprise\"\n    + \"starter\"\n" +
		"run AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff"}, tb.errors)
}
