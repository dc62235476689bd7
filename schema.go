package authlink

import _ "embed"

// The schemas are the contract, one per profile: every rule this package
// applies is written there first, and the tests fail when the Go code
// drifts from them.
var (
	//go:embed schema/connect_session_token_auth_link.json
	apiSchema []byte
	//go:embed schema/connect_session_token_auth_link.document.json
	documentSchema []byte
)

var schemas = [profileCount][]byte{ProfileAPI: apiSchema, ProfileDocument: documentSchema}

var schemaIDs = [profileCount]string{
	ProfileAPI:      "https://github.com/authlink-go/authlink/schema/connect_session_token_auth_link.json",
	ProfileDocument: "https://github.com/authlink-go/authlink/schema/connect_session_token_auth_link.document.json",
}

// Schema returns a copy of the profile's embedded JSON Schema (draft
// 2020-12): the contract this package implements, in a form other languages
// can use. It relies only on standard keywords, the "date-time" format and
// the OpenAPI "double" format, and marks the secret members (token,
// external_trigger_token) with the annotation "x-secret": true, which
// validators ignore. The package's own reader is proven equal to
// it by tests and fuzzing; the schema itself is not run on payloads.
func (p Profile) Schema() []byte {
	return append([]byte(nil), schemas[p]...)
}

// SchemaID returns the $id of the profile's embedded JSON Schema.
func (p Profile) SchemaID() string { return schemaIDs[p] }
