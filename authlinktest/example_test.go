package authlinktest_test

import (
	"fmt"
	"os"
	"strings"
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
	authlinktest.AssertValid(t, authlinktest.FixtureJSON()) // passes, prints nothing
	authlinktest.AssertValid(t, authlinktest.Document(authlinktest.Without("token")))
	// Output:
	// authlinktest: want a valid auth link, got 1 violation(s):
	//   /token: required: required member is missing
}

func ExampleAssertInvalid() {
	bad := authlinktest.FixtureJSON(authlinktest.WithCategories("ats", "payroll"))
	authlinktest.AssertInvalid(t, bad, "/categories/1") // passes
	authlinktest.AssertInvalid(t, bad, "/token")
	// Output:
	// authlinktest: want violations at /token
	// missing: /token
	// got 1 violation(s):
	//   /categories/1: enum: must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening, messaging, accounting, scheduling
}

// A payload in the SDK document's camelCase names is checked under the
// document profile; under the default api profile the failure says why.
func ExampleAssertValidWith() {
	body := authlinktest.DocumentFor(authlink.ProfileDocument)
	authlinktest.AssertValidWith(t, authlink.Options{Profile: authlink.ProfileDocument}, body) // passes
	// Under the default api profile, the same body fails.
	authlinktest.AssertValid(t, body)
	// Output:
	// authlinktest: want a valid auth link, got 6 violation(s):
	//   /auth_link_url: required: required member is missing
	//   /created_at: required: required member is missing
	//   /organization_id: required: required member is missing
	//   /origin_owner_id: required: required member is missing
	//   /origin_owner_name: required: required member is missing
	//   /project_id: required: required member is missing
	// hint: member names follow the SDK document (camelCase); use the document profile
}

func ExampleAssertInvalidWith() {
	doc := authlinktest.DocumentFor(authlink.ProfileDocument, authlinktest.Set("organizationId", "org_2f7c1d9e5a"))
	authlinktest.AssertInvalidWith(t, authlink.Options{Profile: authlink.ProfileDocument}, doc, "/organizationId") // passes
	fmt.Println(authlink.New(authlink.Options{Profile: authlink.ProfileDocument}).Validate(doc))
	// Output:
	// authlink: invalid auth link: /organizationId: type: must be a number
}

// The golden file testdata/example-link.golden.json holds the fixture with
// its token, created_at and id masked: a payload with another token and
// another time still matches. A changed member fails with a diff such as
//
//	authlinktest: testdata/example-link.golden.json differs (-want +got):
//	  /label:
//	    - "Acme Greenhouse"
//	    + "Renamed"
//	run AUTHLINK_UPDATE=1 go test ./... (or go test ./... -update) to accept got, and review the diff
func ExampleGolden() {
	got := authlinktest.FixtureJSON(authlinktest.WithToken("sess_tok_from_this_run"), authlinktest.WithCreatedAt("2026-11-26T12:00:00Z"))
	fmt.Println(authlinktest.Golden(t, "example-link", got))
	// Output:
	// true
}

func ExampleGoldenViolations() {
	err := authlink.Validate(authlinktest.Document(authlinktest.Without("token"), authlinktest.Set("created_at", "yesterday")))
	fmt.Println(authlinktest.GoldenViolations(t, "example-violations", err))
	// Output:
	// true
}

// The secrets never reach a golden file: every external_trigger_token
// member is masked like the token, and its value elsewhere (here in a URL)
// becomes a marker that says which secret was there.
func ExampleGolden_externalTriggerToken() {
	got := authlinktest.FixtureJSON(authlinktest.WithExternalTriggerToken("ett_from_this_run"),
		authlinktest.WithAuthLinkURL("https://hub.stackone.com/connect?trigger=ett_from_this_run"))
	fmt.Println(authlinktest.Golden(t, "example-trigger-link", got))
	file, _ := os.ReadFile("testdata/example-trigger-link.golden.json")
	fmt.Println(strings.Contains(string(file), "ett_from_this_run"))
	// Output:
	// true
	// false
}

