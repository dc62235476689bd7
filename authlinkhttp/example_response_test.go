package authlinkhttp_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinktest"
)

// In Enforce mode an invalid response is replaced with a problem document:
// a gateway in front of an upstream that issues auth links answers 502.
func ExampleCheckResponses() {
	upstream := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write(authlinktest.FixtureJSON(authlinktest.WithCreatedAt("yesterday")))
	})
	checked := authlinkhttp.CheckResponses(authlinkhttp.ResponseConfig{
		Mode:   authlinkhttp.Enforce,
		Status: http.StatusBadGateway,
		Logger: slog.New(slog.DiscardHandler),
	})(upstream)
	rec := httptest.NewRecorder()
	checked.ServeHTTP(rec, httptest.NewRequest("POST", "/auth-links", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Print(rec.Body.String())
	// Output:
	// 502 application/problem+json
	// {"type":"https://github.com/authlink-go/authlink/problems/invalid-auth-link-response","title":"Invalid auth link in response","status":502,"detail":"The server produced an auth link that breaks the schema."}
}

// In Report mode, the default, an invalid response goes out unchanged and
// its violations go to the log: a way to watch a service in staging
// before enforcing.
func ExampleCheckResponses_report() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // a stable output for this example
			}
			return a
		},
	}))
	handler := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write(authlinktest.FixtureJSON(authlinktest.WithCategories("payroll"), authlinktest.WithAuthLinkURL("javascript:alert(1)")))
	})
	checked := authlinkhttp.CheckResponses(authlinkhttp.ResponseConfig{Logger: logger})(handler)
	rec := httptest.NewRecorder()
	checked.ServeHTTP(rec, httptest.NewRequest("POST", "/auth-links", nil))
	fmt.Println(rec.Code, rec.Body.Len() > 0)
	// Output:
	// level=WARN msg="authlinkhttp: response is not a valid auth link" method=POST path=/auth-links status=201 violation.0="#/auth_link_url format" violation.1="#/categories/0 enum"
	// 201 true
}
