package authlinkhttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinktest"
)

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
	req, _ := authlinkhttp.NewSignedRequest("https://receiver.example/hooks/auth-links", secret, authlinktest.FixtureJSON())
	rec := httptest.NewRecorder()
	hook.ServeHTTP(rec, req)
	fmt.Println(rec.Code)

	// The same delivery with a tampered body.
	req, _ = authlinkhttp.NewSignedRequest("https://receiver.example/hooks/auth-links", secret, authlinktest.FixtureJSON())
	tampered := authlinktest.FixtureJSON(authlinktest.WithToken("sess_tok_attacker"))
	req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(tampered)), int64(len(tampered))
	rec = httptest.NewRecorder()
	hook.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// received proj_6a1f93c2e4b04d7f
	// 204
	// 401
}

// A receiver of StackOne's webhooks: the scheme by name, two secrets
// during a rotation. StackOne's signature carries no timestamp, so a
// captured delivery stays valid: the receiver remembers the deliveries it
// processed (24 hours by default) and acknowledges a repeat without
// running the callback again.
func ExampleWebhook_stackOne() {
	hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{
		Scheme:  authlinkhttp.SchemeStackOne,
		Secrets: []string{"stackone-secret-new", "stackone-secret-old"},
	}, func(ctx context.Context, link *authlink.AuthLink) error {
		fmt.Println("received", link.ProjectID)
		return nil
	})
	if err != nil {
		panic(err)
	}

	body := authlinktest.FixtureJSON()
	for range 2 { // a delivery, then the same one again
		req := httptest.NewRequest("POST", "/hooks/stackone", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(authlinkhttp.StackOneSignatureHeader, authlinkhttp.SignHMAC("stackone-secret-old", body, authlinkhttp.SignatureEncodingBase64URL))
		rec := httptest.NewRecorder()
		hook.ServeHTTP(rec, req)
		fmt.Println(rec.Code)
	}
	// Output:
	// received proj_6a1f93c2e4b04d7f
	// 204
	// 204
}

// A sender that signs with a plain HMAC-SHA256 of the body, written in hex
// after "sha256=" in its own header, as GitHub does.
func ExampleWebhook_plainHMAC() {
	const secret = "plain-hmac-secret"
	hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{
		Scheme:            authlinkhttp.SchemeHMAC,
		Secrets:           []string{secret},
		SignatureHeader:   "X-Hub-Signature-256",
		SignatureEncoding: authlinkhttp.SignatureEncodingHex,
		SignaturePrefix:   "sha256=",
	}, func(ctx context.Context, link *authlink.AuthLink) error {
		fmt.Println("received", link.OriginOwnerName)
		return nil
	})
	if err != nil {
		panic(err)
	}

	body := authlinktest.FixtureJSON()
	for _, signature := range []string{
		"sha256=" + authlinkhttp.SignHMAC(secret, body, authlinkhttp.SignatureEncodingHex),
		"sha256=" + authlinkhttp.SignHMAC("another-secret", body, authlinkhttp.SignatureEncodingHex),
	} {
		req := httptest.NewRequest("POST", "/hooks/auth-links", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Hub-Signature-256", signature)
		rec := httptest.NewRecorder()
		hook.ServeHTTP(rec, req)
		fmt.Println(rec.Code)
	}
	// Output:
	// received Acme Corporation
	// 204
	// 401
}

// WebhookID names the Standard Webhooks delivery being processed, for the
// callback's logs. The Webhook has already made sure that each id runs the
// callback once: the sender's retry is acknowledged without it.
func ExampleWebhookID() {
	const secret = "whsec_c2VjcmV0LW9uZS1mb3ItdGVzdHMtMDEyMzQ1"
	hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{Secrets: []string{secret}},
		func(ctx context.Context, link *authlink.AuthLink) error {
			id, _ := authlinkhttp.WebhookID(ctx)
			fmt.Println("processing", id)
			return nil
		})
	if err != nil {
		panic(err)
	}

	body, now := authlinktest.FixtureJSON(), time.Now()
	signature, _ := authlinkhttp.SignStandard(secret, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", now, body)
	for range 2 { // a delivery, then the sender's retry
		req := httptest.NewRequest("POST", "/hooks/auth-links", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
		req.Header.Set("webhook-timestamp", fmt.Sprint(now.Unix()))
		req.Header.Set("webhook-signature", signature)
		rec := httptest.NewRecorder()
		hook.ServeHTTP(rec, req)
		fmt.Println(rec.Code)
	}
	// Output:
	// processing msg_2KWPBgLlAfxdpx2AI54pPJ85f4W
	// 204
	// 204
}

// SignHMAC signs a body as the plain HMAC schemes check it, for tests of
// a receiver: the same MAC in each encoding.
func ExampleSignHMAC() {
	body := []byte(`{"id":1}`)
	for _, enc := range []authlinkhttp.SignatureEncoding{authlinkhttp.SignatureEncodingHex, authlinkhttp.SignatureEncodingBase64, authlinkhttp.SignatureEncodingBase64URL} {
		fmt.Println(enc, authlinkhttp.SignHMAC("my-secret", body, enc))
	}
	// Output:
	// hex 49ad055c7c802c3d8080827e27e535c9925218e7c3286547182180b9b7ecc6e2
	// base64 Sa0FXHyALD2AgIJ+J+U1yZJSGOfDKGVHGCGAubfsxuI=
	// base64url Sa0FXHyALD2AgIJ-J-U1yZJSGOfDKGVHGCGAubfsxuI
}

// A callback that refuses a link for good answers with a status of its
// choice, so that the sender does not retry a 500 forever.
func ExampleReject() {
	hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{Scheme: authlinkhttp.SchemeStackOne, Secrets: []string{"stackone-secret"}},
		func(ctx context.Context, link *authlink.AuthLink) error {
			created, err := authlink.ParseTime(link.CreatedAt)
			if err != nil {
				return err
			}
			if time.Since(created) > 24*time.Hour {
				return authlinkhttp.Reject(http.StatusUnprocessableEntity, "The auth link is more than a day old.")
			}
			return nil
		})
	if err != nil {
		panic(err)
	}

	body := authlinktest.FixtureJSON(authlinktest.WithCreatedAt("2025-03-14T09:26:53Z"))
	req := httptest.NewRequest("POST", "/hooks/stackone", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(authlinkhttp.StackOneSignatureHeader, authlinkhttp.SignHMAC("stackone-secret", body, authlinkhttp.SignatureEncodingBase64URL))
	rec := httptest.NewRecorder()
	hook.ServeHTTP(rec, req)
	var p authlinkhttp.Problem
	json.Unmarshal(rec.Body.Bytes(), &p)
	fmt.Println(rec.Code, p.Title+":", p.Detail)
	// Output:
	// 422 Unprocessable Entity: The auth link is more than a day old.
}