func ExampleFixture() {
	link := authlinktest.Fixture(authlinktest.WithCategories(authlink.CategoryCRM), authlinktest.WithMetadata(nil))
	fmt.Println(link.Profile, link.OrganizationID, link.Categories, link.Metadata.IsNull(), authlink.ValidateStruct(link))
	// Output:
	// api org_2f7c1d9e5a [crm] true <nil>
}

// WithProfile builds the document profile's fixture: camelCase names, a
// number organization id, and none of the api's members it lacks.
func ExampleWithProfile() {
	opts := authlink.Options{Profile: authlink.ProfileDocument}
	doc := authlinktest.FixtureJSON(authlinktest.WithProfile(authlink.ProfileDocument), authlinktest.WithCategories(authlink.CategoryCRM))
	fmt.Println(string(doc))
	fmt.Println(authlink.New(opts).Validate(doc))
	// Output:
	// {"id":48213,"organizationId":1207,"projectId":"proj_6a1f93c2e4b04d7f","categories":["crm"],"provider":"greenhouse","originOwnerId":"cust_8e41c0b7","originOwnerName":"Acme Corporation","originUsername":"jane.doe@acme.example","label":"Acme Greenhouse","createdAt":"2025-03-14T09:26:53.589Z","metadata":{"plan":"enterprise","seats":250},"token":"sess_tok_fixture_0123456789abcdef","authLinkUrl":"https://hub.stackone.com/connect?token=sess_tok_fixture_0123456789abcdef"}
	// <nil>
}

func ExampleDocument() {
	doc := authlinktest.Document(authlinktest.Set("id", "48213"), authlinktest.Without("project_id"))
	authlinktest.AssertInvalid(t, doc, "/id", "/project_id") // passes
	fmt.Println(authlink.Validate(doc))
	// Output:
	// authlink: invalid auth link: /id: type: must be a number; /project_id: required: required member is missing
}

func ExampleDocumentFor() {
	doc := authlinktest.DocumentFor(authlink.ProfileDocument, authlinktest.Set("categories", nil))
	fmt.Println(authlink.New(authlink.Options{Profile: authlink.ProfileDocument}).Validate(doc))
	// Output:
	// authlink: invalid auth link: /categories: type: must be an array
}

// Volatile chooses the members that change on every run. Here the
// response carries a request id in its metadata; the golden file stores a
// marker in its place, and any value matches it.
func ExampleVolatile() {
	got := authlinktest.FixtureJSON(authlinktest.WithMetadata(authlink.Metadata{"request_id": "req_from_this_run"}))
	fmt.Println(authlinktest.Golden(t, "example-volatile", got,
		authlinktest.Volatile("/created_at", "/id", "/metadata/request_id")))
	file, _ := os.ReadFile("testdata/example-volatile.golden.json")
	fmt.Println(strings.Contains(string(file), `"request_id": "<volatile>"`))
	// Output:
	// true
	// true
}

// A team's own rules ride along in the options, so its tests check them
// too: here metadata must name a plan.
func ExampleAssertInvalidWith_rules() {
	rules, err := authlink.CompileMetadataRules([]byte(`{"required": ["plan"]}`))
	if err != nil {
		panic(err)
	}
	opts := authlink.Options{Rules: rules}
	authlinktest.AssertValidWith(t, opts, authlinktest.FixtureJSON())                                                                   // the fixture's metadata names a plan
	authlinktest.AssertInvalidWith(t, opts, authlinktest.FixtureJSON(authlinktest.WithMetadata(authlink.Metadata{})), "/metadata/plan") // passes
	fmt.Println(authlink.New(opts).Validate(authlinktest.FixtureJSON(authlinktest.WithMetadata(authlink.Metadata{}))))
	// Output:
	// authlink: invalid auth link: /metadata/plan: rule: required member is missing (rules)
}
