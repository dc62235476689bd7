// Package authlinkhttp puts authlink on both sides of net/http: a
// middleware that rejects bad auth-link requests before business code sees
// them, a wrapper that checks the auth links a handler sends back, a
// client Transport that checks the auth links StackOne sends, and a
// webhook receiver that verifies the sender (Standard Webhooks, StackOne's
// signature or a plain HMAC) before it parses anything and runs its
// callback once per delivery.
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
// # A client of StackOne
//
// Transport checks the answers to POST /connect_sessions (or the requests
// TransportConfig.Match picks) in any http.Client, so a generated client
// gets the check without a change. A valid answer keeps its body and
// carries the typed link; an invalid one is a *ResponseError:
//
//	client := &http.Client{Transport: authlinkhttp.Transport(nil, authlinkhttp.TransportConfig{})}
//	resp, err := client.Do(createSession) // POST https://api.stackone.com/connect_sessions
//	var invalid *authlinkhttp.ResponseError
//	switch {
//	case errors.As(err, &invalid):
//		log.Printf("StackOne answered %d with an invalid auth link: %v", invalid.StatusCode, invalid.Err)
//	case err != nil:
//		...
//	default:
//		defer resp.Body.Close()
//		link, _ := authlinkhttp.FromResponse(resp) // typed and valid; resp.Body still readable
//		...
//	}
//
// # A receiver of StackOne's webhooks
//
// SchemeStackOne checks x-stackone-signature, the base64url HMAC-SHA256 of
// the raw body, against each secret in constant time. That signature
// carries no timestamp and no id, so a captured delivery stays valid: the
// receiver remembers the deliveries it processed, for
// WebhookConfig.Retention (24 hours by default), and acknowledges a repeat
// with 204 without running the callback again. A delivery is recorded only
// once the callback has succeeded; a callback that refuses one for good
// returns Reject with a status:
//
//	hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{
//		Scheme:  authlinkhttp.SchemeStackOne,
//		Secrets: []string{os.Getenv("STACKONE_WEBHOOK_SECRET")}, // several during a rotation
//	}, func(ctx context.Context, link *authlink.AuthLink) error {
//		if tooOld(link) {
//			return authlinkhttp.Reject(http.StatusUnprocessableEntity, "The auth link is more than a day old.")
//		}
//		return save(ctx, link) // another error: 500, and the sender retries
//	})
//
// # Replicas
//
// The default Store, a MemoryStore, protects one process. Replicas behind
// a load balancer share one in Redis (package redisstore), so that a
// delivery retried on another replica is acknowledged there, and of two
// replicas that receive it at once one runs the callback and the other
// answers 409. If the store cannot be reached, the webhook answers 503 and
// processes nothing:
//
//	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
//	cfg.Store = &redisstore.Store{Client: rdb}
//
// # Answers
//
// Every rejection is an RFC 9457 problem document (application/problem+json)
// listing each violation with a JSON Pointer (in URI-fragment form) and the
// stable authlink code; when the member names follow the other profile, its
// detail ends with one hint saying so. It never holds an input value or
// either secret (the token and the external trigger token). Every failed
// signature check gets the same 401; Config.OnReject learns the Reason.
// Bodies are read up to a cap (64 KiB by default) and no further, and
// memory grows with the bytes that arrive, not with the length a request
// declares.
//
// Bodies are not decoded: a request with a Content-Encoding other than
// identity (gzip included) is answered 415 with "Accept-Encoding: identity"
// (RFC 9110 sections 12.5.3 and 15.5.16), before it is read by Middleware
// and VerdictOnly, after its signature is checked by Webhook. An auth link is
// about a kilobyte, which compression barely shrinks, and a decoder would
// put a second size to police, and a second question of which bytes are
// signed, in front of the checks. To accept compressed bodies, decode them
// in a handler in front and delete the Content-Encoding header. A webhook
// without a Content-Type is read as JSON (its body is signed, and parsed
// strictly anyway); Middleware and VerdictOnly answer it 415.
//
// To answer with an auth link, write authlink.Encode(link), its wire form;
// json.Marshal writes the redacted view, secrets masked.
package authlinkhttp
