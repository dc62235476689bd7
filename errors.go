package authlink

import (
	"errors"
	"strconv"
	"strings"
)

// Code is the stable, machine-readable kind of a [Violation]. Programs switch
// on it; its values never change meaning.
type Code string

// The codes a [Violation] carries. The first four mean the input is not
// well-formed JSON this package will read; no rule runs on such input.
const (
	CodeSyntax    Code = "syntax"    // not well-formed JSON: empty input, trailing data, NaN, a bad escape
	CodeEncoding  Code = "encoding"  // invalid UTF-8, or a \u escape of an unpaired surrogate
	CodeDuplicate Code = "duplicate" // a member name twice in one object
	CodeLimit     Code = "limit"     // input over the size cap (pointer "") or nested deeper than the depth cap
	CodeType      Code = "type"      // a value of the wrong JSON type
	CodeRequired  Code = "required"  // a required member is absent
	CodeEmpty     Code = "empty"     // a string that must not be empty is empty
	CodeEnum      Code = "enum"      // a category that is not one of the schema's values
	CodeFormat    Code = "format"    // created_at is not an RFC 3339 date-time, or auth_link_url is not an allowed URL
	CodeRange     Code = "range"     // a number whose value does not fit a finite double
	CodeUnknown   Code = "unknown"   // a member the schema does not define, in strict mode; or, from a Go value, a member the profile lacks
)

// String returns the code's wire value.
func (c Code) String() string { return string(c) }

// Malformed reports whether c says the input is not well-formed (syntax,
// encoding, duplicate, limit), as opposed to well-formed JSON that breaks a
// rule. authlinkhttp answers the first with 400 (413 for the size cap) and
// the second with 422.
func (c Code) Malformed() bool {
	switch c {
	case CodeSyntax, CodeEncoding, CodeDuplicate, CodeLimit:
		return true
	}
	return false
}

// ErrInvalid matches every error this package returns for an invalid auth
// link, with errors.Is. Use errors.As with *[ValidationError] for the details.
var ErrInvalid = errors.New("authlink: invalid auth link")

// Violation is one thing wrong with an auth link. It never holds an input
// value: the message describes the rule, not the data.
type Violation struct {
	// Pointer is the RFC 6901 JSON Pointer of the offending value ("" for
	// the whole document). For a missing member it points at the member
	// itself, as in "/token".
	Pointer string `json:"pointer"`
	// Code is the stable kind of the violation.
	Code Code `json:"code"`
	// Message is a short English sentence for people.
	Message string `json:"message"`
}

// rootPointer is how text for people shows the pointer of the whole
// document, which RFC 6901 writes as "".
const rootPointer = "(root)"

// DisplayPointer returns the pointer as text for people shows it: as it is,
// or "(root)" for the whole document. The CLI's text output, the test
// helpers and Error use it; JSON output keeps Pointer as it is.
func (v Violation) DisplayPointer() string {
	if v.Pointer == "" {
		return rootPointer
	}
	return v.Pointer
}

// String formats the violation as "pointer: code: message", the pointer as
// DisplayPointer shows it.
func (v Violation) String() string {
	return v.DisplayPointer() + ": " + string(v.Code) + ": " + v.Message
}

// ValidationError reports every violation found in one auth link, sorted by
// pointer (array indexes in numeric order), then by code. A malformed input
// has exactly one violation, since no rule runs on it.
type ValidationError struct {
	// Violations lists what is wrong, sorted as above; never empty.
	Violations []Violation

	// Hint is one sentence for people when the member names follow the
	// other profile (a camelCase document checked with the api profile,
	// say), or "". It names no input value.
	Hint string
}

// maxErrorViolations bounds the text of Error; Violations keeps them all.
const maxErrorViolations = 10

// Error lists the violations on one line, the first ten of them, and the
// hint if there is one. The allowed categories are listed once: a later
// enum violation refers to them.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("authlink: invalid auth link: ")
	listed := false
	for i, v := range e.Violations {
		if i == maxErrorViolations {
			b.WriteString("; and " + strconv.Itoa(len(e.Violations)-i) + " more")
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		if v.Code == CodeEnum {
			if listed {
				v.Message = msgEnumAgain
			}
			listed = true
		}
		b.WriteString(v.String())
	}
	if e.Hint != "" {
		b.WriteString("; hint: " + e.Hint)
	}
	return b.String()
}

// Is reports whether target is [ErrInvalid].
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// Malformed reports whether the input was rejected as not well-formed rather
// than for breaking a rule; see [Code.Malformed].
func (e *ValidationError) Malformed() bool {
	return len(e.Violations) > 0 && e.Violations[0].Code.Malformed()
}

// Has reports whether some violation has the pointer and code given.
func (e *ValidationError) Has(pointer string, code Code) bool {
	for _, v := range e.Violations {
		if v.Pointer == pointer && v.Code == code {
			return true
		}
	}
	return false
}

func msgTooLarge(max int) string { return "input is larger than " + strconv.Itoa(max) + " bytes" }

func msgTooDeep(max int) string { return "nesting is deeper than " + strconv.Itoa(max) + " levels" }

// newError sorts vs into the documented order and wraps them; nil when empty.
func newError(vs []Violation) error {
	if len(vs) == 0 {
		return nil
	}
	sortViolations(vs)
	return &ValidationError{Violations: vs}
}

var codeOrder = map[Code]int{
	CodeSyntax: 0, CodeEncoding: 1, CodeDuplicate: 2, CodeLimit: 3, CodeType: 4, CodeRequired: 5,
	CodeEmpty: 6, CodeEnum: 7, CodeFormat: 8, CodeRange: 9, CodeUnknown: 10,
}
