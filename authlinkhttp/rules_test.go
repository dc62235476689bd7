package authlinkhttp

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMiddlewareRules: the caller's own rules, set in Config's Options,
// answer 422 with code rule, the keyword and the location, as the
// profile's rules do.
func TestMiddlewareRules(t *testing.T) {
	metadata, err := authlink.CompileMetadataRules([]byte(`{"required":["plan"],"properties":{"plan":{"enum":["pro"]},"seats":{"type":"integer"}}}`))
	require.NoError(t, err)
	document, err := authlink.CompileRules([]byte(`{"required":["provider"],"properties":{"categories":{"items":{"enum":["ats","hris"]}}}}`))
	require.NoError(t, err)
	tests := []struct {
		name  string
		rules *authlink.Rules
		body  []byte
		want  []ProblemError // nil: passed on
	}{
		{"metadata rules pass", metadata, authlinktest.FixtureJSON(authlinktest.WithMetadata(authlink.Metadata{"plan": "pro"})), nil},
		{"metadata rules fail", metadata, authlinktest.FixtureJSON(authlinktest.WithMetadata(authlink.Metadata{"plan": "free", "seats": "2"})), []ProblemError{
			{Pointer: "#/metadata/plan", Code: authlink.CodeRule, Keyword: "enum", Detail: `must be one of the rules' values: "pro"`},
			{Pointer: "#/metadata/seats", Code: authlink.CodeRule, Keyword: "type", Detail: "must be integer"},
		}},
		{"document rules fail", document, authlinktest.Document(authlinktest.Without("provider"), authlinktest.Set("categories", []string{"crm"})), []ProblemError{
			{Pointer: "#/categories/0", Code: authlink.CodeRule, Keyword: "enum", Detail: `must be one of the rules' values: "ats", "hris"`},
			{Pointer: "#/provider", Code: authlink.CodeRule, Keyword: "required", Detail: "required member is missing (rules)"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
			h := Middleware(Config{Options: authlink.Options{Rules: tt.rules}})(next)
			req := httptest.NewRequest("POST", "/links", bytes.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if tt.want == nil {
				assert.Equal(t, http.StatusNoContent, rec.Code)
				return
			}
			assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
			p := problemOf(t, rec.Result(), rec.Body.String())
			assert.Equal(t, tt.want, unlocated(p.Errors))
			for _, e := range p.Errors {
				assert.Positive(t, e.Line)
			}
		})
	}
}
