package authlinkhttp

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"
)

// SignStandard returns the webhook-signature value ("v1," and the base64
// HMAC-SHA256 of "id.timestamp.body") of a Standard Webhooks message, for a
// secret written as "whsec_" and base64.
func SignStandard(secret, id string, timestamp time.Time, body []byte) (string, error) {
	key, err := decodeSecret(secret, true)
	if err != nil {
		return "", err
	}
	sig := standardMAC(key, id, strconv.FormatInt(timestamp.Unix(), 10), body)
	return "v1," + base64.StdEncoding.EncodeToString(sig), nil
}

// SignHMAC returns the HMAC-SHA256 of body with secret, written in enc
// (SignatureEncodingBase64URL without padding), as the HMAC schemes check it:
// SignHMAC(secret, body, SignatureEncodingBase64URL) is StackOne's
// x-stackone-signature.
func SignHMAC(secret string, body []byte, enc SignatureEncoding) string {
	sig := mac([]byte(secret), body)
	switch enc {
	case SignatureEncodingBase64:
		return base64.StdEncoding.EncodeToString(sig)
	case SignatureEncodingBase64URL:
		return base64.RawURLEncoding.EncodeToString(sig)
	}
	return hex.EncodeToString(sig)
}

// NewSignedRequest returns a POST request to url carrying body as
// application/json, signed for Standard Webhooks with secret, a fresh
// webhook-id and the current time: a webhook delivery, for a receiver's
// tests or for a sender. It stays here, beside SignStandard and SignHMAC,
// rather than in a test-helper package: senders use it too, and it
// depends on nothing a test needs.
func NewSignedRequest(url, secret string, body []byte) (*http.Request, error) {
	var raw [12]byte
	rand.Read(raw[:])
	return newStandardRequest(url, secret, "msg_"+hex.EncodeToString(raw[:]), time.Now(), body)
}

// newStandardRequest is NewSignedRequest with the webhook-id and the
// timestamp given.
func newStandardRequest(url, secret, id string, at time.Time, body []byte) (*http.Request, error) {
	sig, err := SignStandard(secret, id, at, body)
	if err != nil {
		return nil, err
	}
	r, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("webhook-id", id)
	r.Header.Set("webhook-timestamp", strconv.FormatInt(at.Unix(), 10))
	r.Header.Set("webhook-signature", sig)
	return r, nil
}
