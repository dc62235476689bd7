package authlink

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
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
	CodeRule      Code = "rule"      // the caller's own rules (Options.Rules) are not met; Violation.Keyword says which keyword failed
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

	// Keyword is, for a violation of the caller's rules (code rule), the
	// JSON Schema keyword that failed ("enum", "required", "pattern"); ""
	// otherwise.
	Keyword string `json:"keyword,omitempty"`

	// Offset, Line and Column say where the violation is in the input:
	// the byte offset, and the 1-based line and column (in characters, as
	// editors count them, so an escape sequence counts as the characters it
	// is written with). For a value they point at its first byte, for a
	// missing member at the opening brace of its object, for an unknown or
	// duplicate member at its name, for malformed input where reading
	// stopped. Line is 0, and the three are left out of the JSON form, when
	// there is no input: ValidateStruct checks a Go value.
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// MarshalJSON writes the violation's members, the location only when it
// has one (Line > 0).
func (v Violation) MarshalJSON() ([]byte, error) {
	b := appendQuoted(append(appendQuoted(append(appendQuoted([]byte(`{"pointer":`), v.Pointer),
		`,"code":`...), string(v.Code)), `,"message":`...), v.Message)
	if v.Keyword != "" {
		b = appendQuoted(append(b, `,"keyword":`...), v.Keyword)
	}
	if v.Line > 0 {
		b = strconv.AppendInt(append(b, `,"line":`...), int64(v.Line), 10)
		b = strconv.AppendInt(append(b, `,"column":`...), int64(v.Column), 10)
		b = strconv.AppendInt(append(b, `,"offset":`...), int64(v.Offset), 10)
	}
	return append(b, '}'), nil
}

// locate works out the line and column of each violation from its offset
// in data, and returns vs. It runs only once there are violations, so valid
// input pays nothing for locations. It reads data once for violations in
// the order of their offsets, which is the order the reader finds them in
// (the required members, at the root's brace, come last and restart from
// there), so twenty thousand violations cost one pass, not twenty thousand.
func locate(data []byte, vs []Violation) []Violation {
	pos, line, lineStart, col := 0, 1, 0, 0 // col counts the characters from lineStart to pos
	for i := range vs {
		off := min(vs[i].Offset, len(data))
		if off < pos {
			pos, line, lineStart, col = 0, 1, 0, 0
		}
		seg := data[pos:off]
		// IndexByte first: it is vectorised, LastIndexByte is not, and
		// most payloads are one line.
		if k := bytes.IndexByte(seg, '\n'); k >= 0 {
			k += bytes.LastIndexByte(seg[k:], '\n')
			line += bytes.Count(seg, newline)
			lineStart = pos + k + 1
			col = countChars(data[lineStart:off])
		} else {
			col += countChars(seg)
		}
		pos = off
		vs[i].Line, vs[i].Column = line, col+1
	}
	return vs
}

// countChars counts the characters of b, which the reader has found to be
// valid UTF-8 (it stops at the first invalid byte): its bytes less the
// continuation bytes (10xxxxxx), eight at a time.
func countChars(b []byte) int {
	const highs = 0x8080808080808080
	n := len(b)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		n -= bits.OnesCount64(w & highs &^ (w << 1))
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

var newline = []byte{'\n'}

// rootPointer is how text for people shows the pointer of the whole
// document, which RFC 6901 writes as "".
const rootPointer = "(root)"

// DisplayPointer returns the pointer as text for people shows it: as it is,
// "(root)" for the whole document, Go-quoted when a member name in it holds
// a control, unprintable or invalid character. The CLI's text output, the
// test helpers and Error use it; JSON output keeps Pointer as it is.
func (v Violation) DisplayPointer() string {
	if v.Pointer == "" {
		return rootPointer
	}
	for _, c := range v.Pointer {
		if c == utf8.RuneError || !strconv.IsPrint(c) && c != ' ' {
			return strconv.Quote(v.Pointer)
		}
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

// newError sorts vs into the documented order and wraps them; nil when empty.
func newError(vs []Violation) error {
	if len(vs) == 0 {
		return nil
	}
	sortViolations(vs)
	return &ValidationError{Violations: vs}
}
