package authlinktest

import (
	"encoding/json"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFixturesPerProfile builds each profile's fixture in every way the
// package offers and checks its member names and its validity under that
// profile, and only that one.
func TestFixturesPerProfile(t *testing.T) {
	apiNames := []string{"id", "organization_id", "project_id", "categories", "provider", "origin_owner_id", "origin_owner_name",
		"origin_username", "label", "created_at", "metadata", "token", "auth_link_url", "type", "integration_id"}
	documentNames := []string{"id", "organizationId", "projectId", "categories", "provider", "originOwnerId", "originOwnerName",
		"originUsername", "label", "createdAt", "metadata", "token", "authLinkUrl"}
	tests := []struct {
		name    string
		profile authlink.Profile
		doc     []byte
		names   []string
		ordered bool // false: an edited document, written in name order
	}{
		{"FixtureJSON", authlink.ProfileAPI, FixtureJSON(), apiNames, true},
		{"FixtureJSON api", authlink.ProfileAPI, FixtureJSON(WithProfile(authlink.ProfileAPI)), apiNames, true},
		{"FixtureJSON document", authlink.ProfileDocument, FixtureJSON(WithProfile(authlink.ProfileDocument)), documentNames, true},
		{"FixtureJSON document, api members set before", authlink.ProfileDocument,
			FixtureJSON(WithExternalTriggerToken("ett_1"), WithProfile(authlink.ProfileDocument)), documentNames, true},
		{"Document", authlink.ProfileAPI, Document(), apiNames, false},
		{"DocumentFor api", authlink.ProfileAPI, DocumentFor(authlink.ProfileAPI), apiNames, false},
		{"DocumentFor document", authlink.ProfileDocument, DocumentFor(authlink.ProfileDocument), documentNames, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names, err := memberNames(tt.doc)
			require.NoError(t, err)
			if tt.ordered {
				assert.Equal(t, tt.names, names)
			} else {
				assert.ElementsMatch(t, tt.names, names)
			}
			assert.NoError(t, authlink.New(authlink.Options{Profile: tt.profile}).Validate(tt.doc))
			for _, other := range authlink.Profiles() {
				if other != tt.profile {
					assert.Error(t, authlink.New(authlink.Options{Profile: other}).Validate(tt.doc), "not valid under %s", other)
				}
			}
			link, err := authlink.New(authlink.Options{Profile: tt.profile}).Decode(tt.doc)
			require.NoError(t, err)
			assert.Empty(t, link.Extra, "every member is one the profile defines")
		})
	}
}

func TestValidPerProfile(t *testing.T) {
	tests := []struct {
		name    string
		link    *authlink.AuthLink
		profile authlink.Profile
		orgID   string
		isStr   bool
		apiOnly bool
	}{
		{"api", Fixture(), authlink.ProfileAPI, "org_2f7c1d9e5a", true, true},
		{"document", Fixture(WithProfile(authlink.ProfileDocument)), authlink.ProfileDocument, "1207", false, false},
		{"document, organization id set after", Fixture(WithProfile(authlink.ProfileDocument), WithOrganizationID(authlink.OrganizationIDNumber(5))),
			authlink.ProfileDocument, "5", false, false},
		{"api, a number organization id", Fixture(WithOrganizationID(authlink.OrganizationIDNumber(1207))), authlink.ProfileAPI, "1207", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.profile, tt.link.Profile)
			assert.Equal(t, tt.orgID, tt.link.OrganizationID.String())
			assert.Equal(t, tt.isStr, tt.link.OrganizationID.IsString())
			assert.Equal(t, tt.apiOnly, !tt.link.Type.IsZero())
			assert.Equal(t, tt.apiOnly, !tt.link.IntegrationID.IsZero())
			assert.True(t, tt.link.ExternalTriggerToken.IsZero(), "no external trigger token unless asked")
			assert.NoError(t, authlink.New(authlink.Options{Profile: tt.profile}).ValidateStruct(tt.link))
		})
	}
}

