package authlink

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// redacted replaces every secret in printed and logged output.
const redacted = "[REDACTED]"

// Format prints [REDACTED] whatever the verb and flags.
func (t Token) Format(f fmt.State, verb rune) { io.WriteString(f, redacted) }

// String returns [REDACTED].
func (t Token) String() string { return redacted }

// GoString returns [REDACTED].
func (t Token) GoString() string { return redacted }

// LogValue returns [REDACTED], so log/slog never sees the token.
func (t Token) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON returns "[REDACTED]", so encoding/json never writes the
// token: not log/slog's JSON handler at any depth, not a struct of the
// caller's. [Encode] writes the wire form of an auth link, token included.
func (t Token) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText returns [REDACTED], for encoders that use text, such as
// encoding/xml. (encoding/json writes a map key of a string kind as it is,
// without calling MarshalText: SECURITY.md lists that limit.)
func (t Token) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// field is one field of an AuthLink as fmt and log/slog show it: masked
// before any formatting runs, so that no verb (not even %x) can show a
// secret.
type field struct {
	goName string // for %+v and %#v
	key    string // for log/slog: the member's name in the link's profile
	value  any
	absent bool
}

// view returns what fmt and log/slog show of an AuthLink, member by member
// from the table: the secrets masked, the URL cut before its query and
// fragment (where links carry tokens), only the size of Metadata and Extra,
// and the secrets masked wherever else they appear.
func (a *AuthLink) view() []field {
	secrets := a.secrets()
	mask := func(s string) string { return scrub(s, secrets) }
	fields := make([]field, 0, memberCount+2)
	for i := range members {
		m := &members[i]
		f := field{goName: goNames[i], key: m.wireName(a.Profile)}
		switch p := m.field(a).(type) {
		case *json.Number:
			f.value = *p
		case *OrganizationID:
			f.value = *p
			if s, ok := p.Text(); ok {
				f.value = OrganizationIDString(mask(s))
			}
		case *string:
			s := *p
			if m.kind[ProfileAPI] == kindURL { // the api profile has every member
				s = redactURL(s)
			}
			f.value = mask(s)
		case *Token:
			f.value = *p
		case *Nullable[Token]:
			f.value, f.absent = *p, p.IsZero()
		case *Nullable[string]:
			f.value, f.absent = mapNullable(*p, mask), p.IsZero()
		case *Nullable[LinkType]:
			f.value, f.absent = mapNullable(*p, func(t LinkType) LinkType { return LinkType(mask(string(t))) }), p.IsZero()
		case *Nullable[[]Category]:
			f.value, f.absent = mapNullable(*p, func(cs []Category) []Category {
				masked := make([]Category, len(cs))
				for i, c := range cs {
					masked[i] = Category(mask(string(c)))
				}
				return masked
			}), p.IsZero()
		case *Nullable[Metadata]:
			f.value, f.absent = *p, p.IsZero() // null holds nothing to hide: kept null, as the other members
			if md, ok := p.Get(); ok {
				f.value = memberSummary(len(md))
			}
		}
		fields = append(fields, f)
	}
	return append(fields,
		field{goName: "Extra", key: "extra", value: memberSummary(len(a.Extra)), absent: a.Extra == nil},
		field{goName: "Profile", key: "profile", value: a.Profile})
}

// secrets returns the values of the secret members that are set.
func (a *AuthLink) secrets() []Token {
	var out []Token
	for i := range members {
		if !members[i].secret {
			continue
		}
		switch p := members[i].field(a).(type) {
		case *Token:
			out = append(out, *p)
		case *Nullable[Token]:
			if t, ok := p.Get(); ok {
				out = append(out, t)
			}
		}
	}
	return out
}

// mapNullable applies f to the value of n, if it holds one.
func mapNullable[T any](n Nullable[T], f func(T) T) Nullable[T] {
	if v, ok := n.Get(); ok {
		n.value = f(v)
	}
	return n
}

func memberSummary(n int) string {
	if n == 1 {
		return "{1 member}"
	}
	return "{" + strconv.Itoa(n) + " members}"
}

// redactURL keeps the scheme, host and path of a URL and masks its userinfo,
// query and fragment, the parts that carry credentials.
func redactURL(u string) string {
	tail := ""
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u, tail = u[:i], u[i:i+1]+redacted
	}
	if i := strings.Index(u, "://"); i >= 0 {
		authority, _, _ := strings.Cut(u[i+3:], "/")
		if at := strings.LastIndexByte(authority, '@'); at >= 0 {
			u = u[:i+3] + redacted + u[i+3+at:]
		}
	}
	return u + tail
}

