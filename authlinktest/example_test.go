package authlinktest_test

import (
	"fmt"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
)

// exampleT stands in for the *testing.T of a real test: it prints the
// failures the helpers report, so that the examples show their messages.
// Like testing.T without -v, it keeps logs to itself.
type exampleT struct{ testing.TB }

func (exampleT) Helper()                   {}
func (exampleT) Errorf(s string, a ...any) { fmt.Printf(s+"\n", a...) }
func (exampleT) Logf(string, ...any)       {}

var t = exampleT{}

func ExampleAssertValid() {
	authlinktest.AssertValid(t, authlinktest.ValidJSON()) // passes, prints nothing
	authlinktest.AssertValid(t, authlinktest.Document(authlinktest.Without("token")))
	// Output:
	// authlinktest: want a valid auth link, got 1 violation(s):
	//   "/token" required: required member is missing
}

func ExampleAssertInvalid() {
	bad := authlinktest.ValidJSON(authlinktest.WithCategories("ats", "payroll"))
	authlinktest.AssertInvalid(t, bad, "/categories/1") // passes
	authlinktest.AssertInvalid(t, bad, "/token")
	// Output:
	// authlinktest: want violations at "/token"
	// missing: "/token"
	// got 1 violation(s):
	//   "/categories/1" enum: must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening
}

// The golden file testdata/example-link.golden.json holds the fixture with
// its token, createdAt and id masked: a payload with another token and
// another time still matches. A changed member fails with a diff such as
//
//	authlinktest: testdata/example-link.golden.json differs (-want +got):
//	  /label:
//	    - "Acme Greenhouse"
//	    + "Renamed"
//	run go test ./... -update to accept got, and review the diff
func ExampleGolden() {
	got := authlinktest.ValidJSON(authlinktest.WithToken("sess_tok_from_this_run"), authlinktest.WithCreatedAt("2026-11-26T12:00:00Z"))
	fmt.Println(authlinktest.Golden(t, "example-link", got))
	// Output:
	// true
}

func ExampleGoldenViolations() {
	err := authlink.Validate(authlinktest.Document(authlinktest.Without("token"), authlinktest.Set("createdAt", "yesterday")))
	fmt.Println(authlinktest.GoldenViolations(t, "example-violations", err))
	// Output:
	// true
}

func ExampleValid() {
	link := authlinktest.Valid(authlinktest.WithCategories(authlink.CategoryCRM), authlinktest.WithMetadata(nil))
	fmt.Println(link.Categories, link.Metadata.IsNull(), authlink.ValidateStruct(link))
	// Output:
	// [crm] true <nil>
}

func ExampleDocument() {
	doc := authlinktest.Document(authlinktest.Set("id", "48213"), authlinktest.Without("projectId"))
	authlinktest.AssertInvalid(t, doc, "/id", "/projectId") // passes
	fmt.Println(authlink.Validate(doc))
	// Output:
	// authlink: invalid auth link: /id: type: must be a number; /projectId: required: required member is missing
}
