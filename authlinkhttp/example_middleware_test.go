package authlinkhttp_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinktest"
)

func ExampleMiddleware() {
	mux := http.NewServeMux()
	mux.Handle("POST /auth-links", authlinkhttp.Middleware(authlinkhttp.Config{})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			link, _ := authlinkhttp.FromContext(r.Context()) // typed and valid
			fmt.Fprintf(w, "stored %s for %s\n", link.ProjectID, link.OriginOwnerName)
		})))

	for _, body := range [][]byte{
		authlinktest.FixtureJSON(),
		authlinktest.Document(authlinktest.Without("token"), authlinktest.Set("categories", []string{"HRIS"})),
	} {
		req := httptest.NewRequest("POST", "/auth-links", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		fmt.Print(rec.Code, " ", rec.Body.String())
	}
	// Output:
	// 200 stored proj_6a1f93c2e4b04d7f for Acme Corporation
	// 422 {"type":"https://github.com/authlink-go/authlink/problems/invalid-auth-link","title":"Invalid auth link","status":422,"detail":"2 violation(s) of the ConnectSessionTokenAuthLink schema.","errors":[{"pointer":"#/categories/0","code":"enum","detail":"must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening, messaging, accounting, scheduling","line":1,"column":107,"offset":106},{"pointer":"#/token","code":"required","detail":"required member is missing","line":1,"column":1,"offset":0}]}
}

// A Config's Profile says which member names and rules a body must follow:
// the zero value checks the JSON StackOne's API sends, ProfileDocument the
// SDK document's camelCase names. A body written for the other profile is
// answered with one hint in the problem's detail.
func ExampleConfig_profile() {
	wire := []byte(`{"id":1,"organization_id":"org_5f2c9a","project_id":"proj_7d1e4b","origin_owner_id":"cust_8e41c0b7","origin_owner_name":"Acme Corporation","created_at":"2026-03-02T10:15:30Z","token":"sess_tok_x","auth_link_url":"https://hub.stackone.com/connect"}`)
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	for _, cfg := range []authlinkhttp.Config{{}, {Options: authlink.Options{Profile: authlink.ProfileDocument}}} {
		req := httptest.NewRequest("POST", "/auth-links", bytes.NewReader(wire))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		authlinkhttp.VerdictOnly(cfg)(ok).ServeHTTP(rec, req)
		if rec.Code == http.StatusNoContent {
			fmt.Println(cfg.Profile, rec.Code)
			continue
		}
		var p authlinkhttp.Problem
		json.Unmarshal(rec.Body.Bytes(), &p)
		fmt.Println(cfg.Profile, rec.Code, p.Detail)
	}
	// Output:
	// api 204
	// document 422 6 violation(s) of the ConnectSessionTokenAuthLink schema. Hint: member names follow StackOne's API (snake_case); use the api profile.
}

// VerdictOnly gives the verdict without building the typed value: here a
// validation endpoint that answers 204 for a valid auth link, and the
// problem document otherwise.
func ExampleVerdictOnly() {
	validate := authlinkhttp.VerdictOnly(authlinkhttp.Config{Options: authlink.Options{Strict: true}})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, typed := authlinkhttp.FromContext(r.Context())
			fmt.Println("valid; typed value built:", typed)
			w.WriteHeader(http.StatusNoContent)
		}))

	for _, body := range [][]byte{
		authlinktest.FixtureJSON(),
		authlinktest.Document(authlinktest.Set("x_unknown", true)),
	} {
		req := httptest.NewRequest("POST", "/validate", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		validate.ServeHTTP(rec, req)
		if rec.Code != http.StatusNoContent {
			var p authlinkhttp.Problem
			json.Unmarshal(rec.Body.Bytes(), &p)
			fmt.Println(rec.Code, p.Errors[0].Pointer, p.Errors[0].Code)
		}
	}
	// Output:
	// valid; typed value built: false
	// 422 #/x_unknown unknown
}

// BodyFromContext gives the handler the bytes exactly as they arrived, for
// an audit log or a digest, next to the typed value.
func ExampleBodyFromContext() {
	handler := authlinkhttp.Middleware(authlinkhttp.Config{})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			raw, _ := authlinkhttp.BodyFromContext(r.Context())
			link, _ := authlinkhttp.FromContext(r.Context())
			sum := sha256.Sum256(raw)
			fmt.Printf("%s: %d bytes as sent, sha256 %x…\n", link.ProjectID, len(raw), sum[:8])
		}))

	body := "{\n  \"id\": 1,\n  \"organization_id\": \"org_5f2c9a\",\n  \"project_id\": \"proj_7d1e4b\",\n" +
		"  \"origin_owner_id\": \"cust_8e41c0b7\",\n  \"origin_owner_name\": \"Acme Corporation\",\n" +
		"  \"created_at\": \"2026-03-02T10:15:30Z\",\n  \"token\": \"sess_tok_x\",\n" +
		"  \"auth_link_url\": \"https://hub.stackone.com/connect\"\n}\n"
	req := httptest.NewRequest("POST", "/auth-links", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	handler.ServeHTTP(httptest.NewRecorder(), req)
	// Output:
	// proj_7d1e4b: 281 bytes as sent, sha256 fa0f391b18361edf…
}
