package authlinkhttp

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/authlink-go/authlink"
)

// Encoding is how the plain HMAC scheme writes a signature.
type Encoding int

// The encodings of a plain HMAC signature.
const (
	EncodingHex       Encoding = iota // lower- or upper-case hexadecimal
	EncodingBase64                    // standard base64, padded
	EncodingBase64URL                 // URL-safe base64, padded or not
)

// String names the encoding.
func (e Encoding) String() string {
	switch e {
	case EncodingHex:
		return "hex"
	case EncodingBase64:
		return "base64"
	case EncodingBase64URL:
		return "base64url"
	}
	return "Encoding(" + strconv.Itoa(int(e)) + ")"
}

// DefaultTolerance is how far a Standard Webhooks timestamp may be from now.
const DefaultTolerance = 5 * time.Minute

// WebhookConfig configures Webhook. Secrets is required; the rest has
// defaults. The zero scheme is Standard Webhooks.
type WebhookConfig struct {
	// Config holds the profile, the validator options, caps and rejection
	// hooks.
	Config

	// Secrets are the keys a request may be signed with; several allow
	// rotation. For Standard Webhooks each is "whsec_" and the base64 of the
	// key (the prefix is optional); for the plain HMAC scheme, the key
	// itself.
	Secrets []string

	// SignatureHeader selects the plain HMAC scheme when set: the header
	// holding the HMAC-SHA256 of the raw body. Default "": Standard
	// Webhooks (webhook-id, webhook-timestamp, webhook-signature).
	SignatureHeader string

	// SignatureEncoding is how the plain HMAC signature is written.
	// Default EncodingHex.
	SignatureEncoding Encoding

	// SignaturePrefix is stripped from the plain HMAC header before
	// decoding, as in "sha256=". Default none.
	SignaturePrefix string

	// Tolerance bounds the age (and the skew into the future) of a
	// Standard Webhooks timestamp, against replays. Default 5 minutes.
	Tolerance time.Duration

	// Now is the clock. Default time.Now.
	Now func() time.Time

	// Logger receives callback errors, which the client never sees.
	// Default slog.Default().
	Logger *slog.Logger
}

type webhook struct {
	cfg      WebhookConfig
	keys     [][]byte
	v        *authlink.Validator
	callback func(context.Context, *authlink.AuthLink) error
}

type webhookIDKey struct{}

// WebhookID returns the webhook-id of the Standard Webhooks message being
// handled, for the callback to detect redeliveries.
func WebhookID(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(webhookIDKey{}).(string)
	return id, ok
}

// Webhook returns a handler for auth links delivered by webhook. It checks
// who sent the request before it parses anything: missing signature headers
// or a stale timestamp get 401 before the body is read; then the body is
// read (413 over the cap) and a signature that does not match it gets 401.
// Every 401 says no more than "signature". Then it answers 415 (a body that
// is not JSON, or is content-coded), 400 or 422 as Middleware does, and calls callback with the valid auth link: 204 when
// it returns nil, 500 (the error is logged, not sent) when it fails. Only
// POST is allowed (405). It returns an error when the configuration has no
// secret, a secret that does not decode, or no callback.
func Webhook(cfg WebhookConfig, callback func(ctx context.Context, link *authlink.AuthLink) error) (http.Handler, error) {
	if len(cfg.Secrets) == 0 {
		return nil, errors.New("authlinkhttp: Webhook needs at least one secret")
	}
	if callback == nil {
		return nil, errors.New("authlinkhttp: Webhook needs a callback")
	}
	h := &webhook{cfg: cfg, v: cfg.validator(), callback: callback}
	for i, s := range cfg.Secrets {
		key, err := decodeSecret(s, cfg.SignatureHeader == "")
		if err != nil {
			return nil, fmt.Errorf("authlinkhttp: secret %d: %w", i, err)
		}
		h.keys = append(h.keys, key)
	}
	if h.cfg.Tolerance <= 0 {
		h.cfg.Tolerance = DefaultTolerance
	}
	if h.cfg.Now == nil {
		h.cfg.Now = time.Now
	}
	if h.cfg.Logger == nil {
		h.cfg.Logger = slog.Default()
	}
	return h, nil
}

