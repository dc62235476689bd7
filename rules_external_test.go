package authlink_test

import (
	"encoding/json"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
)

// TestRulesOnFixtures states each rule of the README's table as one line on
// the authlinktest fixture: the valid variants pass, the invalid ones fail
// at the pointer given.
func TestRulesOnFixtures(t *testing.T) {
	at := authlinktest.AssertInvalid
	ok := authlinktest.AssertValid
	doc, set, without := authlinktest.Document, authlinktest.Set, authlinktest.Without
	link := func(f func(*authlink.AuthLink)) []byte { return authlinktest.ValidJSON(f) }

	// id, organizationId: numbers that fit a finite double, required.
	at(t, doc(set("id", "48213")), "/id")
	at(t, doc(without("organizationId")), "/organizationId")
	at(t, doc(set("id", json.RawMessage("1e400"))), "/id")
	ok(t, doc(set("id", json.RawMessage("-0.5e-3")), set("organizationId", json.RawMessage("1E+2"))))
	// projectId, originOwnerId, originOwnerName, token: non-empty strings, required.
	for _, m := range []string{"projectId", "originOwnerId", "originOwnerName", "token"} {
		at(t, doc(set(m, "")), "/"+m)
		at(t, doc(set(m, 7)), "/"+m)
		at(t, doc(without(m)), "/"+m)
	}
	// createdAt: RFC 3339 date-time, required.
	at(t, authlinktest.ValidJSON(authlinktest.WithCreatedAt("2025-02-29T00:00:00Z")), "/createdAt")
	ok(t, authlinktest.ValidJSON(authlinktest.WithCreatedAt("2024-02-29t23:59:59.5+01:00")))
	// authLinkUrl: an absolute http(s) URL with a host, required.
	at(t, authlinktest.ValidJSON(authlinktest.WithAuthLinkURL("javascript:alert(1)")), "/authLinkUrl")
	ok(t, authlinktest.ValidJSON(authlinktest.WithAuthLinkURL("http://[::1]:8080/connect")))
	// categories: optional array of enum strings, not nullable, may be empty.
	at(t, authlinktest.ValidJSON(authlinktest.WithCategories("ats", "HRIS")), "/categories/1")
	at(t, doc(set("categories", nil)), "/categories")
	ok(t, authlinktest.ValidJSON(authlinktest.WithCategories()))
	ok(t, authlinktest.ValidJSON(authlinktest.WithCategories("hrisLegacy", "stackOne", "ats", "ats")))
	ok(t, doc(without("categories")))
	// provider, originUsername, accountId, label: string or null, optional.
	for _, m := range []string{"provider", "originUsername", "accountId", "label"} {
		ok(t, doc(set(m, nil)))
		ok(t, doc(without(m)))
		at(t, doc(set(m, false)), "/"+m)
	}
	// metadata: object or null, optional, any members.
	ok(t, authlinktest.ValidJSON(authlinktest.WithMetadata(nil)))
	ok(t, link(func(a *authlink.AuthLink) {
		a.Metadata = authlink.Value(authlink.Metadata{"a": []any{map[string]any{"b": nil}}})
	}))
	at(t, doc(set("metadata", "plan=pro")), "/metadata")
	// Unknown members are allowed.
	ok(t, doc(set("expiresAt", "2026-01-01T00:00:00Z")))
}
