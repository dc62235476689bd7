package authlink

import (
	"encoding/json"
	"time"
)

// AuthLink is a ConnectSessionTokenAuthLink. Decode fills one from JSON and
// guarantees it is valid; one built in code is checked with ValidateStruct.
//
// The model loses nothing of a valid document: the nullable members tell an
// absent member from a null one, Metadata keeps numbers exactly (as
// json.Number), and Extra keeps the members the schema does not define, byte
// for byte. Encoding it with encoding/json (it implements json.Marshaler)
// gives back a document equal to the one decoded, member for member, except
// that category aliases are written as their wire values.
//
// Printing an AuthLink with fmt or logging it with log/slog never shows the
// token, the query or fragment of AuthLinkURL, Metadata or Extra values.
type AuthLink struct {
	ID              float64            `json:"id" validate:"finite"`
	OrganizationID  float64            `json:"organizationId" validate:"finite"`
	ProjectID       string             `json:"projectId" validate:"required"`
	Categories      []Category         `json:"categories,omitzero" validate:"dive,category"`
	Provider        Nullable[string]   `json:"provider,omitzero"`
	OriginOwnerID   string             `json:"originOwnerId" validate:"required"`
	OriginOwnerName string             `json:"originOwnerName" validate:"required"`
	OriginUsername  Nullable[string]   `json:"originUsername,omitzero"`
	AccountID       Nullable[string]   `json:"accountId,omitzero"`
	Label           Nullable[string]   `json:"label,omitzero"`
	CreatedAt       string             `json:"createdAt" validate:"rfc3339"`
	Metadata        Nullable[Metadata] `json:"metadata,omitzero"`
	Token           Token              `json:"token" validate:"required"`
	AuthLinkURL     string             `json:"authLinkUrl" validate:"authlinkurl"`

	// Extra holds the members the schema does not define, by name, each
	// value as the raw JSON it was decoded from. Nil when there are none.
	Extra map[string]json.RawMessage `json:"-"`
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

// Token is the bearer session token of an auth link. It is a secret: fmt and
// log/slog print it as [REDACTED], whatever the verb. Convert it with
// string(t) where the value itself is needed.
type Token string
