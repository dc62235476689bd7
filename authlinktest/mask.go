package authlinktest

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const volatileMark = "<volatile>"

// secretMembers are the member names whose values Golden never writes, with
// the marker that replaces their values elsewhere. The token comes first:
// where both secrets are the same string, it is reported as the token.
var secretMembers = []struct{ name, mark string }{
	{"token", "<token>"},
	{"external_trigger_token", "<external_trigger_token>"},
	// Not a member of the document profile, but the SDKs' name for it: a
	// camelCase payload that carries it keeps it secret too.
	{"externalTriggerToken", "<external_trigger_token>"},
}

// secretMark returns the marker of a secret member's name, and whether name
// is one.
func secretMark(name string) (string, bool) {
	for _, s := range secretMembers {
		if s.name == name {
			return s.mark, true
		}
	}
	return "", false
}

// mask replaces the volatile members with a marker, the secret members too,
// and the secrets' values wherever else they appear.
func mask(doc any, volatile []string) any {
	doc = scrub(doc, secretForms(doc))
	for _, p := range volatile {
		setPointer(doc, p)
	}
	return maskSecrets(doc)
}

// secretForm is one spelling of a secret's value and the marker it becomes.
type secretForm struct{ text, mark string }

// secretForms returns the string values of the secret members at any depth,
// as they are and URL-escaped (as a query or a path holds them), longest
// first, so that no form hides part of another.
func secretForms(doc any) []secretForm {
	var forms []secretForm
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if mark, ok := secretMark(k); ok {
					if s, ok := e.(string); ok && s != "" && s != volatileMark {
						for _, text := range []string{s, url.QueryEscape(s), url.PathEscape(s)} {
							forms = append(forms, secretForm{text, mark})
						}
					}
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	rank := func(mark string) int {
		return slices.IndexFunc(secretMembers, func(s struct{ name, mark string }) bool { return s.mark == mark })
	}
	slices.SortFunc(forms, func(a, b secretForm) int {
		return cmp.Or(len(b.text)-len(a.text), strings.Compare(a.text, b.text), rank(a.mark)-rank(b.mark))
	})
	return slices.CompactFunc(forms, func(a, b secretForm) bool { return a.text == b.text })
}

// scrub replaces every form of a secret in strings and member names.
func scrub(v any, forms []secretForm) any {
	if len(forms) == 0 {
		return v
	}
	clean := func(s string) string {
		for _, f := range forms {
			s = strings.ReplaceAll(s, f.text, f.mark)
		}
		return s
	}
	switch x := v.(type) {
	case string:
		return clean(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[clean(k)] = scrub(e, forms)
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = scrub(e, forms)
		}
	}
	return v
}

// maskSecrets sets every secret member, at any depth, to the volatile
// marker. A null one stays null: it holds no secret, and a golden file
// should show that there was none.
func maskSecrets(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if _, ok := secretMark(k); ok {
				if e != nil {
					x[k] = volatileMark
				}
				continue
			}
			x[k] = maskSecrets(e)
		}
	case []any:
		for i, e := range x {
			x[i] = maskSecrets(e)
		}
	}
	return v
}

// setPointer replaces the value at an RFC 6901 pointer, if there is one,
// with the volatile marker.
func setPointer(doc any, pointer string) {
	tokens := strings.Split(pointer, "/")[1:]
	for i, tok := range tokens {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		last := i == len(tokens)-1
		switch c := doc.(type) {
		case map[string]any:
			if _, ok := c[tok]; !ok {
				return
			}
			if last {
				c[tok] = volatileMark
				return
			}
			doc = c[tok]
		case []any:
			n, err := strconv.Atoi(tok)
			if err != nil || n < 0 || n >= len(c) {
				return
			}
			if last {
				c[n] = volatileMark
				return
			}
			doc = c[n]
		default:
			return
		}
	}
}
