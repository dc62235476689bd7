package authlinkhttp

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Standard Webhooks specification's published test vector.
const (
	vectorSecret    = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vectorID        = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vectorTimestamp = 1614265330
	vectorBody      = `{"test": 2432232314}`
	vectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func TestSignStandardVector(t *testing.T) {
	sig, err := SignStandard(vectorSecret, vectorID, time.Unix(vectorTimestamp, 0), []byte(vectorBody))
	require.NoError(t, err)
	assert.Equal(t, vectorSignature, sig)
	_, err = SignStandard("whsec_not base64!", vectorID, time.Now(), nil)
	assert.Error(t, err)
}

const (
	oldSecret = "whsec_c2VjcmV0LW9uZS1mb3ItdGVzdHMtMDEyMzQ1"
	newSecret = "whsec_c2VjcmV0LXR3by1mb3ItdGVzdHMtNjc4OTAx"
)

// receiver records what the webhook callback received.
type receiver struct {
	mu    sync.Mutex
	links []*authlink.AuthLink
	ids   []string
	fail  error
}

func (rc *receiver) callback(ctx context.Context, link *authlink.AuthLink) error {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	id, _ := WebhookID(ctx)
	rc.links, rc.ids = append(rc.links, link), append(rc.ids, id)
	return rc.fail
}

func standardRequest(t *testing.T, url, secret, id string, at time.Time, body []byte) *http.Request {
	t.Helper()
	r, err := newStandardRequest(url, secret, id, at, body)
	require.NoError(t, err)
	return r
}

func do(t *testing.T, r *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(r)
	require.NoError(t, err)
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp, b.String()
}

func TestWebhookStandard(t *testing.T) {
	rc := &receiver{}
	h, err := Webhook(WebhookConfig{Secrets: []string{oldSecret, newSecret}}, rc.callback)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	now, body := time.Now(), authlinktest.FixtureJSON()

	unauthorized := func() string {
		resp, b := do(t, standardRequest(t, srv.URL, vectorSecret, "msg_x", now, body))
		require.Equal(t, 401, resp.StatusCode)
		return b
	}()

	tests := []struct {
		name   string
		req    func() *http.Request
		status int
	}{
		{"signed with the new secret", func() *http.Request { return standardRequest(t, srv.URL, newSecret, "msg_1", now, body) }, 204},
		{"signed with the old secret (rotation)", func() *http.Request { return standardRequest(t, srv.URL, oldSecret, "msg_2", now, body) }, 204},
		{"several signatures, one good", func() *http.Request {
			r := standardRequest(t, srv.URL, oldSecret, "msg_3", now, body)
			r.Header.Set("webhook-signature", "v1,AAAA v2,whatever "+r.Header.Get("webhook-signature"))
			return r
		}, 204},
		{"wrong secret", func() *http.Request { return standardRequest(t, srv.URL, vectorSecret, "msg_4", now, body) }, 401},
		{"modified body", func() *http.Request {
			r := standardRequest(t, srv.URL, newSecret, "msg_5", now, body)
			tampered := authlinktest.FixtureJSON(authlinktest.WithToken("sess_tok_attacker"))
			r.Body, r.ContentLength = nopCloser(tampered), int64(len(tampered))
			return r
		}, 401},
		{"signature of another id", func() *http.Request {
			r := standardRequest(t, srv.URL, newSecret, "msg_6", now, body)
			r.Header.Set("webhook-id", "msg_7")
			return r
		}, 401},
		{"expired timestamp", func() *http.Request {
			return standardRequest(t, srv.URL, newSecret, "msg_8", now.Add(-6*time.Minute), body)
		}, 401},
		{"timestamp from the future", func() *http.Request {
			return standardRequest(t, srv.URL, newSecret, "msg_9", now.Add(6*time.Minute), body)
		}, 401},
		{"timestamp not a number", func() *http.Request {
			r := standardRequest(t, srv.URL, newSecret, "msg_10", now, body)
			r.Header.Set("webhook-timestamp", "soon")
			return r
		}, 401},
		{"only unknown versions", func() *http.Request {
			r := standardRequest(t, srv.URL, newSecret, "msg_11", now, body)
			r.Header.Set("webhook-signature", strings.Replace(r.Header.Get("webhook-signature"), "v1,", "v1a,", 1))
			return r
		}, 401},
		{"missing id", func() *http.Request {
			r := standardRequest(t, srv.URL, newSecret, "msg_12", now, body)
			r.Header.Del("webhook-id")
			return r
		}, 401},
		{"missing timestamp", func() *http.Request {
			r := standardRequest(t, srv.URL, newSecret, "msg_13", now, body)
			r.Header.Del("webhook-timestamp")
			return r
		}, 401},
		{"missing signature", func() *http.Request {
			r := standardRequest(t, srv.URL, newSecret, "msg_14", now, body)
			r.Header.Del("webhook-signature")
			return r
		}, 401},
		{"signed, not JSON", func() *http.Request {
			r := standardRequest(t, srv.URL, newSecret, "msg_15", now, body)
			r.Header.Set("Content-Type", "text/plain")
			return r
		}, 415},
		{"signed, malformed", func() *http.Request {
			return standardRequest(t, srv.URL, newSecret, "msg_16", now, []byte(`{"token":"a","token":"b"}`))
		}, 400},
		{"signed, invalid", func() *http.Request {
			return standardRequest(t, srv.URL, newSecret, "msg_17", now, authlinktest.Document(authlinktest.Without("token")))
		}, 422},
		{"signed, too large", func() *http.Request {
			return standardRequest(t, srv.URL, newSecret, "msg_18", now, bytes.Repeat([]byte(" "), authlink.DefaultMaxBytes+1))
		}, 413},
		{"GET", func() *http.Request { r, _ := http.NewRequest(http.MethodGet, srv.URL, nil); return r }, 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := do(t, tt.req())
			assert.Equal(t, tt.status, resp.StatusCode, b)
			if tt.status == 401 {
				assert.Equal(t, unauthorized, b, "every failed check answers the same")
			}
		})
	}
	assert.Len(t, rc.links, 3, "the callback saw only the verified, valid deliveries")
	assert.Equal(t, []string{"msg_1", "msg_2", "msg_3"}, rc.ids)
	assert.Equal(t, authlink.Token(authlinktest.FixtureToken), rc.links[0].Token)
	p := Problem{}
	require.NoError(t, jsonUnmarshal(unauthorized, &p))
	assert.Equal(t, Problem{Type: TypeUnauthorized, Title: "Unauthorized", Status: 401, Detail: "The request's signature could not be verified."}, p)
}

