package authlink

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	schemakind "github.com/santhosh-tekuri/jsonschema/v6/kind"
	"github.com/stretchr/testify/require"
)

// The oracle is the reference every entry point must agree with: the
// embedded schema compiled by santhosh-tekuri/jsonschema, fed by a reader
// built on encoding/json that shares no code with the hot path.

// pc is a violation without its message: what the oracle can vouch for.
type pc struct {
	Pointer string
	Code    Code
}

func pcs(vs []Violation) []pc {
	if len(vs) == 0 {
		return nil
	}
	out := make([]pc, len(vs))
	for i, v := range vs {
		out[i] = pc{v.Pointer, v.Code}
	}
	return out
}

type oracleKey struct {
	profile      Profile
	strict, open bool
}

var oracleSchemas sync.Map // oracleKey -> *jsonschema.Schema

// oracleSchema compiles the profile's schema once per option set. The
// options are applied to the schema document the way a user of another
// language would: strict adds additionalProperties false, open categories
// replaces the category enum with a plain string.
func oracleSchema(tb testing.TB, opts Options) *jsonschema.Schema {
	key := oracleKey{opts.Profile, opts.Strict, opts.OpenCategories}
	if s, ok := oracleSchemas.Load(key); ok {
		return s.(*jsonschema.Schema)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(opts.Profile.Schema()))
	require.NoError(tb, err)
	root := doc.(map[string]any)
	if opts.Strict {
		root["additionalProperties"] = false
	}
	if opts.OpenCategories {
		props := root["properties"].(map[string]any)
		props["categories"].(map[string]any)["items"] = map[string]any{"type": "string"}
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.RegisterFormat(&jsonschema.Format{Name: "double", Validate: oracleDouble})
	require.NoError(tb, c.AddResource(opts.Profile.SchemaID(), doc))
	s, err := c.Compile(opts.Profile.SchemaID())
	require.NoError(tb, err)
	oracleSchemas.Store(key, s)
	return s
}

// oracleDouble is the "double" format: a number whose value is a finite
// double. It uses math/big rather than strconv, to share nothing with the
// hot path's check.
func oracleDouble(v any) error {
	n, ok := v.(json.Number)
	if !ok {
		return nil
	}
	f, _, err := big.ParseFloat(string(n), 10, 53, big.ToNearestEven)
	if err != nil {
		// An exponent beyond big.Float's range: the value is zero when the
		// exponent is negative or the digits are all zeros, else too large.
		mantissa, exp, _ := strings.Cut(strings.ToLower(string(n)), "e")
		if strings.HasPrefix(exp, "-") || strings.Trim(mantissa, "-0.") == "" {
			return nil
		}
		return errors.New("does not fit a double")
	}
	if g, _ := f.Float64(); math.IsInf(g, 0) {
		return errors.New("does not fit a double")
	}
	return nil
}

// oracle returns whether data is malformed and, if not, the violations the
// schema finds, sorted and without repeats.
func oracle(tb testing.TB, data []byte, opts Options) (malformed bool, got []pc) {
	tb.Helper()
	opts = opts.withDefaults()
	payload := data
	if t, ok := bytes.CutSuffix(data, []byte("\r\n")); ok {
		payload = t
	} else if t, ok := bytes.CutSuffix(data, []byte("\n")); ok {
		payload = t
	}
	if len(payload) > opts.MaxBytes || !oracleWellFormed(data, opts.MaxDepth) {
		return true, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	require.NoError(tb, dec.Decode(&v))
	err := oracleSchema(tb, opts).Validate(v)
	if err == nil {
		return false, nil
	}
	var verr *jsonschema.ValidationError
	require.ErrorAs(tb, err, &verr)
	var vs []Violation
	flatten(tb, verr, &vs)
	return false, pcs(supersede(dedupe(vs)))
}

// supersede drops an enum violation where the same value has the wrong type:
// the package reports one problem per value, and a number among the
// categories is a type problem before it is an enum one.
func supersede(vs []Violation) []Violation {
	wrongType := map[string]bool{}
	for _, v := range vs {
		if v.Code == CodeType {
			wrongType[v.Pointer] = true
		}
	}
	return slices.DeleteFunc(vs, func(v Violation) bool {
		return v.Code == CodeEnum && wrongType[v.Pointer]
	})
}

func flatten(tb testing.TB, e *jsonschema.ValidationError, out *[]Violation) {
	var ptr []byte
	for _, tok := range e.InstanceLocation {
		ptr = appendToken(ptr, tok)
	}
	add := func(p string, c Code) { *out = append(*out, Violation{Pointer: p, Code: c}) }
	switch k := e.ErrorKind.(type) {
	case *schemakind.Group, *schemakind.Schema, *schemakind.Reference:
		for _, c := range e.Causes {
			flatten(tb, c, out)
		}
	case *schemakind.Type:
		add(string(ptr), CodeType)
	case *schemakind.Required:
		for _, m := range k.Missing {
			add(string(appendToken(ptr, m)), CodeRequired)
		}
	case *schemakind.MinLength:
		add(string(ptr), CodeEmpty)
	case *schemakind.Enum:
		add(string(ptr), CodeEnum)
	case *schemakind.Pattern:
		add(string(ptr), CodeFormat)
	case *schemakind.Format:
		if k.Want == "double" {
			add(string(ptr), CodeRange)
		} else {
			add(string(ptr), CodeFormat)
		}
	case *schemakind.AdditionalProperties:
		for _, p := range k.Properties {
			add(string(appendToken(ptr, p)), CodeUnknown)
		}
	default:
		tb.Fatalf("oracle: unexpected error kind %T", k)
	}
}

// oracleWellFormed is the oracle's idea of well-formed input: valid JSON
// (encoding/json), valid UTF-8, no escaped lone surrogate, no duplicate
// names, no nesting beyond maxDepth.
func oracleWellFormed(data []byte, maxDepth int) bool {
	if !json.Valid(data) || !utf8.Valid(data) || hasLoneSurrogate(data) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		names  map[string]bool
		object bool
		key    bool // the next string token of an object is a name
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && stack[len(stack)-1].object {
				stack[len(stack)-1].key = true
			}
			continue
		}
		if top != nil && top.object && top.key {
			name := tok.(string)
			if top.names[name] {
				return false
			}
			top.names[name] = true
			top.key = false
			continue
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &frame{names: map[string]bool{}, object: d == '{', key: d == '{'})
			if len(stack) > maxDepth {
				return false
			}
			continue
		}
		if top != nil && top.object {
			top.key = true
		}
	}
}

// hex16 reads the four hex digits of a \u escape with strconv, sharing no
// code with the hot path's reader.
func hex16(h []byte) rune {
	v, _ := strconv.ParseUint(string(h), 16, 16)
	return rune(v)
}

// hasLoneSurrogate finds a \u escape of a surrogate that is not part of a
// high-low pair, which encoding/json would silently turn into U+FFFD.
func hasLoneSurrogate(data []byte) bool {
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString:
			if data[i+1] != 'u' {
				i++
				continue
			}
			r := hex16(data[i+2 : i+6])
			i += 5
			switch {
			case r >= 0xDC00 && r <= 0xDFFF:
				return true
			case r >= 0xD800 && r <= 0xDBFF:
				if i+6 >= len(data) || data[i+1] != '\\' || data[i+2] != 'u' {
					return true
				}
				lo := hex16(data[i+3 : i+7])
				if lo < 0xDC00 || lo > 0xDFFF {
					return true
				}
				i += 6
			}
		}
	}
	return false
}
