package authlinkhttp

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeclaredLengthIsNotAllocated sends requests that declare 64 MiB,
// within the cap, and send six bytes: each handler allocates a few KiB, not
// the length declared.
func TestDeclaredLengthIsNotAllocated(t *testing.T) {
	const declared = 64 << 20
	cfg := Config{Options: authlink.Options{MaxBytes: declared}}
	hook, err := Webhook(WebhookConfig{Config: cfg, Secrets: []string{newSecret}}, func(context.Context, *authlink.AuthLink) error { return nil })
	require.NoError(t, err)
	for _, h := range []struct {
		name    string
		handler http.Handler
	}{
		{"Middleware", Middleware(cfg)(echo)},
		{"VerdictOnly", VerdictOnly(cfg)(echo)},
		{"Webhook", hook},
	} {
		t.Run(h.name, func(t *testing.T) {
			r, err := NewSignedRequest("http://receiver.example/", newSecret, nil)
			require.NoError(t, err)
			r.Body, r.ContentLength = io.NopCloser(strings.NewReader(`{"id":`)), declared
			w := httptest.NewRecorder()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			h.handler.ServeHTTP(w, r)
			runtime.ReadMemStats(&after)
			assert.Equal(t, http.StatusBadRequest, w.Code, "the body ended before its declared length")
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<10), "bytes allocated")
		})
	}
}

// TestReadDeclared checks that the growing buffer reads every length
// exactly, refuses a body that ends early or runs on, and never allocates
// more than twice what arrived plus firstRead.
func TestReadDeclared(t *testing.T) {
	for _, n := range []int{1, firstRead - 1, firstRead, firstRead + 1, 5*firstRead + 3, 64 << 10} {
		data := bytes.Repeat([]byte("x"), n)
		got, err := readDeclared(io.MultiReader(bytes.NewReader(data[:n/2]), bytes.NewReader(data[n/2:])), n)
		require.NoError(t, err, n)
		assert.Equal(t, data, got, n)
		assert.LessOrEqual(t, cap(got), max(2*n, firstRead), n)

		_, err = readDeclared(bytes.NewReader(data[:n-1]), n)
		assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "%d: ends early", n)
		_, err = readDeclared(bytes.NewReader(append(data, 'y')), n)
		assert.Error(t, err, "%d: runs on", n)
	}
}

// TestContentEncoding checks that a body is accepted only without a
// content coding, and that anything else is refused with 415 and
// Accept-Encoding: identity by the middleware and the webhook alike.
func TestContentEncoding(t *testing.T) {
	valid := authlinktest.FixtureJSON()
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(valid)
	require.NoError(t, zw.Close())
	hook, err := Webhook(WebhookConfig{Secrets: []string{newSecret}}, func(context.Context, *authlink.AuthLink) error { return nil })
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/middleware", Middleware(Config{})(echo))
	mux.Handle("/hook", hook)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		name     string
		encoding []string // Content-Encoding lines
		body     []byte
		accepted bool
	}{
		{"no coding", nil, valid, true},
		{"identity", []string{"identity"}, valid, true},
		{"identity in capitals", []string{"Identity"}, valid, true},
		{"empty header", []string{""}, valid, true},
		{"gzip body", []string{"gzip"}, zipped.Bytes(), false},
		{"plain body labelled gzip", []string{"gzip"}, valid, false},
		{"gzip after identity", []string{"identity, gzip"}, valid, false},
		{"gzip on a second line", []string{"identity", "gzip"}, valid, false},
		{"unknown coding", []string{"x-snappy"}, valid, false},
	}
	for _, tt := range tests {
		for _, path := range []string{"/middleware", "/hook"} {
			t.Run(tt.name+path, func(t *testing.T) {
				r, err := NewSignedRequest(srv.URL+path, newSecret, tt.body)
				require.NoError(t, err)
				for _, e := range tt.encoding {
					r.Header.Add("Content-Encoding", e)
				}
				resp, body := do(t, r)
				if tt.accepted {
					assert.Contains(t, []int{200, 204}, resp.StatusCode, body)
					return
				}
				assert.Equal(t, http.StatusUnsupportedMediaType, resp.StatusCode, body)
				assert.Equal(t, "identity", resp.Header.Get("Accept-Encoding"))
				p := problemOf(t, resp, body)
				assert.Equal(t, TypeMediaType, p.Type)
				assert.Contains(t, p.Detail, "Content-Encoding")
			})
		}
	}
}

// TestWebhookContentType checks the webhook's media-type rule: a signed
// delivery without Content-Type is read as JSON; one with another type, or
// content-coded, gets 415.
func TestWebhookContentType(t *testing.T) {
	tests := []struct {
		name     string
		header   map[string]string
		status   int
		encoding string // Accept-Encoding of the answer
	}{
		{"application/json", map[string]string{"Content-Type": "application/json"}, 204, ""},
		{"no Content-Type", map[string]string{"Content-Type": ""}, 204, ""},
		{"+json", map[string]string{"Content-Type": "application/vnd.stackone+json; charset=utf-8"}, 204, ""},
		{"text/plain", map[string]string{"Content-Type": "text/plain"}, 415, ""},
		{"other charset", map[string]string{"Content-Type": "application/json; charset=latin1"}, 415, ""},
		{"no Content-Type, gzip", map[string]string{"Content-Type": "", "Content-Encoding": "gzip"}, 415, "identity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newHook(t, WebhookConfig{}, func(context.Context, *authlink.AuthLink) error { return nil })
			r := signed(t, "msg_type")
			for k, v := range tt.header {
				if v == "" {
					r.Header.Del(k)
					continue
				}
				r.Header.Set(k, v)
			}
			w := f.serve(r)
			assert.Equal(t, tt.status, w.Code)
			assert.Equal(t, tt.encoding, w.Header().Get("Accept-Encoding"))
		})
	}
}
