package authlink

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	schemakind "github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// Rules are a caller's own rules: a draft 2020-12 JSON Schema applied to a
// payload after the profile's rules pass, like one more member of an allOf.
// Build them with [CompileRules] or [CompileMetadataRules] and set
// [Options.Rules]. Rules are immutable and safe for concurrent use.
//
// The schema may refer to the embedded profile schemas by their $id
// ([Profile.SchemaID]), to extend them; any other $ref outside the schema
// itself is refused, so compiling never reaches the network or the disk.
// Formats are asserted ("format": "email" is a rule, not a note).
type Rules struct {
	schema   *jsonschema.Schema
	source   json.RawMessage
	metadata bool // applied to metadata, not to the document
}

// rulesURL is the made-up location a caller's schema is compiled at.
const rulesURL = "urn:authlink:rules"

// metadataName is the name of the member metadata rules apply to. The
// profiles share it (TestMetadataRulesName checks), so Rules need no profile.
var metadataName = members[mMetadata].name[ProfileAPI]

// CompileRules compiles schema as rules for the whole document, written in
// the member names of the profile it will be used with. A schema that does
// not compile, is not JSON, or refers outside itself (but for the profile
// schemas) is an error here, never at validation time.
func CompileRules(schema []byte) (*Rules, error) {
	return compileRules(schema, false)
}

// CompileMetadataRules compiles schema as rules for the metadata member
// alone: applied to its object when it is present and not null.
func CompileMetadataRules(schema []byte) (*Rules, error) {
	return compileRules(schema, true)
}

func compileRules(schema []byte, metadata bool) (*Rules, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		return nil, fmt.Errorf("authlink: rules are not JSON: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	c.UseLoader(refuseLoader{})
	for _, p := range Profiles() {
		profileDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemas[p]))
		if err == nil {
			err = c.AddResource(p.SchemaID(), profileDoc)
		}
		if err != nil {
			return nil, fmt.Errorf("authlink: profile schema: %w", err)
		}
	}
	if err := c.AddResource(rulesURL, doc); err != nil {
		return nil, fmt.Errorf("authlink: rules: %w", err)
	}
	compiled, err := c.Compile(rulesURL)
	if err != nil {
		return nil, fmt.Errorf("authlink: rules do not compile: %w", err)
	}
	return &Rules{schema: compiled, source: bytes.Clone(schema), metadata: metadata}, nil
}

// refuseLoader refuses every schema that is not already known: no remote
// and no file $ref.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("authlink: rules may not refer to %s: only the schema itself and the profile schemas are known", url)
}

// Contract returns the combined contract of profile p and the rules, for
// other languages to apply: a schema whose allOf holds the profile's schema
// and the rules (under properties/metadata for metadata rules).
func (r *Rules) Contract(p Profile) []byte {
	rules := r.source
	if r.metadata {
		rules = json.RawMessage(`{"properties":{` + string(appendQuoted(nil, metadataName)) + `:` + string(r.source) + `}}`)
	}
	var b bytes.Buffer
	b.WriteString(`{"$schema":"https://json-schema.org/draft/2020-12/schema","allOf":[`)
	b.Write(schemas[p])
	b.WriteByte(',')
	b.Write(rules)
	b.WriteString("]}")
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return b.Bytes() // both parts compiled as JSON, so this does not happen
	}
	return append(out.Bytes(), '\n')
}

// check applies the rules to data, a document the profile's rules accept,
// and returns the violations, located in data when withLocations is set.
func (r *Rules) check(data []byte, withLocations bool) []Violation {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil // the reader accepted data: it is JSON
	}
	var base string
	if r.metadata {
		md, ok := doc.(map[string]any)[metadataName].(map[string]any)
		if !ok {
			return nil
		}
		doc, base = md, string(appendToken(nil, metadataName))
	}
	err = r.schema.Validate(doc)
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return nil
	}
	var vs []Violation
	ruleViolations(verr, base, &vs)
	slices.SortStableFunc(vs, func(a, b Violation) int {
		if c := comparePointers(a.Pointer, b.Pointer); c != 0 {
			return c
		}
		return strings.Compare(a.Keyword, b.Keyword)
	})
	vs = slices.CompactFunc(vs, func(a, b Violation) bool { return a.Pointer == b.Pointer && a.Keyword == b.Keyword })
	if withLocations {
		for i := range vs {
			vs[i].Offset = offsetOf(data, vs[i].Pointer, vs[i].Keyword == "required" || vs[i].Keyword == "dependentRequired")
		}
		locate(data, vs)
	}
	return vs
}

