package authlinkhttp

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/authlink-go/authlink"
)

// DefaultTolerance is how far a Standard Webhooks timestamp may be from now.
const DefaultTolerance = 5 * time.Minute

// WebhookConfig configures Webhook. Secrets is required; the rest has
// defaults. The zero Scheme is Standard Webhooks.
type WebhookConfig struct {
	// Config holds the profile, the validator options, caps and rejection
	// hooks.
	Config

	// Scheme is how the sender signs: SchemeStandard (Standard Webhooks,
	// the default), SchemeStackOne (StackOne's x-stackone-signature) or
	// SchemeHMAC (a plain HMAC in SignatureHeader).
	Scheme Scheme

	// Secrets are the keys a request may be signed with; several allow
	// rotation. For Standard Webhooks each is "whsec_" and the base64 of the
	// key (the prefix is optional); for the HMAC schemes, the key itself.
	Secrets []string

	// SignatureHeader is SchemeHMAC's header, holding the HMAC-SHA256 of
	// the raw body; setting it with a zero Scheme selects SchemeHMAC.
	// Default "".
	SignatureHeader string

	// SignatureEncoding is how SchemeHMAC's signature is written. Default
	// SignatureEncodingHex.
	SignatureEncoding SignatureEncoding

	// SignaturePrefix is stripped from SchemeHMAC's header before
	// decoding, as in "sha256=". Default none.
	SignaturePrefix string

	// Tolerance bounds the age (and the skew into the future) of a
	// Standard Webhooks timestamp, against replays. Default 5 minutes.
	Tolerance time.Duration

	// Store remembers the deliveries processed, so that a retried or
	// replayed delivery is acknowledged (204) without running the
	// callback again, and a duplicate that arrives while the first is
	// being processed gets 409. Receivers on several replicas must share
	// one (redisstore.Store); Webhooks that share one share its keys, so
	// give each sender its own. If the store fails, the delivery is
	// answered 503 and nothing is processed. Default: a MemoryStore of
	// this Webhook's own.
	Store Store

	// Retention is how long a processed delivery is remembered. For
	// Standard Webhooks it is at least twice the Tolerance, the span in
	// which a signed timestamp is accepted, after which a replay is
	// refused as stale anyway; that is also the default. The HMAC schemes
	// sign no timestamp, so a replay after the Retention is processed
	// again: their Retention is the whole of the replay protection.
	// Default DefaultRetention, 24 hours, for them.
	Retention time.Duration

	// Lease is how long a delivery being processed holds its key: the
	// callback's context ends with it, so that a duplicate arriving after
	// it, which may then run, does not run beside a callback that honours
	// its context. Default (zero or less) DefaultLease, 1 minute.
	Lease time.Duration

	// Now is the clock. Default time.Now.
	Now func() time.Time

	// Logger receives callback errors, which the client never sees, and
	// store failures. Default slog.Default().
	Logger *slog.Logger
}

type webhook struct {
	cfg      WebhookConfig // settled: the scheme and its signature fields, and every default
	keys     [][]byte
	v        *authlink.Validator
	callback func(context.Context, *authlink.AuthLink) error
}

// WebhookID returns the webhook-id of the Standard Webhooks message whose
// callback is running, as the sender named the delivery. The Webhook has
// already made sure that the callback runs once per webhook-id within the
// Retention; the id is for logs and for the callback's own bookkeeping.
func WebhookID(ctx context.Context) (string, bool) {
	req, ok := ctx.Value(contextKey{}).(*request)
	if !ok || req.webhookID == "" {
		return "", false
	}
	return req.webhookID, true
}

