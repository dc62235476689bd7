package authlinkhttp

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"strconv"
	"testing"

	"github.com/authlink-go/authlink"
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
	valid := authlinktest.FixtureJSON()
	invalid := authlinktest.FixtureJSON(authlinktest.WithCategories("payroll"), authlinktest.WithToken("sess_tok_in_the_response"))
	tests := []struct {
		name       string
		cfg        ResponseConfig
		status     int
		body       []byte
		wantStatus int
		wantBody   []byte // nil: a problem document
		logged     bool
	}{
		{"report, valid", ResponseConfig{Mode: Report}, 200, valid, 200, valid, false},
		{"report, invalid passes through", ResponseConfig{Mode: Report}, 201, invalid, 201, invalid, true},
		{"report, error statuses are not checked", ResponseConfig{Mode: Report}, 404, []byte("not found"), 404, []byte("not found"), false},
		{"report, Status is Enforce's only", ResponseConfig{Mode: Report, Status: 502}, 201, invalid, 201, invalid, true},
		{"enforce, valid", ResponseConfig{Mode: Enforce}, 200, valid, 200, valid, false},
		{"enforce, invalid becomes 500", ResponseConfig{Mode: Enforce}, 200, invalid, 500, nil, true},
		{"enforce, a gateway answers 502", ResponseConfig{Mode: Enforce, Status: http.StatusBadGateway}, 200, invalid, 502, nil, true},
		{"enforce, violations on request", ResponseConfig{Mode: Enforce, Status: http.StatusBadGateway, ShowViolations: true}, 200, invalid, 502, nil, true},
		{"enforce, not JSON at all", ResponseConfig{Mode: Enforce}, 200, []byte("<html>"), 500, nil, true},
		{"enforce, no content", ResponseConfig{Mode: Enforce}, 204, nil, 204, []byte{}, false},
		{"report, 2xx with no body is not checked", ResponseConfig{Mode: Report}, 201, nil, 201, []byte{}, false},
		{"enforce, 2xx with no body is not checked", ResponseConfig{Mode: Enforce}, 201, nil, 201, []byte{}, false},
		{"enforce, 200 with no body is not checked", ResponseConfig{Mode: Enforce}, 200, nil, 200, []byte{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			var rejected []*Problem
			cfg := tt.cfg
			cfg.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
			cfg.OnReject = func(_ *http.Request, p *Problem) { rejected = append(rejected, p) }
			srv := httptest.NewServer(CheckResponses(cfg)(emitter(tt.status, tt.body)))
			defer srv.Close()
			resp, body := post(t, srv.URL+"/links", "application/json", nil)
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			switch {
			case tt.wantBody == nil:
				p := problemOf(t, resp, body)
				assert.Equal(t, TypeInvalidResponse, p.Type)
				assert.Equal(t, "The server produced an auth link that breaks the schema.", p.Detail)
				assert.Equal(t, cfg.ShowViolations, len(p.Errors) > 0, "violations only on request")
				assert.NotContains(t, body, "sess_tok_in_the_response")
			default:
				assert.Equal(t, string(tt.wantBody), body)
				assert.Equal(t, "yes", resp.Header.Get("X-Handler"))
			}
			assert.Equal(t, tt.logged, logs.Len() > 0)
			assert.NotContains(t, logs.String(), "sess_tok_in_the_response")
			if !tt.logged {
				assert.Empty(t, rejected)
				return
			}
			assert.Contains(t, logs.String(), `"path":"/links"`)
			require.Len(t, rejected, 1)
			assert.Equal(t, TypeInvalidResponse, rejected[0].Type)
			assert.Equal(t, tt.wantStatus, rejected[0].Status, "OnReject sees the status answered")
			assert.NotEmpty(t, rejected[0].Errors, "OnReject sees the violations")
		})
	}
}