func TestWebhookVector(t *testing.T) {
	rc := &receiver{}
	h, err := Webhook(WebhookConfig{Secrets: []string{vectorSecret}, Now: func() time.Time { return time.Unix(vectorTimestamp+10, 0) }}, rc.callback)
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(vectorBody))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("webhook-id", vectorID)
	r.Header.Set("webhook-timestamp", strconv.Itoa(vectorTimestamp))
	r.Header.Set("webhook-signature", vectorSignature)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, 422, w.Code, "the vector's signature verifies; its body is not an auth link")
}

func TestWebhookHMAC(t *testing.T) {
	body := authlinktest.FixtureJSON()
	for _, enc := range []SignatureEncoding{SignatureEncodingHex, SignatureEncodingBase64, SignatureEncodingBase64URL} {
		t.Run(enc.String(), func(t *testing.T) {
			rc := &receiver{}
			h, err := Webhook(WebhookConfig{Secrets: []string{"old-key", "new-key"}, SignatureHeader: "X-Signature",
				SignatureEncoding: enc, SignaturePrefix: "sha256="}, rc.callback)
			require.NoError(t, err)
			send := func(header string, payload []byte) int {
				r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(payload))
				r.Header.Set("Content-Type", "application/json")
				if header != "" {
					r.Header.Set("X-Signature", header)
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				return w.Code
			}
			assert.Equal(t, 204, send("sha256="+SignHMAC("new-key", body, enc), body))
			assert.Equal(t, 204, send("sha256="+SignHMAC("old-key", body, enc), body))
			assert.Equal(t, 401, send("sha256="+SignHMAC("other-key", body, enc), body))
			assert.Equal(t, 401, send(SignHMAC("new-key", body, enc), body), "prefix missing")
			assert.Equal(t, 401, send("sha256="+SignHMAC("new-key", body, enc), append(body, ' ')), "body changed")
			assert.Equal(t, 401, send("", body))
			assert.Equal(t, 401, send("sha256=!!", body))
			assert.Len(t, rc.links, 2)
		})
	}
}