func TestModifiers(t *testing.T) {
	a, b := Fixture(), Fixture()
	cs, _ := a.Categories.Get()
	cs[0] = "changed"
	bs, _ := b.Categories.Get()
	assert.Equal(t, authlink.CategoryATS, bs[0], "each call builds a new value")

	link := Fixture(WithToken("sess_other"), WithCategories(authlink.CategoryCRM), WithMetadata(nil),
		WithAuthLinkURL("https://x.example"), WithCreatedAt("2026-01-01T00:00:00Z"), WithExternalTriggerToken("ett_other"))
	assert.Equal(t, authlink.Token("sess_other"), link.Token)
	assert.Equal(t, authlink.ValueOf([]authlink.Category{authlink.CategoryCRM}), link.Categories)
	assert.True(t, link.Metadata.IsNull())
	assert.Equal(t, "https://x.example", link.AuthLinkURL)
	assert.Equal(t, "2026-01-01T00:00:00Z", link.CreatedAt)
	assert.Equal(t, authlink.ValueOf(authlink.Token("ett_other")), link.ExternalTriggerToken)
	assert.NoError(t, authlink.ValidateStruct(link))

	assert.Equal(t, "https://hub.stackone.com/connect?token=sess_other", Fixture(WithToken("sess_other")).AuthLinkURL,
		"WithToken keeps the URL pointing at the token")
	assert.JSONEq(t, `[]`, string(mustMember(t, FixtureJSON(WithCategories()), "categories")), "no categories: an empty array")
	assert.JSONEq(t, `"ett_other"`, string(mustMember(t, FixtureJSON(WithExternalTriggerToken("ett_other")), "external_trigger_token")))
}

func mustMember(t *testing.T, doc []byte, name string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(doc, &m))
	v, ok := m[name]
	require.True(t, ok, "member %s", name)
	return v
}

func TestFixtureJSONPanics(t *testing.T) {
	tests := []struct {
		name string
		mods []Modifier
	}{
		{"invalid UTF-8", []Modifier{func(a *authlink.AuthLink) { a.Label = authlink.ValueOf("\xff") }}},
		{"a member the document profile lacks", []Modifier{WithProfile(authlink.ProfileDocument), WithExternalTriggerToken("ett_1")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Panics(t, func() { FixtureJSON(tt.mods...) })
		})
	}
}

func TestEdits(t *testing.T) {
	tests := []struct {
		name     string
		profile  authlink.Profile
		doc      []byte
		pointers []string // nil: valid
	}{
		{"api: wrong type", authlink.ProfileAPI, Document(Set("id", "1024")), []string{"/id"}},
		{"api: metadata not an object", authlink.ProfileAPI, Document(Set("metadata", []int{1})), []string{"/metadata"}},
		{"api: member removed", authlink.ProfileAPI, Document(Without("created_at")), []string{"/created_at"}},
		{"api: unknown member kept", authlink.ProfileAPI, Document(Set("connector_profile_id", "cp_1")), nil},
		{"api: categories null", authlink.ProfileAPI, Document(Set("categories", nil)), nil},
		{"api: organization id a number", authlink.ProfileAPI, Document(Set("organization_id", 1207)), nil},
		{"document: member removed", authlink.ProfileDocument, DocumentFor(authlink.ProfileDocument, Without("createdAt")), []string{"/createdAt"}},
		{"document: categories null", authlink.ProfileDocument, DocumentFor(authlink.ProfileDocument, Set("categories", nil)), []string{"/categories"}},
		{"document: organization id a string", authlink.ProfileDocument, DocumentFor(authlink.ProfileDocument, Set("organizationId", "org_1")), []string{"/organizationId"}},
		{"document: exact JSON text", authlink.ProfileDocument, DocumentFor(authlink.ProfileDocument, Set("id", json.RawMessage("1E+2"))), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := authlink.Options{Profile: tt.profile}
			if tt.pointers == nil {
				AssertValidWith(t, opts, tt.doc)
				return
			}
			AssertInvalidWith(t, opts, tt.doc, tt.pointers...)
		})
	}
}
