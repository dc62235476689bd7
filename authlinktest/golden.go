package authlinktest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
)

// updating reports whether -update was given; it is a variable so that the
// package's own tests can switch it.
var updating = updateFlag(flag.CommandLine)

// Update reports whether the tests run with -update. A test package that
// wants the flag for its own golden files reads it here: defining another
// -update in a package-level variable would run after this package's
// registration and panic ("flag redefined"). A package that registers it
// after checking flag.Lookup("update"), as gotest.tools does, shares it.
func Update() bool { return updating() }

// updateFlag registers -update on fs unless another package did (gotest.tools
// and most golden-file helpers define the same bool flag), and returns a
// function reading it, so that the flag is shared instead of a panic.
func updateFlag(fs *flag.FlagSet) func() bool {
	if fs.Lookup("update") == nil {
		fs.Bool("update", false, "rewrite golden files under testdata")
	}
	return func() bool {
		f := fs.Lookup("update")
		if g, ok := f.Value.(flag.Getter); ok {
			b, _ := g.Get().(bool)
			return b
		}
		return f.Value.String() == "true"
	}
}

// Option changes how Golden compares.
type Option func(*goldenConfig)

type goldenConfig struct{ volatile []string }

// defaultVolatile are the members Golden masks unless told otherwise: they
// change on every run.
var defaultVolatile = []string{"/token", "/createdAt", "/id"}

// Volatile replaces the members Golden masks, as JSON Pointers (they may be
// nested: "/metadata/requestId"); the default is "/token", "/createdAt" and
// "/id". Masked members are stored as a marker and compared for presence
// only. The token is masked whatever the list says (every member named
// "token", at any depth), and its value is masked wherever else it appears,
// as it is or URL-escaped, in values and in member names.
func Volatile(pointers ...string) Option {
	return func(c *goldenConfig) { c.volatile = pointers }
}

const (
	volatileMark = "<volatile>"
	tokenMark    = "<token>"
)

// Golden compares got, a JSON payload, with testdata/<name>.golden.json as
// JSON: members in any order, numbers as numbers, volatile members ignored.
// The failure lists the changes keyed by JSON Pointer, (-want +got), and
// says how to update. With -update it writes the file instead, in canonical
// form (schema order, two-space indent, volatile members and the token
// masked). A missing file fails unless -update is given.
func Golden(tb testing.TB, name string, got []byte, opts ...Option) bool {
	tb.Helper()
	cfg := goldenConfig{volatile: defaultVolatile}
	for _, o := range opts {
		o(&cfg)
	}
	gotDoc, err := parse(got)
	if err != nil {
		tb.Errorf("authlinktest: Golden %s: got is not JSON this package reads: %v", name, describe(err))
		return false
	}
	gotDoc = mask(gotDoc, cfg.volatile)
	path := goldenPath(name)
	if updating() {
		return write(tb, path, canonical(gotDoc))
	}
	wantBytes, err := os.ReadFile(path)
	if err != nil {
		tb.Errorf("authlinktest: Golden %s: %v\nrun go test ./... -update to create it, and review it", name, errors.Unwrap(err))
		return false
	}
	wantDoc, err := parse(wantBytes)
	if err != nil {
		tb.Errorf("authlinktest: Golden %s: %s is not JSON: %v", name, path, describe(err))
		return false
	}
	if d := diff(flatten(mask(wantDoc, cfg.volatile)), flatten(gotDoc)); d != "" {
		tb.Errorf("authlinktest: %s differs (-want +got):\n%srun go test ./... -update to accept got, and review the diff", path, d)
		return false
	}
	return true
}

// GoldenViolations compares the violations of err, an error from authlink,
// with testdata/<name>.golden.json: pointer, code and message of each, in
// order. -update writes the file. It fails if err holds no violations.
func GoldenViolations(tb testing.TB, name string, err error) bool {
	tb.Helper()
	var verr *authlink.ValidationError
	if !errors.As(err, &verr) {
		tb.Errorf("authlinktest: GoldenViolations %s: want an *authlink.ValidationError, got %v", name, err)
		return false
	}
	path := goldenPath(name)
	if updating() {
		return write(tb, path, violationLines(verr.Violations))
	}
	wantBytes, rerr := os.ReadFile(path)
	if rerr != nil {
		tb.Errorf("authlinktest: GoldenViolations %s: %v\nrun go test ./... -update to create it, and review it", name, errors.Unwrap(rerr))
		return false
	}
	var want []authlink.Violation
	if jerr := json.Unmarshal(wantBytes, &want); jerr != nil {
		tb.Errorf("authlinktest: GoldenViolations %s: %s is not a list of violations: %v", name, path, jerr)
		return false
	}
	var d strings.Builder
	for _, v := range without(want, verr.Violations) {
		fmt.Fprintf(&d, "- %s\n", v)
	}
	for _, v := range without(verr.Violations, want) {
		fmt.Fprintf(&d, "+ %s\n", v)
	}
	if d.Len() == 0 && !slices.Equal(want, verr.Violations) {
		d.WriteString("  (the same violations in another order)\n")
	}
	if d.Len() > 0 {
		tb.Errorf("authlinktest: %s differs (-want +got):\n%srun go test ./... -update to accept got, and review the diff", path, d.String())
		return false
	}
	return true
}

