package authlink

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode/utf8"
)

// lexer is a strict JSON reader over a byte slice. It accepts exactly RFC 8259
// JSON in valid UTF-8 and rejects what parsers disagree on: duplicate member
// names (compared after unescaping), invalid UTF-8, \u escapes of unpaired
// surrogates, trailing data and nesting beyond maxDepth. It records the first
// malformation and stops; it never repairs input.
type lexer struct {
	data     []byte
	pos      int
	maxDepth int
	bad      *Violation // the first malformation, without its pointer: see malformation
	badPath  []segment  // where it is, innermost first, collected on the way out
	scratch  []byte     // unescaped member names, for comparing escaped names
	text     []byte     // the last string unescape returned
}

// unescape returns the text of the string at data[s:e], unescaped into
// l.text when it holds escapes; the result is valid until the next call.
func (l *lexer) unescape(s, e int, esc bool) []byte {
	if !esc {
		return l.data[s:e]
	}
	l.text = appendUnescaped(l.text[:0], l.data[s:e])
	return l.text
}

// A malformation's pointer is built on the way out: the function that finds
// the problem records it, and every object member and array item it was
// found under adds its reference token as the error returns through it.
// Nothing is spent on locations while the input is good, and the tokens are
// joined once at the end, so a deep malformation costs memory in proportion
// to its depth, not to its square.

// fail records the first malformation and returns false, so that callers can
// write "return l.fail(...)".
func (l *lexer) fail(code Code, msg string) bool {
	return l.failOffset(code, msg, l.pos)
}

// failOffset is fail for a problem that starts at data[offset].
func (l *lexer) failOffset(code Code, msg string, offset int) bool {
	if l.bad == nil {
		l.bad = &Violation{Code: code, Message: msg, Offset: offset}
	}
	return false
}

// under prepends the member name raw (as read, escaped if esc) to the
// pointer of the malformation being returned, and returns false.
func (l *lexer) under(raw []byte, esc bool) bool {
	name := raw
	if esc {
		name = appendUnescaped(nil, raw)
	}
	l.badPath = append(l.badPath, segment{name: string(name)})
	return false
}

// duplicate records that the member name at data[s:e] was already in its
// object, with the member's own pointer, and returns false.
func (l *lexer) duplicate(s, e int, esc bool) bool {
	l.failOffset(CodeDuplicate, msgDuplicate, s-1) // at the name's opening quote
	return l.under(l.data[s:e], esc)
}

// underIndex prepends an array index to the pointer of the malformation.
func (l *lexer) underIndex(i int) bool {
	l.badPath = append(l.badPath, segment{index: i, isIdx: true})
	return false
}

// malformation returns the first malformation with its pointer, relative
// to where reading started.
func (l *lexer) malformation() Violation {
	v := *l.bad
	var b []byte
	for i := len(l.badPath) - 1; i >= 0; i-- {
		b = l.badPath[i].appendTo(b)
	}
	v.Pointer = string(b)
	return v
}

// failAt is fail with the byte offset of the problem in the message.
func (l *lexer) failAt(code Code, what string) bool {
	if l.bad != nil {
		return false
	}
	return l.fail(code, what+" at byte offset "+strconv.Itoa(l.pos))
}

func (l *lexer) unexpected(expected string) bool {
	if l.pos >= len(l.data) {
		return l.fail(CodeSyntax, "unexpected end of input; expected "+expected)
	}
	if l.bad != nil {
		return false
	}
	return l.fail(CodeSyntax, "unexpected character at byte offset "+strconv.Itoa(l.pos)+"; expected "+expected)
}

func (l *lexer) ws() {
	data, i := l.data, l.pos
	for i < len(data) {
		c := data[i]
		if c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
			break
		}
		i++
	}
	l.pos = i
}

// peek returns the next byte, or 0 at the end of the input (0 is never valid
// JSON outside a string, so callers treat it as "unexpected").
func (l *lexer) peek() byte {
	if l.pos < len(l.data) {
		return l.data[l.pos]
	}
	return 0
}

// expect consumes c after optional white space.
func (l *lexer) expect(c byte, expected string) bool {
	l.ws()
	if l.peek() != c {
		return l.unexpected(expected)
	}
	l.pos++
	return true
}

// plain marks the string bytes that need no attention: printable ASCII other
// than the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// plainEnd returns the index of the first byte at or after i that is not
// plain: a quote, a backslash, a control character or a non-ASCII byte. It
// looks at eight bytes at a time while they are all plain.
func plainEnd(data []byte, i int) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		quote, backslash := w^(ones*'"'), w^(ones*'\\')
		// A byte is flagged (its high bit set) when it is zero in quote or
		// backslash, under 0x20 in w, or 0x80 and above in w. Borrows can
		// flag a byte above a true hit, never hide one: enough to stop.
		special := (quote-ones)&^quote | (backslash-ones)&^backslash | (w-ones*0x20)&^w | w
		if special&highs != 0 {
			break
		}
	}
	for i < len(data) && plain[data[i]] {
		i++
	}
	return i
}

