package authlink

import (
	"slices"
	"strings"
)

// pointerEscaper applies RFC 6901: "~" becomes "~0" and "/" becomes "~1".
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// appendToken appends "/" and the escaped reference token name to dst.
func appendToken(dst []byte, name string) []byte {
	dst = append(dst, '/')
	if !strings.ContainsAny(name, "~/") {
		return append(dst, name...)
	}
	return append(dst, pointerEscaper.Replace(name)...)
}

// comparePointers orders pointers token by token: array indexes numerically,
// so that "/categories/2" sorts before "/categories/10", and before other
// tokens, which sort as strings. That makes it a total order even among
// member names that look like numbers.
func comparePointers(a, b string) int {
	// The usual case first: where a and b first differ, two bytes that
	// are neither digits nor '/' lie in tokens that are not array
	// indexes, and the tokens compare as strings, by those two bytes.
	k := 0
	for k < len(a) && k < len(b) && a[k] == b[k] {
		k++
	}
	if k < len(a) && k < len(b) && !isDigit(a[k]) && !isDigit(b[k]) && a[k] != '/' && b[k] != '/' {
		return int(a[k]) - int(b[k])
	}
	for a != "" && b != "" {
		var ta, tb string
		ta, a = nextToken(a)
		tb, b = nextToken(b)
		if c := compareTokens(ta, tb); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// nextToken splits "/x/rest" into "x" and "/rest".
func nextToken(p string) (string, string) {
	p = p[1:]
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i], p[i:]
	}
	return p, ""
}

func compareTokens(a, b string) int {
	ia, ib := isIndex(a), isIndex(b)
	switch {
	case ia && ib && len(a) != len(b):
		return len(a) - len(b)
	case ia && !ib:
		return -1
	case !ia && ib:
		return 1
	}
	return strings.Compare(a, b)
}

// isIndex reports whether a reference token is an array index as RFC 6901
// writes it: "0" or digits without a leading zero.
func isIndex(t string) bool {
	if t == "" || (t[0] == '0' && len(t) > 1) {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// codeOrder sorts the violations of one pointer: malformations first, then
// the rules in the order a reader meets them.
var codeOrder = map[Code]int{
	CodeSyntax: 0, CodeEncoding: 1, CodeDuplicate: 2, CodeLimit: 3, CodeType: 4, CodeRequired: 5,
	CodeEmpty: 6, CodeEnum: 7, CodeFormat: 8, CodeRange: 9, CodeUnknown: 10, CodeRule: 11,
}

// sortViolations puts violations in the documented order: by pointer (array
// indexes numerically), then by code.
func sortViolations(vs []Violation) {
	if len(vs) > maxIndexSort {
		slices.SortStableFunc(vs, compareViolations)
		return
	}
	// A few violations (the usual case): sort their indexes, then move
	// each violation once, rather than swapping the large structs.
	var buf [maxIndexSort]uint8
	idx := buf[:len(vs)]
	for i := range idx {
		idx[i] = uint8(i)
	}
	slices.SortStableFunc(idx, func(a, b uint8) int { return compareViolations(vs[a], vs[b]) })
	// Follow each cycle of the permutation: position j takes vs[idx[j]].
	for i := range idx {
		if idx[i] == uint8(i) {
			continue
		}
		tmp, j := vs[i], i
		for {
			k := int(idx[j])
			idx[j] = uint8(j)
			if k == i {
				vs[j] = tmp
				break
			}
			vs[j], j = vs[k], k
		}
	}
}

// maxIndexSort is the most violations sortViolations sorts by index.
const maxIndexSort = 32

func compareViolations(a, b Violation) int {
	if c := comparePointers(a.Pointer, b.Pointer); c != 0 {
		return c
	}
	return codeOrder[a.Code] - codeOrder[b.Code]
}
