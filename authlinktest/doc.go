// Package authlinktest helps test code that produces or consumes StackOne
// auth links: assertions on payloads, golden files compared as JSON (with
// volatile members masked and the secrets never written to disk), and
// fixtures to build valid payloads and their variants in one line.
//
//	func TestIssueAuthLink(t *testing.T) {
//		body := issueAuthLink(t) // your handler's response
//
//		// The payload is a valid auth link; on failure, its violations one per line.
//		authlinktest.AssertValid(t, body)
//
//		// It matches the reviewed copy in testdata/issue-auth-link.golden.json,
//		// compared as JSON: member order and number spelling do not matter, and
//		// the secrets, created_at and id (volatile by default) are masked.
//		authlinktest.Golden(t, "issue-auth-link", body)
//	}
//
//	func TestRejectsBadLinks(t *testing.T) {
//		bad := authlinktest.FixtureJSON(authlinktest.WithCategories("ats", "payroll"))
//		authlinktest.AssertInvalid(t, bad, "/categories/1")
//		authlinktest.AssertInvalid(t, authlinktest.Document(authlinktest.Without("token")), "/token")
//		authlinktest.GoldenViolations(t, "bad-categories", authlink.Validate(bad))
//	}
//
// # Profiles and options
//
// Like authlink, the package defaults to the api profile, the JSON
// StackOne's API sends (snake_case member names: created_at). The fixtures
// build the document profile's camelCase names with
// WithProfile(authlink.ProfileDocument) or DocumentFor, and AssertValidWith
// and AssertInvalidWith check a payload under any authlink.Options: a
// profile, strict mode, a team's own rules. Golden serves both profiles.
//
// # Helpers and fixtures
//
// Every assertion and golden helper takes a testing.TB, calls its Helper
// method and reports a failure with Errorf, so a test goes on to show every
// problem at once. The fixtures (Fixture, FixtureJSON, Document,
// DocumentFor) take no testing.TB: they panic on a modifier or an edit that
// makes the value impossible to encode (invalid UTF-8, a member the profile
// lacks), a mistake in the test itself.
//
// # Golden files
//
// Golden files live in testdata/ as NAME.golden.json. AUTHLINK_UPDATE=1 go
// test ./... writes the files of the tests that run, in canonical form
// (schema order, two-space indent), and nothing else; review the diff. go
// test ./... -update does the same in test binaries that import this
// package; in the others go test would not know the flag, which is why the
// environment form comes first. The package registers no flag: it takes
// -update out of the command line, so a package of yours may declare its own
// without a "flag redefined" panic; Update reports the shared switch. A
// missing golden file fails with its path; it is never created silently. A
// failure is a diff keyed by JSON Pointer, (-want +got). Golden files
// checked out with CRLF line endings compare as if they had LF.
//
// Both secrets, token and external_trigger_token, are masked wherever they
// appear, whatever the volatile list says: every member of those names at
// any depth, their values in any string or member name as written or
// escaped (URL escapes in either hex case, JSON escapes, up to three
// layers), every token= or external_trigger_token= parameter, and the
// fixtures' own secrets. A secret shorter than eight bytes is masked only
// where it is a whole value, which keeps failure messages readable. The
// default volatile members are /token, /created_at, /createdAt and /id;
// Volatile chooses others.
package authlinktest
