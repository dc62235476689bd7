package authlinkhttp

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
)

// discardResponse is a ResponseWriter that keeps nothing, so that the
// benchmarks measure the handlers, not a recorder.
type discardResponse struct{ h http.Header }

func (d *discardResponse) Header() http.Header         { return d.h }
func (d *discardResponse) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardResponse) WriteHeader(int)             {}

// BenchmarkHandlers measures what the middleware adds to a request: the
// baseline reads the body into memory and answers, as the load test's
// baseline server does.
func BenchmarkHandlers(b *testing.B) {
	body := authlinktest.FixtureJSON()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) })
	for _, h := range []struct {
		name    string
		handler http.Handler
	}{
		{"baseline", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, err := io.ReadAll(http.MaxBytesReader(w, r.Body, authlink.DefaultMaxBytes)); err == nil {
				w.WriteHeader(200)
			}
		})},
		{"VerdictOnly", VerdictOnly(Config{})(ok)},
		{"Middleware", Middleware(Config{})(ok)},
	} {
		b.Run(h.name, func(b *testing.B) {
			b.ReportAllocs()
			w := &discardResponse{h: http.Header{}}
			for b.Loop() {
				r := httptest.NewRequest("POST", "/validate", bytes.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				h.handler.ServeHTTP(w, r)
			}
		})
	}
}
