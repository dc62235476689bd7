package authlink

import "strconv"

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
