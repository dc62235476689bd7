package authlink

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// AuthLink is a ConnectSessionTokenAuthLink, in either profile. Decode fills
// one from JSON and guarantees it is valid; one built in code is checked
// with ValidateStruct.
//
// The model loses nothing of a valid document: the nullable members tell an
// absent member from a null one, OrganizationID says whether it was a string
// or a number, ID and the numbers of OrganizationID and Metadata keep their
// text (as json.Number), so no digit is lost, and Extra
// keeps the members the profile does not define, byte for byte. Encoding it
// with encoding/json (it implements json.Marshaler) writes the member names
// of its Profile and gives back a document equal to the one decoded, member
// for member, except that category aliases are written as their wire values.
// Each field's comment names its member: wire (api) name, then document
// name where the document has it.
//
// Printing an AuthLink with fmt or logging it with log/slog never shows the
// token or the external trigger token, the query or fragment of AuthLinkURL,
// Metadata or Extra values.
//
// The json tags name the api profile's members; Encode and UnmarshalJSON use
// the member names of the link's Profile. The rules are in tags of the
// package's own name (authlink:"..."), so a go-playground validator of the
// caller's, gin's binding among them, ignores them; [RegisterValidations]
// adopts them into such a validator.
type AuthLink struct {
	// ID is id: a number that fits a finite double, kept as its text.
	ID json.Number `json:"id" authlink:"finite"`
	// OrganizationID is organization_id (organizationId): a non-empty
	// string or a number; the document profile allows only a number.
	OrganizationID OrganizationID `json:"organization_id" authlink:"orgid"`
	// ProjectID is project_id (projectId): not empty.
	ProjectID string `json:"project_id" authlink:"required"`
	// Categories is categories: the categories the link opens, absent, null
	// (api profile only) or an array.
	Categories Nullable[[]Category] `json:"categories,omitzero" authlink:"dive,category"`
	// Provider is provider: a provider key, absent or null.
	Provider Nullable[string] `json:"provider,omitzero"`
	// OriginOwnerID is origin_owner_id (originOwnerId): the end customer; not empty.
	OriginOwnerID string `json:"origin_owner_id" authlink:"required"`
	// OriginOwnerName is origin_owner_name (originOwnerName): not empty.
	OriginOwnerName string `json:"origin_owner_name" authlink:"required"`
	// OriginUsername is origin_username (originUsername), absent or null.
	OriginUsername Nullable[string] `json:"origin_username,omitzero"`
	// AccountID is account_id (accountId): the linked account, absent or null.
	AccountID Nullable[string] `json:"account_id,omitzero"`
	// Label is label, absent or null.
	Label Nullable[string] `json:"label,omitzero"`
	// CreatedAt is created_at (createdAt): an RFC 3339 date-time, kept as
	// its text; CreatedTime parses it.
	CreatedAt string `json:"created_at" authlink:"rfc3339"`
	// Metadata is metadata: any object, absent or null.
	Metadata Nullable[Metadata] `json:"metadata,omitzero"`
	// Token is token: the bearer session token, a secret; not empty.
	Token Token `json:"token" authlink:"required"`
	// AuthLinkURL is auth_link_url (authLinkUrl): the http(s) URL the end
	// user opens.
	AuthLinkURL string `json:"auth_link_url" authlink:"authlinkurl"`
	// ExternalTriggerToken is external_trigger_token (api profile only): a
	// secret like Token; absent or null.
	ExternalTriggerToken Nullable[Token] `json:"external_trigger_token,omitzero"`
	// Type is type (api profile only): an open enum, absent or null.
	Type Nullable[LinkType] `json:"type,omitzero"`
	// IntegrationID is integration_id (api profile only), absent or null.
	IntegrationID Nullable[string] `json:"integration_id,omitzero"`

	// Extra holds the members the profile does not define, by name, each
	// value as the raw JSON it was decoded from. Nil when there are none.
	Extra map[string]json.RawMessage `json:"-"`

	// Profile is the profile whose member names the link was read with
	// (Decode sets it) and is written with (Encode). The zero value is
	// ProfileAPI.
	Profile Profile `json:"-"`
}

// CreatedTime parses CreatedAt with [ParseTime].
func (a *AuthLink) CreatedTime() (time.Time, error) {
	return ParseTime(a.CreatedAt)
}

// Metadata is the free-form metadata of an auth link: a JSON object. Decode
// fills it with nil, bool, string, json.Number, []any and map[string]any, so
// that numbers keep every digit. Code may also use Go's numeric types,
// slices and maps with string keys.
type Metadata map[string]any

// Token is a secret of an auth link: the bearer session token, or the
// external trigger token. fmt and log/slog print it as [REDACTED], whatever
// the verb. Convert it with string(t) where the value itself is needed.
type Token string

// LinkType is the type of an auth link in the api profile. It is an open
// enum, as StackOne's SDKs treat it: the constants are the values known
// today, and any other string is accepted and kept.
type LinkType string

// The link types known today; the schema lists them as examples.
const (
	LinkTypeProduction    LinkType = "production"
	LinkTypeTest          LinkType = "test"
	LinkTypeUnmappedValue LinkType = "unmapped_value"
)

// linkTypes lists the known link types; a test ties it to the schema.
var linkTypes = []LinkType{LinkTypeProduction, LinkTypeTest, LinkTypeUnmappedValue}

// Known reports whether t is one of the link types known today.
func (t LinkType) Known() bool {
	for _, k := range linkTypes {
		if t == k {
			return true
		}
	}
	return false
}

// OrganizationID is the organization an auth link belongs to: a string in
// today's API, a number before 2026-02 and in the document profile. It keeps
// which one it was, and a number's text, so a link is written back as it was
// read. The zero value is the number 0.
type OrganizationID struct {
	text     string // the string, or the number's JSON text ("" is 0)
	isString bool
}

// OrganizationIDString returns an organization id that is the string s.
func OrganizationIDString(s string) OrganizationID {
	return OrganizationID{text: s, isString: true}
}

// OrganizationIDNumber returns an organization id that is the number f,
// written as encoding/json writes a float64.
func OrganizationIDNumber(f float64) OrganizationID {
	return OrganizationID{text: string(appendFloat(nil, f, 64))}
}

// Text returns the id and true if it is a string; "" and false if it is a
// number.
func (o OrganizationID) Text() (string, bool) { return o.text, o.isString }

// Number returns the id's text and true if it is a number, every digit as
// it was decoded (json.Number's Float64 converts it); "" and false if it is
// a string.
func (o OrganizationID) Number() (json.Number, bool) {
	if o.isString {
		return "", false
	}
	if o.text == "" {
		return "0", true
	}
	return json.Number(o.text), true
}

// IsString reports whether the id is a string.
func (o OrganizationID) IsString() bool { return o.isString }

// String returns the id as text: the string itself, or the number's text.
func (o OrganizationID) String() string {
	if n, ok := o.Number(); ok {
		return string(n)
	}
	return o.text
}

// Format formats the string or the number with the verb and flags given,
// and the Go expression for %#v.
func (o OrganizationID) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		io.WriteString(f, o.GoString())
	default:
		fmt.Fprintf(f, fmt.FormatString(f, verb), o.String())
	}
}

// GoString formats o as the Go expression that builds it.
func (o OrganizationID) GoString() string {
	if o.isString {
		return "authlink.OrganizationIDString(" + string(appendQuoted(nil, o.text)) + ")"
	}
	return "authlink.OrganizationIDNumber(" + o.String() + ")"
}
