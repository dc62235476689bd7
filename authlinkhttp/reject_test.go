package authlinkhttp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestErrorWriterWithoutStatus checks that a rejection written by an
// ErrorWriter that sets no status carries the problem's own status, whether
// the connection is kept or closed (hijacked on a server, buffered in a
// recorder), and that a status the ErrorWriter sets wins.
func TestErrorWriterWithoutStatus(t *testing.T) {
	writers := []struct {
		name   string
		write  func(w http.ResponseWriter, r *http.Request, p *Problem)
		status int // 0: the problem's
		body   string
	}{
		{"body only", func(w http.ResponseWriter, _ *http.Request, p *Problem) { fmt.Fprint(w, "custom ", p.Status) }, 0, "custom "},
		{"nothing", func(http.ResponseWriter, *http.Request, *Problem) {}, 0, ""},
		{"own status", func(w http.ResponseWriter, _ *http.Request, _ *Problem) { w.WriteHeader(http.StatusTeapot) }, http.StatusTeapot, ""},
	}
	const max = 16
	long := bytes.Repeat([]byte("x"), 100) // over the cap: the connection is closed
	requests := []struct {
		name, method, path, contentType string
		body                            []byte
		status                          int
	}{
		{"415 over the cap", "POST", "/middleware", "text/plain", long, 415},
		{"415 under the cap", "POST", "/middleware", "text/plain", []byte("{}"), 415},
		{"405 over the cap", "GET", "/hook", "application/json", long, 405},
		{"401 over the cap", "POST", "/hook", "application/json", long, 401},
		{"413", "POST", "/middleware", "application/json", long, 413},
		{"422", "POST", "/middleware", "application/json", []byte("{}"), 422},
	}
	for _, ew := range writers {
		cfg := Config{Options: authlink.Options{MaxBytes: max}, ErrorWriter: ew.write}
		hook, err := Webhook(WebhookConfig{Config: cfg, Secrets: []string{newSecret}}, func(context.Context, *authlink.AuthLink) error { return nil })
		require.NoError(t, err)
		mux := http.NewServeMux()
		mux.Handle("/middleware", Middleware(cfg)(echo))
		mux.Handle("/hook", hook)
		srv := httptest.NewServer(mux)
		defer srv.Close()
		for _, rq := range requests {
			want := rq.status
			if ew.status != 0 {
				want = ew.status
			}
			wantBody := ew.body
			if wantBody != "" {
				wantBody += fmt.Sprint(rq.status)
			}
			t.Run(ew.name+"/"+rq.name+"/server", func(t *testing.T) {
				r, err := http.NewRequest(rq.method, srv.URL+rq.path, bytes.NewReader(rq.body))
				require.NoError(t, err)
				r.Header.Set("Content-Type", rq.contentType)
				resp, body := do(t, r)
				assert.Equal(t, want, resp.StatusCode)
				assert.Equal(t, wantBody, body)
			})
			t.Run(ew.name+"/"+rq.name+"/recorder", func(t *testing.T) {
				r := httptest.NewRequest(rq.method, rq.path, bytes.NewReader(rq.body))
				r.Header.Set("Content-Type", rq.contentType)
				w := httptest.NewRecorder()
				mux.ServeHTTP(w, r)
				assert.Equal(t, want, w.Code)
				body, _ := io.ReadAll(w.Body)
				assert.Equal(t, wantBody, string(body))
			})
		}
	}
}
