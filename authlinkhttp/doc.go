// Package authlinkhttp puts authlink in front of net/http handlers: a
// middleware that rejects bad auth-link requests before business code sees
// them, a wrapper that checks the auth links a handler sends back, and a
// webhook receiver that verifies the sender (Standard Webhooks or a plain
// HMAC) before it parses anything.
//
//	mux := http.NewServeMux()
//	mux.Handle("POST /auth-links", authlinkhttp.Middleware(authlinkhttp.Config{})(
//		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
//			link, _ := authlinkhttp.FromContext(r.Context()) // typed and valid
//			...
//		})))
//
// Config.Profile chooses what a body is checked against: the zero value,
// authlink.ProfileAPI, is the JSON StackOne's API sends (snake_case member
// names such as auth_link_url); authlink.ProfileDocument is the SDK
// document as written (camelCase names such as authLinkUrl).
//
// Every rejection is an RFC 9457 problem document (application/problem+json)
// listing each violation with a JSON Pointer (in URI-fragment form) and the
// stable authlink code; when the member names follow the other profile, its
// detail ends with one hint saying so. It never holds an input value or
// either secret (the token and the external trigger token). Bodies are read
// up to a cap (64 KiB by default) and no further, and memory grows with the
// bytes that arrive, not with the length a request declares.
//
// Bodies are not decoded: a request with a Content-Encoding other than
// identity (gzip included) is answered 415 with "Accept-Encoding: identity"
// (RFC 9110 sections 12.5.3 and 15.5.16), before it is read by Middleware
// and Check, after its signature is checked by Webhook. An auth link is
// about a kilobyte, which compression barely shrinks, and a decoder would
// put a second size to police, and a second question of which bytes are
// signed, in front of the checks. To accept compressed bodies, decode them
// in a handler in front and delete the Content-Encoding header.
//
// To answer with an auth link, write authlink.Encode(link), its wire form;
// json.Marshal writes the redacted view, secrets masked.
package authlinkhttp
