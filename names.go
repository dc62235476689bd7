package authlink

import "bytes"

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
