package authlinkhttp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testdataFile returns a file of ../testdata.
func testdataFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../testdata", name))
	require.NoError(t, err)
	return data
}

// The problem detail of the document profile's smallest payload under the
// api profile: its six camelCase required members are missing, and one hint
// says why.
const camelCaseDetail = "6 violation(s) of the ConnectSessionTokenAuthLink schema. " +
	"Hint: member names follow the SDK document (camelCase); use the document profile."

// TestProfileRulesThroughHTTP shows each rule that sets the profiles apart
// through Middleware and VerdictOnly, configured with the profile: the status,
// the violations of the problem document, and never the external trigger
// token.
func TestProfileRulesThroughHTTP(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	mux := http.NewServeMux()
	for _, p := range authlink.Profiles() {
		cfg := Config{Options: authlink.Options{Profile: p}, OnReject: func(_ *http.Request, pr *Problem) { logger.Info("rejected", "problem", pr) }}
		mux.Handle("/"+p.String()+"/middleware", Middleware(cfg)(logged(logger)))
		mux.Handle("/"+p.String()+"/check", VerdictOnly(cfg)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusNoContent)
		})))
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, row := range hostile.ProfileRows() {
		payload, err := row.Payload("../testdata")
		require.NoError(t, err)
		var want []string
		for _, w := range row.Want {
			want = append(want, "#"+w)
		}
		for _, handler := range []string{"middleware", "check"} {
			t.Run(row.Name+"/"+handler, func(t *testing.T) {
				resp, body := post(t, srv.URL+"/"+row.Profile+"/"+handler, "application/json", payload)
				noSecret(t, row.Name, body)
				if want == nil {
					assert.Equal(t, http.StatusNoContent, resp.StatusCode, body)
					return
				}
				assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
				p := problemOf(t, resp, body)
				var got []string
				for _, e := range p.Errors {
					got = append(got, e.Pointer+" "+string(e.Code))
				}
				assert.Equal(t, want, got)
				assert.NotContains(t, p.Detail, "Hint")
			})
		}
	}
	require.NotEmpty(t, logs.String())
	noSecret(t, "logs", logs.String())
}

// TestAPIReferenceThroughMiddleware sends the API reference's example
// response to the middleware with the zero Config: it is valid, decoded in
// the api profile, and neither secret reaches a log.
func TestAPIReferenceThroughMiddleware(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	var got *authlink.AuthLink
	srv := httptest.NewServer(Middleware(Config{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = FromContext(r.Context())
		logger.Info("accepted", "link", got)
		fmt.Fprintf(w, "%v", got)
	})))
	defer srv.Close()
	resp, body := post(t, srv.URL, "application/json", testdataFile(t, hostile.ValidPayloads["api"]))
	require.Equal(t, 200, resp.StatusCode, body)
	require.NotNil(t, got)
	assert.Equal(t, authlink.ProfileAPI, got.Profile)
	org, isString := got.OrganizationID.Text()
	assert.True(t, isString)
	assert.Equal(t, "org_5f2c9a1b", org)
	typ, _ := got.Type.Get()
	assert.Equal(t, authlink.LinkTypeProduction, typ)
	trigger, _ := got.ExternalTriggerToken.Get()
	assert.Equal(t, authlink.Token("ext_trig_ref_0123456789abcdef"), trigger)
	for _, out := range []string{body, logs.String()} {
		assert.NotContains(t, out, "ext_trig_ref_0123456789abcdef")
		assert.NotContains(t, out, "sess_tok_ref_0123456789abcdef")
	}
}

// TestHintInProblemDetail checks that a body whose member names follow the
// other profile gets the hint once, in the problem's detail, from every
// handler that validates: Middleware, VerdictOnly, Webhook and CheckResponses.
func TestHintInProblemDetail(t *testing.T) {
	hook, err := Webhook(WebhookConfig{Secrets: []string{newSecret}}, func(context.Context, *authlink.AuthLink) error { return nil })
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/middleware", Middleware(Config{})(echo))
	mux.Handle("/check", VerdictOnly(Config{})(echo))
	mux.Handle("/document", Middleware(Config{Options: authlink.Options{Profile: authlink.ProfileDocument}})(echo))
	mux.Handle("/hook", hook)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	apiPayload := testdataFile(t, "api/valid/minimal.json")
	documentPayload := testdataFile(t, hostile.ValidPayloads["document"])
	emptyToken, err := hostile.WithChanges(apiPayload, map[string]any{"token": ""})
	require.NoError(t, err)

	tests := []struct {
		name, path string
		body       []byte
		detail     string
	}{
		{"camelCase under api, Middleware", "/middleware", documentPayload, camelCaseDetail},
		{"camelCase under api, VerdictOnly", "/check", documentPayload, camelCaseDetail},
		{"snake_case under document", "/document", apiPayload, "6 violation(s) of the ConnectSessionTokenAuthLink schema. " +
			"Hint: member names follow StackOne's API (snake_case); use the api profile."},
		{"no hint for a payload of the profile", "/middleware", emptyToken,
			"1 violation(s) of the ConnectSessionTokenAuthLink schema."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, srv.URL+tt.path, "application/json", tt.body)
			require.Equal(t, 422, resp.StatusCode)
			assert.Equal(t, tt.detail, problemOf(t, resp, body).Detail)
			assert.LessOrEqual(t, strings.Count(body, "Hint"), 1)
		})
	}

	t.Run("Webhook", func(t *testing.T) {
		r, err := NewSignedRequest(srv.URL+"/hook", newSecret, documentPayload)
		require.NoError(t, err)
		resp, body := do(t, r)
		require.Equal(t, 422, resp.StatusCode)
		assert.Equal(t, camelCaseDetail, problemOf(t, resp, body).Detail)
	})

	t.Run("CheckResponses", func(t *testing.T) {
		var logs bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logs, nil))
		rec := httptest.NewRecorder()
		CheckResponses(ResponseConfig{Mode: Enforce, ShowViolations: true, Logger: logger})(emitter(200, documentPayload)).
			ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		require.Equal(t, 500, rec.Code)
		var p Problem
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
		assert.Equal(t, "The server produced an auth link that breaks the schema. "+
			"Hint: member names follow the SDK document (camelCase); use the document profile.", p.Detail)
		assert.Equal(t, 1, strings.Count(logs.String(), `"hint":"member names follow the SDK document (camelCase); use the document profile"`))
	})
}