// Webhook returns a handler for auth links delivered by webhook. It checks
// who sent the request before it parses anything: missing or unreadable
// signature headers, or a timestamp out of the Tolerance, get 401 before
// the body is read; then the body is read (413 over the cap) and a
// signature that does not match it gets 401. Every 401 is the same to the
// client; OnReject gets the Reason. Then it answers 415 (a body that is
// not JSON, or is content-coded; a missing Content-Type is taken as JSON,
// since the body is signed and parsed strictly anyway), 400 or 422 as
// Middleware does.
//
// A valid delivery then claims its key in the Store: a delivery already
// processed gets 204 without running the callback again (the sender's
// retry is acknowledged, an attacker's replay does nothing), one being
// processed gets 409, and a store that cannot answer gets 503 with nothing
// processed and the error logged. A delivery that claimed its key runs
// callback with the valid auth link; FromContext, BodyFromContext (the raw
// body) and WebhookID work in its context. When callback returns nil the
// key is recorded as processed and the answer is 204; when it returns a
// *StatusError (Reject), the answer is its status and detail; when it
// returns another error, 500 (the error is logged, not sent). A delivery
// that failed is not recorded, so the sender can retry it.
//
// Only POST is allowed (405). Webhook returns an error when the
// configuration has no secret, a secret that does not decode, a scheme
// that does not fit the signature fields, or no callback.
func Webhook(cfg WebhookConfig, callback func(ctx context.Context, link *authlink.AuthLink) error) (http.Handler, error) {
	if len(cfg.Secrets) == 0 {
		return nil, errors.New("authlinkhttp: Webhook needs at least one secret")
	}
	if callback == nil {
		return nil, errors.New("authlinkhttp: Webhook needs a callback")
	}
	h := &webhook{cfg: cfg, v: cfg.validator(), callback: callback}
	if err := h.setScheme(); err != nil {
		return nil, err
	}
	for i, s := range cfg.Secrets {
		key, err := decodeSecret(s, h.cfg.Scheme == SchemeStandard)
		if err != nil {
			return nil, fmt.Errorf("authlinkhttp: secret %d: %w", i, err)
		}
		h.keys = append(h.keys, key)
	}
	if h.cfg.Tolerance <= 0 {
		h.cfg.Tolerance = DefaultTolerance
	}
	if h.cfg.Lease <= 0 {
		h.cfg.Lease = DefaultLease
	}
	switch {
	case h.cfg.Scheme == SchemeStandard:
		h.cfg.Retention = max(h.cfg.Retention, 2*h.cfg.Tolerance)
	case h.cfg.Retention <= 0:
		h.cfg.Retention = DefaultRetention
	}
	if h.cfg.Store == nil {
		h.cfg.Store = &MemoryStore{}
	}
	if h.cfg.Now == nil {
		h.cfg.Now = time.Now
	}
	if h.cfg.Logger == nil {
		h.cfg.Logger = slog.Default()
	}
	return h, nil
}

// setScheme settles the scheme and, for the HMAC schemes, the header to
// read and how.
func (h *webhook) setScheme() error {
	c := &h.cfg
	switch {
	case c.Scheme == SchemeStandard && c.SignatureHeader != "":
		c.Scheme = SchemeHMAC
	case c.Scheme == SchemeStandard && c.SignaturePrefix != "":
		return errors.New("authlinkhttp: SignaturePrefix needs SchemeHMAC and a SignatureHeader")
	case c.Scheme == SchemeHMAC && c.SignatureHeader == "":
		return errors.New("authlinkhttp: SchemeHMAC needs a SignatureHeader")
	case c.Scheme == SchemeStackOne && (c.SignatureHeader != "" || c.SignaturePrefix != "" || c.SignatureEncoding != SignatureEncodingHex):
		return errors.New("authlinkhttp: SchemeStackOne sets the signature header and encoding itself; leave them unset")
	case c.Scheme < SchemeStandard || c.Scheme > SchemeStackOne:
		return fmt.Errorf("authlinkhttp: unknown %v", c.Scheme)
	}
	if c.Scheme == SchemeStackOne {
		c.SignatureHeader, c.SignatureEncoding = StackOneSignatureHeader, SignatureEncodingBase64URL
	}
	return nil
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
	sig, reason := h.precheck(r)
	if reason != "" {
		h.cfg.rejectUnread(w, r, unauthorized(reason), max)
		return
	}
	body, p := readBody(w, r, max)
	if p != nil {
		h.cfg.reject(w, r, p)
		return
	}
	if !sig.verify(h.keys, body) {
		h.cfg.reject(w, r, unauthorized(ReasonNoMatch))
		return
	}
	if p := checkMediaType(w, r, true); p != nil {
		h.cfg.reject(w, r, p)
		return
	}
	link, err := h.v.Decode(body)
	if err != nil {
		h.cfg.reject(w, r, problemFor(err))
		return
	}
	req := &request{Context: r.Context(), link: link, body: body, webhookID: sig.id}
	h.deliver(w, r, req, sig.key)
}

