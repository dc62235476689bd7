package authlinkhttp

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stackOneMAC is StackOne's signature computed here without the package:
// the HMAC-SHA256 of the raw body.
func stackOneMAC(secret string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return m.Sum(nil)
}

// urlSafeBody returns a valid payload whose signature under secret uses
// both characters that set base64url apart from base64 ('-' and '_'), so
// that a decoder of the wrong alphabet fails on it.
func urlSafeBody(t *testing.T, secret string) []byte {
	for i := range 10_000 {
		body := authlinktest.FixtureJSON(authlinktest.WithMetadata(authlink.Metadata{"n": i}))
		sig := base64.RawURLEncoding.EncodeToString(stackOneMAC(secret, body))
		if strings.ContainsRune(sig, '-') && strings.ContainsRune(sig, '_') {
			return body
		}
	}
	t.Fatal("no payload found whose signature has both - and _")
	return nil
}

// TestWebhookStackOne checks the StackOne preset against signatures
// computed with crypto/hmac and encoding/base64 directly: base64url, padded
// or not, in x-stackone-signature, under any of the secrets.
func TestWebhookStackOne(t *testing.T) {
	const oldKey, newKey = "stackone-secret-old", "stackone-secret-new"
	body := urlSafeBody(t, newKey)
	sig := stackOneMAC(newKey, body)
	padded, unpadded := base64.URLEncoding.EncodeToString(sig), base64.RawURLEncoding.EncodeToString(sig)
	require.True(t, strings.HasSuffix(padded, "="), "a 32-byte MAC is padded with one =")
	require.Equal(t, unpadded, SignHMAC(newKey, body, SignatureEncodingBase64URL), "SignHMAC agrees")

	tests := []struct {
		name   string
		header string // the header's name
		value  string
		body   []byte
		status int
		reason Reason
	}{
		{"unpadded", StackOneSignatureHeader, unpadded, body, 204, ""},
		{"padded", StackOneSignatureHeader, padded, body, 204, ""},
		{"header name in another case", "X-StackOne-Signature", unpadded, body, 204, ""},
		{"old secret (rotation)", StackOneSignatureHeader, base64.RawURLEncoding.EncodeToString(stackOneMAC(oldKey, body)), body, 204, ""},
		{"spaces around", StackOneSignatureHeader, " " + unpadded + " ", body, 204, ""},
		{"unknown secret", StackOneSignatureHeader, base64.RawURLEncoding.EncodeToString(stackOneMAC("other", body)), body, 401, ReasonNoMatch},
		{"body changed", StackOneSignatureHeader, unpadded, append(bytes.Clone(body), ' '), 401, ReasonNoMatch},
		{"standard base64 alphabet", StackOneSignatureHeader, base64.StdEncoding.EncodeToString(sig), body, 401, ReasonMalformedHeader},
		{"hex", StackOneSignatureHeader, hex.EncodeToString(sig), body, 401, ReasonMalformedHeader},
		{"padded twice", StackOneSignatureHeader, padded + "=", body, 401, ReasonMalformedHeader},
		{"truncated", StackOneSignatureHeader, unpadded[:40], body, 401, ReasonMalformedHeader},
		{"prefixed", StackOneSignatureHeader, "sha256=" + unpadded, body, 401, ReasonMalformedHeader},
		{"missing", "", "", body, 401, ReasonMissingHeader},
		{"in another header", "X-Signature", unpadded, body, 401, ReasonMissingHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var reasons []Reason
			var got []byte
			h, err := Webhook(WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{oldKey, newKey},
				Config: Config{OnReject: func(_ *http.Request, p *Problem) { reasons = append(reasons, p.Reason) }}},
				func(ctx context.Context, _ *authlink.AuthLink) error {
					got, _ = BodyFromContext(ctx)
					return nil
				})
			require.NoError(t, err)
			r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/json")
			if tt.header != "" {
				r.Header.Set(tt.header, tt.value)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			assert.Equal(t, tt.status, w.Code, w.Body.String())
			if tt.status == 204 {
				assert.Equal(t, tt.body, got, "the callback sees the signed bytes")
				assert.Empty(t, reasons)
				return
			}
			assert.Nil(t, got, "the callback did not run")
			assert.Equal(t, []Reason{tt.reason}, reasons)
		})
	}
}

// TestWebhookStackOneReplay sends one StackOne delivery several times,
// with the signature padded and not: the key is the signature, so every
// copy after the first is acknowledged without running the callback.
func TestWebhookStackOneReplay(t *testing.T) {
	const key = "stackone-secret"
	body := authlinktest.FixtureJSON()
	sig := stackOneMAC(key, body)
	rc := &receiver{}
	var reasons []Reason
	h, err := Webhook(WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{key},
		Config: Config{OnReject: func(_ *http.Request, p *Problem) { reasons = append(reasons, p.Reason) }}}, rc.callback)
	require.NoError(t, err)
	for _, value := range []string{
		base64.RawURLEncoding.EncodeToString(sig),
		base64.URLEncoding.EncodeToString(sig),
		base64.RawURLEncoding.EncodeToString(sig),
	} {
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set(StackOneSignatureHeader, value)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		assert.Equal(t, 204, w.Code)
		assert.Empty(t, w.Body.String())
	}
	assert.Len(t, rc.links, 1)
	assert.Equal(t, []string{""}, rc.ids, "StackOne sends no webhook-id")
	assert.Equal(t, []Reason{ReasonReplayed, ReasonReplayed}, reasons)
}
