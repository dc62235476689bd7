package authlinkhttp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echo is the business handler behind the middleware in these tests: it
// answers with the project of the typed value and the body it can re-read.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	link, ok := FromContext(r.Context())
	if !ok {
		http.Error(w, "no auth link in context", http.StatusInternalServerError)
		return
	}
	body, _ := io.ReadAll(r.Body)
	saved, _ := BodyFromContext(r.Context())
	fmt.Fprintf(w, "%s %d %v", link.ProjectID, len(body), bytes.Equal(body, saved))
})

func post(t *testing.T, url, contentType string, body []byte) (*http.Response, string) {
	t.Helper()
	resp, err := http.Post(url, contentType, bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

func problemOf(t *testing.T, resp *http.Response, body string) Problem {
	t.Helper()
	assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
	var p Problem
	require.NoError(t, json.Unmarshal([]byte(body), &p), body)
	assert.Equal(t, resp.StatusCode, p.Status)
	return p
}

func TestMiddleware(t *testing.T) {
	srv := httptest.NewServer(Middleware(Config{})(echo))
	defer srv.Close()
	valid := authlinktest.FixtureJSON()
	tests := []struct {
		name        string
		contentType string
		body        []byte
		status      int
		problem     string
		errors      []ProblemError
	}{
		{"valid", "application/json", valid, 200, "", nil},
		{"charset", "application/json; charset=UTF-8", valid, 200, "", nil},
		{"+json type", "application/vnd.stackone.authlink+json", valid, 200, "", nil},
		{"no content type", "", valid, 415, TypeMediaType, nil},
		{"text", "text/plain", valid, 415, TypeMediaType, nil},
		{"other charset", "application/json; charset=latin1", valid, 415, TypeMediaType, nil},
		{"bad header", "application/", valid, 415, TypeMediaType, nil},
		{"malformed", "application/json", []byte(`{"token":"a","\u0074oken":"b"}`), 400, TypeMalformed,
			[]ProblemError{{Pointer: "#/token", Code: authlink.CodeDuplicate, Detail: "member name appears more than once in the object"}}},
		{"empty", "application/json", nil, 400, TypeMalformed,
			[]ProblemError{{Pointer: "#", Code: authlink.CodeSyntax, Detail: "input is empty"}}},
		{"too deep", "application/json", authlinktest.Document(authlinktest.Set("metadata", json.RawMessage(strings.Repeat("[", 70)+strings.Repeat("]", 70)))), 400, TypeMalformed, nil},
		{"violations", "application/json", authlinktest.Document(authlinktest.Without("token"), authlinktest.Set("categories", []string{"ats", "HRIS"})), 422, TypeInvalid,
			[]ProblemError{
				{Pointer: "#/categories/1", Code: authlink.CodeEnum, Detail: "must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening, messaging, accounting, scheduling"},
				{Pointer: "#/token", Code: authlink.CodeRequired, Detail: "required member is missing"},
			}},
		{"pointer escaping", "application/json", []byte(`{"a b":1,"~/é":2}`), 422, TypeInvalid, nil},
		{"too large", "application/json", bytes.Repeat([]byte(" "), authlink.DefaultMaxBytes+1), 413, TypeTooLarge, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, srv.URL, tt.contentType, tt.body)
			assert.Equal(t, tt.status, resp.StatusCode, body)
			if tt.status == 200 {
				assert.Equal(t, fmt.Sprintf("proj_6a1f93c2e4b04d7f %d true", len(tt.body)), body)
				return
			}
			p := problemOf(t, resp, body)
			assert.Equal(t, tt.problem, p.Type)
			assert.NotEmpty(t, p.Title)
			assert.NotEmpty(t, p.Detail)
			if tt.errors != nil {
				assert.Equal(t, tt.errors, unlocated(p.Errors))
				for _, e := range p.Errors {
					assert.Positive(t, e.Line, "every error is located")
				}
			}
		})
	}
}

func TestMiddlewareOptions(t *testing.T) {
	var rejected []*Problem
	cfg := Config{
		Options:  authlink.Options{Strict: true, OpenCategories: true, MaxBytes: 2048},
		OnReject: func(_ *http.Request, p *Problem) { rejected = append(rejected, p) },
		ErrorWriter: func(w http.ResponseWriter, _ *http.Request, p *Problem) {
			w.WriteHeader(p.Status)
			fmt.Fprintf(w, "custom %d %d", p.Status, len(p.Errors))
		},
	}
	srv := httptest.NewServer(Middleware(cfg)(echo))
	defer srv.Close()

	resp, _ := post(t, srv.URL, "application/json", authlinktest.FixtureJSON(authlinktest.WithCategories("payroll")))
	assert.Equal(t, 200, resp.StatusCode, "open categories")

	resp, body := post(t, srv.URL, "application/json", authlinktest.Document(authlinktest.Set("expiresAt", "x")))
	assert.Equal(t, 422, resp.StatusCode)
	assert.Equal(t, "custom 422 1", body)
	require.Len(t, rejected, 1)
	assert.Equal(t, []ProblemError{{Pointer: "#/expiresAt", Code: authlink.CodeUnknown, Detail: "member is not defined by the schema (strict mode)"}}, unlocated(rejected[0].Errors))

	resp, body = post(t, srv.URL, "application/json", bytes.Repeat([]byte(" "), 2049))
	assert.Equal(t, 413, resp.StatusCode)
	assert.Equal(t, "custom 413 0", body)
	assert.Len(t, rejected, 2)
}

