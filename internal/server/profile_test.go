package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProfiles runs the service as `authlink serve` does, with the default
// profile and with --profile document, and shows what each accepts, the
// hint of a payload written for the other profile, the schema served, and
// that the external trigger token never comes back.
func TestProfiles(t *testing.T) {
	servers := map[string]*httptest.Server{}
	for _, p := range authlink.Profiles() {
		srv := httptest.NewServer(Handler(Config{Validate: true, HTTP: authlinkhttp.Config{Options: authlink.Options{Profile: p}}}))
		defer srv.Close()
		servers[p.String()] = srv
	}
	apiReference, err := os.ReadFile(filepath.Join("../../testdata", hostile.ValidPayloads["api"]))
	require.NoError(t, err)
	documentPayload, err := os.ReadFile(filepath.Join("../../testdata", hostile.ValidPayloads["document"]))
	require.NoError(t, err)
	var reference struct {
		ExternalTriggerToken string `json:"external_trigger_token"`
	}
	require.NoError(t, json.Unmarshal(apiReference, &reference))
	require.NotEmpty(t, reference.ExternalTriggerToken)

	type test struct {
		name    string
		profile string
		body    []byte
		status  int
		detail  string   // of the problem
		errors  []string // "pointer code" of each violation
	}
	var tests []test
	for _, row := range hostile.ProfileRows() {
		body, err := row.Payload("../../testdata")
		require.NoError(t, err)
		tt := test{name: row.Name, profile: row.Profile, body: body, status: 200}
		if row.Want != nil {
			tt.status = 422
			tt.detail = fmt.Sprintf("%d violation(s) of the ConnectSessionTokenAuthLink schema.", len(row.Want))
			for _, w := range row.Want {
				tt.errors = append(tt.errors, "#"+w)
			}
		}
		tests = append(tests, tt)
	}
	tests = append(tests,
		test{"camelCase under api", "api", documentPayload, 422,
			"6 violation(s) of the ConnectSessionTokenAuthLink schema. Hint: member names follow the SDK document (camelCase); use the document profile.", nil},
		// Three of its categories are new to the API, hence 9.
		test{"API reference example under document", "document", apiReference, 422,
			"9 violation(s) of the ConnectSessionTokenAuthLink schema. Hint: member names follow StackOne's API (snake_case); use the api profile.", nil},
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(servers[tt.profile].URL+"/validate", "application/json", bytes.NewReader(tt.body))
			require.NoError(t, err)
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.status, resp.StatusCode, string(body))
			assert.False(t, hostile.Shows(string(body)), "a secret shows in %s", body)
			assert.NotContains(t, string(body), reference.ExternalTriggerToken)
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
			resp, err := http.Get(servers[p.String()].URL + "/schema")
			require.NoError(t, err)
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, string(p.Schema()), string(body))
			assert.Equal(t, "application/schema+json", resp.Header.Get("Content-Type"))
		})
	}
	assert.NotEqual(t, string(authlink.ProfileAPI.Schema()), string(authlink.ProfileDocument.Schema()), "the two schemas differ, so the test can tell them apart")
}

// TestRunLogsProfile checks the service says which profile it serves.
func TestRunLogsProfile(t *testing.T) {
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Addr: "127.0.0.1:0", Validate: true, Timeouts: DefaultTimeouts,
			HTTP: authlinkhttp.Config{Options: authlink.Options{Profile: authlink.ProfileDocument}}}, &logs, ready)
	}()
	addr := <-ready
	cancel()
	require.NoError(t, <-done)
	assert.Contains(t, logs.String(), "authlink: serving the document profile on http://"+addr+" ")
}