// str reads a string whose opening quote is at l.pos and returns the span of
// its raw content and whether it holds escapes.
func (l *lexer) str() (start, end int, esc, ok bool) {
	l.pos++
	start = l.pos
	data := l.data
	for {
		i := plainEnd(data, l.pos)
		l.pos = i
		if i >= len(data) {
			return 0, 0, false, l.fail(CodeSyntax, "unterminated string")
		}
		switch c := data[i]; {
		case c == '"':
			l.pos++
			return start, i, esc, true
		case c == '\\':
			esc = true
			if !l.escape() {
				return 0, 0, false, false
			}
		case c < 0x20:
			return 0, 0, false, l.failAt(CodeSyntax, "control character in string")
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return 0, 0, false, l.failAt(CodeEncoding, "invalid UTF-8")
			}
			l.pos += size
		}
	}
}

// escape reads one escape sequence at l.pos (the backslash).
func (l *lexer) escape() bool {
	l.pos++
	switch l.peek() {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		l.pos++
		return true
	case 'u':
		r, ok := l.hex4()
		if !ok {
			return false
		}
		switch {
		case r >= 0xDC00 && r < 0xE000:
			return l.failAt(CodeEncoding, "unpaired surrogate escape")
		case r >= 0xD800 && r < 0xDC00:
			if l.pos+1 >= len(l.data) || l.data[l.pos] != '\\' || l.data[l.pos+1] != 'u' {
				return l.failAt(CodeEncoding, "unpaired surrogate escape")
			}
			l.pos++
			r2, ok := l.hex4()
			if !ok {
				return false
			}
			if r2 < 0xDC00 || r2 >= 0xE000 {
				return l.failAt(CodeEncoding, "unpaired surrogate escape")
			}
		}
		return true
	case 0:
		if l.pos >= len(l.data) {
			return l.fail(CodeSyntax, "unterminated string")
		}
	}
	return l.failAt(CodeSyntax, "invalid escape")
}

// hex4 reads "uXXXX" at l.pos and returns the code unit.
func (l *lexer) hex4() (rune, bool) {
	if l.pos+5 > len(l.data) {
		l.pos = len(l.data)
		return 0, l.fail(CodeSyntax, "unterminated string")
	}
	var r rune
	for _, c := range l.data[l.pos+1 : l.pos+5] {
		v := unhex(c)
		if v < 0 {
			return 0, l.failAt(CodeSyntax, "invalid \\u escape")
		}
		r = r<<4 | rune(v)
	}
	l.pos += 5
	return r, true
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c - 'a' + 10)
	case c >= 'A' && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

// number reads a number at l.pos and returns its span. The grammar is RFC
// 8259's: no leading zeros, no "+", no bare "." and no NaN or Infinity.
func (l *lexer) number() (start, end int, ok bool) {
	data, i := l.data, l.pos
	start = i
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		i = digits(data, i)
	default:
		l.pos = i
		return 0, 0, l.unexpected("a digit")
	}
	if i < len(data) && data[i] == '.' {
		j := digits(data, i+1)
		if j == i+1 {
			l.pos = j
			return 0, 0, l.unexpected("a digit")
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := digits(data, i)
		if j == i {
			l.pos = j
			return 0, 0, l.unexpected("a digit")
		}
		i = j
	}
	l.pos = i
	return start, i, true
}

func digits(data []byte, i int) int {
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	return i
}

// literal reads true, false or null at l.pos.
func (l *lexer) literal(word string) bool {
	if !bytes.HasPrefix(l.data[l.pos:], []byte(word)) {
		return l.unexpected("a value")
	}
	l.pos += len(word)
	return true
}

