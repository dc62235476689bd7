package authlink

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"
)

// marshalMaxDepth stops MarshalJSON on metadata that refers to itself,
// through maps, slices or pointers.
const marshalMaxDepth = 1000

// Encode writes the auth link in its wire form, with the member names of
// a.Profile: the members in schema order, absent optional members left out,
// then Extra by name, byte for byte. It is what to send to a front end or
// store; it holds the secrets. (json.Marshal of an AuthLink gives the
// redacted view instead: see [AuthLink.MarshalJSON].)
//
// Encode writes strings with the fewest escapes and numbers with the text
// they were decoded from, so the encoding of a decoded link is never longer
// than the document it came from, and re-validates under the same caps, but
// for one byte per category spelled hrisLegacy, which decodes to its wire
// value hris-legacy (a document that close to the cap, spelled so, gets a
// limit violation from ValidateStruct under the same cap). It
// fails with a *[ValidationError] on what JSON cannot hold faithfully
// (invalid UTF-8, a number that is not a JSON number, a metadata value of a
// type JSON has no form for, an Extra member that is not JSON or shadows a
// member), and on a member the profile does not have (ExternalTriggerToken
// set on a document-profile link), since writing such a value would mean
// changing or moving it. It does not check the schema's rules: that is
// ValidateStruct's job.
func Encode(a *AuthLink) ([]byte, error) {
	e := encoder{prof: a.Profile, maxDepth: marshalMaxDepth}
	e.authLink(a)
	if err := newError(e.problems); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// UnmarshalJSON decodes and validates data with the default options in the
// profile a already holds (the zero value: api; set a.Profile first to read
// the document profile), so that an AuthLink read by encoding/json is as
// trustworthy as one from Decode.
// encoding/json checks the syntax of the whole input before it calls this
// method, so input it finds malformed (trailing garbage, say) fails with its
// own *json.SyntaxError, whose message may quote one byte of the input; use
// Decode to get a *ValidationError for every problem.
func (a *AuthLink) UnmarshalJSON(data []byte) error {
	if !a.Profile.valid() {
		return errors.New("authlink: UnmarshalJSON: unknown profile " + a.Profile.String())
	}
	b, err := defaultValidators[a.Profile].Decode(data)
	if err != nil {
		return err
	}
	*a = *b
	return nil
}

// encoder writes an AuthLink as JSON and records, as violations, what it
// cannot write faithfully. For ValidateStruct it also records the rules only
// the encoded form shows: nesting beyond maxDepth and, when strict, Extra
// members.
type encoder struct {
	buf      []byte
	problems []Violation
	prof     Profile
	maxDepth int
	strict   bool
	check    bool      // record the type rules a Go value can break (ValidateStruct)
	stack    []segment // location of the value being written
}

type segment struct {
	name  string
	index int // used when isIdx
	isIdx bool
}

func (e *encoder) pointer() string {
	var b []byte
	for _, s := range e.stack {
		b = s.appendTo(b)
	}
	return string(b)
}

// appendTo appends the segment's reference token, with its "/".
func (s segment) appendTo(b []byte) []byte {
	if s.isIdx {
		return strconv.AppendInt(append(b, '/'), int64(s.index), 10)
	}
	return appendToken(b, s.name)
}

func (e *encoder) problem(code Code, msg string) {
	e.problems = append(e.problems, Violation{Pointer: e.pointer(), Code: code, Message: msg})
}

func (e *encoder) push(name string) { e.stack = append(e.stack, segment{name: name}) }
func (e *encoder) pushIndex(i int)  { e.stack = append(e.stack, segment{index: i, isIdx: true}) }
func (e *encoder) pop()             { e.stack = e.stack[:len(e.stack)-1] }
func (e *encoder) raw(s string)     { e.buf = append(e.buf, s...) }

// authLink writes the members of the table in order, those absent left out,
// with the names of e.prof, then Extra.
func (e *encoder) authLink(a *AuthLink) {
	e.buf = append(e.buf, '{')
	for i := range members {
		m := &members[i]
		field := m.field(a)
		if z, ok := field.(interface{ IsZero() bool }); ok && z.IsZero() {
			continue
		}
		e.push(m.wireName(e.prof))
		if m.in(e.prof) {
			if len(e.buf) > 1 {
				e.buf = append(e.buf, ',')
			}
			e.buf = append(appendQuoted(e.buf, m.name[e.prof]), ':')
			e.value(field, m.kind[e.prof])
		} else {
			// Written under its api name it would come back in Extra, a
			// secret among them: refuse rather than move it.
			e.problem(CodeUnknown, msgNotInProfile(e.prof))
		}
		e.pop()
	}
	e.extra(a.Extra, len(e.buf) > 1)
	e.buf = append(e.buf, '}')
}

// value writes the member field points to, whose kind in e.prof is k.
func (e *encoder) value(field any, k kind) {
	switch f := field.(type) {
	case *json.Number:
		e.number(string(*f))
	case *OrganizationID:
		if s, ok := f.Text(); ok {
			e.typeRule(k != kindOrgID, k)
			e.string(s)
		} else {
			e.number(f.text)
		}
	case *string:
		e.string(*f)
	case *Token:
		e.string(string(*f))
	case *Nullable[string]:
		writeNullable(e, *f, k, e.string)
	case *Nullable[Token]:
		writeNullable(e, *f, k, func(t Token) { e.string(string(t)) })
	case *Nullable[LinkType]:
		writeNullable(e, *f, k, func(t LinkType) { e.string(string(t)) })
	case *Nullable[[]Category]:
		writeNullable(e, *f, k, e.categories)
	case *Nullable[Metadata]:
		writeNullable(e, *f, k, func(md Metadata) { e.object(reflect.ValueOf(map[string]any(md)), 2) })
	default:
		panic(fmt.Sprintf("authlink: member field of type %T has no encoding", field))
	}
}

// writeNullable writes null or the value of n, a member of kind k.
func writeNullable[T any](e *encoder, n Nullable[T], k kind, write func(T)) {
	v, ok := n.Get()
	if ok {
		write(v)
		return
	}
	e.typeRule(!k.nullable(), k)
	e.raw("null")
}

// typeRule records, when checking, that the value at hand has a JSON type
// the member's kind k does not allow.
func (e *encoder) typeRule(wrong bool, k kind) {
	if e.check && wrong {
		e.problem(CodeType, message(e.prof, k, CodeType))
	}
}

func (e *encoder) categories(cs []Category) {
	e.buf = append(e.buf, '[')
	for i, c := range cs {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.pushIndex(i)
		e.string(string(c))
		e.pop()
	}
	e.buf = append(e.buf, ']')
}

// extra writes the members of Extra by name, after a comma if more.
func (e *encoder) extra(extra map[string]json.RawMessage, more bool) {
	names := make([]string, 0, len(extra))
	for name := range extra {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if more {
			e.buf = append(e.buf, ',')
		}
		more = true
		e.string(name)
		e.buf = append(e.buf, ':')
		e.push(name)
		if lookupMember(e.prof, name) >= 0 {
			e.problem(CodeDuplicate, msgDuplicate)
		}
		if e.strict {
			e.problem(CodeUnknown, message(e.prof, kindUnknown, CodeUnknown))
		}
		e.rawJSON(extra[name], 1)
		e.pop()
	}
}

// rawJSON writes raw after checking it is one well-formed JSON value, as
// strictly as Validate reads; depth is the nesting level of its container.
func (e *encoder) rawJSON(raw []byte, depth int) {
	l := lexer{data: raw, maxDepth: e.maxDepth}
	l.ws()
	if !l.value(depth) || !l.end() {
		bad := l.malformation()
		bad.Offset = 0 // an offset in raw, not in an input
		bad.Pointer = e.pointer() + bad.Pointer
		e.problems = append(e.problems, bad)
		e.raw("null")
		return
	}
	e.buf = append(e.buf, raw...)
}

// string writes s as a JSON string. Invalid UTF-8 is a problem, not
// something to replace.
func (e *encoder) string(s string) {
	if !utf8.ValidString(s) {
		e.problem(CodeEncoding, "invalid UTF-8")
	}
	e.buf = appendQuoted(e.buf, s)
}

func appendQuoted(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendFloat formats like encoding/json: the shortest text that reads back
// as the same value, exponent form only for very small or large values.
func appendFloat(b []byte, f float64, bits int) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// any writes a metadata value; depth is the nesting level of its container.
func (e *encoder) any(v reflect.Value, depth int) {
	for steps := 0; v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer; steps++ {
		if v.IsNil() {
			e.raw("null")
			return
		}
		if steps > e.maxDepth { // a pointer that leads back to itself
			e.tooDeep(e.maxDepth + 1)
			return
		}
		v = v.Elem()
	}
	switch v.Type() {
	case reflect.TypeFor[json.Number]():
		e.number(v.String())
		return
	case reflect.TypeFor[json.RawMessage]():
		e.rawJSON(v.Bytes(), depth)
		return
	}
	switch v.Kind() {
	case reflect.Invalid:
		e.raw("null")
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	case reflect.String:
		e.string(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); isFinite(f) {
			e.buf = appendFloat(e.buf, f, v.Type().Bits())
		} else {
			e.problem(CodeRange, "metadata number is not finite")
			e.raw("0")
		}
	case reflect.Map, reflect.Slice:
		if v.IsNil() {
			e.raw("null") // as encoding/json writes a nil map or slice
			return
		}
		if v.Kind() == reflect.Slice {
			e.array(v, depth+1)
			return
		}
		if v.Type().Key().Kind() != reflect.String {
			e.problem(CodeType, "metadata map keys must be strings")
			e.raw("null")
			return
		}
		e.object(v, depth+1)
	case reflect.Array:
		e.array(v, depth+1)
	default:
		e.problem(CodeType, "metadata value of Go type "+v.Type().String()+" has no JSON form")
		e.raw("null")
	}
}

// number writes the text of a number as it is, "" as 0 (as encoding/json
// does). Text that is not a JSON number is a problem: range for what Go
// writes for a non-finite float (NaN, +Inf), syntax for the rest.
func (e *encoder) number(s string) {
	if s == "" {
		s = "0"
	}
	if !isJSONNumber(s) {
		if f, err := strconv.ParseFloat(s, 64); err == nil && !isFinite(f) {
			e.problem(CodeRange, message(e.prof, kindDouble, CodeRange))
		} else {
			e.problem(CodeSyntax, "not a JSON number")
		}
		e.raw("0")
		return
	}
	e.raw(s)
}

// isJSONNumber reports whether s is one JSON number and nothing else.
func isJSONNumber(s string) bool {
	l := lexer{data: []byte(s)}
	_, _, ok := l.number()
	return ok && l.pos == len(s)
}

// tooDeep records a value nested deeper than allowed; the encoder does not
// descend into it, which also ends a walk of metadata that contains itself.
func (e *encoder) tooDeep(depth int) bool {
	if depth <= e.maxDepth {
		return false
	}
	e.problem(CodeLimit, msgTooDeep(e.maxDepth))
	e.raw("null")
	return true
}

func (e *encoder) object(v reflect.Value, depth int) {
	if e.tooDeep(depth) {
		return
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		switch {
		case a.String() < b.String():
			return -1
		case a.String() > b.String():
			return 1
		}
		return 0
	})
	e.buf = append(e.buf, '{')
	for i, k := range keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.push(k.String())
		e.string(k.String())
		e.buf = append(e.buf, ':')
		e.any(v.MapIndex(k), depth)
		e.pop()
	}
	e.buf = append(e.buf, '}')
}

func (e *encoder) array(v reflect.Value, depth int) {
	if e.tooDeep(depth) {
		return
	}
	e.buf = append(e.buf, '[')
	for i := range v.Len() {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.pushIndex(i)
		e.any(v.Index(i), depth)
		e.pop()
	}
	e.buf = append(e.buf, ']')
}
