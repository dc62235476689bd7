package authlinktest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
)

// AssertValid fails the test, listing the violations one per line (pointer,
// code, message) and the hint if the member names follow the other profile,
// if data is not a valid auth link in the api profile. It reports whether
// data is valid. AssertValidWith checks under other options.
func AssertValid(tb testing.TB, data []byte) bool {
	tb.Helper()
	return AssertValidWith(tb, authlink.Options{}, data)
}

// AssertValidWith is AssertValid under opts, for another profile or other
// rules:
//
//	authlinktest.AssertValidWith(t, authlink.Options{Profile: authlink.ProfileDocument}, body)
func AssertValidWith(tb testing.TB, opts authlink.Options, data []byte) bool {
	tb.Helper()
	err := authlink.New(opts).Validate(data)
	if err == nil {
		return true
	}
	tb.Errorf("authlinktest: want a valid auth link, got %s", maskText(listViolations(err), fixtureSecrets, nil))
	return false
}

// AssertInvalid fails the test if data is a valid auth link in the api
// profile, or if any of the pointers given is not among its violations;
// the failure shows the pointers wanted and the violations found. It
// reports whether it passed. AssertInvalidWith checks under other options.
func AssertInvalid(tb testing.TB, data []byte, pointers ...string) bool {
	tb.Helper()
	return AssertInvalidWith(tb, authlink.Options{}, data, pointers...)
}

// AssertInvalidWith is AssertInvalid under opts, for another profile or
// other rules:
//
//	doc := authlinktest.DocumentFor(authlink.ProfileDocument, authlinktest.Without("createdAt"))
//	authlinktest.AssertInvalidWith(t, authlink.Options{Profile: authlink.ProfileDocument}, doc, "/createdAt")
func AssertInvalidWith(tb testing.TB, opts authlink.Options, data []byte, pointers ...string) bool {
	tb.Helper()
	err := authlink.New(opts).Validate(data)
	if err == nil {
		tb.Errorf("authlinktest: want an invalid auth link, got a valid one")
		return false
	}
	var verr *authlink.ValidationError
	errors.As(err, &verr)
	var missing []string
	for _, p := range pointers {
		if !slices.ContainsFunc(verr.Violations, func(v authlink.Violation) bool { return v.Pointer == p }) {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return true
	}
	// The fixtures' secrets are masked here as in GoldenViolations: a
	// pointer may hold one (a member named after it, in strict mode).
	tb.Errorf("authlinktest: want violations at %s\nmissing: %s\ngot %s", maskText(strings.Join(displayPointers(pointers), ", "), fixtureSecrets, nil),
		maskText(strings.Join(displayPointers(missing), ", "), fixtureSecrets, nil), maskText(listViolations(err), fixtureSecrets, nil))
	return false
}

// listViolations renders an error of Validate one violation per line,
// then its hint if it has one.
func listViolations(err error) string {
	var verr *authlink.ValidationError
	if !errors.As(err, &verr) {
		return "error: " + err.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d violation(s):", len(verr.Violations))
	for _, v := range verr.Violations {
		b.WriteString("\n  " + v.String())
	}
	if verr.Hint != "" {
		b.WriteString("\nhint: " + verr.Hint)
	}
	return b.String()
}

// displayPointers shows pointers as the package shows them to people.
func displayPointers(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = authlink.Violation{Pointer: s}.DisplayPointer()
	}
	return out
}