func goldenPath(name string) string {
	return filepath.Join("testdata", filepath.FromSlash(name)+".golden.json")
}

func write(tb testing.TB, path string, content []byte) bool {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Errorf("authlinktest: %v", err)
		return false
	}
	if err := os.WriteFile(path, content, 0o644); err != nil {
		tb.Errorf("authlinktest: %v", err)
		return false
	}
	tb.Logf("authlinktest: updated %s", path)
	return true
}

// without returns the violations of a that b does not have, counting
// repeats: [A, A] without [A] is [A].
func without(a, b []authlink.Violation) []authlink.Violation {
	left := map[authlink.Violation]int{}
	for _, v := range b {
		left[v]++
	}
	var out []authlink.Violation
	for _, v := range a {
		if left[v] > 0 {
			left[v]--
			continue
		}
		out = append(out, v)
	}
	return out
}

// describe renders an error of parse without its pointer, which holds a
// member name of the input (possibly the token).
func describe(err error) string {
	var verr *authlink.ValidationError
	if errors.As(err, &verr) {
		v := verr.Violations[0]
		return string(v.Code) + ": " + v.Message
	}
	return err.Error()
}

// parse reads a JSON document with numbers kept as json.Number. It refuses
// what authlink calls malformed (duplicate names, invalid UTF-8), since
// encoding/json would silently keep the last duplicate or repair the text.
// Line endings need no care: CR and LF are white space between tokens, and
// cannot appear raw inside strings.
func parse(data []byte) (any, error) {
	var verr *authlink.ValidationError
	if err := authlink.New(authlink.Options{MaxBytes: 1 << 30, MaxDepth: 1 << 10}).Validate(data); errors.As(err, &verr) && verr.Malformed() {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// mask replaces the volatile members with a marker, every member named
// "token" too, and the tokens' values wherever else they appear.
func mask(doc any, volatile []string) any {
	doc = scrub(doc, tokenForms(doc))
	for _, p := range volatile {
		setPointer(doc, p)
	}
	return maskTokens(doc)
}

// tokenForms returns the string values of the members named "token" at any
// depth, as they are and URL-escaped (as a query or a path holds them).
func tokenForms(doc any) []string {
	var forms []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && k == "token" && s != "" && s != volatileMark {
					forms = append(forms, s, url.QueryEscape(s), url.PathEscape(s))
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	slices.SortFunc(forms, func(a, b string) int { // longest first, so that no form hides part of another
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(forms)
}

// scrub replaces every form of the token in strings and member names.
func scrub(v any, forms []string) any {
	if len(forms) == 0 {
		return v
	}
	clean := func(s string) string {
		for _, f := range forms {
			s = strings.ReplaceAll(s, f, tokenMark)
		}
		return s
	}
	switch x := v.(type) {
	case string:
		return clean(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[clean(k)] = scrub(e, forms)
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = scrub(e, forms)
		}
	}
	return v
}

// maskTokens sets every member named "token", at any depth, to the marker.
func maskTokens(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k == "token" {
				x[k] = volatileMark
				continue
			}
			x[k] = maskTokens(e)
		}
	case []any:
		for i, e := range x {
			x[i] = maskTokens(e)
		}
	}
	return v
}

// setPointer replaces the value at an RFC 6901 pointer, if there is one,
// with the volatile marker.
func setPointer(doc any, pointer string) {
	tokens := strings.Split(pointer, "/")[1:]
	for i, tok := range tokens {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		last := i == len(tokens)-1
		switch c := doc.(type) {
		case map[string]any:
			if _, ok := c[tok]; !ok {
				return
			}
			if last {
				c[tok] = volatileMark
				return
			}
			doc = c[tok]
		case []any:
			n, err := strconv.Atoi(tok)
			if err != nil || n < 0 || n >= len(c) {
				return
			}
			if last {
				c[n] = volatileMark
				return
			}
			doc = c[n]
		default:
			return
		}
	}
}
