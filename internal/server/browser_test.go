package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The environment of the browser test.
const (
	// requireBrowserEnv, when set, makes a missing Chromium a failure
	// rather than a skip: CI sets it, so that the test never silently
	// stops running.
	requireBrowserEnv = "AUTHLINK_REQUIRE_BROWSER"
	// screenshotEnv, when set, is where the test also writes its
	// screenshot (a relative path is from the module's root), the one the
	// README shows: AUTHLINK_SCREENSHOT=docs/playground.png.
	screenshotEnv = "AUTHLINK_SCREENSHOT"
)

// chromium returns the path of Chromium, or skips the test (fails it, when
// requireBrowserEnv is set) if there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	const msg = "no Chromium found (looked for chromium, chromium-browser and google-chrome on PATH); " +
		"install it with apt-get install -y chromium to run the browser test"
	if os.Getenv(requireBrowserEnv) != "" {
		t.Fatal(msg + "; " + requireBrowserEnv + " is set, so this is a failure")
	}
	t.Skip(msg)
	return ""
}

// browser starts headless Chromium with a fresh profile, quiet on the
// network, and returns its context and the console messages of its tab so
// far.
func browser(t *testing.T) (context.Context, func() []chromedp.ConsoleMessage) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 820),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	var mu sync.Mutex
	var messages []chromedp.ConsoleMessage
	console := chromedp.Console(ctx) // starts the browser
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			mu.Lock()
			messages = append(messages, m)
			mu.Unlock()
		}
	}()
	return ctx, func() []chromedp.ConsoleMessage {
		mu.Lock()
		defer mu.Unlock()
		return append([]chromedp.ConsoleMessage(nil), messages...)
	}
}

// row is one violation as the page lists it.
type row struct {
	Where, Pointer, Code, Message string
}

const (
	settled = `document.querySelector(".verdict").getAttribute("aria-busy") === "false"`
	rowsJS  = `[...document.querySelectorAll("#violations button")].map(b => ({
		Where: b.querySelector(".where").textContent,
		Pointer: b.querySelector(".pointer").textContent,
		Code: b.querySelector(".code").textContent,
		Message: b.querySelector(".message").textContent}))`
	selectionJS = `(() => { const p = document.getElementById("payload");
		return {Focused: document.activeElement === p, Text: p.value.substring(p.selectionStart, p.selectionEnd)}; })()`
)

type selection struct {
	Focused bool
	Text    string
}

// page drives the playground in one tab.
type page struct {
	t   *testing.T
	ctx context.Context
}

func (p page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	require.NoError(p.t, chromedp.Do(p.ctx, actions...))
}

func eval[T any](p page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	require.NoError(p.t, err, expr)
	return v
}

// settle waits until the page shows the verdict on what it holds now.
func (p page) settle() {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[chromedp.Void](settled, chromedp.WithPollingTimeout(15*time.Second))(ctx, t)
		return err
	}))
}

// status is the class and the text of the verdict's first line.
func (p page) status() (string, string) {
	p.t.Helper()
	s := eval[[]string](p, `(() => { const s = document.getElementById("status"); return [s.className, s.textContent]; })()`)
	return s[0], s[1]
}

// replace puts text in the payload as a paste does, in one input event.
func (p page) replace(text string) {
	p.t.Helper()
	lit, err := json.Marshal(text)
	require.NoError(p.t, err)
	eval[chromedp.Void](p, `(() => { const p = document.getElementById("payload"); p.value = `+string(lit)+`;
		p.dispatchEvent(new Event("input", {bubbles: true})); })()`)
}

// choose picks a profile in the selector, as a person does.
func (p page) choose(profile string) {
	p.t.Helper()
	eval[chromedp.Void](p, `(() => { const s = document.getElementById("profile"); s.value = "`+profile+`";
		s.dispatchEvent(new Event("change", {bubbles: true})); })()`)
}

// clickViolation clicks the listed violation at pointer.
func (p page) clickViolation(pointer string) {
	p.t.Helper()
	rows := eval[[]row](p, rowsJS)
	for i, r := range rows {
		if r.Pointer == pointer {
			p.do(chromedp.Click(chromedp.CSS("#violations li:nth-child(" + strconv.Itoa(i+1) + ") button")))
			return
		}
	}
	p.t.Fatalf("no violation at %s among %v", pointer, rows)
}

