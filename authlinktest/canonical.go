package authlinktest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/authlink-go/authlink"
)

// schemaOrder ranks the members of both profiles' schemas in schema
// order, so that a golden file of either profile lists them as the schema
// does. The profiles list their common members in the same order, so one
// rank serves both.
var schemaOrder = func() map[string]int {
	order := map[string]int{}
	for _, p := range authlink.Profiles() {
		names, err := propertyNames(p.Schema())
		if err != nil {
			panic("authlinktest: reading the " + p.String() + " profile's schema: " + err.Error())
		}
		for i, name := range names {
			if _, ok := order[name]; !ok {
				order[name] = i
			}
		}
	}
	return order
}()

// propertyNames returns the names of a JSON Schema's top-level properties
// in the order the schema writes them.
func propertyNames(schema []byte) ([]string, error) {
	var top struct{ Properties json.RawMessage }
	if err := json.Unmarshal(schema, &top); err != nil {
		return nil, err
	}
	return memberNames(top.Properties)
}

// memberNames returns the names of a JSON object's members in the order it
// writes them, which a map would lose.
func memberNames(object []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(object))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("want a JSON object, got %v", tok)
	}
	var names []string
	for dec.More() {
		name, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
		names = append(names, name.(string))
	}
	return names, nil
}

// sortedKeys orders the members of an object: at the top level the schema's
// members in schema order, then the others by name; nested objects by name.
func sortedKeys(m map[string]any, top bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if top {
			ra, oka := schemaOrder[a]
			rb, okb := schemaOrder[b]
			switch {
			case oka && okb:
				return ra - rb
			case oka:
				return -1
			case okb:
				return 1
			}
		}
		return strings.Compare(a, b)
	})
	return keys
}

// canonical writes a document with two-space indentation, members sorted
// by sortedKeys, numbers as they were written.
func canonical(doc any) []byte {
	var b strings.Builder
	writeCanonical(&b, doc, "", true)
	b.WriteByte('\n')
	return []byte(b.String())
}

func writeCanonical(b *strings.Builder, v any, indent string, top bool) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, k := range sortedKeys(x, top) {
			b.WriteString(indent + "  " + jsonText(k) + ": ")
			writeCanonical(b, x[k], indent+"  ", false)
			if i < len(x)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, e := range x {
			b.WriteString(indent + "  ")
			writeCanonical(b, e, indent+"  ", false)
			if i < len(x)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	default:
		b.WriteString(jsonText(x))
	}
}

// jsonText encodes a scalar (string, json.Number, bool, nil) as JSON,
// without encoding/json's HTML escaping, so that "<token>" reads as written.
func jsonText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // scalars always encode
	return strings.TrimSuffix(b.String(), "\n")
}

// leaf is one value of a flattened document: a scalar, or a container.
// A container is recorded at its own pointer too, so that ["a"] and
// {"0":"a"}, whose scalars have the same pointers, still differ.
type leaf struct {
	text      string   // as canonical JSON; a container's "{...}" or "[...]" unless empty
	num       *big.Rat // for numbers, their exact value
	container bool
}

// equal compares scalars by value, containers by kind only: what they
// hold is compared at their members' pointers.
func (l leaf) equal(o leaf) bool {
	switch {
	case l.container || o.container:
		return l.container && o.container && l.text[0] == o.text[0]
	case l.num != nil && o.num != nil:
		return l.num.Cmp(o.num) == 0
	}
	return l.text == o.text
}

// flatten maps every leaf of doc to its JSON Pointer.
func flatten(doc any) map[string]leaf {
	out := map[string]leaf{}
	var walk func(p string, v any)
	walk = func(p string, v any) {
		switch x := v.(type) {
		case map[string]any:
			out[p] = leaf{text: containerText("{", "}", len(x)), container: true}
			for k, e := range x {
				walk(p+"/"+escapeToken(k), e)
			}
		case []any:
			out[p] = leaf{text: containerText("[", "]", len(x)), container: true}
			for i, e := range x {
				walk(p+"/"+strconv.Itoa(i), e)
			}
		case json.Number:
			out[p] = leaf{text: string(x), num: exact(string(x))}
		default:
			out[p] = leaf{text: jsonText(x)}
		}
	}
	walk("", doc)
	return out
}

func containerText(open, close string, n int) string {
	if n == 0 {
		return open + close
	}
	return open + "..." + close
}

// exact is the value of a JSON number, or nil when its exponent is too large
// to expand (then numbers compare by their text).
func exact(num string) *big.Rat {
	if i := strings.IndexAny(num, "eE"); i >= 0 {
		if e, err := strconv.Atoi(num[i+1:]); err != nil || e > 4096 || e < -4096 {
			return nil
		}
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok {
		return nil
	}
	return r
}

// diff lists the changed leaves, (-want +got), by pointer.
func diff(want, got map[string]leaf) string {
	var pointers []string
	for p := range want {
		pointers = append(pointers, p)
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			pointers = append(pointers, p)
		}
	}
	slices.Sort(pointers)
	var b strings.Builder
	for _, p := range pointers {
		w, inWant := want[p]
		g, inGot := got[p]
		if inWant && inGot && w.equal(g) {
			continue
		}
		name := p
		if name == "" {
			name = "(root)"
		}
		fmt.Fprintf(&b, "  %s:\n", name)
		if inWant {
			fmt.Fprintf(&b, "    - %s\n", w.text)
		}
		if inGot {
			fmt.Fprintf(&b, "    + %s\n", g.text)
		}
	}
	return b.String()
}

// violationLines renders violations as GoldenViolations stores them: a JSON
// array with one violation per line.
func violationLines(vs []authlink.Violation) []byte {
	var b strings.Builder
	b.WriteString("[\n")
	for i, v := range vs {
		line, _ := json.Marshal(v)
		b.Write(line)
		if i < len(vs)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return []byte(b.String())
}
