package authlinkhttp

import (
	"bytes"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"strconv"

	"github.com/authlink-go/authlink"
)

// ResponseMode says what CheckResponses does with a response that is not a
// valid auth link.
type ResponseMode int

const (
	// Report logs the violations and sends the response unchanged.
	Report ResponseMode = iota
	// Enforce replaces the response with a problem document, 500 unless
	// ResponseConfig.Status says otherwise.
	Enforce
)

// String names the mode: "report" or "enforce".
func (m ResponseMode) String() string {
	switch m {
	case Report:
		return "report"
	case Enforce:
		return "enforce"
	}
	return "ResponseMode(" + strconv.Itoa(int(m)) + ")"
}

// ResponseConfig configures CheckResponses. The zero value checks the api
// profile and reports violations to slog.Default with the default caps.
type ResponseConfig struct {
	// Config holds the profile, the validator options and caps; in Enforce
	// mode its ErrorWriter writes the answer. OnReject sees every invalid
	// response as a Problem of type TypeInvalidResponse with the
	// violations, and the status answered: the handler's in Report mode,
	// Status in Enforce mode.
	Config

	// Mode is Report (the default) or Enforce.
	Mode ResponseMode

	// Status is Enforce's answer to an invalid response, a 5xx: a gateway
	// in front of an upstream answers 502 (http.StatusBadGateway).
	// CheckResponses panics on any other nonzero value. Default (zero)
	// 500.
	Status int

	// ShowViolations lists the violations in Enforce's problem document.
	// Default false: the document says only that the response was
	// invalid, since the violations describe a server the client does
	// not own; the log and OnReject have them either way.
	ShowViolations bool

	// Logger receives one warning per invalid response, with the method,
	// path, status, each violation's pointer and code and the hint, if any
	// (never a value).
	// Default slog.Default().
	Logger *slog.Logger
}

// CheckResponses returns a middleware that checks every 2xx response of
// next that has a body as an auth link, for tests, staging, and gateways
// in front of an upstream that issues auth links (Enforce with Status
// 502). The response
// is buffered until next returns; informational (1xx) responses are sent
// on at once, and the final status decides. Other statuses, a 2xx with no
// body (nothing written, 204, 205) and answers to HEAD pass through
// unchecked.
//
// A handler that answers with an auth link writes authlink.Encode(link):
// json.Marshal writes the redacted view. The encoding of a decoded link is
// never longer than its input (but for one byte per category spelled
// hrisLegacy: see authlink.Encode), so a link that passed Middleware's cap
// passes the same cap here.
func CheckResponses(cfg ResponseConfig) func(http.Handler) http.Handler {
	switch {
	case cfg.Status == 0:
		cfg.Status = http.StatusInternalServerError
	case cfg.Status < 500 || cfg.Status > 599:
		panic("authlinkhttp: ResponseConfig.Status must be a 5xx status, not " + strconv.Itoa(cfg.Status))
	}
	v := cfg.validator()
	logger := cfg.Logger
	if logger == nil {
		logger = slog.Default()
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := &recorder{header: http.Header{}, w: w}
			next.ServeHTTP(rec, r)
			var verr *authlink.ValidationError
			checked := carriesAuthLink(r.Method, rec.code()) && rec.body.Len() > 0
			if !checked || !errors.As(v.Validate(rec.body.Bytes()), &verr) {
				rec.copyTo(w)
				return
			}
			p := invalidResponse(rec.code(), verr)
			attrs := []slog.Attr{slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", rec.code())}
			for i, e := range p.Errors {
				attrs = append(attrs, slog.String("violation."+strconv.Itoa(i), e.Pointer+" "+string(e.Code)))
			}
			if verr.Hint != "" {
				attrs = append(attrs, slog.String("hint", verr.Hint))
			}
			logger.LogAttrs(r.Context(), slog.LevelWarn, "authlinkhttp: response is not a valid auth link", attrs...)
			if cfg.Mode == Enforce {
				p.Status = cfg.Status
			}
			if cfg.OnReject != nil {
				cfg.OnReject(r, p)
			}
			if cfg.Mode != Enforce {
				rec.copyTo(w)
				return
			}
			if !cfg.ShowViolations {
				p = &Problem{Type: p.Type, Title: p.Title, Status: p.Status, Detail: invalidResponseDetail}
			}
			cfg.write(w, r, p)
		})
	}
}

const invalidResponseDetail = "The server produced an auth link that breaks the schema."

// invalidResponse is the problem of a response with the given status whose
// body is not a valid auth link: every violation, and the hint, if any.
func invalidResponse(status int, verr *authlink.ValidationError) *Problem {
	return &Problem{Type: TypeInvalidResponse, Title: "Invalid auth link in response", Status: status,
		Detail: withHint(invalidResponseDetail, verr), Hint: verr.Hint, Errors: problemErrors(verr)}
}

// carriesAuthLink reports whether the answer with status to a request with
// method may carry an auth link: a 2xx but 204 and 205, not to HEAD.
func carriesAuthLink(method string, status int) bool {
	return status/100 == 2 && status != http.StatusNoContent && status != http.StatusResetContent &&
		method != http.MethodHead
}

// recorder buffers a response. An informational status is sent on to w at
// once, as net/http sends it, or dropped if w is nil.
type recorder struct {
	w      http.ResponseWriter
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

// code is the status written, 200 if none was.
func (r *recorder) code() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

func (r *recorder) WriteHeader(status int) {
	switch {
	case r.status != 0:
	case informational(status):
		if r.w != nil {
			r.inform(status)
		}
	default:
		r.status = status
	}
}

// inform sends an informational response with the headers set so far (as
// net/http does), then gives w back its own headers for the final response.
func (r *recorder) inform(status int) {
	h := r.w.Header()
	own := h.Clone()
	maps.Copy(h, r.header)
	r.w.WriteHeader(status)
	clear(h)
	maps.Copy(h, own)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

// copyTo sends the buffered response to w.
func (r *recorder) copyTo(w http.ResponseWriter) {
	for k, vs := range r.header {
		w.Header()[k] = vs
	}
	w.WriteHeader(r.code())
	w.Write(r.body.Bytes())
}
