package authlink

import (
	"bytes"
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
	input    string     // data as one string, made by the first copyOf: see copyOf
}

// The rules every object and array loop of the reader follows. The loop is
// written out in three places (object and array here, the root and the
// categories in document.go, and the typed readers in tree.go) because a
// shared iterator taking closures cost 21% on Validate/valid; each copy
// keeps to these rules instead:
//
//   - the opening bracket is checked against the depth cap (tooDeep) before
//     l.pos moves past it;
//   - white space is skipped before every name, value and separator;
//   - an empty container is the closing bracket right after the opening one;
//   - a member is memberName (or str, a duplicate check, and expect(':')),
//     then a value; an item is a value;
//   - next reads the separator: a comma means more, the closing bracket
//     ends the loop, anything else is a syntax error;
//   - when a value fails, the loop returns l.under(name) or l.underIndex(i),
//     so the malformation's pointer is built on the way out.

// ws skips white space.
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
