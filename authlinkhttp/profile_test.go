package authlinkhttp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiReference is the example response of StackOne's API reference for
// POST /connect_sessions, with values in place of its placeholders.
const apiReference = `{"id": 1234, "organization_id": "org_5f2c9a", "project_id": "proj_7d1e4b", "categories": ["ats","hris","crm"], "provider": "greenhouse", "origin_owner_id": "cust_8e41c0b7", "origin_owner_name": "Acme Corporation", "origin_username": "jane.doe@acme.example", "account_id": null, "label": "Acme Greenhouse", "created_at": "2026-03-02T10:15:30.123Z", "metadata": {"plan": "enterprise"}, "token": "sess_tok_ref_0123456789abcdef", "auth_link_url": "https://hub.stackone.com/connect?token=sess_tok_ref_0123456789abcdef", "external_trigger_token": "ext_trig_0123456789abcdef", "type": "production", "integration_id": "int_3b9d2f", "connector_profile_id": "cp_1a2b3c", "latest_connection_attempt": null}`

// The smallest valid payload of each profile.
const (
	apiPayload      = `{"id":1,"organization_id":"org_2","project_id":"p","origin_owner_id":"o","origin_owner_name":"n","created_at":"2025-03-14T09:26:53Z","token":"t","auth_link_url":"https://hub.stackone.com"}`
	documentPayload = `{"id":1,"organizationId":2,"projectId":"p","originOwnerId":"o","originOwnerName":"n","createdAt":"2025-03-14T09:26:53Z","token":"t","authLinkUrl":"https://hub.stackone.com"}`
)

// The problem detail of documentPayload under the api profile: its six
// camelCase required members are missing, and one hint says why.
const camelCaseDetail = "6 violation(s) of the ConnectSessionTokenAuthLink schema. " +
	"Hint: member names follow the SDK document (camelCase); use the document profile."

// absent, as the value of a member in payload's changes, removes the member.
type absent struct{}

// payload returns the smallest valid payload of the profile with the
// members changed: set to the value given, or removed when it is absent{}.
func payload(t *testing.T, p authlink.Profile, changes map[string]any) []byte {
	t.Helper()
	base := apiPayload
	if p == authlink.ProfileDocument {
		base = documentPayload
	}
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(base), &doc))
	for name, v := range changes {
		if _, ok := v.(absent); ok {
			delete(doc, name)
		} else {
			doc[name] = v
		}
	}
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return b
}

