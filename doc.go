// Package authlink checks StackOne ConnectSessionTokenAuthLink payloads: the
// auth links the StackOne Connect API hands out, with ids, a project, an
// owner, integration categories, a creation time, a bearer token and the URL
// the end user opens.
//
// The rules are those of an embedded JSON Schema ([Schema]), the contract
// this package implements and hands to other languages. [Validate] checks raw
// bytes, [Decode] checks them and returns a typed [AuthLink], and
// [ValidateStruct] checks an AuthLink built in code with struct tags; all
// three report the same problem with the same JSON Pointer and [Code]:
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
// violation at once and never contain an input value; fmt and log/slog never
// show the token.
//
// A [Validator] holds options (strict unknown members, open categories,
// caps); the package-level functions use the defaults. Validators are safe
// for concurrent use.
package authlink
