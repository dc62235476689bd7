package authlink

import "encoding/json"

// anyValue reads a value at l.pos into nil, bool, string, json.Number,
// []any or map[string]any; depth is the nesting level of its container.
func (l *lexer) anyValue(depth int) (any, bool) {
	switch l.peek() {
	case '{':
		return l.anyObject(depth + 1)
	case '[':
		return l.anyArray(depth + 1)
	case '"':
		s, e, esc, ok := l.str()
		if !ok {
			return nil, false
		}
		return l.copyOf(s, e, esc, l.unescape(s, e, esc)), true
	case 't':
		return true, l.literal("true")
	case 'f':
		return false, l.literal("false")
	case 'n':
		return nil, l.literal("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		s, e, ok := l.number()
		if !ok {
			return nil, false
		}
		return json.Number(l.copyOf(s, e, false, nil)), true
	}
	return nil, l.unexpected("a value")
}

// anyObject reads an object whose nesting level is depth; the map itself
// finds duplicate names, after unescaping.
func (l *lexer) anyObject(depth int) (map[string]any, bool) {
	if l.tooDeep(depth) {
		return nil, false
	}
	l.pos++
	obj := make(map[string]any)
	l.ws()
	if l.peek() == '}' {
		l.pos++
		return obj, true
	}
	for {
		l.ws()
		if l.peek() != '"' {
			return nil, l.unexpected("a member name")
		}
		s, e, esc, ok := l.str()
		if !ok {
			return nil, false
		}
		name := l.copyOf(s, e, esc, l.unescape(s, e, esc))
		if _, dup := obj[name]; dup {
			return nil, l.duplicate(s, e, esc)
		}
		if !l.expect(':', "':'") {
			return nil, false
		}
		l.ws()
		v, ok := l.anyValue(depth)
		if !ok {
			return nil, l.under(l.data[s:e], esc)
		}
		obj[name] = v
		if more, ok := l.next('}', "',' or '}'"); !ok || !more {
			return obj, ok
		}
	}
}

func (l *lexer) anyArray(depth int) ([]any, bool) {
	if l.tooDeep(depth) {
		return nil, false
	}
	l.pos++
	arr := []any{}
	l.ws()
	if l.peek() == ']' {
		l.pos++
		return arr, true
	}
	for i := 0; ; i++ {
		l.ws()
		v, ok := l.anyValue(depth)
		if !ok {
			return nil, l.underIndex(i)
		}
		arr = append(arr, v)
		if more, ok := l.next(']', "',' or ']'"); !ok || !more {
			return arr, ok
		}
	}
}
