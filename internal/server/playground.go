package server

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strconv"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
)

// The playground is one page, its script and its style sheet, and a valid
// example payload of each profile (playground/api.json,
// playground/document.json), all embedded: the page loads nothing from
// anywhere else.
//
//go:embed playground
var playgroundFiles embed.FS

var pageTemplate = template.Must(template.ParseFS(playgroundFiles, "playground/index.html"))

// contentSecurityPolicy lets the page run its own script and style sheet
// and talk to its own origin, and nothing more: no inline script or style,
// no other origin, no form submission, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
	"form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

// profileLabels say, in the profile selector, what each profile is.
var profileLabels = map[authlink.Profile]string{
	authlink.ProfileAPI:      "StackOne's API (snake_case)",
	authlink.ProfileDocument: "SDK document (camelCase)",
}

// example returns the playground's valid payload of p.
func example(p authlink.Profile) string {
	return string(embedded("playground/" + p.String() + ".json"))
}

type pageProfile struct {
	Name, Label, Example string
	Selected             bool
}

type pageData struct {
	Profiles               []pageProfile
	Strict, OpenCategories bool
	Example                string
}

// handlePlayground routes GET / to the page, whose controls start as cfg
// says (profile, strict, open categories) and whose text area holds the
// example of cfg's profile, and the page's script and style sheet.
func handlePlayground(mux *http.ServeMux, cfg authlinkhttp.Config) {
	data := pageData{Strict: cfg.Strict, OpenCategories: cfg.OpenCategories, Example: example(cfg.Profile)}
	for _, p := range authlink.Profiles() {
		data.Profiles = append(data.Profiles, pageProfile{p.String(), profileLabels[p], example(p), p == cfg.Profile})
	}
	var page bytes.Buffer
	if err := pageTemplate.Execute(&page, data); err != nil {
		panic("server: the playground page does not render: " + err.Error())
	}
	mux.Handle("GET /{$}", asset("text/html; charset=utf-8", page.Bytes()))
	mux.Handle("GET /playground.js", asset("text/javascript; charset=utf-8", embedded("playground/playground.js")))
	mux.Handle("GET /playground.css", asset("text/css; charset=utf-8", embedded("playground/playground.css")))
}

// embedded returns an embedded file of the playground; a missing one is a
// mistake in this package, found at start-up.
func embedded(name string) []byte {
	b, err := playgroundFiles.ReadFile(name)
	if err != nil {
		panic("server: " + err.Error())
	}
	return b
}

// asset serves body, with the playground's security headers.
func asset(contentType string, body []byte) http.Handler {
	length := strconv.Itoa(len(body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("Content-Length", length)
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		if r.Method != http.MethodHead {
			w.Write(body)
		}
	})
}
