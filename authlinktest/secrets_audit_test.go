package authlinktest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pythonQuote escapes s as Python's urllib.parse.quote does: everything but
// letters, digits, "_.-~" and "/" as %XX.
func pythonQuote(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_.-~/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

var percentEscape = regexp.MustCompile(`%[0-9A-F]{2}`)

// lowerHex writes the percent-escapes of s with lower-case hex.
func lowerHex(s string) string { return percentEscape.ReplaceAllStringFunc(s, strings.ToLower) }

// jsonEscaped escapes every byte of s that is not a letter or a digit as
// JSON can: "/" as \/, the others as \u00XX.
func jsonEscaped(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
			b.WriteByte(c)
		case c == '/':
			b.WriteString(`\/`)
		default:
			fmt.Fprintf(&b, `\u%04x`, c)
		}
	}
	return b.String()
}

// escapedForms are the spellings of a secret the audit hides in documents.
func escapedForms(s string) map[string]string {
	return map[string]string{
		"raw":                   s,
		"query escape":          url.QueryEscape(s),
		"path escape":           url.PathEscape(s),
		"python quote":          pythonQuote(s),
		"lower-case hex":        lowerHex(url.QueryEscape(s)),
		"python lower-case hex": lowerHex(pythonQuote(s)),
		"escaped twice":         url.QueryEscape(url.QueryEscape(s)),
		"in JSON text":          `{"note":"` + jsonEscaped(s) + `"}`,
	}
}

// TestSecretsAudit writes golden files, as go test -update would, for auth
// links and for documents that are not auth links, with each secret hidden
// in every form of escapedForms, and checks that neither the files nor the
// failure of a later mismatch hold any trace of a secret. The trace is a
// run of letters and digits of the secret that every form keeps as it is
// (JSON text escapes the rest).
func TestSecretsAudit(t *testing.T) {
	secrets := []struct {
		name, value, trace string
		member             string
		link               Modifier // puts the secret in a fixture
	}{
		{"token", "ab+cd/ef== TOKENCORE~1", "TOKENCORE", "token",
			WithToken("ab+cd/ef== TOKENCORE~1")},
		{"external trigger token", "tr+ig/ger= TRIGGERCORE~2", "TRIGGERCORE", "external_trigger_token",
			WithExternalTriggerToken("tr+ig/ger= TRIGGERCORE~2")},
		{"FixtureToken", FixtureToken, "0123456789abcdef", "token",
			func(*authlink.AuthLink) {}},
		{"FixtureExternalTriggerToken", FixtureExternalTriggerToken, "fedcba9876543210", "external_trigger_token",
			WithExternalTriggerToken(FixtureExternalTriggerToken)},
	}
	for _, sec := range secrets {
		forms := escapedForms(sec.value)
		copies := map[string]any{}
		for name, form := range forms {
			copies[name] = "see " + form + " here"
			copies[form] = name
		}
		link := Fixture(sec.link, WithMetadata(authlink.Metadata(copies)), WithAuthLinkURL("https://hub.stackone.com/connect/"+pythonQuote(sec.value)+"?via=path"))
		wire, err := authlink.Encode(link)
		require.NoError(t, err)
		documents := []struct {
			name string
			doc  map[string]any
		}{
			{"auth link", decoded(t, wire)},
			{"auth link with a malformed secret", decoded(t, Document(Set(sec.member, map[string]any{"secret": sec.value}),
				Set("label", sec.value), Set("metadata", copies)))},
			{"summary with a URL only", map[string]any{"name": "Acme",
				"url": "https://hub.stackone.com/connect?" + sec.member + "=" + url.QueryEscape(sec.value)}},
			{"summary with a URL and copies", map[string]any{"name": "Acme", "copies": copies,
				"url": "https://hub.stackone.com/connect?x=1&" + sec.member + "=" + pythonQuote(sec.value) + "#go"}},
			{"summary with the auth link as JSON text", map[string]any{"name": "Acme", "payload": string(wire)}},
		}
		if strings.HasPrefix(sec.name, "Fixture") {
			documents = append(documents, struct {
				name string
				doc  map[string]any
			}{"summary with copies only", map[string]any{"name": "Acme", "copies": copies}})
		}
		for _, d := range documents {
			t.Run(sec.name+"/"+d.name, func(t *testing.T) {
				payload, err := json.Marshal(d.doc)
				require.NoError(t, err)
				require.Contains(t, string(payload), sec.trace, "the payload holds the secret")

				inTemp(t, true)
				require.True(t, Golden(&fakeTB{}, "audit", payload))
				file, err := os.ReadFile("testdata/audit.golden.json")
				require.NoError(t, err)
				assert.NotContains(t, string(file), sec.trace)
				for name, form := range forms {
					assert.NotContains(t, string(file), form, name)
				}

				setUpdate(false)
				tb := &fakeTB{}
				assert.True(t, Golden(tb, "audit", payload), "the file masks to itself")
				d.doc["changed "+sec.value] = forms["python lower-case hex"]
				changed, err := json.Marshal(d.doc)
				require.NoError(t, err)
				assert.False(t, Golden(tb, "audit", changed))
				require.NotEmpty(t, tb.errors)
				assert.NotContains(t, strings.Join(tb.errors, "\n"), sec.trace)
			})
		}
	}
}

// TestGoldenViolationsNeverShowTheSecrets hides the fixtures' secrets in
// member names, which violations point at: neither the golden file nor a
// failure may show them.
func TestGoldenViolationsNeverShowTheSecrets(t *testing.T) {
	strict := authlink.New(authlink.Options{Strict: true})
	for _, sec := range []struct{ value, trace string }{
		{FixtureToken, "0123456789abcdef"},
		{FixtureExternalTriggerToken, "fedcba9876543210"},
	} {
		t.Run(sec.value, func(t *testing.T) {
			inTemp(t, true)
			err := strict.Validate(Document(Set(sec.value, 1), Set("a/"+pythonQuote(sec.value), 2)))
			require.Error(t, err)
			require.Contains(t, err.Error(), sec.trace, "the violations point at the secret")
			require.True(t, GoldenViolations(&fakeTB{}, "audit", err))
			file, rerr := os.ReadFile("testdata/audit.golden.json")
			require.NoError(t, rerr)
			assert.NotContains(t, string(file), sec.trace)

			setUpdate(false)
			tb := &fakeTB{}
			assert.True(t, GoldenViolations(tb, "audit", err), "the file masks to itself")
			assert.False(t, GoldenViolations(tb, "audit", strict.Validate(Document(Set(url.PathEscape(sec.value)+"~x", 1)))))
			assert.False(t, GoldenViolations(tb, "audit", fmt.Errorf("not a validation error: %s", sec.value)))
			require.Len(t, tb.errors, 2)
			assert.NotContains(t, strings.Join(tb.errors, "\n"), sec.trace)
		})
	}
}

// decoded reads a JSON object, numbers kept as written.
func decoded(t *testing.T, doc []byte) map[string]any {
	t.Helper()
	v, err := parse(doc)
	require.NoError(t, err)
	m, ok := v.(map[string]any)
	require.True(t, ok)
	return m
}
