package server

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
)

// typeParameter is the problem type of a query parameter POST /validate
// does not take, or a value it does not accept.
const typeParameter = authlinkhttp.ProblemTypeBase + "invalid-parameter"

// checks are the options one request to POST /validate is checked with.
type checks struct {
	profile        authlink.Profile
	strict         bool
	openCategories bool
}

// validateHandler answers POST /validate. The query may choose the checks
// for one request (profile=api|document, strict=true|false,
// open-categories=true|false); what it leaves out is as the server was
// configured. One authlinkhttp.Check serves each combination, built once.
type validateHandler struct {
	defaults checks
	handlers map[checks]http.Handler
}

func newValidateHandler(cfg authlinkhttp.Config, next http.Handler) *validateHandler {
	h := &validateHandler{
		defaults: checks{cfg.Profile, cfg.Strict, cfg.OpenCategories},
		handlers: map[checks]http.Handler{},
	}
	for _, p := range authlink.Profiles() {
		for _, strict := range []bool{false, true} {
			for _, open := range []bool{false, true} {
				c := cfg
				c.Profile, c.Strict, c.OpenCategories = p, strict, open
				h.handlers[checks{p, strict, open}] = withLocations(c, next)
			}
		}
	}
	return h
}

func (h *validateHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c, p := h.checks(r.URL.RawQuery)
	if p != nil {
		authlinkhttp.WriteProblem(w, r, p)
		return
	}
	h.handlers[c].ServeHTTP(w, r)
}

// checks reads the query. Its problem names the parameter at fault but
// never repeats what the request sent.
func (h *validateHandler) checks(rawQuery string) (checks, *authlinkhttp.Problem) {
	c := h.defaults
	if rawQuery == "" {
		return c, nil
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return c, badParameter("The query string is not well-formed.")
	}
	for name, values := range q {
		if len(values) != 1 {
			return c, badParameter("The query parameter " + strconv.Quote(name) + " is given more than once.")
		}
		var ok bool
		switch name {
		case "profile":
			var perr error
			c.profile, perr = authlink.ParseProfile(values[0])
			ok = perr == nil
		case "strict":
			c.strict, ok = parseBool(values[0])
		case "open-categories":
			c.openCategories, ok = parseBool(values[0])
		default:
			return c, badParameter("The query takes only profile, strict and open-categories.")
		}
		if !ok {
			return c, badParameter("The query parameter " + strconv.Quote(name) + " must be " + allowed[name] + ".")
		}
	}
	return c, nil
}

var allowed = map[string]string{"profile": "api or document", "strict": "true or false", "open-categories": "true or false"}

// parseBool accepts true and false, and 1 and 0.
func parseBool(s string) (bool, bool) {
	switch s {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

func badParameter(detail string) *authlinkhttp.Problem {
	return &authlinkhttp.Problem{Type: typeParameter, Title: "Invalid query parameter", Status: http.StatusBadRequest, Detail: detail}
}

// locatedProblem is the problem document of authlinkhttp with two
// extension members (RFC 9457 section 3.2): the line, column and byte
// offset of each violation, and the hint on its own.
type locatedProblem struct {
	*authlinkhttp.Problem
	Errors []locatedError `json:"errors,omitempty"`
	Hint   string         `json:"hint,omitempty"`
}

type locatedError struct {
	authlinkhttp.ProblemError
	*location
}

// location is where a violation is, as authlink.Violation says.
type location struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// recordedBody keeps the bytes read from a request body, so that a
// rejection can say where each violation is.
type recordedBody struct {
	io.ReadCloser
	read []byte
}

func (b *recordedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.read = append(b.read, p[:n]...)
	return n, err
}

// firstRead is the room recorded before the body arrives: a typical auth
// link in one allocation.
const firstRead = 2 << 10

// withLocations is authlinkhttp.Check for cfg whose problem documents of
// invalid and malformed bodies also say where each violation is. The
// problem carries no offsets, so a rejected body is validated again (the
// rejection is the slow path; a valid body costs one copy of itself, about
// 1 KiB and two allocations more per request, within the noise of a
// request's 15 µs on httptest) and the
// violations, found in the same order, are paired with the problem's
// errors. Should the two ever disagree, the problem goes out as
// authlinkhttp wrote it, without locations.
func withLocations(cfg authlinkhttp.Config, next http.Handler) http.Handler {
	if cfg.ErrorWriter != nil {
		return authlinkhttp.Check(cfg)(next)
	}
	v := authlink.New(authlink.Options{Profile: cfg.Profile, Strict: cfg.Strict, OpenCategories: cfg.OpenCategories,
		MaxBytes: cfg.MaxBytes, MaxDepth: cfg.MaxDepth})
	cfg.ErrorWriter = func(w http.ResponseWriter, r *http.Request, p *authlinkhttp.Problem) {
		body, ok := r.Body.(*recordedBody)
		if !ok || (p.Type != authlinkhttp.TypeInvalid && p.Type != authlinkhttp.TypeMalformed) {
			authlinkhttp.WriteProblem(w, r, p)
			return
		}
		writeLocated(w, r, p, v.Validate(body.read))
	}
	check := authlinkhttp.Check(cfg)(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(r.Context()) // a copy, not to change the caller's request
		r.Body = &recordedBody{ReadCloser: r.Body, read: make([]byte, 0, min(max(r.ContentLength, 0), firstRead))}
		check.ServeHTTP(w, r)
	})
}

// writeLocated writes p with the locations of err's violations, or as it
// is if they do not pair with p's errors one for one.
func writeLocated(w http.ResponseWriter, r *http.Request, p *authlinkhttp.Problem, err error) {
	var verr *authlink.ValidationError
	if !errors.As(err, &verr) || len(verr.Violations) != len(p.Errors) {
		authlinkhttp.WriteProblem(w, r, p)
		return
	}
	lp := locatedProblem{Problem: p, Hint: verr.Hint}
	for i, e := range p.Errors {
		v := verr.Violations[i]
		if v.Code != e.Code {
			authlinkhttp.WriteProblem(w, r, p)
			return
		}
		le := locatedError{ProblemError: e}
		if v.Line > 0 {
			le.location = &location{v.Line, v.Column, v.Offset}
		}
		lp.Errors = append(lp.Errors, le)
	}
	body, jerr := json.Marshal(lp)
	if jerr != nil { // it holds only strings and ints
		authlinkhttp.WriteProblem(w, r, p)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	w.Write(append(body, '\n'))
}
