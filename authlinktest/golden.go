package authlinktest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/internal/golden"
)

// updating reports whether golden files are rewritten; it is a variable so
// that the package's own tests can switch it.
var updating = golden.Updating

// Update reports whether golden files are rewritten: AUTHLINK_UPDATE=1 in
// the environment, which every test binary sees, or -update on the command
// line of one that imports this package. A test package that wants the same
// switch for its own golden files reads it here. This package registers no
// flag: it takes -update out of the command line before flag.Parse sees it,
// so a package that registers its own -update does not panic, though that
// flag then stays false (read Update instead). A flag named update that
// another package registered first, as gotest.tools does, is read as well.
func Update() bool { return updating() }

// GoldenOption changes how Golden compares.
type GoldenOption func(*goldenConfig)

type goldenConfig struct{ volatile []string }

// defaultVolatile are the members Golden masks unless told otherwise: they
// change on every run. Golden does not know the payload's profile, so the
// list holds both spellings of created_at; a pointer the payload lacks masks
// nothing.
var defaultVolatile = []string{"/token", "/created_at", "/createdAt", "/id"}

// Volatile replaces the members Golden masks, as JSON Pointers (they may be
// nested: "/metadata/request_id"); the default is "/token", "/created_at",
// "/createdAt" (its name in the document profile) and "/id". Masked members
// are stored as a marker and compared for presence only. The secrets are
// masked whatever the list says; see Golden.
func Volatile(pointers ...string) GoldenOption {
	return func(c *goldenConfig) { c.volatile = pointers }
}

// Golden compares got, a JSON payload, with testdata/<name>.golden.json as
// JSON: members in any order, numbers as numbers, volatile members ignored.
// The failure lists the changes keyed by JSON Pointer, (-want +got), and
// says how to update. With -update it writes the file instead, in canonical
// form (schema order, two-space indent, volatile members and the secrets
// masked). A missing file fails unless -update is given. The payload may be
// in either profile.
//
// Neither secret of an auth link reaches the file or a failure message.
// Every member named token or external_trigger_token (externalTriggerToken
// too), at any depth, is masked like a volatile member unless it is null.
// Its value, every string and number inside it if it is not a string, the
// value of every token= or external_trigger_token= parameter in any
// string (and of such a member in JSON text carried by a string),
// FixtureToken and FixtureExternalTriggerToken are secrets: each is
// replaced wherever else it appears, in values and in member names, as
// written or escaped (percent-escapes in either case of hex, a '+' for a
// space, JSON escapes, up to three layers deep), by "<token>" or
// "<external_trigger_token>", so that a golden file still shows which
// secret a URL carries. A secret shorter than 8 bytes is replaced only
// where it is a whole string, a whole member name or a parameter's value:
// inside other text it would mask letters of unrelated names (a token "t"
// would turn /metadata into /me<token>ada<token>a), and no real credential
// is that short. Member names that become the same once masked are told
// apart by a suffix, "#2", "#3", in the order of their values. A secret
// that the document names nowhere, in a document built from a token other
// than the fixtures', cannot be known: build such documents from
// FixtureToken.
//
// Objects and arrays compare by kind too: ["a"] differs from {"0":"a"}.
func Golden(tb testing.TB, name string, got []byte, opts ...GoldenOption) bool {
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
		tb.Errorf("authlinktest: Golden %s: %s: %v\nrun "+golden.HowToUpdate+" to create it, and review it", name, path, errors.Unwrap(err))
		return false
	}
	wantDoc, err := parse(wantBytes)
	if err != nil {
		tb.Errorf("authlinktest: Golden %s: %s is not JSON: %v", name, path, describe(err))
		return false
	}
	if d := diff(flatten(mask(wantDoc, cfg.volatile)), flatten(gotDoc)); d != "" {
		tb.Errorf("authlinktest: %s differs (-want +got):\n%srun "+golden.HowToUpdate+" to accept got, and review the diff", path, d)
		return false
	}
	return true
}

// GoldenViolations compares the violations of err, an error from authlink,
// with testdata/<name>.golden.json: pointer, code and message of each, in
// order. -update writes the file. It fails if err holds no violations.
// A violation holds no input value, but its pointer holds member names:
// FixtureToken and FixtureExternalTriggerToken are masked there as Golden
// masks them; GoldenViolations does not see the document, so it knows no
// other secret.
func GoldenViolations(tb testing.TB, name string, err error) bool {
	tb.Helper()
	var verr *authlink.ValidationError
	if !errors.As(err, &verr) {
		tb.Errorf("authlinktest: GoldenViolations %s: want an *authlink.ValidationError, got %s", name, maskText(fmt.Sprint(err), fixtureSecrets, nil))
		return false
	}
	got := make([]authlink.Violation, len(verr.Violations))
	for i, v := range verr.Violations {
		got[i] = essential(v)
		got[i].Pointer = maskPointer(v.Pointer, fixtureSecrets)
		got[i].Message = maskText(v.Message, fixtureSecrets, nil)
	}
	path := goldenPath(name)
	if updating() {
		return write(tb, path, violationLines(got))
	}
	wantBytes, rerr := os.ReadFile(path)
	if rerr != nil {
		tb.Errorf("authlinktest: GoldenViolations %s: %s: %v\nrun "+golden.HowToUpdate+" to create it, and review it", name, path, errors.Unwrap(rerr))
		return false
	}
	var want []authlink.Violation
	if jerr := json.Unmarshal(wantBytes, &want); jerr != nil {
		tb.Errorf("authlinktest: GoldenViolations %s: %s is not a list of violations: %v", name, path, jerr)
		return false
	}
	for i, v := range want {
		want[i] = essential(v)
	}
	var d strings.Builder
	for _, v := range without(want, got) {
		fmt.Fprintf(&d, "- %s\n", v)
	}
	for _, v := range without(got, want) {
		fmt.Fprintf(&d, "+ %s\n", v)
	}
	if d.Len() == 0 && !slices.Equal(want, got) {
		d.WriteString("  (the same violations in another order)\n")
	}
	if d.Len() > 0 {
		tb.Errorf("authlinktest: %s differs (-want +got):\n%srun "+golden.HowToUpdate+" to accept got, and review the diff", path, d.String())
		return false
	}
	return true
}

// essential keeps what GoldenViolations compares of a violation: its
// pointer, code and message. Where it is in the input changes with the
// payload's layout, which a golden file should not pin.
func essential(v authlink.Violation) authlink.Violation {
	return authlink.Violation{Pointer: v.Pointer, Code: v.Code, Message: v.Message}
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
