package server

import (
	"bytes"
	"errors"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func get(h http.Handler, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	return w
}

// TestPlaygroundHeaders shows the page and its assets served with their
// media types and the strict Content-Security-Policy.
func TestPlaygroundHeaders(t *testing.T) {
	h := Handler(Config{Validate: true})
	tests := []struct {
		path, contentType, file string
	}{
		{"/", "text/html; charset=utf-8", ""},
		{"/playground.js", "text/javascript; charset=utf-8", "playground/playground.js"},
		{"/playground.css", "text/css; charset=utf-8", "playground/playground.css"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			w := get(h, tt.path)
			require.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, tt.contentType, w.Header().Get("Content-Type"))
			assert.Equal(t, "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
				w.Header().Get("Content-Security-Policy"))
			assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
			assert.Equal(t, "no-referrer", w.Header().Get("Referrer-Policy"))
			if tt.file != "" {
				assert.Equal(t, string(mustRead(t, tt.file)), w.Body.String())
			}
		})
	}
	for _, path := range []string{"/index.html", "/playground/playground.js", "/api.json", "/playground.js/"} {
		assert.Equal(t, http.StatusNotFound, get(h, path).Code, "%s is not served", path)
	}
}

var (
	textareaRE = regexp.MustCompile(`(?s)<textarea[^>]*>(.*?)</textarea>`)
	scriptRE   = regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)
	urlAttrRE  = regexp.MustCompile(`\s(?:src|href|action)="([^"]*)"`)
	handlerRE  = regexp.MustCompile(`(?i)\son[a-z]+=`)
)

// TestPlaygroundPage shows the page starting as the server was started:
// the profile selected, the switches, and the text area holding that
// profile's example.
func TestPlaygroundPage(t *testing.T) {
	tests := []struct {
		name string
		cfg  authlinkhttp.Config
	}{
		{"defaults", authlinkhttp.Config{}},
		{"document, strict, open categories", authlinkhttp.Config{Options: authlink.Options{Profile: authlink.ProfileDocument, Strict: true, OpenCategories: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := get(Handler(Config{Validate: true, HTTP: tt.cfg}), "/").Body.String()
			m := textareaRE.FindStringSubmatch(page)
			require.NotNil(t, m, "a text area")
			assert.Equal(t, string(mustRead(t, "playground/"+tt.cfg.Profile.String()+".json")), html.UnescapeString(m[1]))
			assert.Contains(t, page, `<option value="`+tt.cfg.Profile.String()+`" selected`)
			assert.Equal(t, tt.cfg.Strict, strings.Contains(page, `id="strict" checked`))
			assert.Equal(t, tt.cfg.OpenCategories, strings.Contains(page, `id="open-categories" checked`))
			assert.Contains(t, page, "nothing leaves the machine")
		})
	}
}

// TestPlaygroundPageKeepsToItsPolicy shows the page needs nothing its
// Content-Security-Policy forbids: no inline script, style or event
// handler, and nothing from another origin.
func TestPlaygroundPageKeepsToItsPolicy(t *testing.T) {
	page := get(Handler(Config{Validate: true}), "/").Body.String()
	scripts := scriptRE.FindAllStringSubmatch(page, -1)
	require.Len(t, scripts, 1)
	assert.Contains(t, scripts[0][1], `src="/playground.js"`)
	assert.Empty(t, strings.TrimSpace(scripts[0][2]), "no inline script")
	assert.NotContains(t, page, "<style")
	assert.NotContains(t, page, " style=")
	assert.Empty(t, handlerRE.FindAllString(page, -1), "no inline event handler")
	urls := urlAttrRE.FindAllStringSubmatch(page, -1)
	require.NotEmpty(t, urls)
	for _, u := range urls {
		assert.True(t, strings.HasPrefix(u[1], "/") && !strings.HasPrefix(u[1], "//"), "%s is not of this origin", u[1])
	}
}

// TestPlaygroundScriptKeepsPayloadLocal shows the script uses none of the
// places a payload could be kept or shown outside the page: storage, the
// URL, the console.
func TestPlaygroundScriptKeepsPayloadLocal(t *testing.T) {
	script := string(mustRead(t, "playground/playground.js"))
	for _, api := range []string{"localStorage", "sessionStorage", "indexedDB", "document.cookie", "console.", "history.", "location.", "location =", "sendBeacon", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		assert.NotContains(t, script, api)
	}
}

// TestPlaygroundExamples shows each example valid under its profile with
// every rule on, and written for it: the other profile hints back.
func TestPlaygroundExamples(t *testing.T) {
	for _, p := range authlink.Profiles() {
		t.Run(p.String(), func(t *testing.T) {
			ex := []byte(example(p))
			assert.NoError(t, authlink.New(authlink.Options{Profile: p, Strict: true}).Validate(ex))
			other := authlink.ProfileDocument
			if p == authlink.ProfileDocument {
				other = authlink.ProfileAPI
			}
			var verr *authlink.ValidationError
			require.True(t, errors.As(authlink.New(authlink.Options{Profile: other}).Validate(ex), &verr))
			assert.NotEmpty(t, verr.Hint)
		})
	}
}

// TestNoSecretInAnyResponse sends every payload of the corpus, with the
// secret planted in every place it can go, under every choice of profile
// and rules, and the hostile rows of each profile; then fetches every page.
// No answer shows the secret.
func TestNoSecretInAnyResponse(t *testing.T) {
	files, err := hostile.CorpusFiles("../../testdata")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var payloads [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		payloads = append(payloads, hostile.WithSentinel(data))
	}
	for _, row := range hostile.ProfileRows() {
		data, err := row.Payload("../../testdata")
		require.NoError(t, err)
		payloads = append(payloads, data, hostile.WithSentinel(data))
	}
	sentinelInBody := []byte(`{"token": "` + hostile.Sentinel + `", "label": 1}`)
	payloads = append(payloads, sentinelInBody, sentinelInBody[:30])

	h := Handler(Config{Validate: true})
	var queries []string
	for _, p := range []string{"api", "document"} {
		for _, strict := range []string{"true", "false"} {
			for _, open := range []string{"true", "false"} {
				queries = append(queries, "?profile="+p+"&strict="+strict+"&open-categories="+open)
			}
		}
	}
	statuses := map[int]int{}
	for _, q := range queries {
		for i, body := range payloads {
			r := httptest.NewRequest("POST", "/validate"+q, bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			statuses[w.Code]++
			if hostile.Shows(w.Body.String()) {
				t.Errorf("POST /validate%s with payload %d shows the secret: %s", q, i, w.Body)
			}
		}
	}
	assert.NotZero(t, statuses[http.StatusOK])
	assert.NotZero(t, statuses[http.StatusUnprocessableEntity])
	assert.NotZero(t, statuses[http.StatusBadRequest])
	for _, path := range []string{"/", "/playground.js", "/playground.css", "/schema", "/healthz"} {
		assert.False(t, hostile.Shows(get(h, path).Body.String()), path)
	}
}
