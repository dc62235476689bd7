package authlink_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
)

// TestRulesOnFixtures states each rule of the README's api table as one line
// on the authlinktest fixture: the valid variants pass, the invalid ones fail
// at the pointer given with the code given.
func TestRulesOnFixtures(t *testing.T) {
	at := func(t *testing.T, data []byte, pointer string, code authlink.Code) {
		t.Helper()
		atWith(t, authlink.Options{}, data, pointer, code)
	}
	ok := authlinktest.AssertValid
	doc, set, without := authlinktest.Document, authlinktest.Set, authlinktest.Without
	link := func(f func(*authlink.AuthLink)) []byte { return authlinktest.FixtureJSON(f) }

	// id: a number that fits a finite double, required.
	at(t, doc(set("id", "48213")), "/id", authlink.CodeType)
	at(t, doc(without("id")), "/id", authlink.CodeRequired)
	at(t, doc(set("id", json.RawMessage("1e400"))), "/id", authlink.CodeRange)
	ok(t, doc(set("id", json.RawMessage("-0.5e-3"))))
	// organization_id: a non-empty string or a number that fits a finite double, required.
	ok(t, doc(set("organization_id", "org_1")))
	ok(t, doc(set("organization_id", json.RawMessage("1E+2"))))
	at(t, doc(set("organization_id", "")), "/organization_id", authlink.CodeEmpty)
	at(t, doc(set("organization_id", json.RawMessage("1e400"))), "/organization_id", authlink.CodeRange)
	at(t, doc(set("organization_id", nil)), "/organization_id", authlink.CodeType)
	at(t, doc(without("organization_id")), "/organization_id", authlink.CodeRequired)
	// project_id, origin_owner_id, origin_owner_name, token: non-empty strings, required.
	for _, m := range []string{"project_id", "origin_owner_id", "origin_owner_name", "token"} {
		at(t, doc(set(m, "")), "/"+m, authlink.CodeEmpty)
		at(t, doc(set(m, 7)), "/"+m, authlink.CodeType)
		at(t, doc(without(m)), "/"+m, authlink.CodeRequired)
	}
	// created_at: RFC 3339 date-time, required.
	at(t, authlinktest.FixtureJSON(authlinktest.WithCreatedAt("2025-02-29T00:00:00Z")), "/created_at", authlink.CodeFormat)
	ok(t, authlinktest.FixtureJSON(authlinktest.WithCreatedAt("2024-02-29t23:59:59.5+01:00")))
	// auth_link_url: an absolute http(s) URL with a host, required.
	at(t, authlinktest.FixtureJSON(authlinktest.WithAuthLinkURL("javascript:alert(1)")), "/auth_link_url", authlink.CodeFormat)
	ok(t, authlinktest.FixtureJSON(authlinktest.WithAuthLinkURL("http://[::1]:8080/connect")))
	// categories: optional array of enum strings or null, may be empty.
	at(t, authlinktest.FixtureJSON(authlinktest.WithCategories("ats", "HRIS")), "/categories/1", authlink.CodeEnum)
	ok(t, doc(set("categories", nil)))
	ok(t, authlinktest.FixtureJSON(authlinktest.WithCategories()))
	ok(t, authlinktest.FixtureJSON(authlinktest.WithCategories("hrisLegacy", "stackOne", "ats", "ats")))
	ok(t, authlinktest.FixtureJSON(authlinktest.WithCategories("messaging", "accounting", "scheduling")))
	ok(t, doc(without("categories")))
	// provider, origin_username, account_id, label, integration_id, external_trigger_token,
	// type: string or null, optional; type accepts any string.
	for _, m := range []string{"provider", "origin_username", "account_id", "label", "integration_id", "external_trigger_token", "type"} {
		ok(t, doc(set(m, nil)))
		ok(t, doc(set(m, "anything")))
		ok(t, doc(without(m)))
		at(t, doc(set(m, false)), "/"+m, authlink.CodeType)
	}
	// metadata: object or null, optional, any members.
	ok(t, authlinktest.FixtureJSON(authlinktest.WithMetadata(nil)))
	ok(t, link(func(a *authlink.AuthLink) {
		a.Metadata = authlink.ValueOf(authlink.Metadata{"a": []any{map[string]any{"b": nil}}})
	}))
	at(t, doc(set("metadata", "plan=pro")), "/metadata", authlink.CodeType)
	// Unknown members are allowed.
	ok(t, doc(set("connector_profile_id", "cp_1"), set("latest_connection_attempt", nil)))
}

// TestDocumentRulesOnFixtures does the same for the README's document table,
// where it differs from the api profile.
func TestDocumentRulesOnFixtures(t *testing.T) {
	opts := authlink.Options{Profile: authlink.ProfileDocument}
	at := func(data []byte, pointer string, code authlink.Code) {
		t.Helper()
		atWith(t, opts, data, pointer, code)
	}
	ok := func(data []byte) { authlinktest.AssertValidWith(t, opts, data) }
	doc := func(edits ...authlinktest.Edit) []byte {
		return authlinktest.DocumentFor(authlink.ProfileDocument, edits...)
	}
	set, without := authlinktest.Set, authlinktest.Without

	ok(doc())
	// organizationId: a number only.
	ok(doc(set("organizationId", json.RawMessage("1E+2"))))
	at(doc(set("organizationId", "org_1")), "/organizationId", authlink.CodeType)
	at(doc(without("organizationId")), "/organizationId", authlink.CodeRequired)
	// categories: not nullable, the document's eleven values and the two spellings.
	at(doc(set("categories", nil)), "/categories", authlink.CodeType)
	at(doc(set("categories", []string{"ats", "messaging"})), "/categories/1", authlink.CodeEnum)
	ok(doc(set("categories", []string{"hrisLegacy", "stackOne"})))
	// The api's members are unknown members here: allowed, unless strict.
	ok(doc(set("external_trigger_token", 7), set("type", "production")))
	atWith(t, authlink.Options{Profile: authlink.ProfileDocument, Strict: true}, doc(set("type", "production")), "/type", authlink.CodeUnknown)
	// The api's names are not the document's.
	at(doc(without("createdAt"), set("created_at", "2025-03-14T09:26:53Z")), "/createdAt", authlink.CodeRequired)
}

// atWith checks that data breaks the rule named: a violation with this
// pointer and this code, under opts.
func atWith(t *testing.T, opts authlink.Options, data []byte, pointer string, code authlink.Code) {
	t.Helper()
	var verr *authlink.ValidationError
	if !errors.As(authlink.New(opts).Validate(data), &verr) {
		t.Errorf("want %s at %s, got a valid auth link", code, pointer)
		return
	}
	if !verr.Has(pointer, code) {
		t.Errorf("want %s at %s, got %v", code, pointer, verr)
	}
}
