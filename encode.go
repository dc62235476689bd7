package authlink

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"
)

// marshalMaxDepth stops MarshalJSON on metadata that refers to itself,
// through maps, slices or pointers.
const marshalMaxDepth = 1000

// MarshalJSON encodes the auth link: the schema's members in schema order,
// absent optional members left out, then Extra by name. It fails with a
// *[ValidationError] on what JSON cannot hold faithfully (invalid UTF-8, a
// non-finite number, a metadata value of a type JSON has no form for, an
// Extra member that is not JSON or shadows a schema member), since writing
// such a value would mean changing it. It does not check the schema's rules:
// that is ValidateStruct's job.
func (a AuthLink) MarshalJSON() ([]byte, error) {
	e := encoder{maxDepth: marshalMaxDepth}
	e.authLink(&a)
	if err := newError(e.problems); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// UnmarshalJSON decodes and validates data with the default options, so that
// an AuthLink read by encoding/json is as trustworthy as one from Decode.
// encoding/json checks the syntax of the whole input before it calls this
// method, so input it finds malformed (trailing garbage, say) fails with its
// own *json.SyntaxError, whose message may quote one byte of the input; use
// Decode to get a *ValidationError for every problem.
func (a *AuthLink) UnmarshalJSON(data []byte) error {
	b, err := Decode(data)
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
	maxDepth int
	strict   bool
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
		if s.isIdx {
			b = strconv.AppendInt(append(b, '/'), int64(s.index), 10)
		} else {
			b = appendToken(b, s.name)
		}
	}
	return string(b)
}

func (e *encoder) problem(code Code, msg string) {
	e.problems = append(e.problems, Violation{Pointer: e.pointer(), Code: code, Message: msg})
}

func (e *encoder) push(name string) { e.stack = append(e.stack, segment{name: name}) }
func (e *encoder) pushIndex(i int)  { e.stack = append(e.stack, segment{index: i, isIdx: true}) }
func (e *encoder) pop()             { e.stack = e.stack[:len(e.stack)-1] }
func (e *encoder) raw(s string)     { e.buf = append(e.buf, s...) }
func (e *encoder) key(m int)        { e.raw(`,"` + members[m].name + `":`) }
func (e *encoder) keyString(m int, s string) {
	e.key(m)
	e.push(members[m].name)
	e.string(s)
	e.pop()
}

func (e *encoder) authLink(a *AuthLink) {
	e.raw(`{"id":`)
	e.push("id")
	e.double(a.ID)
	e.pop()
	e.key(mOrganizationID)
	e.push("organizationId")
	e.double(a.OrganizationID)
	e.pop()
	e.keyString(mProjectID, a.ProjectID)
	if a.Categories != nil {
		e.key(mCategories)
		e.push("categories")
		e.buf = append(e.buf, '[')
		for i, c := range a.Categories {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.pushIndex(i)
			e.string(string(c))
			e.pop()
		}
		e.buf = append(e.buf, ']')
		e.pop()
	}
	e.nullString(mProvider, a.Provider)
	e.keyString(mOriginOwnerID, a.OriginOwnerID)
	e.keyString(mOriginOwnerName, a.OriginOwnerName)
	e.nullString(mOriginUsername, a.OriginUsername)
	e.nullString(mAccountID, a.AccountID)
	e.nullString(mLabel, a.Label)
	e.keyString(mCreatedAt, a.CreatedAt)
	if !a.Metadata.IsZero() {
		e.key(mMetadata)
		e.push("metadata")
		if md, ok := a.Metadata.Get(); ok {
			e.object(reflect.ValueOf(map[string]any(md)), 2)
		} else {
			e.raw("null")
		}
		e.pop()
	}
	e.keyString(mToken, string(a.Token))
	e.keyString(mAuthLinkURL, a.AuthLinkURL)
	e.extra(a.Extra)
	e.buf = append(e.buf, '}')
}

func (e *encoder) nullString(m int, n Nullable[string]) {
	if n.IsZero() {
		return
	}
	if s, ok := n.Get(); ok {
		e.keyString(m, s)
		return
	}
	e.key(m)
	e.raw("null")
}

func (e *encoder) extra(extra map[string]json.RawMessage) {
	names := make([]string, 0, len(extra))
	for name := range extra {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		e.buf = append(e.buf, ',')
		e.string(name)
		e.buf = append(e.buf, ':')
		e.push(name)
		if lookupMember(name) >= 0 {
			e.problem(CodeDuplicate, msgDuplicate)
		}
		if e.strict {
			e.problem(CodeUnknown, message(kindUnknown, CodeUnknown))
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
		bad := *l.bad
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
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func (e *encoder) double(f float64) {
	if !isFinite(f) {
		e.problem(CodeRange, message(kindDouble, CodeRange))
		e.raw("0")
		return
	}
	e.buf = appendFloat(e.buf, f, 64)
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

// value writes a metadata value; depth is the nesting level of its container.
func (e *encoder) value(v reflect.Value, depth int) {
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

func (e *encoder) number(s string) {
	l := lexer{data: []byte(s)}
	if _, _, ok := l.number(); !ok || l.pos != len(s) {
		e.problem(CodeSyntax, "json.Number is not a JSON number")
		e.raw("0")
		return
	}
	e.raw(s)
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
		e.value(v.MapIndex(k), depth)
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
		e.value(v.Index(i), depth)
		e.pop()
	}
	e.buf = append(e.buf, ']')
}
