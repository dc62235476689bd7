package authlink

import (
	"bytes"
	"encoding"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The secrets these tests plant: the audits' own.
const (
	sentinel         = hostile.Sentinel
	externalSentinel = hostile.ExternalSentinel
)

// sentinelDocs put the secret where a careless validator would echo it:
// as the token, in the URL, in misplaced members, and in malformed input.
var sentinelDocs = []struct {
	name string
	doc  string
	opts Options
}{
	{"valid, secret everywhere", `{"id":1,"organization_id":"org_` + externalSentinel + `","project_id":"p","origin_owner_id":"o","origin_owner_name":"n",` +
		`"label":"` + sentinel + `","metadata":{"token":"` + sentinel + `"},"created_at":"2025-03-14T09:26:53Z","token":"` + sentinel + `",` +
		`"auth_link_url":"https://hub.stackone.com/connect/` + externalSentinel + `?token=` + sentinel + `#` + sentinel + `","accessToken":"` + sentinel + `",` +
		`"external_trigger_token":"` + externalSentinel + `","type":"` + externalSentinel + `","integration_id":"x` + externalSentinel + `"}`, Options{}},
	{"document profile, secret everywhere", `{"id":1,"organizationId":2,"projectId":"p","originOwnerId":"o","originOwnerName":"n",` +
		`"label":"` + sentinel + `","metadata":{"token":"` + sentinel + `"},"createdAt":"2025-03-14T09:26:53Z","token":"` + sentinel + `",` +
		`"authLinkUrl":"https://hub.stackone.com/connect?token=` + sentinel + `#` + sentinel + `","external_trigger_token":"` + externalSentinel + `"}`,
		Options{Profile: ProfileDocument}},
	{"external trigger token of the wrong type", `{"external_trigger_token":["` + externalSentinel + `"]}`, Options{}},
	{"external trigger token with invalid UTF-8", "{\"external_trigger_token\":\"" + externalSentinel + "\xff\"}", Options{}},
	{"external trigger token twice", `{"external_trigger_token":"` + externalSentinel + `","external_trigger_token":null}`, Options{}},
	{"external trigger token, document profile, strict", `{"external_trigger_token":"` + externalSentinel + `"}`, Options{Profile: ProfileDocument, Strict: true}},
	{"secrets in a camelCase document under api", `{"organizationId":"` + externalSentinel + `","token":"` + sentinel + `"}`, Options{}},
	{"token of the wrong type", `{"token":["` + sentinel + `"]}`, Options{}},
	{"token with invalid UTF-8", "{\"token\":\"" + sentinel + "\xff\"}", Options{}},
	{"token with a lone surrogate", `{"token":"` + sentinel + `\udc00"}`, Options{}},
	{"token unterminated", `{"token":"` + sentinel, Options{}},
	{"token with a control character", "{\"token\":\"" + sentinel + "\n\"}", Options{}},
	{"token twice", `{"token":"` + sentinel + `","token":"` + sentinel + `"}`, Options{}},
	{"token in metadata only", `{"metadata":{"token":"` + sentinel + `"}}`, Options{}},
	{"token as a category", `{"categories":["` + sentinel + `"]}`, Options{}},
	{"token as created_at", `{"created_at":"` + sentinel + `"}`, Options{}},
	{"token as createdAt", `{"createdAt":"` + sentinel + `"}`, Options{Profile: ProfileDocument}},
	{"token in a bad URL", `{"auth_link_url":"javascript:` + sentinel + `"}`, Options{}},
	{"token as an id", `{"id":"` + sentinel + `"}`, Options{}},
	{"token in an unknown member, strict", `{"secret":"` + sentinel + `"}`, Options{Strict: true}},
	{"token after trailing data", `{} "` + sentinel + `"`, Options{}},
	{"token in a bad number", `{"id":1` + sentinel + `}`, Options{}},
	{"token over the size cap", `{"token":"` + sentinel + strings.Repeat("x", 100) + `"}`, Options{MaxBytes: 50}},
}

func TestErrorsNeverShowInput(t *testing.T) {
	for _, tt := range sentinelDocs {
		t.Run(tt.name, func(t *testing.T) {
			v := New(tt.opts)
			for _, err := range []error{v.Validate([]byte(tt.doc)), second(v.Decode([]byte(tt.doc)))} {
				if err == nil {
					continue
				}
				b, jerr := json.Marshal(err)
				require.NoError(t, jerr)
				noSecret(t, tt.name, err.Error(), fmt.Sprintf("%+v %#v", err, err), string(b))
			}
		})
	}
}

func TestFormatNeverShowsToken(t *testing.T) {
	a, err := Decode([]byte(sentinelDocs[0].doc))
	require.NoError(t, err)
	require.Equal(t, Token(sentinel), a.Token)
	require.Equal(t, ValueOf(Token(externalSentinel)), a.ExternalTriggerToken)
	doc, err := New(Options{Profile: ProfileDocument}).Decode([]byte(sentinelDocs[1].doc))
	require.NoError(t, err)
	invalid := *a
	invalid.Categories = ValueOf([]Category{sentinel})
	invalid.CreatedAt = sentinel
	invalid.ProjectID = "prefix-" + sentinel
	invalid.Provider = ValueOf(sentinel)
	invalid.Profile = ProfileDocument
	for _, link := range []*AuthLink{a, &invalid, doc} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"} {
			noSecret(t, verb, fmt.Sprintf(verb, link), fmt.Sprintf(verb, *link), fmt.Sprintf(verb, link.Token),
				fmt.Sprintf(verb, link.ExternalTriggerToken), fmt.Sprintf(verb, []any{link, link.Token}))
		}
		noSecret(t, "fmt.Sprint", fmt.Sprint(link, link.Token, link.ExternalTriggerToken))
		if err := ValidateStruct(link); err != nil {
			noSecret(t, "ValidateStruct", err.Error())
		}
		var buf bytes.Buffer
		for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
			slog.New(h).Info("auth link", "link", link, "value", *link, "token", link.Token, "external", link.ExternalTriggerToken)
		}
		require.NotEmpty(t, buf.String())
		noSecret(t, "log/slog", buf.String())
	}
	assert.Equal(t, "[REDACTED]", fmt.Sprint(a.Token))
	assert.Equal(t, "[REDACTED]", fmt.Sprint(a.ExternalTriggerToken))
	assert.Equal(t, "authlink.ValueOf([REDACTED])", fmt.Sprintf("%#v", a.ExternalTriggerToken))
	assert.Contains(t, fmt.Sprint(a), "https://hub.stackone.com/connect/[REDACTED]?[REDACTED]", "the external trigger token is masked in the URL too")
	assert.Contains(t, fmt.Sprint(doc), "https://hub.stackone.com/connect?[REDACTED]")
	assert.Equal(t, sentinel, string(a.Token), "the token is still there for code that needs it")
}

