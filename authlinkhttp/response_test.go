package authlinkhttp

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// emitter answers with the given status and body, like a handler that
// issues auth links.
func emitter(status int, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Handler", "yes")
		w.WriteHeader(status)
		w.Write(body)
	})
}

func TestCheckResponses(t *testing.T) {
	valid := authlinktest.ValidJSON()
	invalid := authlinktest.ValidJSON(authlinktest.WithCategories("payroll"), authlinktest.WithToken("sess_tok_in_the_response"))
	tests := []struct {
		name       string
		mode       ResponseMode
		status     int
		body       []byte
		wantStatus int
		wantBody   []byte // nil: a problem document
		logged     bool
	}{
		{"report, valid", Report, 200, valid, 200, valid, false},
		{"report, invalid passes through", Report, 201, invalid, 201, invalid, true},
		{"report, error statuses are not checked", Report, 404, []byte("not found"), 404, []byte("not found"), false},
		{"enforce, valid", Enforce, 200, valid, 200, valid, false},
		{"enforce, invalid becomes 500", Enforce, 200, invalid, 500, nil, true},
		{"enforce, not JSON at all", Enforce, 200, []byte("<html>"), 500, nil, true},
		{"enforce, no content", Enforce, 204, nil, 204, []byte{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			var rejected int
			cfg := ResponseConfig{Mode: tt.mode, Logger: slog.New(slog.NewJSONHandler(&logs, nil)),
				Config: Config{OnReject: func(*http.Request, *Problem) { rejected++ }}}
			srv := httptest.NewServer(CheckResponses(cfg)(emitter(tt.status, tt.body)))
			defer srv.Close()
			resp, body := post(t, srv.URL+"/links", "application/json", nil)
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			switch {
			case tt.wantBody == nil:
				p := problemOf(t, resp, body)
				assert.Equal(t, TypeInternal, p.Type)
				assert.NotEmpty(t, p.Errors)
			default:
				assert.Equal(t, string(tt.wantBody), body)
				assert.Equal(t, "yes", resp.Header.Get("X-Handler"))
			}
			assert.Equal(t, tt.logged, logs.Len() > 0)
			assert.Equal(t, tt.logged, rejected == 1)
			assert.NotContains(t, logs.String(), "sess_tok_in_the_response")
			if tt.logged {
				assert.Contains(t, logs.String(), `"path":"/links"`)
			}
		})
	}
}

func TestCheckResponsesDefaults(t *testing.T) {
	var logs bytes.Buffer
	saved := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	defer slog.SetDefault(saved)
	rec := httptest.NewRecorder()
	CheckResponses(ResponseConfig{})(emitter(200, []byte(`{}`))).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	require.Equal(t, 200, rec.Code, "the zero value reports")
	assert.Contains(t, logs.String(), "violation.0=\"#/auth_link_url required\"")
}
