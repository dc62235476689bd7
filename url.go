package authlink

// isAuthLinkURL is the rule of authLinkUrl, the schema's pattern written out
// by hand (a test holds the two equal):
//
//	url      = ("http" / "https") "://" host [":" port] *("/" *pchar) ["?" *qchar] ["#" *qchar]
//	scheme   ; case-insensitive
//	host     = "[" IPv6address "]" / IPv4address / dns-name
//	dns-name = *(label ".") alpha-label ["."]   ; labels of letters, digits and inner hyphens
//	port     = 1*5DIGIT                          ; at most 65535
//	pchar    = unreserved / sub-delims / ":" / "@" / "%" HEXDIG HEXDIG
//	qchar    = pchar / "/" / "?"
//
// There is no userinfo and no percent-encoding in the host: both are ways to
// make one URL mean different hosts to different parsers.
func isAuthLinkURL[T ~string | ~[]byte](s T) bool {
	i := schemeEnd(s)
	if i < 0 {
		return false
	}
	i, ok := hostEnd(s, i)
	if !ok {
		return false
	}
	if i < len(s) && s[i] == ':' {
		if i, ok = portEnd(s, i+1); !ok {
			return false
		}
	}
	for i < len(s) && s[i] == '/' {
		i = charsEnd(s, i+1, &pchar)
	}
	if i < len(s) && s[i] == '?' {
		i = charsEnd(s, i+1, &qchar)
	}
	if i < len(s) && s[i] == '#' {
		i = charsEnd(s, i+1, &qchar)
	}
	return i == len(s)
}

// schemeEnd returns the index after "http://" or "https://" in any case, or -1.
func schemeEnd[T ~string | ~[]byte](s T) int {
	if len(s) < len("http://") || lower(s[0]) != 'h' || lower(s[1]) != 't' || lower(s[2]) != 't' || lower(s[3]) != 'p' {
		return -1
	}
	i := 4
	if lower(s[i]) == 's' {
		i++
	}
	if len(s) < i+3 || s[i] != ':' || s[i+1] != '/' || s[i+2] != '/' {
		return -1
	}
	return i + 3
}

func lower(c byte) byte { return c | 0x20 }

// hostEnd checks the host that starts at s[i] and returns the index after it.
func hostEnd[T ~string | ~[]byte](s T, i int) (int, bool) {
	if i < len(s) && s[i] == '[' {
		for j := i + 1; j < len(s); j++ {
			if s[j] == ']' {
				return j + 1, isIPv6(s[i+1 : j])
			}
		}
		return 0, false
	}
	j := i
	for j < len(s) && (isAlnum(s[j]) || s[j] == '-' || s[j] == '.') {
		j++
	}
	host := s[i:j]
	return j, isIPv4(host) || isDNSName(host)
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isDNSName accepts labels of letters, digits and inner hyphens, joined by
// dots, with an optional trailing dot; the last label starts with a letter,
// so that no parser reads the name as a number (WHATWG reads "0x7f.1" and
// "2130706433" as IPv4 addresses).
func isDNSName[T ~string | ~[]byte](s T) bool {
	n := len(s)
	if n > 0 && s[n-1] == '.' {
		n--
	}
	lastStart := 0
	for i := 0; i < n; i++ {
		switch {
		case s[i] == '.':
			if i == lastStart || s[i-1] == '-' {
				return false
			}
			lastStart = i + 1
		case s[i] == '-':
			if i == lastStart {
				return false
			}
		case !isAlnum(s[i]):
			return false
		}
	}
	return lastStart < n && s[n-1] != '-' && !isDigit(s[lastStart])
}

// isIPv4 accepts a dotted-decimal address with no leading zeros.
func isIPv4[T ~string | ~[]byte](s T) bool {
	i := 0
	for part := 0; part < 4; part++ {
		if part > 0 {
			if i >= len(s) || s[i] != '.' {
				return false
			}
			i++
		}
		start, v := i, 0
		for i < len(s) && isDigit(s[i]) && i-start < 3 {
			v = v*10 + int(s[i]-'0')
			i++
		}
		if i == start || v > 255 || (s[start] == '0' && i-start > 1) {
			return false
		}
	}
	return i == len(s)
}

// isIPv6 accepts RFC 3986's IPv6address: eight groups of one to four hex
// digits, or fewer around one "::", the last two optionally an IPv4 address.
// Zone identifiers and IPvFuture are not allowed.
func isIPv6[T ~string | ~[]byte](s T) bool {
	groups, compressed, i := 0, false, 0
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		compressed, i = true, 2
	}
	for i < len(s) {
		j := i
		for j < len(s) && j-i < 5 && isHex(s[j]) {
			j++
		}
		if j < len(s) && s[j] == '.' {
			if !isIPv4(s[i:]) {
				return false
			}
			groups += 2
			break
		}
		if j == i || j-i > 4 {
			return false
		}
		groups++
		if i = j; i == len(s) {
			break
		}
		if s[i] != ':' || i+1 == len(s) {
			return false
		}
		i++
		if s[i] == ':' {
			if compressed {
				return false
			}
			compressed = true
			i++
		}
	}
	if compressed {
		return groups <= 7
	}
	return groups == 8
}

func isHex(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }

// portEnd checks 1 to 5 digits at s[i:] worth at most 65535.
func portEnd[T ~string | ~[]byte](s T, i int) (int, bool) {
	start, v := i, 0
	for i < len(s) && isDigit(s[i]) {
		if i-start == 5 {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
		i++
	}
	return i, i > start && v <= 65535
}

// charClass marks the bytes allowed unencoded in a URL component.
type charClass [256]bool

var pchar, qchar = func() (p, q charClass) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@") {
		p[c] = true
	}
	q = p
	q['/'], q['?'] = true, true
	return p, q
}()

// charsEnd skips the characters of class and percent-escapes at s[i:].
func charsEnd[T ~string | ~[]byte](s T, i int, class *charClass) int {
	for i < len(s) {
		switch {
		case class[s[i]]:
			i++
		case s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			i += 3
		default:
			return i
		}
	}
	return i
}
