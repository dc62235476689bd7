package authlinkhttp

import (
	"bytes"
	"context"
	"net/http"

	"github.com/authlink-go/authlink"
)

// Config configures Middleware, VerdictOnly, CheckResponses, Webhook and
// Transport. The zero value gives the defaults, and a Config may be shared
// by all of them; the handlers and transports they build are safe for
// concurrent use.
type Config struct {
	// Options are the validator's: the profile, strict unknown members,
	// open categories, the caller's own rules, the caps, with authlink's
	// defaults. A body whose names follow the other profile is rejected
	// with a hint in the problem's detail. A body over MaxBytes is
	// answered with 413 without being read further (at once when
	// Content-Length says so), and the connection is closed rather than
	// drained; memory grows with the bytes received, never with the length
	// a request declares. Violations of the profile and of the rules are
	// 422.
	authlink.Options

	// ErrorWriter writes a rejection. The answer carries p.Status unless
	// ErrorWriter calls WriteHeader with another status, even if it writes
	// nothing. Default WriteProblem, an RFC 9457 problem document.
	// Transport does not use it: the caller gets a *ResponseError.
	ErrorWriter func(w http.ResponseWriter, r *http.Request, p *Problem)

	// OnReject, if set, is called with each rejection before it is
	// written, for logs and metrics; p.Reason says why a Webhook refused a
	// delivery when p.Type cannot. A Webhook also calls it for a replay it
	// acknowledges without running the callback (Reason ReasonReplayed,
	// Status 204, not written), and Transport for each invalid response
	// (r is the request sent). It must not write to the response.
	OnReject func(r *http.Request, p *Problem)
}

func (c Config) validator() *authlink.Validator {
	return authlink.New(c.Options)
}

type contextKey struct{}

// request is what Middleware hands to the next handler.
//
// One value serves as the request's context (holding the link and the
// bytes) and as its new body (replaying the bytes), so that a checked
// request costs one allocation besides net/http's own copy of it.
type request struct {
	context.Context
	replay    bytes.Reader
	link      *authlink.AuthLink
	body      []byte
	webhookID string
}

// Value answers for contextKey and leaves every other key to the request's
// own context.
func (q *request) Value(key any) any {
	if key == (contextKey{}) {
		return q
	}
	return q.Context.Value(key)
}

func (q *request) Read(p []byte) (int, error) { return q.replay.Read(p) }

func (q *request) Close() error { return nil }

// FromContext returns the auth link Middleware decoded and validated for
// the request whose context this is. In a Webhook's callback it returns the
// link the callback receives.
func FromContext(ctx context.Context) (*authlink.AuthLink, bool) {
	req, ok := ctx.Value(contextKey{}).(*request)
	if !ok || req.link == nil {
		return nil, false
	}
	return req.link, true
}

// BodyFromContext returns the body bytes Middleware or VerdictOnly read,
// exactly as they arrived; the handler can also read them again from
// r.Body. In a Webhook's callback it returns the delivery's raw body, the
// bytes that were signed.
func BodyFromContext(ctx context.Context) ([]byte, bool) {
	req, ok := ctx.Value(contextKey{}).(*request)
	if !ok {
		return nil, false
	}
	return req.body, true
}

// Middleware returns a middleware that reads each request body as an auth
// link. It answers 415 unless the body is JSON (application/json or a +json
// type, UTF-8) and not content-coded (Content-Encoding absent or identity;
// nothing is decoded), 413 if it is over the cap, 400 if it is
// malformed and 422 if it breaks a rule; otherwise it calls next with the
// typed value in the context (FromContext) and the body still readable from
// r.Body.
func Middleware(cfg Config) func(http.Handler) http.Handler {
	return middleware(cfg, true)
}

// VerdictOnly is Middleware for handlers that need only the verdict and the
// bytes, such as a validation endpoint or a proxy: it validates without
// building the typed value, so FromContext reports false, and saves the
// decoding on every request.
func VerdictOnly(cfg Config) func(http.Handler) http.Handler {
	return middleware(cfg, false)
}

func middleware(cfg Config, decode bool) func(http.Handler) http.Handler {
	v := cfg.validator()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if p := checkMediaType(w, r, false); p != nil {
				cfg.rejectUnread(w, r, p, v.Options().MaxBytes)
				return
			}
			body, p := readBody(w, r, v.Options().MaxBytes)
			if p != nil {
				cfg.reject(w, r, p)
				return
			}
			req := &request{Context: r.Context(), body: body}
			var err error
			if decode {
				req.link, err = v.Decode(body)
			} else {
				err = v.Validate(body)
			}
			if err != nil {
				cfg.reject(w, r, problemFor(err))
				return
			}
			req.replay.Reset(body)
			r = r.WithContext(req)
			r.Body = req
			next.ServeHTTP(w, r)
		})
	}
}