func TestWebhookCallbackError(t *testing.T) {
	var logs bytes.Buffer
	rc := &receiver{fail: errors.New("database down: " + authlinktest.FixtureToken)}
	h, err := Webhook(WebhookConfig{Secrets: []string{newSecret}, Logger: slog.New(slog.NewTextHandler(&logs, nil))}, rc.callback)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	r, err := NewSignedRequest(srv.URL, newSecret, authlinktest.FixtureJSON())
	require.NoError(t, err)
	resp, body := do(t, r)
	assert.Equal(t, 500, resp.StatusCode)
	assert.NotContains(t, body, "database", "the callback's error is not sent")
	assert.Contains(t, logs.String(), "database down", "it is logged")
}

func TestWebhookConfig(t *testing.T) {
	ok := func(context.Context, *authlink.AuthLink) error { return nil }
	_, err := Webhook(WebhookConfig{}, ok)
	assert.EqualError(t, err, "authlinkhttp: Webhook needs at least one secret")
	_, err = Webhook(WebhookConfig{Secrets: []string{newSecret, "whsec_%%%"}}, ok)
	assert.EqualError(t, err, "authlinkhttp: secret 1: a Standard Webhooks secret is whsec_ and base64")
	_, err = Webhook(WebhookConfig{Secrets: []string{""}, SignatureHeader: "X-Sig"}, ok)
	assert.EqualError(t, err, "authlinkhttp: secret 0: empty secret")
	_, err = Webhook(WebhookConfig{Secrets: []string{"c2VjcmV0LW9uZS1mb3ItdGVzdHMtMDEyMzQ1"}}, func(context.Context, *authlink.AuthLink) error { return nil })
	assert.NoError(t, err, "the whsec_ prefix is optional")
	_, err = Webhook(WebhookConfig{Secrets: []string{newSecret}}, nil)
	assert.EqualError(t, err, "authlinkhttp: Webhook needs a callback")
	assert.Equal(t, "base64url", SignatureEncodingBase64URL.String())
	assert.Equal(t, "SignatureEncoding(9)", SignatureEncoding(9).String())
}

