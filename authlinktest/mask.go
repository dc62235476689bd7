package authlinktest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The markers masking writes: in place of a volatile member (a secret
// member too), and in place of each secret wherever else it appears.
const (
	volatileMark = "<volatile>"
	tokenMark    = "<token>"
	triggerMark  = "<external_trigger_token>"
)

// secretMembers are the member names whose values Golden never writes, with
// the marker that replaces their values elsewhere. The token comes first:
// where both secrets are the same string, it is reported as the token.
var secretMembers = []struct{ name, mark string }{
	{"token", tokenMark},
	{"external_trigger_token", triggerMark},
	// Not a member of the document profile, but the SDKs' name for it: a
	// camelCase payload that carries it keeps it secret too.
	{"externalTriggerToken", triggerMark},
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

// fixtureSecrets are the secrets the fixtures produce. Golden masks them in
// every document, even one with no secret member: a summary that carries
// only the auth link URL of a fixture, say.
var fixtureSecrets = []secretValue{{FixtureToken, tokenMark}, {FixtureExternalTriggerToken, triggerMark}}

// mask replaces the volatile members with a marker, the secret members too,
// and the secrets wherever else they appear. The secrets are read before
// the volatile members are masked, since the default list holds /token.
func mask(doc any, volatile []string) any {
	secrets := secretsOf(doc)
	for _, p := range volatile {
		markVolatile(doc, p)
	}
	return maskSecretsIn(doc, secrets)
}

// secretsOf returns the secrets to mask in doc: the fixtures', every string
// and number inside a secret member at any depth (a malformed token may be
// an object), and every value of a parameter named after one in any string
// or member name, JSON text nested in a string included. They are sorted
// longest first, so that no secret hides part of another; where two are
// equal, the token's marker wins.
func secretsOf(doc any) []secretValue {
	secrets := slices.Clone(fixtureSecrets)
	add := func(s secretValue) {
		if s.value != "" && !slices.Contains(markers, s.value) {
			secrets = append(secrets, s)
		}
	}
	var inside func(v any, mark string)
	inside = func(v any, mark string) {
		switch x := v.(type) {
		case string:
			add(secretValue{x, mark})
		case json.Number:
			add(secretValue{string(x), mark})
		case map[string]any:
			for _, e := range x {
				inside(e, mark)
			}
		case []any:
			for _, e := range x {
				inside(e, mark)
			}
		}
	}
	var walk func(v any)
	text := func(s string) {
		maskText(s, nil, add)
		if nested, ok := nestedJSON(s); ok {
			walk(nested)
		}
	}
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			text(x)
		case map[string]any:
			for k, e := range x {
				if mark, ok := secretMark(k); ok {
					inside(e, mark)
				}
				text(k)
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
	slices.SortFunc(secrets, func(a, b secretValue) int {
		return cmp.Or(len(b.value)-len(a.value), strings.Compare(a.value, b.value), rank(a.mark)-rank(b.mark))
	})
	return slices.CompactFunc(secrets, func(a, b secretValue) bool { return a.value == b.value })
}

// nestedJSON decodes the object or array that s starts with, if it does:
// JSON text carried in a string, whose secret members are secrets too.
func nestedJSON(s string) (any, bool) {
	t := strings.TrimSpace(s)
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return nil, false
	}
	dec := json.NewDecoder(strings.NewReader(t))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	return v, true
}

// maskSecretsIn sets every secret member, at any depth, to the volatile marker (a
// null one stays null: it holds no secret, and a golden file should show
// that there was none), and masks the secrets in the other strings, member
// names and numbers. A secret member keeps its name, whatever the secrets.
// Member names that become the same are told apart by a suffix.
func maskSecretsIn(v any, secrets []secretValue) any {
	switch x := v.(type) {
	case string:
		return maskText(x, secrets, nil)
	case json.Number:
		for _, s := range secrets {
			if s.value == string(x) {
				return s.mark
			}
		}
	case map[string]any:
		out := make(map[string]any, len(x))
		named := map[string][]any{}
		for k, e := range x {
			if _, ok := secretMark(k); ok {
				if e != nil {
					e = volatileMark
				}
				out[k] = e
				continue
			}
			k = maskText(k, secrets, nil)
			named[k] = append(named[k], maskSecretsIn(e, secrets))
		}
		for k, values := range named {
			// Names that differed only in how they spelled a secret: "#2",
			// "#3" in the order of their values, so that the golden file
			// does not depend on the order of a map.
			slices.SortFunc(values, func(a, b any) int { return bytes.Compare(canonical(a), canonical(b)) })
			for i, v := range values {
				name := k
				if i > 0 {
					name = fmt.Sprintf("%s#%d", k, i+1)
				}
				out[name] = v
			}
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = maskSecretsIn(e, secrets)
		}
	}
	return v
}

// maskPointer masks the secrets in each reference token of an RFC 6901
// pointer.
func maskPointer(pointer string, secrets []secretValue) string {
	if !strings.HasPrefix(pointer, "/") {
		return maskText(pointer, secrets, nil)
	}
	tokens := strings.Split(pointer, "/")[1:]
	for i, tok := range tokens {
		tokens[i] = escapeToken(maskText(unescapeToken(tok), secrets, nil))
	}
	return "/" + strings.Join(tokens, "/")
}

// escapeToken writes a member name as a reference token of an RFC 6901
// pointer, and unescapeToken reads it back.
func escapeToken(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

func unescapeToken(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// markVolatile replaces the value at an RFC 6901 pointer, if there is one,
// with the volatile marker.
func markVolatile(doc any, pointer string) {
	tokens := strings.Split(pointer, "/")[1:]
	for i, tok := range tokens {
		tok = unescapeToken(tok)
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
