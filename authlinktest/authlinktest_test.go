package authlinktest

import (
	"flag"
	"fmt"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTB records what the helpers report. Its embedded TB is nil, so a
// helper calling a method not listed here panics: the set of methods the
// helpers rely on is pinned.
type fakeTB struct {
	testing.TB
	errors, logs []string
	helpers      int
}

func (f *fakeTB) Helper()                   { f.helpers++ }
func (f *fakeTB) Errorf(s string, a ...any) { f.errors = append(f.errors, fmt.Sprintf(s, a...)) }
func (f *fakeTB) Logf(s string, a ...any)   { f.logs = append(f.logs, fmt.Sprintf(s, a...)) }

// The enum messages of categories, per profile.
const (
	enum         = "must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening, messaging, accounting, scheduling"
	documentEnum = "must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening"
)

var documentOptions = authlink.Options{Profile: authlink.ProfileDocument}

func TestAssertValid(t *testing.T) {
	tests := []struct {
		name string
		opts authlink.Options
		data []byte
		want []string // nil: passes
	}{
		{"api fixture", authlink.Options{}, FixtureJSON(), nil},
		{"document fixture under the document profile", documentOptions, DocumentFor(authlink.ProfileDocument), nil},
		{"violations one per line", authlink.Options{}, Document(Without("token"), Set("categories", []string{"HRIS"})),
			[]string{"authlinktest: want a valid auth link, got 2 violation(s):\n" +
				"  /categories/0: enum: " + enum + "\n" +
				"  /token: required: required member is missing"}},
		{"the document profile's enum", documentOptions, DocumentFor(authlink.ProfileDocument, Set("categories", []string{"messaging"})),
			[]string{"authlinktest: want a valid auth link, got 1 violation(s):\n" +
				"  /categories/0: enum: " + documentEnum}},
		{"malformed", authlink.Options{}, []byte(`{"a":1,"a":2}`),
			[]string{"authlinktest: want a valid auth link, got 1 violation(s):\n" +
				"  /a: duplicate: member name appears more than once in the object"}},
		{"camelCase names under api: the hint", authlink.Options{}, DocumentFor(authlink.ProfileDocument, Without("label")),
			[]string{"authlinktest: want a valid auth link, got 6 violation(s):\n" +
				"  /auth_link_url: required: required member is missing\n" +
				"  /created_at: required: required member is missing\n" +
				"  /organization_id: required: required member is missing\n" +
				"  /origin_owner_id: required: required member is missing\n" +
				"  /origin_owner_name: required: required member is missing\n" +
				"  /project_id: required: required member is missing\n" +
				"hint: member names follow the SDK document (camelCase); use the document profile"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{}
			assert.Equal(t, tt.want == nil, AssertValidWith(tb, tt.opts, tt.data))
			assert.Equal(t, tt.want, tb.errors)
			assert.Positive(t, tb.helpers)
			if tt.opts == (authlink.Options{}) {
				tb := &fakeTB{}
				assert.Equal(t, tt.want == nil, AssertValid(tb, tt.data), "AssertValid is AssertValidWith the default options")
				assert.Equal(t, tt.want, tb.errors)
			}
		})
	}
}

func TestAssertValidWithOtherRules(t *testing.T) {
	tb := &fakeTB{}
	unknown := Document(Set("connector_profile_id", "cp_1"))
	assert.True(t, AssertValid(tb, unknown))
	assert.False(t, AssertValidWith(tb, authlink.Options{Strict: true}, unknown), "the options reach the validator")
	assert.Equal(t, []string{"authlinktest: want a valid auth link, got 1 violation(s):\n" +
		"  /connector_profile_id: unknown: member is not defined by the schema (strict mode)"}, tb.errors)
}

func TestAssertInvalid(t *testing.T) {
	tests := []struct {
		name     string
		opts     authlink.Options
		data     []byte
		pointers []string
		want     []string // nil: passes
	}{
		{"pointer found", authlink.Options{}, Document(Without("token")), []string{"/token"}, nil},
		{"no pointers: any violation will do", authlink.Options{}, Document(Without("token")), nil, nil},
		{"valid", authlink.Options{}, FixtureJSON(), nil,
			[]string{"authlinktest: want an invalid auth link, got a valid one"}},
		{"pointers missing", authlink.Options{}, FixtureJSON(WithCreatedAt("yesterday")), []string{"/created_at", "/token", "/id"},
			[]string{"authlinktest: want violations at /created_at, /token, /id\n" +
				"missing: /token, /id\n" +
				"got 1 violation(s):\n  /created_at: format: must be an RFC 3339 date-time"}},
		{"document names under the document profile", documentOptions, DocumentFor(authlink.ProfileDocument, Without("createdAt")),
			[]string{"/createdAt"}, nil},
		{"api names under the document profile", documentOptions, Document(Without("created_at")), []string{"/created_at"},
			[]string{"authlinktest: want violations at /created_at\n" +
				"missing: /created_at\n" +
				"got 6 violation(s):\n" +
				"  /authLinkUrl: required: required member is missing\n" +
				"  /createdAt: required: required member is missing\n" +
				"  /organizationId: required: required member is missing\n" +
				"  /originOwnerId: required: required member is missing\n" +
				"  /originOwnerName: required: required member is missing\n" +
				"  /projectId: required: required member is missing\n" +
				"hint: member names follow StackOne's API (snake_case); use the api profile"}},
		{"valid under the document profile", documentOptions, DocumentFor(authlink.ProfileDocument), nil,
			[]string{"authlinktest: want an invalid auth link, got a valid one"}},
		{"a fixture secret in a pointer is masked", authlink.Options{Strict: true}, Document(Set(FixtureToken, 1)), []string{"/" + FixtureToken, "/id"},
			[]string{"authlinktest: want violations at /<token>, /id\n" +
				"missing: /id\n" +
				"got 1 violation(s):\n  /<token>: unknown: member is not defined by the schema (strict mode)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{}
			assert.Equal(t, tt.want == nil, AssertInvalidWith(tb, tt.opts, tt.data, tt.pointers...))
			assert.Equal(t, tt.want, tb.errors)
			assert.Positive(t, tb.helpers)
			if tt.opts == (authlink.Options{}) {
				tb := &fakeTB{}
				assert.Equal(t, tt.want == nil, AssertInvalid(tb, tt.data, tt.pointers...), "AssertInvalid is AssertInvalidWith the default options")
				assert.Equal(t, tt.want, tb.errors)
			}
		})
	}
}

func TestUserUpdateFlagDoesNotPanic(t *testing.T) {
	// This test binary's own command line was cleared of -update when
	// internal/golden was initialized, so a package may register its own.
	require.Nil(t, flag.CommandLine.Lookup("update"), "authlinktest registers no -update")
	assert.NotPanics(t, func() { flag.CommandLine.Bool("update", false, "a user's own golden files") })
}
