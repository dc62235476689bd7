package authlinkhttp

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
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

// fakeUpstream answers every request with the given status, headers and
// body, and remembers whether the body was closed.
type fakeUpstream struct {
	status int
	header http.Header
	body   []byte
	err    error // returned by the body's Read after the bytes
	closed atomic.Bool
	idle   atomic.Int32
}

func (u *fakeUpstream) RoundTrip(r *http.Request) (*http.Response, error) {
	var body io.Reader = bytes.NewReader(u.body)
	if u.err != nil {
		body = io.MultiReader(body, errReader{u.err})
	}
	h := u.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	return &http.Response{StatusCode: u.status, Header: h, Body: &closeRecorder{Reader: body, closed: &u.closed},
		ContentLength: -1, Request: r}, nil
}

func (u *fakeUpstream) CloseIdleConnections() { u.idle.Add(1) }

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

type closeRecorder struct {
	io.Reader
	closed *atomic.Bool
}

func (c *closeRecorder) Close() error { c.closed.Store(true); return nil }

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestTransport checks which responses Transport checks and what the
// caller gets: the response with its body readable and the typed link, or
// a *ResponseError with the status and the violations and the body closed.
func TestTransport(t *testing.T) {
	valid := authlinktest.FixtureJSON()
	invalid := authlinktest.FixtureJSON(authlinktest.WithCategories("payroll"), authlinktest.WithToken("sess_tok_upstream_secret"))
	document := authlinktest.DocumentFor(authlink.ProfileDocument)
	create := func() *http.Request {
		r, _ := http.NewRequest(http.MethodPost, "https://api.stackone.com/connect_sessions", strings.NewReader("{}"))
		return r
	}
	get := func(url string) func() *http.Request {
		return func() *http.Request { r, _ := http.NewRequest(http.MethodGet, url, nil); return r }
	}
	tests := []struct {
		name     string
		cfg      TransportConfig
		req      func() *http.Request
		upstream fakeUpstream
		checked  bool   // FromResponse reports a link
		err      string // "": no error
		codes    []authlink.Code
	}{
		{"valid", TransportConfig{}, create, fakeUpstream{status: 201, body: valid}, true, "", nil},
		{"valid, final slash", TransportConfig{}, func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, "https://api.stackone.com/connect_sessions/", nil)
			return r
		}, fakeUpstream{status: 200, body: valid}, true, "", nil},
		{"valid with a final line ending at the cap", TransportConfig{Config: Config{Options: authlink.Options{MaxBytes: len(valid)}}}, create,
			fakeUpstream{status: 201, body: append(bytes.Clone(valid), '\r', '\n')}, true, "", nil},
		{"invalid", TransportConfig{}, create, fakeUpstream{status: 201, body: invalid}, false,
			"authlinkhttp: 201 response is not a valid auth link: authlink: ", []authlink.Code{authlink.CodeEnum}},
		{"not JSON, whatever its type says", TransportConfig{}, create,
			fakeUpstream{status: 200, header: http.Header{"Content-Type": {"application/json"}}, body: []byte("<html>")}, false,
			"authlinkhttp: 200 response is not a valid auth link", []authlink.Code{authlink.CodeSyntax}},
		{"empty 200", TransportConfig{}, create, fakeUpstream{status: 200}, false,
			"authlinkhttp: 200 response is not a valid auth link", []authlink.Code{authlink.CodeSyntax}},
		{"over the cap", TransportConfig{Config: Config{Options: authlink.Options{MaxBytes: 100}}}, create, fakeUpstream{status: 201, body: valid}, false,
			"authlinkhttp: 201 response is not a valid auth link", []authlink.Code{authlink.CodeLimit}},
		{"document profile", TransportConfig{Config: Config{Options: authlink.Options{Profile: authlink.ProfileDocument}}}, create,
			fakeUpstream{status: 201, body: document}, true, "", nil},
		{"api names under the document profile", TransportConfig{Config: Config{Options: authlink.Options{Profile: authlink.ProfileDocument}}}, create,
			fakeUpstream{status: 201, body: valid}, false, "hint: member names follow StackOne's API", nil},
		{"strict", TransportConfig{Config: Config{Options: authlink.Options{Strict: true}}}, create,
			fakeUpstream{status: 201, body: authlinktest.Document(authlinktest.Set("x_new", 1))}, false, "", []authlink.Code{authlink.CodeUnknown}},
		{"a read error", TransportConfig{}, create, fakeUpstream{status: 201, body: valid[:10], err: errors.New("connection reset")}, false,
			"authlinkhttp: reading the 201 response: connection reset", nil},
		{"content-coded", TransportConfig{}, create,
			fakeUpstream{status: 201, header: http.Header{"Content-Encoding": {"gzip"}}, body: gzipped(valid)}, false,
			"authlinkhttp: the 201 response is content-coded; the transport checks identity bodies only", nil},
		{"error status passes", TransportConfig{}, create, fakeUpstream{status: 400, body: []byte(`{"message":"bad"}`)}, false, "", nil},
		{"204 passes", TransportConfig{}, create, fakeUpstream{status: 204}, false, "", nil},
		{"other requests pass", TransportConfig{}, get("https://api.stackone.com/accounts"), fakeUpstream{status: 200, body: invalid}, false, "", nil},
		{"GET of connect_sessions passes", TransportConfig{}, get("https://api.stackone.com/connect_sessions"), fakeUpstream{status: 200, body: invalid}, false, "", nil},
		{"own Match", TransportConfig{Match: func(r *http.Request) bool { return r.URL.Path == "/links/1" }},
			get("https://issuer.example/links/1"), fakeUpstream{status: 200, body: invalid}, false, "is not a valid auth link", nil},
		{"own Match, HEAD passes", TransportConfig{Match: func(*http.Request) bool { return true }},
			func() *http.Request { r, _ := http.NewRequest(http.MethodHead, "https://x/", nil); return r }, fakeUpstream{status: 200}, false, "", nil},
	}
	for i := range tests {
		tt := &tests[i]
		t.Run(tt.name, func(t *testing.T) {
			var rejected []*Problem
			cfg := tt.cfg
			cfg.OnReject = func(_ *http.Request, p *Problem) { rejected = append(rejected, p) }
			client := &http.Client{Transport: Transport(&tt.upstream, cfg)}
			resp, err := client.Do(tt.req())
			if tt.err != "" || tt.codes != nil {
				require.Error(t, err)
				assert.Nil(t, resp)
				assert.Contains(t, err.Error(), tt.err)
				assert.NotContains(t, err.Error(), "upstream_secret", "no input value in the error")
				assert.True(t, tt.upstream.closed.Load(), "the body is closed")
				var rerr *ResponseError
				if !strings.Contains(err.Error(), "response is not a valid auth link") {
					assert.False(t, errors.As(err, &rerr), "not a ResponseError")
					assert.Empty(t, rejected)
					return
				}
				require.ErrorAs(t, err, &rerr)
				assert.Equal(t, tt.upstream.status, rerr.StatusCode)
				assert.ErrorIs(t, err, authlink.ErrInvalid)
				var verr *authlink.ValidationError
				require.ErrorAs(t, err, &verr)
				assert.Same(t, rerr.Err, verr)
				for i, c := range tt.codes {
					assert.Equal(t, c, verr.Violations[i].Code)
				}
				require.Len(t, rejected, 1, "OnReject sees the invalid response")
				require.Len(t, rejected[0].Errors, len(verr.Violations))
				for i, v := range verr.Violations {
					// The same violation, located, as a request's problem has it.
					assert.Equal(t, ProblemError{Pointer: fragment(v.Pointer), Code: v.Code, Detail: v.Message,
						Keyword: v.Keyword, Line: v.Line, Column: v.Column, Offset: v.Offset}, rejected[0].Errors[i])
					assert.Positive(t, rejected[0].Errors[i].Line)
				}
				assert.Equal(t, verr.Hint, rejected[0].Hint)
				return
			}
			require.NoError(t, err)
			defer resp.Body.Close()
			assert.Equal(t, tt.upstream.status, resp.StatusCode)
			got, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, string(tt.upstream.body), string(got), "the body is still readable, the same bytes")
			assert.Empty(t, rejected)
			link, ok := FromResponse(resp)
			assert.Equal(t, tt.checked, ok)
			if tt.checked {
				assert.True(t, tt.upstream.closed.Load(), "the upstream's body is closed once read")
				assert.Equal(t, int64(len(got)), resp.ContentLength)
				assert.Equal(t, authlink.Token(authlinktest.FixtureToken), link.Token)
			}
		})
	}
}

