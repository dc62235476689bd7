package authlinkhttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

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
		authlinktest.ValidJSON(),
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
	// 422 {"type":"https://github.com/authlink-go/authlink/problems/invalid-auth-link","title":"Invalid auth link","status":422,"detail":"2 violation(s) of the ConnectSessionTokenAuthLink schema.","errors":[{"pointer":"#/categories/0","code":"enum","detail":"must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening, messaging, accounting, scheduling"},{"pointer":"#/token","code":"required","detail":"required member is missing"}]}
}

func ExampleWebhook() {
	const secret = "whsec_c2VjcmV0LW9uZS1mb3ItdGVzdHMtMDEyMzQ1"
	hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{Secrets: []string{secret}},
		func(ctx context.Context, link *authlink.AuthLink) error {
			fmt.Println("received", link.ProjectID)
			return nil
		})
	if err != nil {
		panic(err)
	}

	// A delivery signed as the sender would sign it.
	req, _ := authlinkhttp.NewSignedRequest("https://receiver.example/hooks/auth-links", secret, authlinktest.ValidJSON())
	rec := httptest.NewRecorder()
	hook.ServeHTTP(rec, req)
	fmt.Println(rec.Code)

	// The same delivery with a tampered body.
	req, _ = authlinkhttp.NewSignedRequest("https://receiver.example/hooks/auth-links", secret, authlinktest.ValidJSON())
	tampered := authlinktest.ValidJSON(authlinktest.WithToken("sess_tok_attacker"))
	req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(tampered)), int64(len(tampered))
	rec = httptest.NewRecorder()
	hook.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// received proj_6a1f93c2e4b04d7f
	// 204
	// 401
}

func ExampleCheckResponses() {
	handler := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write(authlinktest.ValidJSON(authlinktest.WithCreatedAt("yesterday")))
	})
	checked := authlinkhttp.CheckResponses(authlinkhttp.ResponseConfig{Mode: authlinkhttp.Enforce})(handler)
	rec := httptest.NewRecorder()
	checked.ServeHTTP(rec, httptest.NewRequest("POST", "/auth-links", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	// Output:
	// 500 application/problem+json
}

// A Config's Profile says which member names and rules a body must follow:
// the zero value checks the JSON StackOne's API sends, ProfileDocument the
// SDK document's camelCase names. A body written for the other profile is
// answered with one hint in the problem's detail.
func ExampleConfig_profile() {
	wire := []byte(`{"id":1,"organization_id":"org_5f2c9a","project_id":"proj_7d1e4b","origin_owner_id":"cust_8e41c0b7","origin_owner_name":"Acme Corporation","created_at":"2026-03-02T10:15:30Z","token":"sess_tok_x","auth_link_url":"https://hub.stackone.com/connect"}`)
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	for _, cfg := range []authlinkhttp.Config{{}, {Profile: authlink.ProfileDocument}} {
		req := httptest.NewRequest("POST", "/auth-links", bytes.NewReader(wire))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		authlinkhttp.Check(cfg)(ok).ServeHTTP(rec, req)
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
