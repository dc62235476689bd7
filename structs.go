package authlink

import (
	"errors"
	"reflect"
	"slices"
	"strings"

	"github.com/go-playground/validator/v10"
)

// tagCodes maps the struct tags of AuthLink to the codes the schema path
// reports for the same problem. A test ties the tags to the schema.
var tagCodes = map[string]Code{
	"required":    CodeEmpty, // on a string: the encoded member would be ""
	"finite":      CodeRange,
	"rfc3339":     CodeFormat,
	"authlinkurl": CodeFormat,
	"category":    CodeEnum,
}

// newStructValidator builds the go-playground validator behind
// ValidateStruct. Its custom tags call the functions the byte path uses.
func newStructValidator(open bool) *validator.Validate {
	sv := validator.New()
	sv.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		return name
	})
	for tag, fn := range map[string]validator.Func{
		"finite":      func(fl validator.FieldLevel) bool { return isFinite(fl.Field().Float()) },
		"rfc3339":     func(fl validator.FieldLevel) bool { return isDateTime(fl.Field().String()) },
		"authlinkurl": func(fl validator.FieldLevel) bool { return isAuthLinkURL(fl.Field().String()) },
		"category": func(fl validator.FieldLevel) bool {
			_, known := lookupCategory(fl.Field().String())
			return known || open
		},
	} {
		if err := sv.RegisterValidation(tag, fn); err != nil {
			panic(err) // the tags above are constants; this cannot fail at run time
		}
	}
	return sv
}

// ValidateStruct checks an auth link built in code. It reports what
// Validate would report for the document a would encode to: the same
// pointers and codes, with the struct tags checking the members' rules. A
// value JSON cannot hold faithfully (invalid UTF-8, a metadata value of an
// unsupported type) is reported too, never repaired. Members a Go value
// always has are never reported missing; an empty required string is
// reported with code empty, as its encoding "" would be.
func (v *Validator) ValidateStruct(a *AuthLink) error {
	if a == nil {
		return newError([]Violation{violation("", kindRoot, CodeType)})
	}
	opts := v.Options()
	e := encoder{maxDepth: opts.MaxDepth, strict: opts.Strict}
	e.authLink(a)
	var malformed, rules []Violation
	for _, p := range e.problems {
		if p.Code.Malformed() {
			malformed = append(malformed, p)
		} else {
			rules = append(rules, p)
		}
	}
	if len(malformed) > 0 {
		return newError(malformed[:1]) // the first, as Validate stops at the first
	}
	if len(e.buf) > opts.MaxBytes {
		return newError([]Violation{{Code: CodeLimit, Message: msgTooLarge(opts.MaxBytes)}})
	}
	v.structOnce.Do(func() { v.structs = newStructValidator(opts.OpenCategories) })
	err := v.structs.Struct(a)
	var fes validator.ValidationErrors
	if err != nil && !errors.As(err, &fes) {
		return err
	}
	for _, fe := range fes {
		rules = append(rules, tagViolation(fe))
	}
	return newError(dedupe(rules))
}

// tagViolation turns a failed struct tag into the schema path's violation.
// Namespaces look like "AuthLink.categories[2]".
func tagViolation(fe validator.FieldError) Violation {
	_, ns, _ := strings.Cut(fe.Namespace(), ".")
	name, index, isItem := strings.Cut(strings.TrimSuffix(ns, "]"), "[")
	m := lookupMember(name)
	k := members[m].kind
	pointer := memberPointers[m]
	if isItem {
		k = kindCategory
		pointer += "/" + index
	}
	return violation(pointer, k, tagCodes[fe.Tag()])
}

// dedupe sorts vs and drops repeats of a (pointer, code) pair, so that a
// problem both the encoder and a tag see is reported once.
func dedupe(vs []Violation) []Violation {
	sortViolations(vs)
	return slices.CompactFunc(vs, func(a, b Violation) bool {
		return a.Pointer == b.Pointer && a.Code == b.Code
	})
}