// wantRows is how the page must list the violations authlink finds in
// payload under opts.
func wantRows(t *testing.T, opts authlink.Options, payload string) []row {
	t.Helper()
	var verr *authlink.ValidationError
	require.True(t, errors.As(authlink.New(opts).Validate([]byte(payload)), &verr))
	var rows []row
	for _, v := range verr.Violations {
		rows = append(rows, row{strconv.Itoa(v.Line) + ":" + strconv.Itoa(v.Column), v.DisplayPointer(), string(v.Code), v.Message})
	}
	return rows
}

// invalidAPI is what the browser test types: a payload as StackOne's API
// sends it, with mistakes.
const invalidAPI = `{
  "id": 48213,
  "organization_id": "",
  "project_id": "proj_6a1f93c2",
  "categories": ["ats", "payroll", "crm"],
  "provider": "greenhouse",
  "origin_owner_id": "cust_8e41c0b7",
  "origin_owner_name": "Acme Corporation",
  "origin_username": "jane.doe@acme.example",
  "account_id": null,
  "label": "Acme Café",
  "created_at": "last Tuesday",
  "metadata": {"plan": "enterprise"},
  "token": "sess_tok_5f2b9c0d4e7a41b8",
  "external_trigger_token": 7,
  "type": "production",
  "connector_profile_id": "cp_7d2a9e41"
}`

