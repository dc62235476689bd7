package authlink

import _ "embed"

// schemaJSON is the contract: every rule this package applies is written there
// first, and the tests fail when the Go code drifts from it.
//
//go:embed schema/connect_session_token_auth_link.json
var schemaJSON []byte

// SchemaID is the $id of the embedded JSON Schema.
const SchemaID = "https://github.com/authlink-go/authlink/schema/connect_session_token_auth_link.json"

// Schema returns a copy of the embedded JSON Schema (draft 2020-12) that
// defines a valid ConnectSessionTokenAuthLink. It is the contract this package
// implements, in a form other languages can use: it relies only on standard
// keywords, the "date-time" format and the OpenAPI "double" format.
func Schema() []byte {
	return append([]byte(nil), schemaJSON...)
}
