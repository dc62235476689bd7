package authlinktest

import (
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGoldenNeverWritesTheSecrets hides each secret where a careless mask
// would miss it: as a member name, URL-escaped, nested under its member
// name, in a wrapper object, in an array, and in input too malformed to
// compare. Neither the golden file nor a failure may hold any trace of it.
func TestGoldenNeverWritesTheSecrets(t *testing.T) {
	const (
		token   = "sess+tok/SECRET 1234"
		trigger = "ett+trig/TRIGGER 5678"
	)
	escaped := func(s string) string { return url.QueryEscape(s) + "#" + url.PathEscape(s) }
	secrets := []struct {
		name, value, trace string // trace: a part of the value no mask form covers
		link               string
		member             string // the secret's member name in a wrapper
	}{
		{"token", token, "SECRET", string(FixtureJSON(WithToken(token),
			WithMetadata(authlink.Metadata{token: "as a name", "nested": map[string]any{"token": token}}),
			WithAuthLinkURL("https://hub.stackone.com/connect?token="+escaped(token)))), "token"},
		{"external_trigger_token", trigger, "TRIGGER", string(FixtureJSON(WithExternalTriggerToken(trigger),
			WithMetadata(authlink.Metadata{trigger: "as a name", "nested": map[string]any{"external_trigger_token": trigger}}),
			WithAuthLinkURL("https://hub.stackone.com/connect?trigger="+escaped(trigger)))), "external_trigger_token"},
		{"externalTriggerToken in camelCase", trigger, "TRIGGER", string(DocumentFor(authlink.ProfileDocument,
			Set("externalTriggerToken", trigger), Set("authLinkUrl", "https://hub.stackone.com/connect?trigger="+escaped(trigger)))),
			"externalTriggerToken"},
		{"external_trigger_token only nested", trigger, "TRIGGER", string(FixtureJSON(
			WithMetadata(authlink.Metadata{"hook": map[string]any{"external_trigger_token": trigger, "url": "https://x.example/?t=" + escaped(trigger)}}))),
			"external_trigger_token"},
	}
	for _, sec := range secrets {
		payloads := []struct{ name, payload string }{
			{"plain", sec.link},
			{"wrapped", `{"data":` + sec.link + `,"` + sec.member + `":"` + sec.value + `"}`},
			{"array", `[` + sec.link + `]`},
		}
		for _, p := range payloads {
			t.Run(sec.name+"/"+p.name, func(t *testing.T) {
				require.Contains(t, p.payload, sec.trace, "the payload holds the secret")
				inTemp(t, true)
				tb := &fakeTB{}
				require.True(t, Golden(tb, "secret", []byte(p.payload)))
				file, err := os.ReadFile("testdata/secret.golden.json")
				require.NoError(t, err)
				for _, form := range []string{sec.value, url.QueryEscape(sec.value), url.PathEscape(sec.value), sec.trace} {
					assert.NotContains(t, string(file), form)
				}
				setUpdate(false)
				changed := strings.Replace(p.payload, "Acme Corporation", "Other "+sec.value, 1)
				require.NotEqual(t, p.payload, changed)
				assert.False(t, Golden(tb, "secret", []byte(changed)))
				assert.NotEmpty(t, tb.errors)
				assert.NotContains(t, strings.Join(tb.errors, "\n"), sec.trace)
			})
		}
	}
	t.Run("malformed", func(t *testing.T) {
		inTemp(t, false)
		for _, value := range []string{token, trigger} {
			tb := &fakeTB{}
			Golden(tb, "secret", []byte(`{"`+value+`":1,"`+value+`":2}`))
			assert.Equal(t, []string{"authlinktest: Golden secret: got is not JSON this package reads: duplicate: member name appears more than once in the object"}, tb.errors)
		}
	})
}

// TestMaskSecrets pins what each secret becomes: its member the volatile
// marker (null stays null), its value elsewhere a marker naming the secret.
func TestMaskSecrets(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"the URL names the secret it carries",
			`{"token":"tok_12345678","external_trigger_token":"ett_12345678","auth_link_url":"https://h.example/?token=tok_12345678&trigger=ett_12345678"}`,
			`{"token":"<volatile>","external_trigger_token":"<volatile>","auth_link_url":"https://h.example/?token=<token>&trigger=<external_trigger_token>"}`},
		{"both secrets the same string: the token",
			`{"token":"same","external_trigger_token":"same","label":"same"}`,
			`{"token":"<volatile>","external_trigger_token":"<volatile>","label":"<token>"}`},
		{"a longer secret first",
			`{"token":"abcdefgh","external_trigger_token":"abcdefghij","label":"abcdefghij abcdefgh"}`,
			`{"token":"<volatile>","external_trigger_token":"<volatile>","label":"<external_trigger_token> <token>"}`},
		{"null secrets stay null",
			`{"token":null,"external_trigger_token":null,"metadata":{"externalTriggerToken":null}}`,
			`{"token":null,"external_trigger_token":null,"metadata":{"externalTriggerToken":null}}`},
		{"a secret of another type is masked whole",
			`{"external_trigger_token":{"value":"e1"},"metadata":{"token":["t1"]}}`,
			`{"external_trigger_token":"<volatile>","metadata":{"token":"<volatile>"}}`},
		{"the strings inside a malformed secret are secrets",
			`{"token":{"secret":"tok_inside_1"},"label":"tok_inside_1","metadata":{"n":[7,"x tok_inside_1"]}}`,
			`{"token":"<volatile>","label":"<token>","metadata":{"n":[7,"x <token>"]}}`},
		{"an empty secret masks nothing else",
			`{"external_trigger_token":"","label":"x"}`,
			`{"external_trigger_token":"<volatile>","label":"x"}`},
		{"escaped as Python's quote does, with lower-case hex",
			`{"token":"ab+cd/ef==gh","label":"x ab%2bcd/ef%3d%3dgh y","provider":"ab%2Bcd%2Fef%3D%3Dgh"}`,
			`{"token":"<volatile>","label":"x <token> y","provider":"<token>"}`},
		{"a '+' for a space",
			`{"token":"ab cd+ef gh","label":"ab+cd%2Bef%20gh"}`,
			`{"token":"<volatile>","label":"<token>"}`},
		{"JSON-escaped in JSON text",
			`{"token":"ab/cd+efgh","label":"{\"note\":\"ab\\/cd\\u002befgh\"}"}`,
			`{"token":"<volatile>","label":"{\"note\":\"<token>\"}"}`},
		{"escaped twice, in a URL in a URL",
			`{"token":"ab+cd/efgh","label":"https://x.example/?next=https%3A%2F%2Fh%2Fc%2Fab%252Bcd%252Fefgh"}`,
			`{"token":"<volatile>","label":"https://x.example/?next=https%3A%2F%2Fh%2Fc%2F<token>"}`},
		{"a surrogate pair escaped in JSON text",
			`{"token":"tok_\ud83d\ude00_1234","label":"tok_\\ud83d\\ude00_1234"}`,
			`{"token":"<volatile>","label":"<token>"}`},
		{"a secret holding an escape as written",
			`{"token":"ab%41cdefgh","label":"ab%41cdefgh","provider":"ab%2541cdefgh"}`,
			`{"token":"<volatile>","label":"<token>","provider":"<token>"}`},
		{"a parameter's value, with no secret member, is a secret elsewhere",
			`{"url":"https://h.example/c?a=1&token=tok%2Fparam_1#top","copy":"tok/param_1","name":"tok%2fparam_1"}`,
			`{"url":"https://h.example/c?a=1&token=<token>#top","copy":"<token>","name":"<token>"}`},
		{"a parameter escaped in a URL in a URL",
			`{"url":"https://x.example/?next=https%3A%2F%2Fh%2F%3Fexternal_trigger_token%3Dett_param_2"}`,
			`{"url":"https://x.example/?next=https%3A%2F%2Fh%2F%3Fexternal_trigger_token%3D<external_trigger_token>"}`},
		{"a secret member in text",
			`{"log":"sent {\"externalTriggerToken\": \"ett_text_3\"} ok"}`,
			`{"log":"sent {\"externalTriggerToken\": \"<external_trigger_token>\"} ok"}`},
		{"a malformed secret in JSON text",
			`{"payload":"{\"token\":{\"v\":\"tok_nested_4\"}}","copy":"tok_nested_4"}`,
			`{"payload":"{\"token\":{\"v\":\"<token>\"}}","copy":"<token>"}`},
		{"the fixtures' secrets, with no secret member",
			`{"url":"https://h.example/c/` + FixtureToken + `","hook":"https://h.example/t/` + url.PathEscape(FixtureExternalTriggerToken) + `"}`,
			`{"url":"https://h.example/c/<token>","hook":"https://h.example/t/<external_trigger_token>"}`},
		{"a short secret only where it is a whole string or name",
			`{"token":"t","label":"t","metadata":{"plan":"t-shirt","t":1,"metadata":"t"}}`,
			`{"token":"<volatile>","label":"<token>","metadata":{"plan":"t-shirt","<token>":1,"metadata":"<token>"}}`},
		{"a parameter holding a known secret with a space written as is",
			`{"token":"ab cd efgh","url":"https://h.example/?token=ab cd efgh&x=1"}`,
			`{"token":"<volatile>","url":"https://h.example/?token=<token>&x=1"}`},
		{"a short parameter value",
			`{"url":"https://h.example/?token=me&x=message"}`,
			`{"url":"https://h.example/?token=<token>&x=message"}`},
		{"names that differ only in how they spell a secret, ordered by value",
			`{"token":"tok_12345678","metadata":{"tok_12345678":2,"tok%5F12345678":1,"tok%5f12345678":[]}}`,
			`{"token":"<volatile>","metadata":{"<token>":1,"<token>#2":2,"<token>#3":[]}}`},
		{"a number equal to a secret",
			`{"token":"12345678","id":12345678}`,
			`{"token":"<volatile>","id":"<token>"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parse([]byte(tt.doc))
			require.NoError(t, err)
			want, err := parse([]byte(tt.want))
			require.NoError(t, err)
			assert.Equal(t, want, mask(doc, nil))
			again, err := parse([]byte(tt.want))
			require.NoError(t, err)
			assert.Equal(t, want, mask(again, nil), "masking is idempotent: a golden file masks to itself")
		})
	}
}

// TestDefaultVolatile checks the default list against both profiles'
// fixtures: created_at and id masked, whichever name created_at has.
func TestDefaultVolatile(t *testing.T) {
	tests := []struct {
		name      string
		doc       []byte
		createdAt string
	}{
		{"api", FixtureJSON(), "created_at"},
		{"document", FixtureJSON(WithProfile(authlink.ProfileDocument)), "createdAt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parse(tt.doc)
			require.NoError(t, err)
			m := mask(doc, defaultVolatile).(map[string]any)
			for _, name := range []string{tt.createdAt, "id", "token"} {
				assert.Equal(t, volatileMark, m[name], name)
			}
			assert.NotEqual(t, volatileMark, m["label"])
		})
	}
}
