package authlink

import (
	"strconv"
	"strings"
)

// The message catalog: every sentence a violation of the built-in rules
// carries is written here (rules.go writes those of a caller's rules).
// Messages describe the rule; the only values they name are the schemas'
// own (the category lists), never the input's.

// enumMessages list the allowed categories of each profile.
var enumMessages = func() (msgs [profileCount]string) {
	for p := range Profile(profileCount) {
		names := make([]string, categoryCount[p])
		for i, c := range categories[:categoryCount[p]] {
			names[i] = string(c)
		}
		msgs[p] = "must be one of: " + strings.Join(names, ", ")
	}
	return msgs
}()

// Messages that several places report.
const (
	msgDuplicate = "member name appears more than once in the object"
	msgEnumAgain = "must be one of the values listed above"
)

func msgNotInProfile(p Profile) string {
	return "member is not defined by the " + p.String() + " profile"
}

// message returns the sentence for a rule violation of a value of kind k in
// profile p. Every entry point uses it, so the same problem reads the same
// everywhere.
func message(p Profile, k kind, code Code) string {
	switch code {
	case CodeRequired:
		return "required member is missing"
	case CodeEmpty:
		return "must not be empty"
	case CodeEnum:
		return enumMessages[p]
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
	case kindOrgID:
		return "must be a string or a number"
	case kindNullString:
		return "must be a string or null"
	case kindCategories:
		return "must be an array"
	case kindNullCategories:
		return "must be an array or null"
	case kindMetadata:
		return "must be an object or null"
	}
	return "must be a string"
}

func violation(p Profile, pointer string, k kind, code Code) Violation {
	return Violation{Pointer: pointer, Code: code, Message: message(p, k, code)}
}

func msgTooLarge(max int) string { return "input is larger than " + strconv.Itoa(max) + " bytes" }

func msgTooDeep(max int) string { return "nesting is deeper than " + strconv.Itoa(max) + " levels" }
