package authlinkhttp

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/authlink-go/authlink"
)

// DefaultMaxBytes is the default body cap.
const DefaultMaxBytes = authlink.DefaultMaxBytes

// Config configures Middleware, Check, CheckResponses and Webhook. The zero
// value gives the defaults, and a Config may be shared by all of them; the
// handlers they build are safe for concurrent use.
type Config struct {
	// Profile selects the member names and rules checked: ProfileAPI, the
	// JSON StackOne's API sends (snake_case names, auth_link_url), or
	// ProfileDocument, the SDK document as written (camelCase names,
	// authLinkUrl). A body whose names follow the other profile is
	// rejected with a hint in the problem's detail. Default ProfileAPI.
	Profile authlink.Profile

	// Strict rejects members the schema does not define (422, code
	// unknown). Default false: they are allowed.
	Strict bool

	// OpenCategories accepts any string as a category. Default false.
	OpenCategories bool

	// MaxBytes caps the body. A larger body is answered with 413 without
	// being read further (at once when Content-Length says so), and the
	// connection is closed rather than drained. Default (zero or less)
	// DefaultMaxBytes, 64 KiB.
	MaxBytes int

	// MaxDepth caps the nesting of the payload. Default (zero or less) 64.
	MaxDepth int

	// ErrorWriter writes a rejection. Default WriteProblem, an RFC 9457
	// problem document.
	ErrorWriter func(w http.ResponseWriter, r *http.Request, p *Problem)

	// OnReject, if set, is called with each rejection before it is
	// written, for logs and metrics. It must not write to the response.
	OnReject func(r *http.Request, p *Problem)
}

func (c Config) validator() *authlink.Validator {
	return authlink.New(authlink.Options{Profile: c.Profile, Strict: c.Strict, OpenCategories: c.OpenCategories, MaxBytes: c.MaxBytes, MaxDepth: c.MaxDepth})
}

// rejectUnread answers a request whose body was not read. It reads the body
// up to the cap first, so that the connection can be reused; a longer body
// is not read further, and the connection is closed instead.
func (c Config) rejectUnread(w http.ResponseWriter, r *http.Request, p *Problem, max int) {
	switch {
	case r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0:
	case r.ContentLength > int64(max):
		c.answer(w, r, p, true)
		return
	default:
		if _, err := io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, int64(max))); err != nil {
			c.answer(w, r, p, true)
			return
		}
	}
	c.reject(w, r, p)
}

// reject reports p to the hook and writes it; a 413 also closes the
// connection.
func (c Config) reject(w http.ResponseWriter, r *http.Request, p *Problem) {
	c.answer(w, r, p, p.Status == http.StatusRequestEntityTooLarge)
}

// answer reports p to the hook and writes it, on a connection then closed
// if closeConn.
func (c Config) answer(w http.ResponseWriter, r *http.Request, p *Problem, closeConn bool) {
	if c.OnReject != nil {
		c.OnReject(r, p)
	}
	if closeConn {
		c.closeWith(w, r, p)
		return
	}
	c.write(w, r, p)
}

func (c Config) write(w http.ResponseWriter, r *http.Request, p *Problem) {
	if c.ErrorWriter != nil {
		c.ErrorWriter(w, r, p)
		return
	}
	WriteProblem(w, r, p)
}

// rstAvoidanceDelay is how long a closed connection stays half-open, so that
// the client reads the answer before the reset its unread upload causes (the
// delay net/http uses for the same purpose).
const rstAvoidanceDelay = 500 * time.Millisecond