func TestCheckResponsesStatusMustBe5xx(t *testing.T) {
	for _, status := range []int{200, 404, 499, 600, -1} {
		assert.PanicsWithValue(t, "authlinkhttp: ResponseConfig.Status must be a 5xx status, not "+strconv.Itoa(status),
			func() { CheckResponses(ResponseConfig{Mode: Enforce, Status: status}) }, status)
	}
	for _, status := range []int{500, 502, 599} {
		assert.NotPanics(t, func() { CheckResponses(ResponseConfig{Mode: Enforce, Status: status}) }, status)
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

// TestCheckResponsesHead checks that an answer to HEAD is not checked, even
// when the handler writes a body that net/http then drops.
func TestCheckResponsesHead(t *testing.T) {
	rec := httptest.NewRecorder()
	CheckResponses(ResponseConfig{Mode: Enforce})(emitter(200, []byte("<html>"))).ServeHTTP(rec, httptest.NewRequest("HEAD", "/", nil))
	assert.Equal(t, 200, rec.Code)
}

// TestCheckResponsesInformational sends 103 Early Hints before the final
// status: the hints reach the client at once, and the final status decides
// whether the body is checked.
func TestCheckResponsesInformational(t *testing.T) {
	valid := authlinktest.FixtureJSON()
	invalid := authlinktest.FixtureJSON(authlinktest.WithCategories("payroll"))
	tests := []struct {
		name       string
		mode       ResponseMode
		body       []byte
		wantStatus int
		logged     bool
	}{
		{"report, valid", Report, valid, 201, false},
		{"report, invalid is logged", Report, invalid, 201, true},
		{"enforce, valid", Enforce, valid, 201, false},
		{"enforce, invalid becomes 500", Enforce, invalid, 500, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			cfg := ResponseConfig{Mode: tt.mode, Logger: slog.New(slog.NewJSONHandler(&logs, nil))}
			srv := httptest.NewServer(CheckResponses(cfg)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Link", "</style.css>; rel=preload; as=style")
				w.WriteHeader(http.StatusEarlyHints)
				w.Header().Del("Link")
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusCreated)
				w.Write(tt.body)
			})))
			defer srv.Close()
			var hints []int
			var hintLink string
			trace := &httptrace.ClientTrace{Got1xxResponse: func(code int, h textproto.MIMEHeader) error {
				hints, hintLink = append(hints, code), h.Get("Link")
				return nil
			}}
			r, err := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), "GET", srv.URL, nil)
			require.NoError(t, err)
			resp, body := do(t, r)
			assert.Equal(t, []int{http.StatusEarlyHints}, hints)
			assert.Equal(t, "</style.css>; rel=preload; as=style", hintLink)
			assert.Empty(t, resp.Header.Get("Link"), "the final response has the headers set when it was written")
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			if tt.wantStatus == 201 {
				assert.Equal(t, string(tt.body), body)
			}
			assert.Equal(t, tt.logged, logs.Len() > 0)
			if tt.logged {
				assert.Contains(t, logs.String(), `"status":201`)
			}
		})
	}
}

// TestEncodedLinkPassesEnforce checks that a link Middleware accepted, at
// exactly the cap, comes back through Enforce under the same cap when the
// handler answers with authlink.Encode: escapes such as \b, and &, < and >,
// keep their short forms.
func TestEncodedLinkPassesEnforce(t *testing.T) {
	body := []byte(`{"id":9007199254740993,"organization_id":"org_1","project_id":"proj_1","origin_owner_id":"o",` +
		`"origin_owner_name":"A&B <Corp>","label":"tab\b&\t","created_at":"2025-03-14T09:26:53.589Z",` +
		`"metadata":{"note":"x\b&<>","n":1.50},"token":"sess_tok_abc","auth_link_url":"https://hub.stackone.com/connect?a=1&b=2",` +
		`"x_unknown":["\b&",1E2]}`)
	cfg := Config{Options: authlink.Options{MaxBytes: len(body)}}
	var logs bytes.Buffer
	handler := CheckResponses(ResponseConfig{Config: cfg, Mode: Enforce, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})(
		Middleware(cfg)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			link, _ := FromContext(r.Context())
			out, err := authlink.Encode(link)
			require.NoError(t, err)
			w.Header().Set("Content-Type", "application/json")
			w.Write(out)
		})))
	r := httptest.NewRequest("POST", "/auth-links", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, r)
	require.Equal(t, 200, rec.Code, rec.Body.String())
	assert.LessOrEqual(t, rec.Body.Len(), len(body))
	assert.Contains(t, rec.Body.String(), `"sess_tok_abc"`, "the wire form, not the redacted view")
	assert.Empty(t, logs.String())
}