// TestWebhookReasons checks that OnReject learns why a Standard Webhooks
// delivery got 401, while the client gets the same answer every time.
func TestWebhookReasons(t *testing.T) {
	now, body := time.Now(), authlinktest.FixtureJSON()
	good := func() *http.Request { return standardRequest(t, "/", newSecret, "msg_r", now, body) }
	with := func(header, value string) func() *http.Request {
		return func() *http.Request {
			r := good()
			if value == "" {
				r.Header.Del(header)
			} else {
				r.Header.Set(header, value)
			}
			return r
		}
	}
	sig := good().Header.Get("webhook-signature")
	tests := []struct {
		name   string
		req    func() *http.Request
		reason Reason
	}{
		{"no webhook-id", with("webhook-id", ""), ReasonMissingHeader},
		{"no webhook-timestamp", with("webhook-timestamp", ""), ReasonMissingHeader},
		{"no webhook-signature", with("webhook-signature", ""), ReasonMissingHeader},
		{"blank webhook-signature", with("webhook-signature", "  "), ReasonMissingHeader},
		{"timestamp not a number", with("webhook-timestamp", "soon"), ReasonMalformedHeader},
		{"only unknown versions", with("webhook-signature", "v2,"+sig[3:]), ReasonMalformedHeader},
		{"signature not base64", with("webhook-signature", "v1,***"), ReasonMalformedHeader},
		{"signature too short", with("webhook-signature", "v1,AAAA"), ReasonMalformedHeader},
		{"stale", func() *http.Request {
			return standardRequest(t, "/", newSecret, "msg_r", now.Add(-6*time.Minute), body)
		}, ReasonStaleTimestamp},
		{"future", func() *http.Request { return standardRequest(t, "/", newSecret, "msg_r", now.Add(6*time.Minute), body) }, ReasonFutureTimestamp},
		{"wrong secret", func() *http.Request { return standardRequest(t, "/", oldSecret, "msg_r", now, body) }, ReasonNoMatch},
		{"another id", with("webhook-id", "msg_other"), ReasonNoMatch},
	}
	var first string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []*Problem
			h, err := Webhook(WebhookConfig{Secrets: []string{newSecret},
				Config: Config{OnReject: func(_ *http.Request, p *Problem) { got = append(got, p) }}},
				func(context.Context, *authlink.AuthLink) error { return nil })
			require.NoError(t, err)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tt.req())
			require.Equal(t, 401, w.Code)
			require.Len(t, got, 1)
			assert.Equal(t, tt.reason, got[0].Reason)
			assert.NotContains(t, w.Body.String(), string(tt.reason), "the reason is not sent")
			if first == "" {
				first = w.Body.String()
			}
			assert.Equal(t, first, w.Body.String(), "every 401 is the same to the client")
		})
	}
	assert.Contains(t, first, `"type":"`+TypeUnauthorized+`"`)
}

func TestWebhookSchemeConfig(t *testing.T) {
	ok := func(context.Context, *authlink.AuthLink) error { return nil }
	tests := []struct {
		name string
		cfg  WebhookConfig
		err  string
	}{
		{"standard", WebhookConfig{Secrets: []string{newSecret}}, ""},
		{"a header alone selects HMAC", WebhookConfig{Secrets: []string{"plain key"}, SignatureHeader: "X-Sig"}, ""},
		{"hmac", WebhookConfig{Scheme: SchemeHMAC, Secrets: []string{"plain key"}, SignatureHeader: "X-Sig"}, ""},
		{"stackone", WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"plain key"}}, ""},
		{"hmac without header", WebhookConfig{Scheme: SchemeHMAC, Secrets: []string{"k"}}, "authlinkhttp: SchemeHMAC needs a SignatureHeader"},
		{"prefix without header", WebhookConfig{Secrets: []string{newSecret}, SignaturePrefix: "sha256="}, "authlinkhttp: SignaturePrefix needs SchemeHMAC and a SignatureHeader"},
		{"stackone with a header", WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"k"}, SignatureHeader: "X-Sig"},
			"authlinkhttp: SchemeStackOne sets the signature header and encoding itself; leave them unset"},
		{"stackone with a prefix", WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"k"}, SignaturePrefix: "v1="},
			"authlinkhttp: SchemeStackOne sets the signature header and encoding itself; leave them unset"},
		{"stackone with an encoding", WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"k"}, SignatureEncoding: SignatureEncodingBase64},
			"authlinkhttp: SchemeStackOne sets the signature header and encoding itself; leave them unset"},
		{"stackone with an empty secret", WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"k", ""}}, "authlinkhttp: secret 1: empty secret"},
		{"stackone secrets are not decoded", WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"whsec_%%%"}}, ""},
		{"unknown scheme", WebhookConfig{Scheme: Scheme(9), Secrets: []string{"k"}}, "authlinkhttp: unknown Scheme(9)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Webhook(tt.cfg, ok)
			if tt.err == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tt.err)
		})
	}
	assert.Equal(t, "stackone", SchemeStackOne.String())
	assert.Equal(t, "standard", SchemeStandard.String())
	assert.Equal(t, "hmac", SchemeHMAC.String())
}
