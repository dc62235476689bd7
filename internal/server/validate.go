package server

import (
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
// configured. One authlinkhttp.VerdictOnly serves each combination, built once.
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
				h.handlers[checks{p, strict, open}] = authlinkhttp.VerdictOnly(c)(next)
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
		// Only a name the endpoint takes is ever quoted back: any other may
		// be a secret pasted into the URL.
		if _, known := allowed[name]; !known {
			return c, badParameter("The query takes only profile, strict and open-categories.")
		}
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
		}
		if !ok {
			return c, badParameter("The query parameter " + strconv.Quote(name) + " must be " + allowed[name] + ".")
		}
	}
	return c, nil
}

// allowed are the parameters the query takes, and the values each accepts.
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
