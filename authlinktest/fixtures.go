package authlinktest

import (
	"bytes"
	"encoding/json"

	"github.com/authlink-go/authlink"
)

// FixtureToken is the token of the fixtures: recognisable in a failure, and
// masked by Golden like any token, wherever it appears, even in a document
// without a token member.
const FixtureToken = "sess_tok_fixture_0123456789abcdef"

// FixtureExternalTriggerToken is an external trigger token for the
// fixtures, WithExternalTriggerToken(FixtureExternalTriggerToken): Golden
// masks it wherever it appears, like FixtureToken.
const FixtureExternalTriggerToken = "ett_fixture_fedcba9876543210"

// fixtureOrganizationNumber is the fixture's organization id where it must
// be a number: in the document profile.
const fixtureOrganizationNumber = 1207

// Modifier changes a fixture built in Go.
type Modifier func(*authlink.AuthLink)

// Fixture returns a new valid auth link with plausible values, changed by mods
// in order: a test of a rule reads as one line.
//
//	link := authlinktest.Fixture(authlinktest.WithCategories("ats", "payroll"))
//
// It is in the api profile and looks like what StackOne's API sends: a
// string organization id, a type and an integration id; it has no external
// trigger token unless WithExternalTriggerToken adds one. WithProfile
// builds the document profile's fixture instead.
func Fixture(mods ...Modifier) *authlink.AuthLink {
	a := &authlink.AuthLink{
		ID:              "48213",
		OrganizationID:  authlink.OrganizationIDString("org_2f7c1d9e5a"),
		ProjectID:       "proj_6a1f93c2e4b04d7f",
		Categories:      authlink.ValueOf([]authlink.Category{authlink.CategoryATS, authlink.CategoryHRIS}),
		Provider:        authlink.ValueOf("greenhouse"),
		OriginOwnerID:   "cust_8e41c0b7",
		OriginOwnerName: "Acme Corporation",
		OriginUsername:  authlink.ValueOf("jane.doe@acme.example"),
		Label:           authlink.ValueOf("Acme Greenhouse"),
		CreatedAt:       "2025-03-14T09:26:53.589Z",
		Metadata:        authlink.ValueOf(authlink.Metadata{"plan": "enterprise", "seats": json.Number("250")}),
		Token:           FixtureToken,
		AuthLinkURL:     "https://hub.stackone.com/connect?token=" + FixtureToken,
		Type:            authlink.ValueOf(authlink.LinkTypeProduction),
		IntegrationID:   authlink.ValueOf("int_9b3e57a0c4"),
	}
	for _, m := range mods {
		m(a)
	}
	return a
}

// FixtureJSON returns the JSON of Fixture(mods...), with the member names of
// its profile: snake_case by default, camelCase after
// WithProfile(authlink.ProfileDocument). It panics if a modifier made the
// value impossible to encode (invalid UTF-8, or a member the profile does
// not have): build such documents with Document instead.
func FixtureJSON(mods ...Modifier) []byte {
	b, err := authlink.Encode(Fixture(mods...))
	if err != nil {
		panic("authlinktest: FixtureJSON: " + err.Error())
	}
	return b
}

// WithProfile makes the fixture one of profile p: FixtureJSON then writes
// p's member names, and the fixture stays valid under p. For the document
// profile it drops the members that profile does not have
// (external_trigger_token, type, integration_id) and makes a string
// organization id a number. Put it first, so that the modifiers after it
// see, and may change, the profile's fixture.
//
//	doc := authlinktest.FixtureJSON(authlinktest.WithProfile(authlink.ProfileDocument))
func WithProfile(p authlink.Profile) Modifier {
	return func(a *authlink.AuthLink) {
		a.Profile = p
		if p != authlink.ProfileDocument {
			return
		}
		a.ExternalTriggerToken = authlink.Nullable[authlink.Token]{}
		a.Type = authlink.Nullable[authlink.LinkType]{}
		a.IntegrationID = authlink.Nullable[string]{}
		if a.OrganizationID.IsString() {
			a.OrganizationID = authlink.OrganizationIDNumber(fixtureOrganizationNumber)
		}
	}
}

// WithOrganizationID sets the organization id: a string, as the API sends
// today (authlink.OrganizationIDString), or a number, as it did before
// 2026-02 and as the document profile requires (authlink.OrganizationIDNumber).
func WithOrganizationID(id authlink.OrganizationID) Modifier {
	return func(a *authlink.AuthLink) { a.OrganizationID = id }
}

// WithCategories sets the categories; with none, an empty array.
func WithCategories(cs ...authlink.Category) Modifier {
	return func(a *authlink.AuthLink) { a.Categories = authlink.ValueOf(cs) }
}

// WithToken sets the token and keeps auth_link_url (authLinkUrl) pointing
// at it. Golden masks a token set here where the document names it (a
// token member, a token= parameter), but not in other text, such as a URL
// path in a document without a token member: only FixtureToken is masked
// everywhere, so that a golden file does not depend on which tests ran
// before it.
func WithToken(token string) Modifier {
	return func(a *authlink.AuthLink) {
		a.Token = authlink.Token(token)
		a.AuthLinkURL = "https://hub.stackone.com/connect?token=" + token
	}
}

// WithExternalTriggerToken sets external_trigger_token, a secret of the api
// profile that Golden masks like the token (see WithToken);
// FixtureExternalTriggerToken is masked everywhere. The document profile
// has no such member: FixtureJSON panics on a document-profile fixture that
// has one.
func WithExternalTriggerToken(token string) Modifier {
	return func(a *authlink.AuthLink) { a.ExternalTriggerToken = authlink.ValueOf(authlink.Token(token)) }
}

// WithCreatedAt sets created_at (createdAt).
func WithCreatedAt(s string) Modifier {
	return func(a *authlink.AuthLink) { a.CreatedAt = s }
}

// WithAuthLinkURL sets auth_link_url (authLinkUrl).
func WithAuthLinkURL(s string) Modifier {
	return func(a *authlink.AuthLink) { a.AuthLinkURL = s }
}

// WithMetadata sets metadata; nil makes it null.
func WithMetadata(m authlink.Metadata) Modifier {
	return func(a *authlink.AuthLink) {
		if m == nil {
			a.Metadata = authlink.NullOf[authlink.Metadata]()
			return
		}
		a.Metadata = authlink.ValueOf(m)
	}
}

// Edit changes a fixture as a JSON object, for documents Go values cannot
// build: a member missing, a value of the wrong type. Edits name members as
// the document's profile does: "created_at" in the api profile, "createdAt"
// in the document profile.
type Edit func(map[string]any)

// Document returns the JSON of Fixture(), in the api profile, with edits
// applied in order.
//
//	authlinktest.AssertInvalid(t, authlinktest.Document(authlinktest.Without("token")), "/token")
func Document(edits ...Edit) []byte {
	return DocumentFor(authlink.ProfileAPI, edits...)
}

// DocumentFor returns the JSON of profile p's fixture,
// Fixture(WithProfile(p)), with edits applied in order.
//
//	doc := authlinktest.DocumentFor(authlink.ProfileDocument, authlinktest.Without("createdAt"))
func DocumentFor(p authlink.Profile, edits ...Edit) []byte {
	b, err := applyEdits(FixtureJSON(WithProfile(p)), edits...)
	if err != nil {
		panic("authlinktest: Document: " + err.Error())
	}
	return b
}

// applyEdits returns data, a JSON object, with edits applied in order;
// numbers keep their text.
func applyEdits(data []byte, edits ...Edit) ([]byte, error) {
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	for _, e := range edits {
		e(doc)
	}
	return json.Marshal(doc)
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