// TestProfileRulesThroughHTTP shows each rule that sets the profiles apart
// through Middleware and Check, configured with the profile: the status,
// the violations of the problem document, and never the external trigger
// token.
func TestProfileRulesThroughHTTP(t *testing.T) {
	api, document := authlink.ProfileAPI, authlink.ProfileDocument
	newCategories := []string{"messaging", "accounting", "scheduling"}
	tests := []struct {
		name    string
		profile authlink.Profile
		changes map[string]any
		want    []string // "pointer code" of each violation
	}{
		{"organization_id a string", api, map[string]any{"organization_id": "org_5f2c9a"}, nil},
		{"organization_id a number", api, map[string]any{"organization_id": 17}, nil},
		{"organization_id empty", api, map[string]any{"organization_id": ""}, []string{"#/organization_id empty"}},
		{"categories null under api", api, map[string]any{"categories": nil}, nil},
		{"categories null under document", document, map[string]any{"categories": nil}, []string{"#/categories type"}},
		{"new categories under api", api, map[string]any{"categories": newCategories}, nil},
		{"new categories under document", document, map[string]any{"categories": newCategories},
			[]string{"#/categories/0 enum", "#/categories/1 enum", "#/categories/2 enum"}},
		{"an unknown type", api, map[string]any{"type": "sandbox_2027"}, nil},
		{"external_trigger_token", api, map[string]any{"external_trigger_token": hostile.Sentinel}, nil},
		{"external_trigger_token in an invalid payload", api,
			map[string]any{"external_trigger_token": hostile.Sentinel, "token": absent{}, "categories": []string{hostile.Sentinel}},
			[]string{"#/categories/0 enum", "#/token required"}},
		{"external_trigger_token not a string", api, map[string]any{"external_trigger_token": 7}, []string{"#/external_trigger_token type"}},
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	mux := http.NewServeMux()
	for _, p := range authlink.Profiles() {
		cfg := Config{Profile: p, OnReject: func(_ *http.Request, pr *Problem) { logger.Info("rejected", "problem", pr) }}
		mux.Handle("/"+p.String()+"/middleware", Middleware(cfg)(logged(logger)))
		mux.Handle("/"+p.String()+"/check", Check(cfg)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusNoContent)
		})))
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, tt := range tests {
		for _, handler := range []string{"middleware", "check"} {
			t.Run(tt.name+"/"+handler, func(t *testing.T) {
				resp, body := post(t, srv.URL+"/"+tt.profile.String()+"/"+handler, "application/json", payload(t, tt.profile, tt.changes))
				noSecret(t, tt.name, body)
				if tt.want == nil {
					assert.Equal(t, http.StatusNoContent, resp.StatusCode, body)
					return
				}
				assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
				p := problemOf(t, resp, body)
				var got []string
				for _, e := range p.Errors {
					got = append(got, e.Pointer+" "+string(e.Code))
				}
				assert.Equal(t, tt.want, got)
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
	resp, body := post(t, srv.URL, "application/json", []byte(apiReference))
	require.Equal(t, 200, resp.StatusCode, body)
	require.NotNil(t, got)
	assert.Equal(t, authlink.ProfileAPI, got.Profile)
	org, isString := got.OrganizationID.Text()
	assert.True(t, isString)
	assert.Equal(t, "org_5f2c9a", org)
	typ, _ := got.Type.Get()
	assert.Equal(t, authlink.LinkTypeProduction, typ)
	trigger, _ := got.ExternalTriggerToken.Get()
	assert.Equal(t, authlink.Token("ext_trig_0123456789abcdef"), trigger)
	for _, out := range []string{body, logs.String()} {
		assert.NotContains(t, out, "ext_trig_0123456789abcdef")
		assert.NotContains(t, out, "sess_tok_ref_0123456789abcdef")
	}
}

// TestHintInProblemDetail checks that a body whose member names follow the
// other profile gets the hint once, in the problem's detail, from every
// handler that validates: Middleware, Check, Webhook and CheckResponses.
func TestHintInProblemDetail(t *testing.T) {
	hook, err := Webhook(WebhookConfig{Secrets: []string{newSecret}}, func(context.Context, *authlink.AuthLink) error { return nil })
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/middleware", Middleware(Config{})(echo))
	mux.Handle("/check", Check(Config{})(echo))
	mux.Handle("/document", Middleware(Config{Profile: authlink.ProfileDocument})(echo))
	mux.Handle("/hook", hook)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		name, path string
		body       string
		detail     string
	}{
		{"camelCase under api, Middleware", "/middleware", documentPayload, camelCaseDetail},
		{"camelCase under api, Check", "/check", documentPayload, camelCaseDetail},
		{"snake_case under document", "/document", apiPayload, "6 violation(s) of the ConnectSessionTokenAuthLink schema. " +
			"Hint: member names follow StackOne's API (snake_case); use the api profile."},
		{"no hint for a payload of the profile", "/middleware", strings.Replace(apiPayload, `"t"`, `""`, 1),
			"1 violation(s) of the ConnectSessionTokenAuthLink schema."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, srv.URL+tt.path, "application/json", []byte(tt.body))
			require.Equal(t, 422, resp.StatusCode)
			assert.Equal(t, tt.detail, problemOf(t, resp, body).Detail)
			assert.LessOrEqual(t, strings.Count(body, "Hint"), 1)
		})
	}

	t.Run("Webhook", func(t *testing.T) {
		r, err := NewSignedRequest(srv.URL+"/hook", newSecret, []byte(documentPayload))
		require.NoError(t, err)
		resp, body := do(t, r)
		require.Equal(t, 422, resp.StatusCode)
		assert.Equal(t, camelCaseDetail, problemOf(t, resp, body).Detail)
	})

	t.Run("CheckResponses", func(t *testing.T) {
		var logs bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logs, nil))
		rec := httptest.NewRecorder()
		CheckResponses(ResponseConfig{Mode: Enforce, Logger: logger})(emitter(200, []byte(documentPayload))).
			ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		require.Equal(t, 500, rec.Code)
		var p Problem
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
		assert.Equal(t, "The server produced an auth link that breaks the schema. "+
			"Hint: member names follow the SDK document (camelCase); use the document profile.", p.Detail)
		assert.Equal(t, 1, strings.Count(logs.String(), `"hint":"member names follow the SDK document (camelCase); use the document profile"`))
	})
}