// decodeSecret returns the key of a Standard Webhooks secret, or a plain
// secret's bytes.
func decodeSecret(s string, standard bool) ([]byte, error) {
	if !standard {
		if s == "" {
			return nil, errors.New("empty secret")
		}
		return []byte(s), nil
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, "whsec_"))
	if err != nil || len(key) == 0 {
		return nil, errors.New("a Standard Webhooks secret is whsec_ and base64")
	}
	return key, nil
}

func (h *webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	max := h.v.Options().MaxBytes
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.cfg.rejectUnread(w, r, &Problem{Type: TypeMethod, Title: "Method not allowed", Status: http.StatusMethodNotAllowed,
			Detail: "Webhooks are delivered with POST."}, max)
		return
	}
	verify, ok := h.precheck(r)
	if !ok {
		h.cfg.rejectUnread(w, r, unauthorized(), max)
		return
	}
	body, p := readBody(w, r, max)
	if p != nil {
		h.cfg.reject(w, r, p)
		return
	}
	if !verify(body) {
		h.cfg.reject(w, r, unauthorized())
		return
	}
	if p := checkMediaType(w, r); p != nil {
		h.cfg.reject(w, r, p)
		return
	}
	link, err := h.v.Decode(body)
	if err != nil {
		h.cfg.reject(w, r, problemFor(err))
		return
	}
	ctx := r.Context()
	if id := r.Header.Get("webhook-id"); id != "" && h.cfg.SignatureHeader == "" {
		ctx = context.WithValue(ctx, webhookIDKey{}, id)
	}
	if err := h.callback(ctx, link); err != nil {
		h.cfg.Logger.ErrorContext(ctx, "authlinkhttp: webhook callback failed", slog.String("error", err.Error()))
		h.cfg.reject(w, r, internalProblem())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// precheck looks at the signature headers before the body is read, so that
// an unsigned or stale request costs nothing, and returns the check to run
// on the body.
func (h *webhook) precheck(r *http.Request) (func(body []byte) bool, bool) {
	if h.cfg.SignatureHeader != "" {
		sig, ok := h.decodeHMAC(r.Header.Get(h.cfg.SignatureHeader))
		if !ok {
			return nil, false
		}
		return func(body []byte) bool {
			found := false
			for _, key := range h.keys {
				// Compare with every key, so that the time taken says
				// nothing about which one matched.
				found = hmac.Equal(sig, mac(key, body)) || found
			}
			return found
		}, true
	}
	id, ts, header := r.Header.Get("webhook-id"), r.Header.Get("webhook-timestamp"), r.Header.Get("webhook-signature")
	if id == "" || ts == "" || header == "" {
		return nil, false
	}
	seconds, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, false
	}
	if age := h.cfg.Now().Sub(time.Unix(seconds, 0)); age > h.cfg.Tolerance || age < -h.cfg.Tolerance {
		return nil, false
	}
	var sigs [][]byte
	for _, field := range strings.Fields(header) {
		version, sig, ok := strings.Cut(field, ",")
		if !ok || version != "v1" {
			continue
		}
		if b, err := base64.StdEncoding.DecodeString(sig); err == nil {
			sigs = append(sigs, b)
		}
	}
	if len(sigs) == 0 {
		return nil, false
	}
	return func(body []byte) bool {
		found := false
		for _, key := range h.keys {
			want := standardMAC(key, id, ts, body)
			for _, sig := range sigs {
				// Compare every pair, so that the time taken says nothing
				// about which secret or signature matched.
				found = hmac.Equal(sig, want) || found
			}
		}
		return found
	}, true
}

func (h *webhook) decodeHMAC(header string) ([]byte, bool) {
	s, ok := strings.CutPrefix(strings.TrimSpace(header), h.cfg.SignaturePrefix)
	if !ok || s == "" {
		return nil, false
	}
	var b []byte
	var err error
	switch h.cfg.SignatureEncoding {
	case EncodingBase64:
		b, err = base64.StdEncoding.DecodeString(s)
	case EncodingBase64URL:
		b, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	default:
		b, err = hex.DecodeString(s)
	}
	return b, err == nil
}

// mac is the HMAC-SHA256 of the parts, one after the other.
func mac(key []byte, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// standardMAC is the HMAC-SHA256 of "id.timestamp.body".
func standardMAC(key []byte, id, timestamp string, body []byte) []byte {
	return mac(key, []byte(id+"."+timestamp+"."), body)
}

func unauthorized() *Problem {
	return &Problem{Type: TypeUnauthorized, Title: "Unauthorized", Status: http.StatusUnauthorized,
		Detail: "The request's signature could not be verified."}
}
