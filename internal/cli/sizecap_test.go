package cli

import (
	"encoding/json"
	"github.com/authlink-go/authlink"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/internal/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// verdict returns "ok" or the code that rejects input, sent in mode: as a
// file, on standard input, as NDJSON or as the body of a POST /validate to
// serve's handler, with a size cap of maxBytes.
func verdict(t *testing.T, mode, input string, maxBytes int) string {
	t.Helper()
	if mode == "http" {
		h := server.Handler(server.Config{Validate: true, HTTP: authlinkhttp.Config{Options: authlink.Options{MaxBytes: maxBytes}}})
		req := httptest.NewRequest("POST", "/validate", strings.NewReader(input))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK:
			return "ok"
		case http.StatusRequestEntityTooLarge:
			return "limit"
		}
		return strconv.Itoa(w.Code)
	}
	args := []string{"validate", "--format", "json", "--max-bytes", strconv.Itoa(maxBytes)}
	stdin := input
	switch mode {
	case "file":
		path := filepath.Join(t.TempDir(), "payload.json")
		require.NoError(t, os.WriteFile(path, []byte(input), 0o644))
		args, stdin = append(args, path), ""
	case "ndjson":
		args = append(args, "--ndjson")
	}
	_, stdout, _ := runCLI(t, stdin, args...)
	var r result
	require.NoError(t, json.Unmarshal([]byte(stdout), &r), stdout)
	if r.Valid {
		return "ok"
	}
	return string(r.Errors[0].Code)
}

// TestSizeCapAgreesAcrossModes sends the same payloads, one at the size cap
// and one a byte over it, as a file, on standard input, as an NDJSON line
// and as an HTTP body: the cap counts the payload, not the line terminator
// that frames it in a file, in NDJSON or in an HTTP body, so every mode
// gives the same verdict.
func TestSizeCapAgreesAcrossModes(t *testing.T) {
	atCap := validLine
	overCap := strings.Replace(validLine, "{", "{ ", 1)
	framings := []struct {
		name  string
		mode  string
		frame func(payload string) string
	}{
		{"file", "file", func(p string) string { return p }},
		{"file ending in a newline", "file", func(p string) string { return p + "\n" }},
		{"file ending in CRLF", "file", func(p string) string { return p + "\r\n" }},
		{"standard input ending in a newline", "stdin", func(p string) string { return p + "\n" }},
		{"NDJSON line", "ndjson", func(p string) string { return p + "\n" }},
		{"NDJSON line ending in CRLF", "ndjson", func(p string) string { return p + "\r\n" }},
		{"NDJSON last line with no terminator", "ndjson", func(p string) string { return p }},
		{"HTTP body", "http", func(p string) string { return p }},
		{"HTTP body ending in a newline", "http", func(p string) string { return p + "\n" }},
		{"HTTP body ending in CRLF", "http", func(p string) string { return p + "\r\n" }},
	}
	for _, payload := range []struct{ name, data, want string }{
		{"at the cap", atCap, "ok"},
		{"a byte over the cap", overCap, "limit"},
	} {
		for _, f := range framings {
			t.Run(payload.name+"/"+f.name, func(t *testing.T) {
				assert.Equal(t, payload.want, verdict(t, f.mode, f.frame(payload.data), len(atCap)))
			})
		}
	}
}

// TestSizeCapCountsWhiteSpace shows what the cap does count: white space
// inside the payload or after it, other than the one line terminator, in
// every mode.
func TestSizeCapCountsWhiteSpace(t *testing.T) {
	tests := []struct{ name, mode, input string }{
		{"file ending in two newlines", "file", validLine + "\n\n"},
		{"file ending in a space and a newline", "file", validLine + " \n"},
		{"file ending in a lone carriage return", "file", validLine + "\r"},
		{"NDJSON line ending in a space", "ndjson", validLine + " \n"},
		{"NDJSON last line ending in a lone carriage return", "ndjson", validLine + "\r"},
		{"HTTP body ending in two newlines", "http", validLine + "\n\n"},
		{"HTTP body ending in a space and a newline", "http", validLine + " \n"},
		{"HTTP body ending in a lone carriage return", "http", validLine + "\r"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, "limit", verdict(t, tt.mode, tt.input, len(validLine)))
		})
	}
}
