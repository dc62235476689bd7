// Package authlink checks StackOne ConnectSessionTokenAuthLink payloads: the
// auth links the StackOne Connect API hands out, with ids, a project, an
// owner, integration categories, a creation time, a bearer token and the URL
// the end user opens.
//
// Two profiles say what a valid payload is. [ProfileAPI], the default, is
// the JSON StackOne's API sends today: snake_case member names
// (auth_link_url), organization_id a string or a number, the members
// external_trigger_token, type and integration_id. [ProfileDocument] is the
// SDK document as written, with its camelCase names (authLinkUrl). Each
// profile is one embedded JSON Schema ([Profile.Schema]): the contract, which
// other languages can use as it is, and the oracle of this package's tests.
// At run time a hand-written single-pass reader, proven equal to the schema
// by differential fuzzing and by the test corpus, checks the payloads.
//
// [Validate] checks raw bytes, [Decode] checks them and returns a typed
// [AuthLink], and [ValidateStruct] checks an AuthLink built in code with
// struct tags; all three report the same problem with the same JSON Pointer
// and [Code]:
//
//	link, err := authlink.Decode(body)
//	var verr *authlink.ValidationError
//	if errors.As(err, &verr) {
//		for _, v := range verr.Violations {
//			fmt.Println(v.Pointer, v.Code, v.Message) // e.g. /categories/2 enum must be one of: ...
//		}
//	}
//
// Input is read strictly: duplicate member names, invalid UTF-8, unpaired
// surrogate escapes, trailing data, and input over the size or nesting caps
// are rejected before any rule runs, never repaired. Errors report every
// violation at once and never contain an input value; when the member names
// follow the other profile, the error says so in its Hint. fmt and log/slog
// never show the token or the external trigger token.
//
// A [Validator] holds options (the profile, strict unknown members, open
// categories, caps, rules of your own); the package-level functions use the
// defaults. Validators are safe for concurrent use.
//
// # Your own rules
//
// Conventions the API leaves open (the plans metadata may name, a required
// provider, fewer categories) are a JSON Schema (draft 2020-12) of your own.
// [CompileRules] takes one for the whole document, in the member names of
// the profile it is used with, and [CompileMetadataRules] one for the
// metadata object. A schema is compiled once, at start-up: one that does
// not compile or refers outside itself is an error there, never per
// request. It may $ref the profile schemas by their $id ([Profile.SchemaID]);
// nothing is fetched. The rules run after the profile's rules pass, and
// their violations have code rule, the failing [Violation.Keyword], a
// pointer and a location; messages are written from the keyword and the
// schema's own values, never from the input:
//
//	rules, err := authlink.CompileMetadataRules([]byte(`{
//	  "required": ["plan", "tenant_id"],
//	  "properties": {"plan": {"enum": ["free", "pro", "enterprise"]}}
//	}`))
//	if err != nil {
//		log.Fatal(err)
//	}
//	v := authlink.New(authlink.Options{Rules: rules})
//	err = v.Validate(body) // /metadata/plan: rule: must be one of the rules' values: "free", "pro", "enterprise"
//
// [Rules.Contract] (and authlink schema --rules FILE) gives the profile's
// schema and the rules combined, for other languages.
package authlink
