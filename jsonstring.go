package authlink

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// unescape returns the text of the string at data[s:e], unescaped into
// l.text when it holds escapes; the result is valid until the next call.
func (l *lexer) unescape(s, e int, esc bool) []byte {
	if !esc {
		return l.data[s:e]
	}
	l.text = appendUnescaped(l.text[:0], l.data[s:e])
	return l.text
}

// copyOf returns the text of data[s:e] (a string's raw content, or a
// number) as a Go string that outlives data; text is what unescape returned
// for it, which only a string with escapes needs. Decoding makes many small
// strings; rather than allocating each, those without escapes are cut from
// one copy of the whole input, made on the first call, so that a decoded
// value holds one block of memory the size of its input.
func (l *lexer) copyOf(s, e int, esc bool, text []byte) string {
	if esc {
		return string(text)
	}
	if l.input == "" {
		l.input = string(l.data)
	}
	return l.input[s:e]
}

// plain marks the string bytes that need no attention: printable ASCII other
// than the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string whose opening quote is at l.pos and returns the span of
// its raw content and whether it holds escapes.
//
// It skips plain bytes (printable ASCII other than the quote and the
// backslash) eight at a time: a byte is flagged (its high bit set) when it
// is zero in quote or backslash (w with every quote or backslash byte
// zeroed), under 0x20 in w, or 0x80 and above in w. A borrow can flag a
// byte above a true hit, never one below it, so the lowest flag (the first
// byte, little-endian) is exact.
func (l *lexer) str() (start, end int, esc, ok bool) {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	start = l.pos + 1
	data, i := l.data, start
	for {
		for ; i+8 <= len(data); i += 8 {
			w := binary.LittleEndian.Uint64(data[i:])
			quote, backslash := w^(ones*'"'), w^(ones*'\\')
			special := ((quote-ones)&^quote | (backslash-ones)&^backslash | (w - ones*0x20) | w) & highs
			if special != 0 {
				i += bits.TrailingZeros64(special) / 8
				goto found
			}
		}
		for i < len(data) && plain[data[i]] {
			i++
		}
	found:
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
		i = l.pos
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
