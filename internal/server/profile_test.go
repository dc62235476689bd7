package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiReference is the example response of StackOne's API reference for
// POST /connect_sessions, with values in place of its placeholders.
const apiReference = `{"id": 1234, "organization_id": "org_5f2c9a", "project_id": "proj_7d1e4b", "categories": ["ats","hris","crm"], "provider": "greenhouse", "origin_owner_id": "cust_8e41c0b7", "origin_owner_name": "Acme Corporation", "origin_username": "jane.doe@acme.example", "account_id": null, "label": "Acme Greenhouse", "created_at": "2026-03-02T10:15:30.123Z", "metadata": {"plan": "enterprise"}, "token": "sess_tok_ref_0123456789abcdef", "auth_link_url": "https://hub.stackone.com/connect?token=sess_tok_ref_0123456789abcdef", "external_trigger_token": "ext_trig_0123456789abcdef", "type": "production", "integration_id": "int_3b9d2f", "connector_profile_id": "cp_1a2b3c", "latest_connection_attempt": null}`

// documentPayload is a valid payload of the document profile.
const documentPayload = `{"id":1,"organizationId":2,"projectId":"p","originOwnerId":"o","originOwnerName":"n","createdAt":"2025-03-14T09:26:53Z","token":"t","authLinkUrl":"https://hub.stackone.com"}`

// reference returns apiReference with the members changed.
func reference(t *testing.T, changes map[string]any) []byte {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(apiReference), &doc))
	for name, v := range changes {
		doc[name] = v
	}
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return b
}

// TestProfiles runs the service as `authlink serve` does, with the default
// profile and with --profile document, and shows what each accepts, the
// hint of a payload written for the other profile, the schema served, and
// that the external trigger token never comes back.
func TestProfiles(t *testing.T) {
	servers := map[authlink.Profile]*httptest.Server{}
	for _, p := range authlink.Profiles() {
		srv := httptest.NewServer(Handler(Config{Validate: true, HTTP: authlinkhttp.Config{Profile: p}}))
		defer srv.Close()
		servers[p] = srv
	}
	api, document := authlink.ProfileAPI, authlink.ProfileDocument
	camelHint := "6 violation(s) of the ConnectSessionTokenAuthLink schema. Hint: member names follow the SDK document (camelCase); use the document profile."
	tests := []struct {
		name    string
		profile authlink.Profile
		body    []byte
		status  int
		detail  string   // of the problem
		errors  []string // "pointer code" of each violation
	}{
		{"API reference example", api, []byte(apiReference), 200, "", nil},
		{"organization_id a number", api, reference(t, map[string]any{"organization_id": 17}), 200, "", nil},
		{"organization_id empty", api, reference(t, map[string]any{"organization_id": ""}), 422,
			"1 violation(s) of the ConnectSessionTokenAuthLink schema.", []string{"#/organization_id empty"}},
		{"categories null", api, reference(t, map[string]any{"categories": nil}), 200, "", nil},
		{"new categories", api, reference(t, map[string]any{"categories": []string{"messaging", "accounting", "scheduling"}}), 200, "", nil},
		{"an unknown type", api, reference(t, map[string]any{"type": "sandbox_2027"}), 200, "", nil},
		{"external_trigger_token, invalid payload", api,
			reference(t, map[string]any{"external_trigger_token": hostile.Sentinel, "token": "", "categories": []string{hostile.Sentinel}}), 422,
			"2 violation(s) of the ConnectSessionTokenAuthLink schema.", []string{"#/categories/0 enum", "#/token empty"}},
		{"camelCase under api", api, []byte(documentPayload), 422, camelHint, nil},
		{"document payload under document", document, []byte(documentPayload), 200, "", nil},
		{"API reference example under document", document, []byte(apiReference), 422,
			"6 violation(s) of the ConnectSessionTokenAuthLink schema. Hint: member names follow StackOne's API (snake_case); use the api profile.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(servers[tt.profile].URL+"/validate", "application/json", bytes.NewReader(tt.body))
			require.NoError(t, err)
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.status, resp.StatusCode, string(body))
			assert.NotContains(t, string(body), hostile.Sentinel)
			assert.NotContains(t, string(body), "ext_trig_0123456789abcdef")
			if tt.status == 200 {
				assert.Equal(t, `{"valid":true}`+"\n", string(body))
				return
			}
			var p authlinkhttp.Problem
			require.NoError(t, json.Unmarshal(body, &p))
			assert.Equal(t, tt.detail, p.Detail)
			assert.LessOrEqual(t, strings.Count(string(body), "Hint:"), 1)
			if tt.errors != nil {
				var got []string
				for _, e := range p.Errors {
					got = append(got, e.Pointer+" "+string(e.Code))
				}
				assert.Equal(t, tt.errors, got)
			}
		})
	}
	for _, p := range authlink.Profiles() {
		t.Run("GET /schema, "+p.String(), func(t *testing.T) {
			resp, err := http.Get(servers[p].URL + "/schema")
			require.NoError(t, err)
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, string(p.Schema()), string(body))
			assert.Equal(t, "application/schema+json", resp.Header.Get("Content-Type"))
		})
	}
	assert.NotEqual(t, string(api.Schema()), string(document.Schema()), "the two schemas differ, so the test can tell them apart")
}

// TestRunLogsProfile checks the service says which profile it serves.
func TestRunLogsProfile(t *testing.T) {
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Addr: "127.0.0.1:0", Validate: true, Timeouts: DefaultTimeouts,
			HTTP: authlinkhttp.Config{Profile: authlink.ProfileDocument}}, &logs, ready)
	}()
	addr := <-ready
	cancel()
	require.NoError(t, <-done)
	assert.Contains(t, logs.String(), "authlink: serving the document profile on http://"+addr+" ")
}
