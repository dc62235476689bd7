package authlinkhttp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Scheme is how a webhook's sender signs its deliveries.
type Scheme int

// The signing schemes a Webhook verifies.
const (
	// SchemeStandard is Standard Webhooks: the headers webhook-id,
	// webhook-timestamp and webhook-signature ("v1," and the base64
	// HMAC-SHA256 of "id.timestamp.body"), secrets written "whsec_" and
	// base64, a timestamp within the Tolerance. The key of a delivery is
	// its webhook-id. The zero value, unless SignatureHeader is set.
	SchemeStandard Scheme = iota

	// SchemeHMAC is a plain HMAC-SHA256 of the raw body in the header
	// SignatureHeader, written in SignatureEncoding after
	// SignaturePrefix; secrets are the keys themselves. The key of a
	// delivery is its signature. A zero Scheme with SignatureHeader set
	// means SchemeHMAC.
	SchemeHMAC

	// SchemeStackOne is StackOne's signing: the base64url HMAC-SHA256 of
	// the raw body, padded or not, in the header x-stackone-signature
	// (StackOneSignatureHeader); secrets are the keys themselves. It is
	// SchemeHMAC with the header and encoding set, so SignatureHeader,
	// SignatureEncoding and SignaturePrefix must be left unset. The
	// signature carries no timestamp and no message id: the key of a
	// delivery is its signature, and the Retention is the whole of the
	// replay protection.
	SchemeStackOne
)

// StackOneSignatureHeader is the header SchemeStackOne reads. To sign a
// test delivery as StackOne does, set it to SignHMAC(secret, body,
// SignatureEncodingBase64URL).
const StackOneSignatureHeader = "x-stackone-signature"

// String names the scheme: "standard", "hmac" or "stackone".
func (s Scheme) String() string {
	switch s {
	case SchemeStandard:
		return "standard"
	case SchemeHMAC:
		return "hmac"
	case SchemeStackOne:
		return "stackone"
	}
	return "Scheme(" + strconv.Itoa(int(s)) + ")"
}

// SignatureEncoding is how the plain HMAC scheme writes a signature.
type SignatureEncoding int

// The encodings of a plain HMAC signature.
const (
	SignatureEncodingHex       SignatureEncoding = iota // lower- or upper-case hexadecimal
	SignatureEncodingBase64                             // standard base64, padded
	SignatureEncodingBase64URL                          // URL-safe base64, padded or not
)

// String names the encoding.
func (e SignatureEncoding) String() string {
	switch e {
	case SignatureEncodingHex:
		return "hex"
	case SignatureEncodingBase64:
		return "base64"
	case SignatureEncodingBase64URL:
		return "base64url"
	}
	return "SignatureEncoding(" + strconv.Itoa(int(e)) + ")"
}

// verifier checks a delivery's body against the signatures read from its
// headers. key is the delivery's key in the Store; id is its webhook-id,
// for Standard Webhooks.
type verifier struct {
	key  string
	id   string
	sigs [][]byte
	// mac returns the signature of body under the secret k.
	mac func(k, body []byte) []byte
}

// verify reports whether one of the signatures is the body's under one of
// the keys. Every pair is compared, so that the time taken says nothing
// about which secret or signature matched.
func (v *verifier) verify(keys [][]byte, body []byte) bool {
	found := false
	for _, k := range keys {
		want := v.mac(k, body)
		for _, sig := range v.sigs {
			found = hmac.Equal(sig, want) || found
		}
	}
	return found
}

// precheck reads the signature headers before the body is read, so that an
// unsigned or stale request costs nothing. It returns the check to run on
// the body, or why the request is refused.
func (h *webhook) precheck(r *http.Request) (*verifier, Reason) {
	if h.cfg.Scheme != SchemeStandard {
		return h.precheckHMAC(r.Header.Get(h.cfg.SignatureHeader))
	}
	id, ts, header := r.Header.Get("webhook-id"), r.Header.Get("webhook-timestamp"), r.Header.Get("webhook-signature")
	if id == "" || ts == "" || strings.TrimSpace(header) == "" {
		return nil, ReasonMissingHeader
	}
	seconds, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, ReasonMalformedHeader
	}
	switch age := h.cfg.Now().Sub(time.Unix(seconds, 0)); {
	case age > h.cfg.Tolerance:
		return nil, ReasonStaleTimestamp
	case age < -h.cfg.Tolerance:
		return nil, ReasonFutureTimestamp
	}
	v := &verifier{key: "webhook-id:" + id, id: id, mac: func(k, body []byte) []byte { return standardMAC(k, id, ts, body) }}
	for _, field := range strings.Fields(header) {
		version, sig, ok := strings.Cut(field, ",")
		if !ok || version != "v1" {
			continue
		}
		if b, err := base64.StdEncoding.DecodeString(sig); err == nil && len(b) == sha256.Size {
			v.sigs = append(v.sigs, b)
		}
	}
	if len(v.sigs) == 0 {
		return nil, ReasonMalformedHeader
	}
	return v, ""
}

// precheckHMAC reads the header of a plain HMAC scheme.
func (h *webhook) precheckHMAC(header string) (*verifier, Reason) {
	header = strings.TrimSpace(header)
	if header == "" {
		return nil, ReasonMissingHeader
	}
	s, ok := strings.CutPrefix(header, h.cfg.SignaturePrefix)
	if !ok || s == "" {
		return nil, ReasonMalformedHeader
	}
	var sig []byte
	var err error
	switch h.cfg.SignatureEncoding {
	case SignatureEncodingBase64:
		sig, err = base64.StdEncoding.DecodeString(s)
	case SignatureEncodingBase64URL:
		enc := base64.RawURLEncoding
		if strings.HasSuffix(s, "=") {
			enc = base64.URLEncoding // padded, then exactly as base64url pads
		}
		sig, err = enc.DecodeString(s)
	default:
		sig, err = hex.DecodeString(s)
	}
	if err != nil || len(sig) != sha256.Size {
		return nil, ReasonMalformedHeader
	}
	// The key is the signature's bytes, not its text, so that one
	// signature written two ways (padded or not, in either case of hex) is
	// one delivery.
	return &verifier{key: "signature:" + base64.RawURLEncoding.EncodeToString(sig), sigs: [][]byte{sig},
		mac: func(k, body []byte) []byte { return mac(k, body) }}, ""
}

// mac is the HMAC-SHA256 of the parts, one after the other.
func mac(key []byte, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// standardMAC is the HMAC-SHA256 of "id.timestamp.body".
func standardMAC(key []byte, id, timestamp string, body []byte) []byte {
	return mac(key, []byte(id+"."+timestamp+"."), body)
}
