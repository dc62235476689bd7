package authlink

import "encoding/json"

// anyValue reads a value at l.pos into nil, bool, string, json.Number,
// []any or map[string]any; depth is the nesting level of its container.
func (l *lexer) anyValue(p *path, depth int) (any, bool) {
	switch l.peek() {
	case '{':
		return l.anyObject(p, depth+1)
	case '[':
		return l.anyArray(p, depth+1)
	case '"':
		s, e, esc, ok := l.str(p)
		return l.stringAt(s, e, esc), ok
	case 't':
		return true, l.literal(p, "true")
	case 'f':
		return false, l.literal(p, "false")
	case 'n':
		return nil, l.literal(p, "null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		s, e, ok := l.number(p)
		return json.Number(l.data[s:e]), ok
	}
	return nil, l.unexpected(p, "a value")
}

func (l *lexer) stringAt(s, e int, esc bool) string {
	if !esc {
		return string(l.data[s:e])
	}
	return string(appendUnescaped(nil, l.data[s:e]))
}

// anyObject reads an object whose nesting level is depth; the map itself
// finds duplicate names, after unescaping.
func (l *lexer) anyObject(p *path, depth int) (map[string]any, bool) {
	if l.tooDeep(p, depth) {
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
			return nil, l.unexpected(p, "a member name")
		}
		s, e, esc, ok := l.str(p)
		if !ok {
			return nil, false
		}
		name := l.stringAt(s, e, esc)
		child := path{parent: p, name: l.data[s:e], esc: esc}
		if _, dup := obj[name]; dup {
			return nil, l.fail(CodeDuplicate, &child, "member name appears more than once in the object")
		}
		if !l.expect(':', p, "':'") {
			return nil, false
		}
		l.ws()
		v, ok := l.anyValue(&child, depth)
		if !ok {
			return nil, false
		}
		obj[name] = v
		if more, ok := l.next(p, '}', "',' or '}'"); !ok || !more {
			return obj, ok
		}
	}
}

func (l *lexer) anyArray(p *path, depth int) ([]any, bool) {
	if l.tooDeep(p, depth) {
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
		child := path{parent: p, index: i}
		l.ws()
		v, ok := l.anyValue(&child, depth)
		if !ok {
			return nil, false
		}
		arr = append(arr, v)
		if more, ok := l.next(p, ']', "',' or ']'"); !ok || !more {
			return arr, ok
		}
	}
}