// closeWith answers with p and closes the connection without reading the
// rest of the body. Left to itself, net/http would read up to 256 KiB more
// of a chunked body (or one whose length is under that) to keep the
// connection alive, which is the reading the cap forbids; so on HTTP/1 the
// connection is hijacked (through wrappers that implement Unwrap) and the
// answer written directly, with the headers already set on w. Behind a
// wrapper that hides the connection, net/http's draining applies.
func (c Config) closeWith(w http.ResponseWriter, r *http.Request, p *Problem) {
	rec := &recorder{header: w.Header().Clone()}
	c.write(rec, r, p)
	rec.header.Set("Connection", "close")
	if r.ProtoMajor != 1 {
		rec.copyTo(w)
		return
	}
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		rec.copyTo(w)
		return
	}
	resp := &http.Response{
		StatusCode: rec.status, ProtoMajor: 1, ProtoMinor: 1, Request: r, Close: true,
		Header: rec.header, ContentLength: int64(rec.body.Len()), Body: io.NopCloser(&rec.body),
	}
	if resp.StatusCode == 0 {
		resp.StatusCode = http.StatusRequestEntityTooLarge
	}
	resp.Write(buf)
	buf.Flush()
	if tcp, ok := conn.(interface{ CloseWrite() error }); ok {
		tcp.CloseWrite()
		time.AfterFunc(rstAvoidanceDelay, func() { conn.Close() })
		return
	}
	conn.Close()
}

type contextKey struct{}

// request is what Middleware hands to the next handler.
//
// One value serves as the request's context (holding the link and the
// bytes) and as its new body (replaying the bytes), so that a checked
// request costs one allocation besides net/http's own copy of it.
type request struct {
	context.Context
	replay bytes.Reader
	link   *authlink.AuthLink
	body   []byte
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
// the request whose context this is.
func FromContext(ctx context.Context) (*authlink.AuthLink, bool) {
	req, ok := ctx.Value(contextKey{}).(*request)
	if !ok || req.link == nil {
		return nil, false
	}
	return req.link, true
}

// BodyFromContext returns the body bytes Middleware or Check read, exactly
// as they arrived. The handler can also read them again from r.Body.
func BodyFromContext(ctx context.Context) ([]byte, bool) {
	req, ok := ctx.Value(contextKey{}).(*request)
	if !ok {
		return nil, false
	}
	return req.body, true
}

// Middleware returns a middleware that reads each request body as an auth
// link. It answers 415 unless the body is JSON (application/json or a +json
// type, UTF-8), 413 if it is over the cap, 400 if it is malformed and 422 if
// it breaks a rule; otherwise it calls next with the typed value in the
// context (FromContext) and the body still readable from r.Body.
func Middleware(cfg Config) func(http.Handler) http.Handler {
	return middleware(cfg, true)
}

// Check is Middleware for handlers that need only the verdict and the
// bytes, such as a validation endpoint or a proxy: it validates without
// building the typed value, so FromContext reports false, and saves the
// decoding on every request.
func Check(cfg Config) func(http.Handler) http.Handler {
	return middleware(cfg, false)
}

func middleware(cfg Config, decode bool) func(http.Handler) http.Handler {
	v := cfg.validator()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !jsonMediaType(r.Header.Get("Content-Type")) {
				cfg.rejectUnread(w, r, mediaTypeProblem(), v.Options().MaxBytes)
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

// readBody reads at most max bytes of the body, refusing at once a body
// whose declared length is larger.
func readBody(w http.ResponseWriter, r *http.Request, max int) ([]byte, *Problem) {
	var body []byte
	var err error
	switch {
	case r.ContentLength > int64(max):
		return nil, tooLarge()
	case r.ContentLength > 0:
		// One allocation of the declared length; a body that ends early, or
		// goes on past it (net/http never does that), is not the document.
		body = make([]byte, r.ContentLength)
		if _, err = io.ReadFull(r.Body, body); err == nil {
			var extra [1]byte
			if n, _ := r.Body.Read(extra[:]); n > 0 {
				err = errors.New("body longer than its declared length")
			}
		}
	default:
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, int64(max)))
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, tooLarge()
	case err != nil:
		return nil, &Problem{Type: TypeMalformed, Title: "Unreadable body", Status: http.StatusBadRequest,
			Detail: "The body could not be read to its end."}
	}
	return body, nil
}

// jsonMediaType accepts application/json and any +json type, without a
// charset or with UTF-8, the only encoding JSON allows on the wire.
func jsonMediaType(contentType string) bool {
	if contentType == "application/json" {
		return true // the common case, without parsing
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

func mediaTypeProblem() *Problem {
	return &Problem{Type: TypeMediaType, Title: "Unsupported media type", Status: http.StatusUnsupportedMediaType,
		Detail: "The body must be JSON: application/json or a +json type, in UTF-8."}
}
