package authlinkhttp

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/authlink-go/authlink"
)

// TransportConfig configures Transport. The zero value checks the
// responses to StackOne's POST /connect_sessions with the api profile and
// the default caps.
type TransportConfig struct {
	// Config holds the profile, the validator options and the cap on the
	// response body; OnReject sees each invalid response. ErrorWriter is
	// not used.
	Config

	// Match picks the requests whose responses are checked. Default
	// CreatesConnectSession.
	Match func(*http.Request) bool
}

// CreatesConnectSession reports whether r is a POST to StackOne's
// /connect_sessions (the last segment of the path, with or without a final
// slash), whose 2xx answer is an auth link. It is TransportConfig's
// default Match.
func CreatesConnectSession(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(strings.TrimSuffix(r.URL.Path, "/"), "/connect_sessions")
}

// ResponseError is Transport's error for a response whose body is not a
// valid auth link; the response's body has been closed. Reach it with
// errors.As through the *url.Error that http.Client wraps it in;
// errors.Is(err, authlink.ErrInvalid) holds too. It holds no input value.
type ResponseError struct {
	// StatusCode is the response's status, a 2xx.
	StatusCode int

	// Err lists the violations, with their pointers and codes.
	Err *authlink.ValidationError
}

// Error says which status came with an invalid auth link, and the
// violations.
func (e *ResponseError) Error() string {
	return "authlinkhttp: " + strconv.Itoa(e.StatusCode) + " response is not a valid auth link: " + e.Err.Error()
}

// Unwrap returns Err.
func (e *ResponseError) Unwrap() error { return e.Err }

// Transport returns an http.RoundTripper that sends requests through base
// (http.DefaultTransport if nil) and checks the response of each request
// Match picks, so that a client, generated or hand-written, gets the check
// with nothing more than http.Client{Transport: ...}:
//
//	client := &http.Client{Transport: authlinkhttp.Transport(nil, authlinkhttp.TransportConfig{})}
//
// A 2xx response with a body (all but 204, 205 and answers to HEAD) is
// read up to the cap and decoded with the configured profile, whatever its
// Content-Type. If it is a valid auth link, the caller gets the response
// with its body still readable, the same bytes, and FromResponse gives the
// typed link. If not, the body is closed and the error is a
// *ResponseError with the status and the violations (an empty body, or
// one over the cap, is a violation too). A body that cannot be read to its
// end, or that is content-coded (Content-Encoding other than identity that
// base did not decode), is an error as well. Other responses pass through
// unchecked. The RoundTripper is safe for concurrent use.
func Transport(base http.RoundTripper, cfg TransportConfig) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	if cfg.Match == nil {
		cfg.Match = CreatesConnectSession
	}
	return &transport{base: base, cfg: cfg, v: cfg.validator()}
}

type transport struct {
	base http.RoundTripper
	cfg  TransportConfig
	v    *authlink.Validator
}

func (t *transport) RoundTrip(r *http.Request) (*http.Response, error) {
	match := t.cfg.Match(r)
	resp, err := t.base.RoundTrip(r)
	if err != nil || !match || !carriesAuthLink(r.Method, resp.StatusCode) {
		return resp, err
	}
	raw := resp.Body
	defer raw.Close()
	if !identityCoded(resp.Header) && !resp.Uncompressed {
		return nil, fmt.Errorf("authlinkhttp: the %d response is content-coded; the transport checks identity bodies only", resp.StatusCode)
	}
	// One byte past the cap and the final line ending is enough for the
	// validator to say the body is over the cap.
	limit := int64(t.v.Options().MaxBytes) + lineEnding + 1
	body, err := io.ReadAll(io.LimitReader(raw, limit))
	if err != nil {
		return nil, fmt.Errorf("authlinkhttp: reading the %d response: %w", resp.StatusCode, err)
	}
	link, err := t.v.Decode(body)
	if err != nil {
		var verr *authlink.ValidationError
		errors.As(err, &verr) // every error of Decode is one
		if t.cfg.OnReject != nil {
			t.cfg.OnReject(r, invalidResponse(resp.StatusCode, verr))
		}
		return nil, &ResponseError{StatusCode: resp.StatusCode, Err: verr}
	}
	resp.Body = &checkedBody{Reader: bytes.NewReader(body), link: link}
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// CloseIdleConnections closes the idle connections of the base transport,
// for http.Client.CloseIdleConnections.
func (t *transport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// checkedBody is the body of a response Transport checked: the bytes it
// read, and the link they decode to.
type checkedBody struct {
	*bytes.Reader
	link *authlink.AuthLink
}

func (*checkedBody) Close() error { return nil }

// FromResponse returns the auth link Transport decoded from resp's body.
// It reports false for a response Transport did not check, or whose Body
// something after Transport replaced.
func FromResponse(resp *http.Response) (*authlink.AuthLink, bool) {
	if resp == nil {
		return nil, false
	}
	b, ok := resp.Body.(*checkedBody)
	if !ok {
		return nil, false
	}
	return b.link, true
}
