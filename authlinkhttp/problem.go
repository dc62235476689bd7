package authlinkhttp

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/authlink-go/authlink"
)

// ProblemTypeBase prefixes the type URI of every problem this package writes.
const ProblemTypeBase = "https://github.com/authlink-go/authlink/problems/"

// The problem types, one per way a request can fail.
const (
	TypeTooLarge     = ProblemTypeBase + "body-too-large"         // 413
	TypeMediaType    = ProblemTypeBase + "unsupported-media-type" // 415
	TypeMalformed    = ProblemTypeBase + "malformed-json"         // 400
	TypeInvalid      = ProblemTypeBase + "invalid-auth-link"      // 422
	TypeUnauthorized = ProblemTypeBase + "signature"              // 401
	TypeMethod       = ProblemTypeBase + "method-not-allowed"     // 405
	TypeInFlight     = ProblemTypeBase + "delivery-in-flight"     // 409, Webhook
	TypeProcessed    = ProblemTypeBase + "already-processed"      // 204 to a replay, seen by OnReject, never written
	TypeRejected     = ProblemTypeBase + "rejected"               // the status of a Reject, Webhook
	TypeInternal     = ProblemTypeBase + "internal-error"         // 500
	TypeUnavailable  = ProblemTypeBase + "store-unavailable"      // 503, Webhook

	// TypeInvalidResponse is a response that is not a valid auth link:
	// CheckResponses answers it in Enforce mode (500, or
	// ResponseConfig.Status), and OnReject sees it from CheckResponses
	// and Transport.
	TypeInvalidResponse = ProblemTypeBase + "invalid-auth-link-response"
)

// Problem is an RFC 9457 problem document, as WriteProblem writes it. Its
// fields never hold an input value.
type Problem struct {
	// Type is a URI naming the kind of problem: one of the Type constants.
	Type string `json:"type"`

	// Title is a short summary of the kind of problem, the same for every
	// problem of one Type (the Reject of a webhook callback has its
	// status's text).
	Title string `json:"title"`

	// Status is the HTTP status code of the answer.
	Status int `json:"status"`

	// Detail says, in one or two sentences for people, what went wrong
	// with this request: how many violations, the profile hint if any, or
	// the detail a webhook callback gave to Reject.
	Detail string `json:"detail"`

	// Hint is, when the body's member names follow the other profile, the
	// sentence that says so (Detail ends with it too); left out otherwise.
	Hint string `json:"hint,omitempty"`

	// Errors lists the violations of an invalid or malformed auth link,
	// in the order of authlink.ValidationError; empty otherwise, and left
	// out of the JSON form.
	Errors []ProblemError `json:"errors,omitempty"`

	// Reason says, for the server only, why a webhook delivery was turned
	// away when Type alone cannot: which signature check failed (every 401
	// looks the same to the client), or what the store or the callback
	// decided. It is never written by WriteProblem (json:"-"), and is
	// empty for the problems whose Type says it all.
	Reason Reason `json:"-"`
}

// ProblemError is one violation in a Problem.
type ProblemError struct {
	// Pointer is the RFC 6901 JSON Pointer of the offending value in its
	// URI-fragment form (RFC 6901 section 6): "#" for the whole document,
	// "#/categories/2" for a value, "#/token" for a missing member.
	Pointer string `json:"pointer"`

	// Code is the stable authlink code of the violation, such as
	// authlink.CodeRequired ("required").
	Code authlink.Code `json:"code"`

	// Detail is the violation's message, an English sentence that
	// describes the rule, never the value.
	Detail string `json:"detail"`

	// Keyword is, for a violation of the caller's own rules (code rule),
	// the JSON Schema keyword that failed; left out otherwise.
	Keyword string `json:"keyword,omitempty"`

	// Line and Column (1-based, columns in characters) and Offset (in
	// bytes) say where the violation is in the body.
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// WriteProblem writes p as application/problem+json with p.Status. It is
// the default Config.ErrorWriter.
func WriteProblem(w http.ResponseWriter, _ *http.Request, p *Problem) {
	body, err := json.Marshal(p)
	if err != nil { // a Problem holds only strings and ints
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	w.Write(append(body, '\n'))
}

// problemFor turns an error of authlink into the problem to answer with:
// 413 for an oversized input, 400 for malformed JSON, 422 for violations.
func problemFor(err error) *Problem {
	var verr *authlink.ValidationError
	if !errors.As(err, &verr) {
		return internalProblem()
	}
	p := &Problem{Type: TypeInvalid, Title: "Invalid auth link", Status: http.StatusUnprocessableEntity}
	switch {
	case len(verr.Violations) == 1 && verr.Violations[0].Code == authlink.CodeLimit && verr.Violations[0].Pointer == "":
		return tooLarge()
	case verr.Malformed():
		p.Type, p.Title, p.Status = TypeMalformed, "Malformed JSON", http.StatusBadRequest
		p.Detail = "The body is not well-formed JSON that authlink reads."
	default:
		p.Detail = withHint(strconv.Itoa(len(verr.Violations))+" violation(s) of the ConnectSessionTokenAuthLink schema.", verr)
		p.Hint = verr.Hint
	}
	p.Errors = problemErrors(verr)
	return p
}

// problemErrors turns each violation into the problem document's form.
func problemErrors(verr *authlink.ValidationError) []ProblemError {
	errs := make([]ProblemError, len(verr.Violations))
	for i, v := range verr.Violations {
		errs[i] = ProblemError{Pointer: fragment(v.Pointer), Code: v.Code, Detail: v.Message,
			Keyword: v.Keyword, Line: v.Line, Column: v.Column, Offset: v.Offset}
	}
	return errs
}

// withHint appends to detail, once for the whole problem, the hint of verr:
// a sentence saying that the member names follow the other profile.
func withHint(detail string, verr *authlink.ValidationError) string {
	if verr == nil || verr.Hint == "" {
		return detail
	}
	return detail + " Hint: " + verr.Hint + "."
}

func tooLarge() *Problem {
	return &Problem{Type: TypeTooLarge, Title: "Body too large", Status: http.StatusRequestEntityTooLarge,
		Detail: "The body is larger than this endpoint accepts."}
}

func internalProblem() *Problem {
	return &Problem{Type: TypeInternal, Title: "Internal error", Status: http.StatusInternalServerError,
		Detail: "The request could not be processed."}
}

// fragment writes an RFC 6901 pointer in its URI-fragment form (RFC 6901
// section 6): "#" and the pointer with every character a fragment may not
// hold percent-encoded as UTF-8.
func fragment(pointer string) string {
	var b strings.Builder
	b.WriteByte('#')
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(pointer); i++ {
		c := pointer[i]
		if fragmentSafe(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// fragmentSafe reports whether RFC 3986 allows c unencoded in a fragment:
// unreserved, sub-delims, ":", "@", "/" and "?".
func fragmentSafe(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0
}
