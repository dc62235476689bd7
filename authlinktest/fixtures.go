package authlinktest

import (
	"bytes"
	"encoding/json"

	"github.com/authlink-go/authlink"
)

// FixtureToken is the token of the fixtures: recognisable in a failure, and
// masked by Golden like any token.
const FixtureToken = "sess_tok_fixture_0123456789abcdef"

// Modifier changes a fixture built in Go.
type Modifier func(*authlink.AuthLink)

// Valid returns a new valid auth link with plausible values, changed by mods
// in order: a test of a rule reads as one line.
//
//	link := authlinktest.Valid(authlinktest.WithCategories("ats", "payroll"))
func Valid(mods ...Modifier) *authlink.AuthLink {
	a := &authlink.AuthLink{
		ID:              48213,
		OrganizationID:  1207,
		ProjectID:       "proj_6a1f93c2e4b04d7f",
		Categories:      []authlink.Category{authlink.CategoryATS, authlink.CategoryHRIS},
		Provider:        authlink.Value("greenhouse"),
		OriginOwnerID:   "cust_8e41c0b7",
		OriginOwnerName: "Acme Corporation",
		OriginUsername:  authlink.Value("jane.doe@acme.example"),
		Label:           authlink.Value("Acme Greenhouse"),
		CreatedAt:       "2025-03-14T09:26:53.589Z",
		Metadata:        authlink.Value(authlink.Metadata{"plan": "enterprise", "seats": json.Number("250")}),
		Token:           FixtureToken,
		AuthLinkURL:     "https://hub.stackone.com/connect?token=" + FixtureToken,
	}
	for _, m := range mods {
		m(a)
	}
	return a
}

// ValidJSON returns the JSON of Valid(mods...). It panics if a modifier
// made the value impossible to encode (invalid UTF-8, say): build such
// documents with Document instead.
func ValidJSON(mods ...Modifier) []byte {
	b, err := json.Marshal(Valid(mods...))
	if err != nil {
		panic("authlinktest: ValidJSON: " + err.Error())
	}
	return b
}

// WithCategories sets the categories.
func WithCategories(cs ...authlink.Category) Modifier {
	return func(a *authlink.AuthLink) { a.Categories = cs }
}

// WithToken sets the token and keeps authLinkUrl pointing at it.
func WithToken(token string) Modifier {
	return func(a *authlink.AuthLink) {
		a.Token = authlink.Token(token)
		a.AuthLinkURL = "https://hub.stackone.com/connect?token=" + token
	}
}

// WithCreatedAt sets createdAt.
func WithCreatedAt(s string) Modifier {
	return func(a *authlink.AuthLink) { a.CreatedAt = s }
}

// WithAuthLinkURL sets authLinkUrl.
func WithAuthLinkURL(s string) Modifier {
	return func(a *authlink.AuthLink) { a.AuthLinkURL = s }
}

// WithMetadata sets metadata; nil makes it null.
func WithMetadata(m authlink.Metadata) Modifier {
	return func(a *authlink.AuthLink) {
		if m == nil {
			a.Metadata = authlink.Null[authlink.Metadata]()
			return
		}
		a.Metadata = authlink.Value(m)
	}
}

// Edit changes a fixture as a JSON object, for documents Go values cannot
// build: a member missing, a value of the wrong type.
type Edit func(map[string]any)

// Document returns the JSON of Valid() with edits applied in order.
//
//	authlinktest.AssertInvalid(t, authlinktest.Document(authlinktest.Without("token")), "/token")
func Document(edits ...Edit) []byte {
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(ValidJSON()))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		panic("authlinktest: Document: " + err.Error())
	}
	for _, e := range edits {
		e(doc)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic("authlinktest: Document: " + err.Error())
	}
	return b
}

// Without removes a member.
func Without(member string) Edit {
	return func(doc map[string]any) { delete(doc, member) }
}

// Set sets a member to value, encoded with encoding/json; use
// json.RawMessage for exact JSON text.
func Set(member string, value any) Edit {
	return func(doc map[string]any) { doc[member] = value }
}