func TestTransportDefaults(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write(authlinktest.FixtureJSON())
	}))
	defer srv.Close()
	client := &http.Client{Transport: Transport(nil, TransportConfig{})}
	resp, err := client.Post(srv.URL+"/connect_sessions", "application/json", strings.NewReader("{}"))
	require.NoError(t, err, "a nil base is http.DefaultTransport")
	resp.Body.Close()
	_, ok := FromResponse(resp)
	assert.True(t, ok)
	_, ok = FromResponse(nil)
	assert.False(t, ok)

	up := &fakeUpstream{status: 200}
	(&http.Client{Transport: Transport(up, TransportConfig{})}).CloseIdleConnections()
	assert.Equal(t, int32(1), up.idle.Load(), "CloseIdleConnections reaches the base")
}

func TestCreatesConnectSession(t *testing.T) {
	tests := []struct {
		method, url string
		want        bool
	}{
		{"POST", "https://api.stackone.com/connect_sessions", true},
		{"POST", "https://api.stackone.com/connect_sessions/", true},
		{"POST", "https://gateway.example/stackone/connect_sessions?x=1", true},
		{"POST", "https://api.stackone.com/connect_sessions/authenticate", false},
		{"POST", "https://api.stackone.com/my_connect_sessions", false},
		{"GET", "https://api.stackone.com/connect_sessions", false},
		{"PUT", "https://api.stackone.com/connect_sessions", false},
	}
	for _, tt := range tests {
		r, err := http.NewRequest(tt.method, tt.url, nil)
		require.NoError(t, err)
		assert.Equal(t, tt.want, CreatesConnectSession(r), "%s %s", tt.method, tt.url)
	}
}