// TestPlaygroundInBrowser loads the playground from the real handler in
// headless Chromium and uses it as a person does: it types an invalid
// payload, reads the violations and their locations, clicks one to select
// it, switches to strict and to the other profile, and takes a screenshot.
func TestPlaygroundInBrowser(t *testing.T) {
	ctx, console := browser(t)
	srv := httptest.NewServer(Handler(Config{Validate: true}))
	defer srv.Close()
	p := page{t, ctx}

	p.do(chromedp.EmulateViewport(1200, 740), chromedp.Navigate(srv.URL))
	p.settle()
	class, text := p.status()
	assert.Equal(t, "status valid", class)
	assert.Equal(t, "Valid auth link (api profile)", text)
	assert.Equal(t, example(authlink.ProfileAPI), eval[string](p, `document.getElementById("payload").value`), "the example is there")

	t.Run("typing an invalid payload lists its violations where they are", func(t *testing.T) {
		p := page{t, ctx}
		// All but the last line goes in at once; the last is typed, key
		// by key (typing all of it costs seconds and checks nothing more).
		cut := strings.LastIndexByte(invalidAPI[:len(invalidAPI)-2], '\n')
		head, err := json.Marshal(invalidAPI[:cut])
		require.NoError(t, err)
		eval[chromedp.Void](p, `document.getElementById("payload").value = `+string(head))
		p.do(chromedp.SendKeys(chromedp.ID("payload"), invalidAPI[cut:]))
		require.Equal(t, invalidAPI, eval[string](p, `document.getElementById("payload").value`))
		p.settle()
		class, text := p.status()
		assert.Equal(t, "status invalid", class)
		assert.Equal(t, "Invalid auth link: 5 violations", text)
		rows := eval[[]row](p, rowsJS)
		assert.Equal(t, wantRows(t, authlink.Options{}, invalidAPI), rows)
		require.Len(t, rows, 5)
		assert.Equal(t, row{"1:1", "/auth_link_url", "required", "required member is missing"}, rows[0])
		assert.Equal(t, []string{"5:25 /categories/1 enum", "12:17 /created_at format", "15:29 /external_trigger_token type", "3:22 /organization_id empty"},
			[]string{rows[1].Where + " " + rows[1].Pointer + " " + rows[1].Code, rows[2].Where + " " + rows[2].Pointer + " " + rows[2].Code,
				rows[3].Where + " " + rows[3].Pointer + " " + rows[3].Code, rows[4].Where + " " + rows[4].Pointer + " " + rows[4].Code})
		assert.True(t, eval[bool](p, `document.getElementById("hint").hidden`), "no hint: the names are the api profile's")

		p.clickViolation("/categories/1")
		assert.Equal(t, selection{true, `"payroll"`}, eval[selection](p, selectionJS))

		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(t.TempDir(), "playground.png"), png, 0o644))
		if dst := os.Getenv(screenshotEnv); dst != "" {
			if !filepath.IsAbs(dst) {
				dst = filepath.Join("..", "..", dst)
			}
			require.NoError(t, os.WriteFile(dst, png, 0o644))
			t.Logf("wrote the screenshot to %s", dst)
		}

		p.clickViolation("/organization_id")
		assert.Equal(t, selection{true, `""`}, eval[selection](p, selectionJS))
		p.clickViolation("/auth_link_url") // missing: its object's brace
		assert.Equal(t, selection{true, `{`}, eval[selection](p, selectionJS))
	})

	t.Run("the strict switch", func(t *testing.T) {
		p := page{t, ctx}
		p.do(chromedp.Click(chromedp.ID("strict")))
		p.settle()
		rows := eval[[]row](p, rowsJS)
		assert.Equal(t, wantRows(t, authlink.Options{Strict: true}, invalidAPI), rows)
		assert.Contains(t, rows, row{"17:3", "/connector_profile_id", "unknown", "member is not defined by the schema (strict mode)"})
		p.do(chromedp.Click(chromedp.ID("strict")))
		p.settle()
		assert.Len(t, eval[[]row](p, rowsJS), 5)
	})

	// A character beyond the Basic Multilingual Plane is one column but two
	// UTF-16 units of a JavaScript string.
	secretive := strings.NewReplacer(`"ats", "hris"`, `"🚀 ats", "𝒽ris"`, "sess_tok_example", hostile.Sentinel, "ext_trig_example", hostile.ExternalSentinel).
		Replace(example(authlink.ProfileAPI))
	t.Run("a selection after characters outside the BMP", func(t *testing.T) {
		p := page{t, ctx}
		p.replace(secretive)
		p.settle()
		rows := eval[[]row](p, rowsJS)
		assert.Equal(t, wantRows(t, authlink.Options{}, secretive), rows)
		assert.Equal(t, []string{"5:18", "5:27"}, []string{rows[0].Where, rows[1].Where})
		p.clickViolation("/categories/1")
		assert.Equal(t, selection{true, `"𝒽ris"`}, eval[selection](p, selectionJS))
	})

	t.Run("the other profile: the hint, and one's own payload stays", func(t *testing.T) {
		p := page{t, ctx}
		p.choose("document")
		p.settle()
		assert.Equal(t, secretive, eval[string](p, `document.getElementById("payload").value`))
		assert.False(t, eval[bool](p, `document.getElementById("hint").hidden`))
		assert.Equal(t, "member names follow StackOne's API (snake_case); use the api profile.", eval[string](p, `document.getElementById("hint").textContent`))
		assert.Equal(t, wantRows(t, authlink.Options{Profile: authlink.ProfileDocument}, secretive), eval[[]row](p, rowsJS))
	})

	t.Run("the secret is nowhere but in the text area", func(t *testing.T) {
		p := page{t, ctx}
		shown := eval[string](p, `document.title + document.querySelector(".verdict").innerText + document.querySelector("footer").innerText`)
		assert.False(t, hostile.Shows(shown))
		assert.Equal(t, srv.URL+"/", eval[string](p, `location.href`), "the payload is not in the URL")
		assert.Equal(t, 0, eval[int](p, `localStorage.length + sessionStorage.length`))
		assert.Empty(t, eval[string](p, `document.cookie`))
	})

	t.Run("an untouched example follows the profile", func(t *testing.T) {
		p := page{t, ctx}
		p.choose("api")
		p.replace(example(authlink.ProfileAPI))
		p.settle()
		p.choose("document")
		p.settle()
		assert.Equal(t, example(authlink.ProfileDocument), eval[string](p, `document.getElementById("payload").value`))
		class, text := p.status()
		assert.Equal(t, "status valid", class)
		assert.Equal(t, "Valid auth link (document profile)", text)
	})

	for _, m := range console() {
		assert.False(t, hostile.Shows(m.Text), "the console shows the secret: %s", m)
		assert.False(t, m.IsException(), "the page threw: %s", m)
		assert.NotContains(t, m.Text, "Content Security Policy", "the page broke its own policy: %s", m)
		t.Logf("console: %s", m)
	}
}
