package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answer is what POST /validate answered, decoded.
type answer struct {
	Status  int
	Body    string
	Problem struct {
		Type   string `json:"type"`
		Detail string `json:"detail"`
		Hint   string `json:"hint"`
		Errors []struct {
			Pointer string        `json:"pointer"`
			Code    authlink.Code `json:"code"`
			Line    *int          `json:"line"`
			Column  *int          `json:"column"`
			Offset  *int          `json:"offset"`
		} `json:"errors"`
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := playgroundFiles.ReadFile(name)
	require.NoError(t, err)
	return b
}

func post(t *testing.T, h http.Handler, target string, body []byte) answer {
	t.Helper()
	r := httptest.NewRequest("POST", target, bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	a := answer{Status: w.Code, Body: w.Body.String()}
	if w.Code != http.StatusOK {
		require.Equal(t, "application/problem+json", w.Header().Get("Content-Type"), a.Body)
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &a.Problem), a.Body)
	}
	return a
}

// codes lists "pointer code" of each violation of a.
func (a answer) codes() []string {
	var out []string
	for _, e := range a.Problem.Errors {
		out = append(out, e.Pointer+" "+string(e.Code))
	}
	return out
}

// TestValidateQuery shows the query choosing the checks of one request,
// and what it leaves out staying as the server was started.
func TestValidateQuery(t *testing.T) {
	unknownMember := authlinktest.Document(authlinktest.Set("x", 1))
	newCategory := authlinktest.Document(authlinktest.Set("categories", []string{"payroll"}))
	api := Handler(Config{Validate: true})
	strictDocument := Handler(Config{Validate: true, HTTP: authlinkhttp.Config{Options: authlink.Options{Profile: authlink.ProfileDocument, Strict: true}}})
	tests := []struct {
		name    string
		handler http.Handler
		query   string
		body    []byte
		status  int
		want    []string // "pointer code" of each violation
	}{
		{"no query: the server's lenient default", api, "", unknownMember, 200, nil},
		{"strict=true", api, "?strict=true", unknownMember, 422, []string{"#/x unknown"}},
		{"strict=1", api, "?strict=1", unknownMember, 422, []string{"#/x unknown"}},
		{"strict=false", api, "?strict=false", unknownMember, 200, nil},
		{"closed categories by default", api, "", newCategory, 422, []string{"#/categories/0 enum"}},
		{"open-categories=true", api, "?open-categories=true", newCategory, 200, nil},
		{"open-categories=0", api, "?open-categories=0", newCategory, 422, []string{"#/categories/0 enum"}},
		{"profile=api is the default", api, "?profile=api", authlinktest.FixtureJSON(), 200, nil},
		{"no query: the server's strict document profile", strictDocument, "", authlinktest.FixtureJSON(), 422, nil},
		{"the query overrides the server's profile", strictDocument, "?profile=api", authlinktest.FixtureJSON(), 200, nil},
		{"the query overrides the server's strictness", strictDocument, "?profile=api&strict=false", unknownMember, 200, nil},
		{"the server's strictness stays when the query leaves it out", strictDocument, "?profile=api", unknownMember, 422, []string{"#/x unknown"}},
		{"every parameter", api, "?profile=api&strict=true&open-categories=true", newCategory, 200, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := post(t, tt.handler, "/validate"+tt.query, tt.body)
			assert.Equal(t, tt.status, a.Status, a.Body)
			if tt.want != nil {
				assert.Equal(t, tt.want, a.codes())
			}
		})
	}
}

// TestValidateQueryRefused shows every parameter checked: a name or value
// the endpoint does not take is a 400 that names the parameter at fault
// and repeats nothing the request sent.
func TestValidateQueryRefused(t *testing.T) {
	h := Handler(Config{Validate: true})
	tests := []struct {
		name, query, detail string
	}{
		{"unknown profile", "?profile=xml", `The query parameter "profile" must be api or document.`},
		{"profile in another case", "?profile=API", `The query parameter "profile" must be api or document.`},
		{"empty profile", "?profile=", `The query parameter "profile" must be api or document.`},
		{"strict not a boolean", "?strict=yes", `The query parameter "strict" must be true or false.`},
		{"open-categories not a boolean", "?open-categories=on", `The query parameter "open-categories" must be true or false.`},
		{"the snake_case spelling", "?open_categories=true", "The query takes only profile, strict and open-categories."},
		{"an unknown parameter, never repeated", "?token=SECRETVALUE", "The query takes only profile, strict and open-categories."},
		{"an unknown parameter twice, never repeated", "?SECRETVALUE=1&SECRETVALUE=2", "The query takes only profile, strict and open-categories."},
		{"a parameter twice", "?strict=true&strict=false", `The query parameter "strict" is given more than once.`},
		{"a query that does not parse", "?strict=%zz", "The query string is not well-formed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := post(t, h, "/validate"+tt.query, authlinktest.FixtureJSON())
			assert.Equal(t, http.StatusBadRequest, a.Status)
			assert.Equal(t, typeParameter, a.Problem.Type)
			assert.Equal(t, tt.detail, a.Problem.Detail)
			assert.NotContains(t, a.Body, "SECRETVALUE")
			assert.NotContains(t, a.Body, "xml")
		})
	}
}

