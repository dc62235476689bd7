package authlinktest

import (
	"strings"
	"unicode"
	"unicode/utf16"
)

// minSecretLen is the length, in bytes, under which a secret is masked only
// where it is a whole string or member name (and where it is the value of a
// parameter named after a secret): inside other text a secret that short
// ("t", "me") would mask letters of member names and values, and a failure
// would read "/me<token>ada<token>a". No real credential is that short.
const minSecretLen = 8

// maxEscapeLayers is how many layers of escaping the scanner undoes: three
// reach a token escaped in a URL carried, escaped again, by a URL in JSON
// text.
const maxEscapeLayers = 3

// secretValue is one value Golden never writes, and the marker that
// replaces it.
type secretValue struct{ value, mark string }

// markers are the texts masking writes; the scanner copies them as they are,
// so that masking a golden file again changes nothing.
var markers = []string{volatileMark, tokenMark, triggerMark}

// maskText masks in s the value of every query parameter or JSON member
// named after a secret member (token=…, "token":"…", escaped or not), and
// every span that decodes to one of secrets, sorted longest first. A span
// decodes to a secret when undoing up to maxEscapeLayers layers of
// percent-escapes (either case of hex) and JSON escapes gives the secret,
// a '+' standing for '+' or a space (a query escaped twice writes a space
// %2B). A secret shorter than minSecretLen is masked only if it is the
// whole of s. found, if not nil, receives each parameter's value, decoded:
// the caller learns the secrets that a document names only in its text.
func maskText(s string, secrets []secretValue, found func(secretValue)) string {
	for _, sec := range secrets {
		if len(sec.value) < minSecretLen && matchSecret(s, 0, sec.value) == len(s) {
			return sec.mark
		}
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if m := markerAt(s, i); m != "" {
			b.WriteString(m)
			i += len(m)
			continue
		}
		if start, end, mark := param(s, i); end > start {
			if found != nil {
				found(secretValue{decode(s[start:end], false), mark})
				found(secretValue{decode(s[start:end], true), mark})
			}
			// A known secret may hold a byte that ends a parameter (a
			// space written as is): mask all of it.
			if _, send := secretAt(s, start, secrets); send > end {
				end = send
			}
			b.WriteString(s[i:start] + mark)
			i = end
			continue
		}
		if sec, end := secretAt(s, i, secrets); end >= 0 {
			b.WriteString(sec.mark)
			i = end
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func markerAt(s string, i int) string {
	for _, m := range markers {
		if strings.HasPrefix(s[i:], m) {
			return m
		}
	}
	return ""
}

// secretAt returns the first of secrets, at least minSecretLen long, that a
// span of s starting at i decodes to, and where the span ends; -1 if none.
func secretAt(s string, i int, secrets []secretValue) (secretValue, int) {
	for _, sec := range secrets {
		if len(sec.value) < minSecretLen {
			continue
		}
		if end := matchSecret(s, i, sec.value); end >= 0 {
			return sec, end
		}
	}
	return secretValue{}, -1
}

// matchSecret returns the end of the span of s starting at i that decodes
// to value with some number of escaping layers undone, or -1. Each number
// is tried: a secret holding "%41" as written must not be missed because
// "%41" also decodes to "A".
func matchSecret(s string, i int, value string) int {
	if i >= len(s) || value == "" {
		return -1
	}
	// An escape or a '+' starts with one of these; any other byte decodes
	// to itself in every layer.
	if c := s[i]; c != value[0] && c != '%' && c != '\\' && c != '+' {
		return -1
	}
	for layers := 0; layers <= maxEscapeLayers; layers++ {
		if end := matchLayers(s, i, value, layers); end >= 0 {
			return end
		}
	}
	return -1
}

func matchLayers(s string, i int, value string, layers int) int {
	for k := 0; k < len(value); {
		d, n := unit(s, i, layers, true)
		switch {
		case n == 0:
			return -1
		case strings.HasPrefix(value[k:], d):
			k += len(d)
		case d == "+" && value[k] == ' ':
			k++
		default:
			return -1
		}
		i += n
	}
	return i
}

// param finds at s[i:] the name of a secret member, in any case and
// possibly escaped, followed by "=" (a query or form parameter) or by
// `":"` (JSON text), and returns the span of its value and the marker of
// the secret; start == end if there is none. A parameter's value ends at
// a byte that ends a parameter or the text around a URL: & # " ' < > a
// backslash, white space. A JSON string's value ends at its quote.
func param(s string, i int) (start, end int, mark string) {
	if c := s[i]; c != 't' && c != 'T' && c != 'e' && c != 'E' && c != '%' && c != '\\' {
		return 0, 0, ""
	}
	for _, m := range secretMembers {
		j := matchName(s, i, m.name)
		if j < 0 {
			continue
		}
		j, query := separator(s, j)
		if j < 0 {
			continue
		}
		stops := `"\`
		if query {
			stops = "&#\"'<>\\"
		}
		end := j
		for end < len(s) {
			d, n := unit(s, end, maxEscapeLayers, false)
			if len(d) == 1 && (strings.IndexByte(stops, d[0]) >= 0 || query && unicode.IsSpace(rune(d[0])) || d[0] < ' ') {
				break
			}
			end += n
		}
		return j, end, m.mark
	}
	return 0, 0, ""
}

// matchName returns the end of the span of s starting at i that decodes to
// name, ignoring case, or -1.
func matchName(s string, i int, name string) int {
	for k := 0; k < len(name); k++ {
		d, n := unit(s, i, maxEscapeLayers, true)
		if len(d) != 1 || !strings.EqualFold(d, name[k:k+1]) {
			return -1
		}
		i += n
	}
	return i
}

// separator returns where a value starts after a name ending at i: past
// "=" (query true), or past `":"` with white space around the colon; -1 if
// neither follows.
func separator(s string, i int) (start int, query bool) {
	expect := func(want string) bool {
		d, n := unit(s, i, maxEscapeLayers, true)
		if d != want {
			return false
		}
		i += n
		return true
	}
	spaces := func() {
		for expect(" ") || expect("\t") || expect("\n") || expect("\r") {
		}
	}
	if expect("=") {
		return i, true
	}
	if !expect(`"`) {
		return -1, false
	}
	spaces()
	if !expect(":") {
		return -1, false
	}
	spaces()
	if !expect(`"`) {
		return -1, false
	}
	return i, false
}

// decode undoes maxEscapeLayers layers of escaping in s; plusSpace reads a
// '+' as written as a space, as a query does.
func decode(s string, plusSpace bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		d, n := unit(s, i, maxEscapeLayers, true)
		if plusSpace && s[i] == '+' {
			d = " "
		}
		b.WriteString(d)
		i += n
	}
	return b.String()
}

// unit decodes the character at s[i:] with up to layers layers of escaping
// undone, and returns it with the number of bytes of s it spans. Each layer
// decodes JSON escapes (\/, \u002b, a surrogate pair) and, if pct,
// percent-escapes (%2b, %2B) in the units of the layer below, so that
// %252B and \\u002b are '+' with two layers. A percent-escape decodes to
// one byte, a JSON escape to the UTF-8 of its character, and anything else
// to the byte as written.
func unit(s string, i, layers int, pct bool) (string, int) {
	if i >= len(s) {
		return "", 0
	}
	if layers == 0 {
		return s[i : i+1], 1
	}
	below := func(j int) (string, int) { return unit(s, j, layers-1, pct) }
	d, n := below(i)
	switch {
	case d == "%" && pct:
		if b, w, ok := hexDigits(below, i+n, 2); ok {
			return string([]byte{byte(b)}), n + w
		}
	case d == `\`:
		e, en := below(i + n)
		if r, ok := jsonEscapes[e]; ok {
			return r, n + en
		}
		if e != "u" {
			break
		}
		r, w, ok := hexDigits(below, i+n+en, 4)
		if !ok {
			break
		}
		end := i + n + en + w
		if utf16.IsSurrogate(rune(r)) {
			if b, bn := below(end); b == `\` {
				if u, un := below(end + bn); u == "u" {
					if r2, w2, ok := hexDigits(below, end+bn+un, 4); ok {
						if c := utf16.DecodeRune(rune(r), rune(r2)); c != unicode.ReplacementChar {
							return string(c), end + bn + un + w2 - i
						}
					}
				}
			}
		}
		return string(rune(r)), end - i
	}
	return d, n
}

var jsonEscapes = map[string]string{`"`: `"`, `\`: `\`, "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

// hexDigits reads count units that are hex digits, from j, and returns
// their value and span.
func hexDigits(next func(int) (string, int), j, count int) (value, span int, ok bool) {
	for range count {
		d, n := next(j + span)
		if len(d) != 1 {
			return 0, 0, false
		}
		var v byte
		switch c := d[0]; {
		case '0' <= c && c <= '9':
			v = c - '0'
		case 'a' <= c && c <= 'f':
			v = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, 0, false
		}
		value = value<<4 | int(v)
		span += n
	}
	return value, span, true
}
