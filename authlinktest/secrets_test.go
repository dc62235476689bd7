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
		{"token", token, "SECRET", string(ValidJSON(WithToken(token),
			WithMetadata(authlink.Metadata{token: "as a name", "nested": map[string]any{"token": token}}),
			WithAuthLinkURL("https://hub.stackone.com/connect?token="+escaped(token)))), "token"},
		{"external_trigger_token", trigger, "TRIGGER", string(ValidJSON(WithExternalTriggerToken(trigger),
			WithMetadata(authlink.Metadata{trigger: "as a name", "nested": map[string]any{"external_trigger_token": trigger}}),
			WithAuthLinkURL("https://hub.stackone.com/connect?trigger="+escaped(trigger)))), "external_trigger_token"},
		{"externalTriggerToken in camelCase", trigger, "TRIGGER", string(DocumentFor(authlink.ProfileDocument,
			Set("externalTriggerToken", trigger), Set("authLinkUrl", "https://hub.stackone.com/connect?trigger="+escaped(trigger)))),
			"externalTriggerToken"},
		{"external_trigger_token only nested", trigger, "TRIGGER", string(ValidJSON(
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
			`{"token":"t1","external_trigger_token":"e1","auth_link_url":"https://h.example/?token=t1&trigger=e1"}`,
			`{"token":"<volatile>","external_trigger_token":"<volatile>","auth_link_url":"https://h.example/?token=<token>&trigger=<external_trigger_token>"}`},
		{"both secrets the same string: the token",
			`{"token":"same","external_trigger_token":"same","label":"same"}`,
			`{"token":"<volatile>","external_trigger_token":"<volatile>","label":"<token>"}`},
		{"a longer secret first",
			`{"token":"abc","external_trigger_token":"abcdef","label":"abcdef abc"}`,
			`{"token":"<volatile>","external_trigger_token":"<volatile>","label":"<external_trigger_token> <token>"}`},
		{"null secrets stay null",
			`{"token":null,"external_trigger_token":null,"metadata":{"externalTriggerToken":null}}`,
			`{"token":null,"external_trigger_token":null,"metadata":{"externalTriggerToken":null}}`},
		{"a secret of another type is masked whole",
			`{"external_trigger_token":{"value":"e1"},"metadata":{"token":["t1"]}}`,
			`{"external_trigger_token":"<volatile>","metadata":{"token":"<volatile>"}}`},
		{"an empty secret masks nothing else",
			`{"external_trigger_token":"","label":"x"}`,
			`{"external_trigger_token":"<volatile>","label":"x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parse([]byte(tt.doc))
			require.NoError(t, err)
			want, err := parse([]byte(tt.want))
			require.NoError(t, err)
			assert.Equal(t, want, mask(doc, nil))
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
		{"api", ValidJSON(), "created_at"},
		{"document", ValidJSON(WithProfile(authlink.ProfileDocument)), "createdAt"},
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