// TestValidateLocations shows each violation of an invalid or malformed
// body located as authlink locates it (line and column in characters,
// offset in bytes), and the hint on its own.
func TestValidateLocations(t *testing.T) {
	h := Handler(Config{Validate: true})
	tests := []struct {
		name, query string
		opts        authlink.Options // the same checks as the query's
		body        string
		status      int
		want        []string // "pointer code line:column+offset"
		hint        string
	}{
		{"after multi-byte characters", "", authlink.Options{}, "{\"label\": \"Café 🚀\", \"categories\": [\"ats\", \"payroll\"],\n  \"id\": \"1\"}", 422,
			[]string{"#/auth_link_url required 1:1+0", "#/categories/1 enum 1:43+46", "#/created_at required 1:1+0", "#/id type 2:9+66",
				"#/organization_id required 1:1+0", "#/origin_owner_id required 1:1+0", "#/origin_owner_name required 1:1+0",
				"#/project_id required 1:1+0", "#/token required 1:1+0"}, ""},
		{"malformed", "", authlink.Options{}, "{\n  \"id\": 1,\n  }", 400, []string{"# syntax 3:3+15"}, ""},
		{"an unknown member, strict", "?strict=true&profile=document", authlink.Options{Profile: authlink.ProfileDocument, Strict: true}, "{\"x\":1}", 422, nil, ""},
		{"camelCase under api", "", authlink.Options{}, string(mustRead(t, "playground/document.json")), 422, nil,
			"member names follow the SDK document (camelCase); use the document profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := post(t, h, "/validate"+tt.query, []byte(tt.body))
			require.Equal(t, tt.status, a.Status, a.Body)
			assert.Equal(t, tt.hint, a.Problem.Hint)
			require.NotEmpty(t, a.Problem.Errors)
			var got []string
			for _, e := range a.Problem.Errors {
				require.NotNil(t, e.Line, "every violation of a body is located")
				got = append(got, e.Pointer+" "+string(e.Code)+" "+itoa(*e.Line)+":"+itoa(*e.Column)+"+"+itoa(*e.Offset))
			}
			if tt.want != nil {
				assert.Equal(t, tt.want, got)
			}
			// The locations are authlink's own.
			err := authlink.New(tt.opts).Validate([]byte(tt.body))
			var verr *authlink.ValidationError
			require.True(t, errors.As(err, &verr))
			require.Len(t, a.Problem.Errors, len(verr.Violations))
			for i, v := range verr.Violations {
				assert.Equal(t, []int{v.Line, v.Column, v.Offset}, []int{*a.Problem.Errors[i].Line, *a.Problem.Errors[i].Column, *a.Problem.Errors[i].Offset})
			}
		})
	}
}

// TestValidateLocationsAfterChunkedBody shows the locations found for a
// body sent in chunks, without a Content-Length, as a browser's stream or
// curl's -T sends it.
func TestValidateLocationsAfterChunkedBody(t *testing.T) {
	srv := httptest.NewServer(Handler(Config{Validate: true}))
	defer srv.Close()
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte("{\n  \"id\": "))
		pw.Write([]byte("true\n}"))
		pw.Close()
	}()
	resp, err := http.Post(srv.URL+"/validate", "application/json", pr)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	require.Equal(t, 422, resp.StatusCode, string(body))
	assert.Contains(t, string(body), `{"pointer":"#/id","code":"type","detail":"`)
	assert.Contains(t, string(body), `,"line":2,"column":9,"offset":10}`)
}

// TestValidateTooLargeUnlocated shows problems other than an invalid or
// malformed body keep authlinkhttp's form, with no locations to give.
func TestValidateTooLargeUnlocated(t *testing.T) {
	h := Handler(Config{Validate: true, HTTP: authlinkhttp.Config{Options: authlink.Options{MaxBytes: 64}}})
	a := post(t, h, "/validate", bytes.Repeat([]byte(" "), 100))
	assert.Equal(t, http.StatusRequestEntityTooLarge, a.Status)
	assert.Equal(t, authlinkhttp.TypeTooLarge, a.Problem.Type)
	assert.Empty(t, a.Problem.Errors)
}