// TestTokenInterfacesRedact: code that bypasses fmt's Format and calls the
// other methods a logger or an encoder looks for still gets [REDACTED].
func TestTokenInterfacesRedact(t *testing.T) {
	type tokens struct {
		XMLName xml.Name `xml:"tokens"`
		Attr    Token    `xml:"t,attr"`
		Text    Token    `xml:"u"`
	}
	tok := Token(sentinel)
	tests := []struct {
		name string
		show func() ([]byte, error)
		want string
	}{
		{"fmt.Stringer", func() ([]byte, error) { return []byte(fmt.Stringer(tok).String()), nil }, "[REDACTED]"},
		{"fmt.GoStringer", func() ([]byte, error) { return []byte(fmt.GoStringer(tok).GoString()), nil }, "[REDACTED]"},
		{"encoding.TextMarshaler", encoding.TextMarshaler(tok).MarshalText, "[REDACTED]"},
		{"json.Marshaler", json.Marshaler(tok).MarshalJSON, `"[REDACTED]"`},
		{"slog.LogValuer", func() ([]byte, error) { return []byte(slog.LogValuer(tok).LogValue().String()), nil }, "[REDACTED]"},
		{"encoding/xml, through MarshalText", func() ([]byte, error) { return xml.Marshal(tokens{Attr: tok, Text: tok}) },
			`<tokens t="[REDACTED]"><u>[REDACTED]</u></tokens>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.show()
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
		})
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://h/p", "https://h/p"},
		{"https://h/p?token=x", "https://h/p?[REDACTED]"},
		{"https://h/p#x", "https://h/p#[REDACTED]"},
		{"https://user:pw@h/p", "https://[REDACTED]@h/p"},
		{"https://h/p@q", "https://h/p@q"},
		{"not a url?x", "not a url?[REDACTED]"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, redactURL(tt.in))
	}
}

func second[T any](_ T, err error) error { return err }

func TestScrubEscapedForms(t *testing.T) {
	const secret = "Zm9v/YmFy+c2VjcmV0 x"
	tests := []struct{ in, want string }{
		{"https://h/connect/" + secret, "https://h/connect/[REDACTED]"},
		{"https://hub.stackone.com/connect/Zm9v%2FYmFy+c2VjcmV0%20x", "https://hub.stackone.com/connect/[REDACTED]"},
		{"https://h/c?t=Zm9v%2fYmFy%2bc2VjcmV0+x&a=1", "https://h/c?t=[REDACTED]&a=1"},
		{"https://h/c/Zm9v%2FYmFy%2Bc2VjcmV0%20x/Zm9v/YmFy+c2VjcmV0 x", "https://h/c/[REDACTED]/[REDACTED]"},
		{"%5A%6d%39%76%2F%59%6D%46%79%2B%63%32%56%6A%63%6D%56%30%20%78", "[REDACTED]"},
		{"Zm9v%2FYmFy+c2VjcmV0%2", "Zm9v%2FYmFy+c2VjcmV0%2"},
		{"Zm9v/YmFy", "Zm9v/YmFy"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, scrub(tt.in, []Token{secret}), "scrub(%q)", tt.in)
	}
	assert.Equal(t, "a me b", scrub("a me b", []Token{"me"}), "short secrets are left alone")

	// The case, through fmt and slog.
	a := &AuthLink{Token: "Zm9v/YmFy+c2VjcmV0", AuthLinkURL: "https://hub.stackone.com/connect/Zm9v%2FYmFy+c2VjcmV0",
		Label: ValueOf("Zm9v/YmFy+c2VjcmV0")}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "link", a, "nested", []*AuthLink{a})
	for _, out := range []string{fmt.Sprintf("%v %+v %#v", a, a, a), buf.String()} {
		assert.NotContains(t, out, "c2VjcmV0")
	}
}