// ruleViolations flattens a santhosh error into violations, each with a
// message this package writes from the keyword and the schema's own values:
// santhosh's text can quote the input. base is the pointer of the value the
// rules were applied to.
func ruleViolations(e *jsonschema.ValidationError, base string, out *[]Violation) {
	ptr := []byte(base)
	for _, t := range e.InstanceLocation {
		ptr = appendToken(ptr, t)
	}
	// atMembers reports keyword at each named member of the object at ptr.
	atMembers := func(names []string, keyword, msg string) {
		for _, name := range names {
			*out = append(*out, Violation{Pointer: string(appendToken(bytes.Clone(ptr), name)), Code: CodeRule, Keyword: keyword, Message: msg})
		}
	}
	switch k := e.ErrorKind.(type) {
	case *schemakind.Group, *schemakind.Schema, *schemakind.Reference, *schemakind.AllOf:
		for _, c := range e.Causes {
			ruleViolations(c, base, out)
		}
	case *schemakind.Required:
		atMembers(k.Missing, "required", "required member is missing (rules)")
	case *schemakind.DependentRequired:
		atMembers(k.Missing, "dependentRequired", "member is required with "+strconv.Quote(k.Prop)+" (rules)")
	case *schemakind.AdditionalProperties:
		atMembers(k.Properties, "additionalProperties", "member is not allowed by the rules")
	case *schemakind.PropertyNames:
		atMembers([]string{k.Property}, "propertyNames", "member name does not satisfy the rules")
	default:
		keyword := ruleKeyword(e.ErrorKind)
		*out = append(*out, Violation{Pointer: string(ptr), Code: CodeRule, Keyword: keyword, Message: ruleMessage(e.ErrorKind, keyword)})
	}
}

// ruleKeyword names the keyword a violation breaks.
func ruleKeyword(k jsonschema.ErrorKind) string {
	switch k.(type) {
	case *schemakind.Not: // santhosh gives no keyword path for these two
		return "not"
	case *schemakind.FalseSchema:
		return "false"
	}
	if path := k.KeywordPath(); len(path) > 0 {
		return path[0]
	}
	return "schema"
}

// ruleMessage says what a rule wants, naming the schema's values only.
func ruleMessage(k jsonschema.ErrorKind, keyword string) string {
	switch k := k.(type) {
	case *schemakind.Type:
		return "must be " + strings.Join(k.Want, " or ")
	case *schemakind.Enum:
		return "must be one of the rules' values: " + jsonList(k.Want)
	case *schemakind.Const:
		return "must be " + jsonList([]any{k.Want})
	case *schemakind.Pattern:
		return "must match the pattern " + k.Want
	case *schemakind.Format:
		return "must be a valid " + k.Want
	case *schemakind.MinLength:
		return "must be at least " + count(k.Want, "character") + " long"
	case *schemakind.MaxLength:
		return "must be at most " + count(k.Want, "character") + " long"
	case *schemakind.Minimum:
		return "must be at least " + ratText(k.Want)
	case *schemakind.Maximum:
		return "must be at most " + ratText(k.Want)
	case *schemakind.ExclusiveMinimum:
		return "must be greater than " + ratText(k.Want)
	case *schemakind.ExclusiveMaximum:
		return "must be less than " + ratText(k.Want)
	case *schemakind.MultipleOf:
		return "must be a multiple of " + ratText(k.Want)
	case *schemakind.MinItems:
		return "must have at least " + count(k.Want, "item")
	case *schemakind.MaxItems:
		return "must have at most " + count(k.Want, "item")
	case *schemakind.MinProperties:
		return "must have at least " + count(k.Want, "member")
	case *schemakind.MaxProperties:
		return "must have at most " + count(k.Want, "member")
	case *schemakind.UniqueItems:
		return "items must be unique"
	case *schemakind.AnyOf:
		return "must match at least one of the rules' alternatives"
	case *schemakind.OneOf:
		return "must match exactly one of the rules' alternatives"
	case *schemakind.Not:
		return "must not match the rules' not schema"
	case *schemakind.FalseSchema:
		return "is not allowed by the rules"
	}
	return "does not satisfy the rules' " + keyword
}

// count writes n and noun, plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// jsonList writes schema values as JSON, comma-separated.
func jsonList(vs []any) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		b, err := json.Marshal(v)
		if err != nil {
			b = []byte("?")
		}
		parts[i] = string(b)
	}
	return strings.Join(parts, ", ")
}

func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.RatString()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// offsetOf finds where the value at pointer starts in data, a well-formed
// document; with parent, where the object holding it starts (for a missing
// member). It returns 0 when the pointer leads nowhere.
func offsetOf(data []byte, pointer string, parent bool) int {
	var tokens []string
	for p := pointer; p != ""; {
		var t string
		t, p = nextToken(p)
		tokens = append(tokens, strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~"))
	}
	if parent && len(tokens) > 0 {
		tokens = tokens[:len(tokens)-1]
	}
	l := lexer{data: data, maxDepth: strictMaxDepth}
	l.ws()
	for _, t := range tokens {
		if !l.enter(t) {
			return 0
		}
	}
	return l.pos
}

// enter moves from the container at l.pos to the start of its member or
// item named by the reference token t.
func (l *lexer) enter(t string) bool {
	switch l.peek() {
	case '{':
		l.pos++
		for l.ws(); l.peek() == '"'; l.ws() {
			s, e, esc, _ := l.str()
			name := string(l.unescape(s, e, esc))
			l.expect(':', "':'")
			l.ws()
			if name == t {
				return true
			}
			l.value(1)
			if more, _ := l.next('}', "',' or '}'"); !more {
				return false
			}
		}
	case '[':
		want, err := strconv.Atoi(t)
		if err != nil {
			return false
		}
		l.pos++
		for i := 0; ; i++ {
			if l.ws(); i == want {
				return l.peek() != ']'
			}
			l.value(1)
			if more, _ := l.next(']', "',' or ']'"); !more {
				return false
			}
		}
	}
	return false
}