// deliver runs the callback once per delivery key: it claims the key,
// runs the callback, and records the key or releases it.
func (h *webhook) deliver(w http.ResponseWriter, r *http.Request, req *request, key string) {
	// The bookkeeping outlives a client that hangs up: a callback that ran
	// must be recorded, one that failed released.
	bg := context.WithoutCancel(r.Context())
	token := newToken()
	claim, err := h.cfg.Store.Claim(r.Context(), key, token, h.cfg.Lease)
	switch {
	case err != nil:
		h.cfg.Logger.ErrorContext(bg, "authlinkhttp: webhook store failed; delivery not processed", slog.String("error", err.Error()))
		h.cfg.reject(w, r, &Problem{Type: TypeUnavailable, Title: "Service unavailable", Status: http.StatusServiceUnavailable,
			Detail: "The delivery could not be checked against those already processed; retry later.", Reason: ReasonStoreUnavailable})
		return
	case claim == ClaimProcessed:
		if h.cfg.OnReject != nil {
			h.cfg.OnReject(r, &Problem{Type: TypeProcessed, Title: "Already processed", Status: http.StatusNoContent,
				Detail: "The delivery was processed before.", Reason: ReasonReplayed})
		}
		w.WriteHeader(http.StatusNoContent)
		return
	case claim != ClaimAcquired:
		h.cfg.reject(w, r, &Problem{Type: TypeInFlight, Title: "Delivery in flight", Status: http.StatusConflict,
			Detail: "The same delivery is being processed; retry later.", Reason: ReasonInFlight})
		return
	}

	done := false
	defer func() {
		if !done { // the callback panicked: free the key for the retry
			h.release(bg, key, token)
		}
	}()
	ctx, cancel := context.WithTimeout(req, h.cfg.Lease)
	defer cancel()
	err = h.callback(ctx, req.link)
	done = true
	if err == nil {
		if err := h.cfg.Store.Record(bg, key, h.cfg.Retention); err != nil {
			h.cfg.Logger.ErrorContext(bg, "authlinkhttp: webhook store failed to record a processed delivery; its claim holds it until the lease ends",
				slog.String("error", err.Error()))
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	h.release(bg, key, token)
	var se *StatusError
	if errors.As(err, &se) && answerable(se.Status) {
		if se.Err != nil {
			h.cfg.Logger.InfoContext(bg, "authlinkhttp: webhook callback rejected the delivery",
				slog.Int("status", se.Status), slog.String("error", se.Err.Error()))
		}
		h.cfg.reject(w, r, se.problem())
		return
	}
	h.cfg.Logger.ErrorContext(bg, "authlinkhttp: webhook callback failed", slog.String("error", err.Error()))
	p := internalProblem()
	p.Reason = ReasonCallbackFailed
	h.cfg.reject(w, r, p)
}

func (h *webhook) release(ctx context.Context, key, token string) {
	if err := h.cfg.Store.Release(ctx, key, token); err != nil {
		h.cfg.Logger.ErrorContext(ctx, "authlinkhttp: webhook store failed to release a claim; the delivery waits for the lease to end",
			slog.String("error", err.Error()))
	}
}

// newToken returns a claim token no other claim holds.
func newToken() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func unauthorized(reason Reason) *Problem {
	return &Problem{Type: TypeUnauthorized, Title: "Unauthorized", Status: http.StatusUnauthorized,
		Detail: "The request's signature could not be verified.", Reason: reason}
}
