package authlink

import "strings"

// kind is the shape of a value the schema describes; it selects the check the
// hot path applies and the message a violation carries.
type kind uint8

const (
	kindRoot       kind = iota // the document: an object
	kindDouble                 // number that fits a finite double
	kindString                 // non-empty string
	kindNullString             // string or null
	kindDateTime               // RFC 3339 date-time string
	kindURL                    // authLinkUrl string
	kindCategories             // array of categories
	kindCategory               // one item of categories
	kindMetadata               // object or null
	kindUnknown                // a member the schema does not define
)

// member is one property of the schema as the hot path knows it. A test ties
// this table to the schema file: names, kinds and required must match.
type member struct {
	name     string
	kind     kind
	required bool
}

// The members in schema order; the index is the member's bit in the set of
// members seen and its case in the decoder.
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
	memberCount
)

var members = [memberCount]member{
	mID:              {"id", kindDouble, true},
	mOrganizationID:  {"organizationId", kindDouble, true},
	mProjectID:       {"projectId", kindString, true},
	mCategories:      {"categories", kindCategories, false},
	mProvider:        {"provider", kindNullString, false},
	mOriginOwnerID:   {"originOwnerId", kindString, true},
	mOriginOwnerName: {"originOwnerName", kindString, true},
	mOriginUsername:  {"originUsername", kindNullString, false},
	mAccountID:       {"accountId", kindNullString, false},
	mLabel:           {"label", kindNullString, false},
	mCreatedAt:       {"createdAt", kindDateTime, true},
	mMetadata:        {"metadata", kindMetadata, false},
	mToken:           {"token", kindString, true},
	mAuthLinkURL:     {"authLinkUrl", kindURL, true},
}

// requiredMask has the bit of every required member.
var requiredMask = func() (m uint32) {
	for i, mb := range members {
		if mb.required {
			m |= 1 << i
		}
	}
	return m
}()

// memberPointers holds "/name" for every member, so that reporting a
// violation of a known member does not build a string.
var memberPointers = func() (p [memberCount]string) {
	for i, mb := range members {
		p[i] = "/" + mb.name
	}
	return p
}()

// lookupMember returns the index of the member named name, or -1.
func lookupMember[T ~string | ~[]byte](name T) int {
	switch string(name) {
	case "id":
		return mID
	case "organizationId":
		return mOrganizationID
	case "projectId":
		return mProjectID
	case "categories":
		return mCategories
	case "provider":
		return mProvider
	case "originOwnerId":
		return mOriginOwnerID
	case "originOwnerName":
		return mOriginOwnerName
	case "originUsername":
		return mOriginUsername
	case "accountId":
		return mAccountID
	case "label":
		return mLabel
	case "createdAt":
		return mCreatedAt
	case "metadata":
		return mMetadata
	case "token":
		return mToken
	case "authLinkUrl":
		return mAuthLinkURL
	}
	return -1
}

// enumMessage lists the allowed values; it is the only message that names
// values, and they are the schema's, never the input's.
var enumMessage = func() string {
	names := make([]string, len(categories))
	for i, c := range categories {
		names[i] = string(c)
	}
	return "must be one of: " + strings.Join(names, ", ")
}()

// message returns the sentence for a rule violation of a value of kind k.
// Every entry point uses it, so the same problem reads the same everywhere.
func message(k kind, code Code) string {
	switch code {
	case CodeRequired:
		return "required member is missing"
	case CodeEmpty:
		return "must not be empty"
	case CodeEnum:
		return enumMessage
	case CodeRange:
		return "must be a number that fits a finite double"
	case CodeUnknown:
		return "member is not defined by the schema (strict mode)"
	case CodeFormat:
		if k == kindDateTime {
			return "must be an RFC 3339 date-time"
		}
		return "must be an absolute http or https URL with a host"
	}
	switch k {
	case kindRoot:
		return "must be an object"
	case kindDouble:
		return "must be a number"
	case kindNullString:
		return "must be a string or null"
	case kindCategories:
		return "must be an array"
	case kindMetadata:
		return "must be an object or null"
	}
	return "must be a string"
}

func violation(pointer string, k kind, code Code) Violation {
	return Violation{Pointer: pointer, Code: code, Message: message(k, code)}
}
