package authlink

import (
	"math"
	"strconv"
)

// maxFiniteDigits bounds the length of a number without an exponent that is
// certainly finite as a double: the largest double, about 1.8e308, has 309
// integer digits.
const maxFiniteDigits = 308

// isFiniteNumber reports whether a JSON number the lexer accepted rounds to a
// finite double. It is the rule behind the schema's "double" format; short
// numbers without an exponent skip the conversion.
func isFiniteNumber(num []byte) bool {
	if len(num) <= maxFiniteDigits && !hasExponent(num) {
		return true
	}
	_, ok := parseDouble(num)
	return ok
}

func hasExponent(num []byte) bool {
	for _, c := range num {
		if c == 'e' || c == 'E' {
			return true
		}
	}
	return false
}

// parseDouble converts a JSON number to the nearest double and reports
// whether it is finite. Numbers too small for a double round to zero, as
// IEEE 754 says; numbers too large do not fit and are rejected.
func parseDouble(num []byte) (float64, bool) {
	f, err := strconv.ParseFloat(string(num), 64)
	return f, err == nil && !math.IsInf(f, 0)
}

// isFinite is the same rule for a double built in Go.
func isFinite(f float64) bool {
	return !math.IsNaN(f) && !math.IsInf(f, 0)
}