// value checks any JSON value at l.pos (after white space); depth is the
// nesting level of the container holding it.
func (l *lexer) value(depth int) bool {
	switch l.peek() {
	case '{':
		return l.object(depth + 1)
	case '[':
		return l.array(depth + 1)
	case '"':
		_, _, _, ok := l.str()
		return ok
	case 't':
		return l.literal("true")
	case 'f':
		return l.literal("false")
	case 'n':
		return l.literal("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		_, _, ok := l.number()
		return ok
	}
	return l.unexpected("a value")
}

func (l *lexer) tooDeep(depth int) bool {
	if depth <= l.maxDepth {
		return false
	}
	l.fail(CodeLimit, msgTooDeep(l.maxDepth))
	return true
}

// object checks an object at l.pos, whose nesting level is depth.
func (l *lexer) object(depth int) bool {
	if l.tooDeep(depth) {
		return false
	}
	l.pos++
	var names nameSet
	l.ws()
	if l.peek() == '}' {
		l.pos++
		return true
	}
	for {
		s, e, esc, ok := l.memberName(&names)
		if !ok {
			return false
		}
		l.ws()
		if !l.value(depth) {
			return l.under(l.data[s:e], esc)
		}
		if more, ok := l.next('}', "',' or '}'"); !ok || !more {
			return ok
		}
	}
}

// memberName reads `"name" :` at l.pos (after white space), checks that the
// name is new in names, and returns the span of the raw name.
func (l *lexer) memberName(names *nameSet) (start, end int, esc, ok bool) {
	l.ws()
	if l.peek() != '"' {
		return 0, 0, false, l.unexpected("a member name")
	}
	if start, end, esc, ok = l.str(); !ok {
		return 0, 0, false, false
	}
	if !names.add(l, start, end, esc) {
		return 0, 0, false, l.duplicate(start, end, esc)
	}
	return start, end, esc, l.expect(':', "':'")
}

// next reads the separator after a member or an item: it reports more for a
// comma, and false with ok for the closing bracket.
func (l *lexer) next(closing byte, expected string) (more, ok bool) {
	l.ws()
	switch l.peek() {
	case ',':
		l.pos++
		return true, true
	case closing:
		l.pos++
		return false, true
	}
	return false, l.unexpected(expected)
}

// array checks an array at l.pos, whose nesting level is depth.
func (l *lexer) array(depth int) bool {
	if l.tooDeep(depth) {
		return false
	}
	l.pos++
	l.ws()
	if l.peek() == ']' {
		l.pos++
		return true
	}
	for i := 0; ; i++ {
		l.ws()
		if !l.value(depth) {
			return l.underIndex(i)
		}
		if more, ok := l.next(']', "',' or ']'"); !ok || !more {
			return ok
		}
	}
}

// end checks that nothing but white space follows the document.
func (l *lexer) end() bool {
	l.ws()
	if l.pos < len(l.data) {
		return l.failAt(CodeSyntax, "trailing data after the JSON value")
	}
	return true
}

// nameSet finds duplicate member names in one object. Small objects compare
// spans of the input in place; large ones switch to a map.
type nameSet struct {
	spans [8]span
	n     int
	big   map[string]struct{}
}

type span struct {
	start, end int
	esc        bool
}

// add records a name and reports false if the object already had it.
func (s *nameSet) add(l *lexer, start, end int, esc bool) bool {
	sp := span{start, end, esc}
	if s.big != nil {
		return s.addBig(l, sp)
	}
	for _, o := range s.spans[:s.n] {
		if l.sameName(o, sp) {
			return false
		}
	}
	if s.n < len(s.spans) {
		s.spans[s.n] = sp
		s.n++
		return true
	}
	s.big = make(map[string]struct{}, 2*len(s.spans))
	for _, o := range s.spans {
		s.addBig(l, o)
	}
	return s.addBig(l, sp)
}

func (s *nameSet) addBig(l *lexer, sp span) bool {
	name := l.data[sp.start:sp.end]
	if sp.esc {
		name = appendUnescaped(nil, name)
	}
	if _, dup := s.big[string(name)]; dup {
		return false
	}
	s.big[string(name)] = struct{}{}
	return true
}

func (l *lexer) sameName(a, b span) bool {
	ra, rb := l.data[a.start:a.end], l.data[b.start:b.end]
	if !a.esc && !b.esc {
		return len(ra) == len(rb) && string(ra) == string(rb)
	}
	l.scratch = appendUnescaped(l.scratch[:0], ra)
	n := len(l.scratch)
	l.scratch = appendUnescaped(l.scratch, rb)
	return bytes.Equal(l.scratch[:n], l.scratch[n:])
}

// appendUnescaped appends the text of a raw string the lexer has accepted.
func appendUnescaped(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		j := bytes.IndexByte(raw[i:], '\\')
		if j < 0 {
			return append(dst, raw[i:]...)
		}
		dst = append(dst, raw[i:i+j]...)
		i += j + 1
		switch c := raw[i]; c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := hexRune(raw[i+1 : i+5])
			i += 4
			if r >= 0xD800 && r < 0xDC00 {
				r = 0x10000 + (r-0xD800)<<10 + (hexRune(raw[i+3:i+7]) - 0xDC00)
				i += 6
			}
			dst = utf8.AppendRune(dst, r)
		default:
			dst = append(dst, c)
		}
		i++
	}
	return dst
}

func hexRune(h []byte) rune {
	var r rune
	for _, c := range h {
		r = r<<4 | rune(unhex(c))
	}
	return r
}
