package authlink

import (
	"reflect"
	"slices"
	"strings"
)

// kind is the shape of a value a schema describes; it selects the check the
// hot path applies and the message a violation carries.
type kind uint8

const (
	kindAbsent         kind = iota // the profile has no such member
	kindRoot                       // the document: an object
	kindDouble                     // number that fits a finite double
	kindOrgID                      // non-empty string, or number that fits a finite double
	kindString                     // non-empty string
	kindNullString                 // string or null
	kindDateTime                   // RFC 3339 date-time string
	kindURL                        // auth link URL string
	kindCategories                 // array of categories
	kindNullCategories             // array of categories, or null
	kindCategory                   // one item of categories
	kindMetadata                   // object or null
	kindUnknown                    // a member the schema does not define
)

// nullable reports whether a value of kind k may be null.
func (k kind) nullable() bool {
	return k == kindNullString || k == kindNullCategories || k == kindMetadata
}

// member is one member of the auth link: the one place it is declared. Its
// name and kind in each profile (kindAbsent where the profile lacks it),
// whether it is required and secret, and the Go field that holds it drive
// reading, writing, redaction and printing. Tests tie every row to both
// schema files and to the AuthLink struct.
type member struct {
	name     [profileCount]string
	kind     [profileCount]kind
	required bool
	secret   bool
	field    func(*AuthLink) any // a pointer to the member's field
}

// The members in schema order; the index is the member's bit in the set of
// members seen.
const (
	mID = iota
	mOrganizationID
	mProjectID
	mCategories
	mProvider
	mOriginOwnerID
	mOriginOwnerName
	mOriginUsername
	mAccountID
	mLabel
	mCreatedAt
	mMetadata
	mToken
	mAuthLinkURL
	mExternalTriggerToken
	mType
	mIntegrationID
	memberCount
)

// both is a member's name or kind where the profiles agree.
func both[T any](v T) [profileCount]T { return [profileCount]T{v, v} }

// The member table. Adding a member is one row here, one field of AuthLink
// and one property in each schema that has it; see CONTRIBUTING.md.
var members = [memberCount]member{
	mID: {name: both("id"), kind: both(kindDouble), required: true,
		field: func(a *AuthLink) any { return &a.ID }},
	mOrganizationID: {name: [2]string{"organization_id", "organizationId"}, kind: [2]kind{kindOrgID, kindDouble}, required: true,
		field: func(a *AuthLink) any { return &a.OrganizationID }},
	mProjectID: {name: [2]string{"project_id", "projectId"}, kind: both(kindString), required: true,
		field: func(a *AuthLink) any { return &a.ProjectID }},
	mCategories: {name: both("categories"), kind: [2]kind{kindNullCategories, kindCategories},
		field: func(a *AuthLink) any { return &a.Categories }},
	mProvider: {name: both("provider"), kind: both(kindNullString),
		field: func(a *AuthLink) any { return &a.Provider }},
	mOriginOwnerID: {name: [2]string{"origin_owner_id", "originOwnerId"}, kind: both(kindString), required: true,
		field: func(a *AuthLink) any { return &a.OriginOwnerID }},
	mOriginOwnerName: {name: [2]string{"origin_owner_name", "originOwnerName"}, kind: both(kindString), required: true,
		field: func(a *AuthLink) any { return &a.OriginOwnerName }},
	mOriginUsername: {name: [2]string{"origin_username", "originUsername"}, kind: both(kindNullString),
		field: func(a *AuthLink) any { return &a.OriginUsername }},
	mAccountID: {name: [2]string{"account_id", "accountId"}, kind: both(kindNullString),
		field: func(a *AuthLink) any { return &a.AccountID }},
	mLabel: {name: both("label"), kind: both(kindNullString),
		field: func(a *AuthLink) any { return &a.Label }},
	mCreatedAt: {name: [2]string{"created_at", "createdAt"}, kind: both(kindDateTime), required: true,
		field: func(a *AuthLink) any { return &a.CreatedAt }},
	mMetadata: {name: both("metadata"), kind: both(kindMetadata),
		field: func(a *AuthLink) any { return &a.Metadata }},
	mToken: {name: both("token"), kind: both(kindString), required: true, secret: true,
		field: func(a *AuthLink) any { return &a.Token }},
	mAuthLinkURL: {name: [2]string{"auth_link_url", "authLinkUrl"}, kind: both(kindURL), required: true,
		field: func(a *AuthLink) any { return &a.AuthLinkURL }},
	mExternalTriggerToken: {name: [2]string{"external_trigger_token", ""}, kind: [2]kind{kindNullString, kindAbsent}, secret: true,
		field: func(a *AuthLink) any { return &a.ExternalTriggerToken }},
	mType: {name: [2]string{"type", ""}, kind: [2]kind{kindNullString, kindAbsent},
		field: func(a *AuthLink) any { return &a.Type }},
	mIntegrationID: {name: [2]string{"integration_id", ""}, kind: [2]kind{kindNullString, kindAbsent},
		field: func(a *AuthLink) any { return &a.IntegrationID }},
}