func TestFragment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "#"},
		{"/categories/2", "#/categories/2"},
		{"/a b/~0/~1", "#/a%20b/~0/~1"},
		{"/é/%/#/\"", "#/%C3%A9/%25/%23/%22"},
		{"/!$&'()*+,;=:@?", "#/!$&'()*+,;=:@?"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, fragment(tt.in))
	}
}

// countingListener counts the bytes the server reads from its connections.
type countingListener struct {
	net.Listener
	read *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	return countingConn{c, l.read}, err
}

type countingConn struct {
	net.Conn
	read *atomic.Int64
}

func (c countingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.read.Add(int64(n))
	return n, err
}

// unwrapper is an outer middleware's ResponseWriter: it hides Hijacker but
// offers Unwrap, as http.ResponseController expects.
type unwrapper struct{ http.ResponseWriter }

func (u unwrapper) Unwrap() http.ResponseWriter { return u.ResponseWriter }

// withCORS is an outer middleware that sets a header and wraps the writer.
func withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		next.ServeHTTP(unwrapper{w}, r)
	})
}

// TestOversizedBodyIsNotRead sends 10 MB bodies, with and without a
// declared length, to answers that come before the body is read (413, 415,
// a webhook's 401) and checks each comes while the server has read at most
// the cap and a few KiB.
func TestOversizedBodyIsNotRead(t *testing.T) {
	hook, err := Webhook(WebhookConfig{Secrets: []string{newSecret}}, func(context.Context, *authlink.AuthLink) error { return nil })
	require.NoError(t, err)
	handlers := []struct {
		name        string
		handler     http.Handler
		contentType string
		status      int
	}{
		{"413", Middleware(Config{})(echo), "application/json", 413},
		{"413 behind a wrapper", withCORS(Middleware(Config{})(echo)), "application/json", 413},
		{"415", Middleware(Config{})(echo), "text/plain", 415},
		{"webhook 401", hook, "application/json", 401},
	}
	for _, h := range handlers {
		for _, chunked := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/chunked=%v", h.name, chunked), func(t *testing.T) {
				var read atomic.Int64
				srv := httptest.NewUnstartedServer(h.handler)
				srv.Listener = countingListener{srv.Listener, &read}
				srv.Start()
				defer srv.Close()

				conn, err := net.Dial("tcp", srv.Listener.Addr().String())
				require.NoError(t, err)
				defer conn.Close()
				const size = 10 << 20
				header := "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: " + h.contentType + "\r\n"
				if chunked {
					header += "Transfer-Encoding: chunked\r\n\r\n"
				} else {
					header += fmt.Sprintf("Content-Length: %d\r\n\r\n", size)
				}
				go func() { // the client keeps sending; the server stops reading
					io.WriteString(conn, header)
					chunk := bytes.Repeat([]byte("x"), 32<<10)
					for sent := 0; sent < size; sent += len(chunk) {
						frame := chunk
						if chunked {
							frame = append([]byte(fmt.Sprintf("%x\r\n", len(chunk))), append(chunk, "\r\n"...)...)
						}
						if _, err := conn.Write(frame); err != nil {
							return
						}
					}
				}()
				resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
				require.NoError(t, err)
				resp.Body.Close()
				assert.Equal(t, h.status, resp.StatusCode)
				assert.True(t, resp.Close, "the connection is closed, not drained")
				// Not cap + net/http's read-ahead, which varies with the Go version:
				// far less than what was sent, which is what closing rather than
				// draining gives.
				assert.Less(t, read.Load(), int64(size/10), "the server read much of the 10 MB sent")
				if h.name == "413 behind a wrapper" {
					assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"), "headers set before the rejection are kept")
				}
			})
		}
	}
}

// TestRejectionDrainsSmallBodies checks that a small body refused before it
// is read is read up to the cap, so that the connection stays usable.
func TestRejectionDrainsSmallBodies(t *testing.T) {
	srv := httptest.NewServer(Middleware(Config{})(echo))
	defer srv.Close()
	client := srv.Client()
	for range 3 {
		resp, err := client.Post(srv.URL, "text/plain", bytes.NewReader(authlinktest.FixtureJSON()))
		require.NoError(t, err)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		assert.Equal(t, 415, resp.StatusCode)
		assert.False(t, resp.Close, "the connection is kept")
	}
}

func nopCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// TestTruncatedBody sends less than the declared length and hangs up: the
// middleware refuses it rather than validating a shorter document.
func TestTruncatedBody(t *testing.T) {
	var called atomic.Bool
	srv := httptest.NewServer(Middleware(Config{})(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called.Store(true) })))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	body := authlinktest.FixtureJSON()
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body)+10, body)
	conn.(*net.TCPConn).CloseWrite()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	assert.Equal(t, 400, resp.StatusCode)
	assert.False(t, called.Load(), "the handler never saw the body")
	conn.Close()
}

func TestVerdictOnly(t *testing.T) {
	srv := httptest.NewServer(VerdictOnly(Config{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, decoded := FromContext(r.Context())
		body, _ := BodyFromContext(r.Context())
		fmt.Fprintf(w, "%v %d", decoded, len(body))
	})))
	defer srv.Close()
	valid := authlinktest.FixtureJSON()
	resp, body := post(t, srv.URL, "application/json", valid)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, fmt.Sprintf("false %d", len(valid)), body, "VerdictOnly does not decode")
	resp, _ = post(t, srv.URL, "application/json", authlinktest.Document(authlinktest.Without("id")))
	assert.Equal(t, 422, resp.StatusCode)
}

// unlocated returns es without their locations, for comparing the rest.
func unlocated(es []ProblemError) []ProblemError {
	out := make([]ProblemError, len(es))
	for i, e := range es {
		e.Line, e.Column, e.Offset = 0, 0, 0
		out[i] = e
	}
	return out
}