// scrub masks the secrets wherever else they show (a label, a path) in s,
// as they are or URL-escaped in any style: each byte of the secret may be
// written as itself or as %XX in either case, and a space as "+". Short
// secrets are left to the field masks: replacing a two-letter token would
// garble the output without protecting anything.
func scrub(s string, secrets []Token) string {
	for _, t := range secrets {
		if len(t) < 8 {
			continue
		}
		var b []byte
		last := 0
		for i := 0; i < len(s); {
			end := escapedMatch(s, i, string(t))
			if end < 0 {
				i++
				continue
			}
			b = append(append(b, s[last:i]...), redacted...)
			i, last = end, end
		}
		if b != nil {
			s = string(append(b, s[last:]...))
		}
	}
	return s
}

// escapedMatch reports where the text of secret ends if it starts at s[i],
// reading %XX escapes and "+" for a space as they decode; -1 if it does not.
func escapedMatch(s string, i int, secret string) int {
	for k := 0; k < len(secret); k++ {
		if i >= len(s) {
			return -1
		}
		c, n := s[i], 1
		if c == '%' && i+2 < len(s) && unhex(s[i+1]) >= 0 && unhex(s[i+2]) >= 0 {
			c, n = byte(unhex(s[i+1])<<4|unhex(s[i+2])), 3
		} else if c == '+' && secret[k] == ' ' {
			c = ' '
		}
		if c != secret[k] {
			return -1
		}
		i += n
	}
	return i
}

// Format prints the auth link for people, as fmt prints a struct, each
// field with the verb and flags given: the secrets masked, the URL cut
// before its query and fragment, and Metadata and Extra shown by size only.
func (a AuthLink) Format(f fmt.State, verb rune) {
	format := fmt.FormatString(f, verb)
	sharp, plus := verb == 'v' && f.Flag('#'), verb == 'v' && f.Flag('+')
	sep := " "
	if sharp {
		io.WriteString(f, "authlink.AuthLink")
		sep = ", "
	}
	io.WriteString(f, "{")
	for i, fd := range a.view() {
		if i > 0 {
			io.WriteString(f, sep)
		}
		if sharp || plus {
			io.WriteString(f, fd.goName+":")
		}
		fmt.Fprintf(f, format, fd.value)
	}
	io.WriteString(f, "}")
}

// LogValue returns the auth link as a log/slog group keyed by the member
// names of its profile, absent members left out, with the same masks as
// Format.
func (a AuthLink) LogValue() slog.Value {
	var attrs []slog.Attr
	for _, fd := range a.view() {
		if fd.absent {
			continue
		}
		var v slog.Value
		switch x := fd.value.(type) {
		case json.Number:
			v = slog.AnyValue(x)
		case OrganizationID:
			v = slog.StringValue(x.String())
			if n, ok := x.Number(); ok {
				v = slog.AnyValue(n)
			}
		case Nullable[[]Category]:
			v = slog.StringValue(x.String())
			if cs, ok := x.Get(); ok {
				v = slog.AnyValue(cs)
			}
		default:
			v = slog.StringValue(fmt.Sprint(x))
		}
		attrs = append(attrs, slog.Attr{Key: fd.key, Value: v})
	}
	return slog.GroupValue(attrs...)
}

// MarshalJSON writes the redacted view of the auth link, the one LogValue
// gives: the secrets masked wherever they appear, the URL cut before its
// query and fragment, Metadata and Extra by size only. So a link logged by
// log/slog's JSON handler at any depth (in a slice, a map, a struct field)
// or marshaled by mistake shows no secret. It is not the wire form: use
// [Encode] to forward or store a link.
func (a AuthLink) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for _, f := range a.view() {
		if f.absent {
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(appendViewString(b, f.key), ':')
		switch v := f.value.(type) {
		case json.Number:
			b = appendNumberView(b, string(v))
		case OrganizationID:
			if n, ok := v.Number(); ok {
				b = appendNumberView(b, string(n))
			} else {
				b = appendViewString(b, v.text)
			}
		case Nullable[[]Category]:
			cs, ok := v.Get()
			if !ok {
				b = append(b, "null"...)
				break
			}
			b = append(b, '[')
			for i, c := range cs {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendViewString(b, string(c))
			}
			b = append(b, ']')
		default:
			if n, ok := v.(interface{ IsNull() bool }); ok && n.IsNull() {
				b = append(b, "null"...)
			} else {
				b = appendViewString(b, fmt.Sprint(v))
			}
		}
	}
	return append(b, '}'), nil
}

// appendViewString writes a string of the redacted view as a JSON string,
// invalid UTF-8 (possible in a value built in code) replaced by U+FFFD, so
// that the view is always valid JSON.
func appendViewString(b []byte, s string) []byte {
	return appendQuoted(b, strings.ToValidUTF8(s, "\uFFFD"))
}

// appendNumberView writes a number of the redacted view: its text when it
// is a JSON number, 0 when it is empty (as encoding/json writes an empty
// json.Number), and otherwise the text as a string, so that text set in
// code can never add members to the view.
func appendNumberView(b []byte, text string) []byte {
	if text == "" {
		return append(b, '0')
	}
	if isJSONNumber(text) {
		return append(b, text...)
	}
	return appendViewString(b, text)
}