// in reports whether profile p has the member.
func (m *member) in(p Profile) bool { return m.kind[p] != kindAbsent }

// wireName is the member's name in p, or its api name where p lacks it.
func (m *member) wireName(p Profile) string {
	if m.in(p) {
		return m.name[p]
	}
	return m.name[ProfileAPI]
}

// Sets of members, one bit each, per profile.
var (
	requiredMask [profileCount]uint32 // the required members
	distinctMask [profileCount]uint32 // the members whose name in p is not their name in the other profile
)

// memberPointers holds "/name" for every member in every profile, so that
// reporting a violation of a known member does not build a string.
var memberPointers [profileCount][memberCount]string

// sortedFirst is each profile's first member in name order, and sortedNext
// gives the member after members[m] in that order (memberCount after the
// last): the reader's guess for a writer that sorts names.
var sortedFirst, sortedNext = func() (first [profileCount]uint8, next [profileCount][memberCount]uint8) {
	for p := range Profile(profileCount) {
		var in []uint8
		for i := range members {
			if members[i].in(p) {
				in = append(in, uint8(i))
			}
		}
		slices.SortFunc(in, func(a, b uint8) int { return strings.Compare(members[a].name[p], members[b].name[p]) })
		first[p] = in[0]
		for i := range next[p] {
			next[p][i] = memberCount
		}
		for k := 1; k < len(in); k++ {
			next[p][in[k-1]] = in[k]
		}
	}
	return first, next
}()

// memberTables finds a member by name, one open-addressed table per profile
// holding member index + 1 (0 is an empty slot).
var memberTables [profileCount][64]uint8

// goNames holds the Go field name of every member, found from its field
// accessor, for printing.
var goNames [memberCount]string

func init() {
	var probe AuthLink
	base := reflect.ValueOf(&probe).Pointer()
	typ := reflect.TypeFor[AuthLink]()
	for i := range members {
		m := &members[i]
		offset := reflect.ValueOf(m.field(&probe)).Pointer() - base
		for f := range typ.NumField() {
			if typ.Field(f).Offset == offset {
				goNames[i] = typ.Field(f).Name
			}
		}
		for p := range Profile(profileCount) {
			if !m.in(p) {
				continue
			}
			memberPointers[p][i] = "/" + m.name[p]
			if m.required {
				requiredMask[p] |= 1 << i
			}
			if m.name[p] != m.name[p.other()] {
				distinctMask[p] |= 1 << i
			}
			h := hashName(m.name[p])
			for memberTables[p][h] != 0 {
				h = (h + 1) % uint(len(memberTables[p]))
			}
			memberTables[p][h] = uint8(i + 1)
		}
	}
}

func hashName[T ~string | ~[]byte](s T) uint {
	n := len(s)
	if n == 0 {
		return 0
	}
	return (uint(n)*7 + uint(s[0])*3 + uint(s[n/2])*5 + uint(s[n-1])) % 64
}

// lookupMember returns the index of the member of p named name, or -1.
func lookupMember[T ~string | ~[]byte](p Profile, name T) int {
	t := &memberTables[p]
	for h := hashName(name); ; h = (h + 1) % uint(len(t)) {
		i := t[h]
		if i == 0 {
			return -1
		}
		if members[i-1].name[p] == string(name) {
			return int(i - 1)
		}
	}
}
