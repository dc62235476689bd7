package authlink

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"
)

// tagCodes maps the struct tags of AuthLink to the codes the schema path
// reports for the same problem. A test ties the tags to the schema.
var tagCodes = map[string]Code{
	"required":    CodeEmpty, // on a string: the encoded member would be ""
	"finite":      CodeRange,
	"orgid":       CodeEmpty, // CodeRange when the id is a number: see tagViolation
	"rfc3339":     CodeFormat,
	"authlinkurl": CodeFormat,
	"category":    CodeEnum,
}

// newStructValidator builds the go-playground validator behind
// ValidateStruct for opts. Its custom tags call the functions the byte path
// uses; the type rules that depend on the profile (a string organization id
// or null categories in the document profile) are the encoder's.
func newStructValidator(opts Options) *validator.Validate {
	sv := validator.New()
	sv.SetTagName(tagName)
	sv.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		return name
	})
	// The tags see an organization id as its string or its number, and
	// categories as the slice, nil when absent or null.
	sv.RegisterCustomTypeFunc(func(v reflect.Value) any {
		o := v.Interface().(OrganizationID)
		if s, ok := o.Text(); ok {
			return s
		}
		n, _ := o.Number()
		f, _ := strconv.ParseFloat(string(n), 64) // ±Inf when it overflows; text that is no number is the encoder's
		return f
	}, OrganizationID{})
	sv.RegisterCustomTypeFunc(func(v reflect.Value) any {
		cs, _ := v.Interface().(Nullable[[]Category]).Get()
		return cs
	}, Nullable[[]Category]{})
	for tag, fn := range map[string]validator.Func{
		"finite": func(fl validator.FieldLevel) bool {
			// A json.Number: ±Inf when it overflows; text that is no
			// number (0 here) is the encoder's problem.
			f, _ := strconv.ParseFloat(fl.Field().String(), 64)
			return isFinite(f)
		},
		"rfc3339":     func(fl validator.FieldLevel) bool { return isDateTime(fl.Field().String()) },
		"authlinkurl": func(fl validator.FieldLevel) bool { return isAuthLinkURL(fl.Field().String()) },
		"orgid": func(fl validator.FieldLevel) bool {
			if fl.Field().Kind() == reflect.String {
				// A string where the profile wants a number is a type
				// problem, which the encoder reports.
				return fl.Field().String() != "" || members[mOrganizationID].kind[opts.Profile] != kindOrgID
			}
			return isFinite(fl.Field().Float())
		},
		"category": func(fl validator.FieldLevel) bool {
			_, i := lookupCategory(fl.Field().String())
			return inProfile(i, opts.Profile) || opts.OpenCategories
		},
	} {
		if err := sv.RegisterValidation(tag, fn); err != nil {
			panic(err) // the tags above are constants; this cannot fail at run time
		}
	}
	return sv
}

// tagName is the struct tag AuthLink's rules are written in: the package's
// own, so that a caller's validator, which reads "validate", ignores them.
const tagName = "authlink"

// RegisterValidations adopts the rules of the default Validator into sv, a
// go-playground validator of the caller's (gin's binding validator, say):
// a struct of the caller's that holds an AuthLink, at any depth, is then
// checked as ValidateStruct checks it, each violation reported as a field
// error whose tag is the violation's code and whose field is its JSON
// Pointer. Without it, sv ignores AuthLink's rules: they are written in
// tags of the package's own name.
func RegisterValidations(sv *validator.Validate) error {
	return defaultValidator.RegisterValidations(sv)
}

// RegisterValidations is [RegisterValidations] with v's options.
func (v *Validator) RegisterValidations(sv *validator.Validate) error {
	if sv == nil {
		return errors.New("authlink: RegisterValidations: nil validator")
	}
	sv.RegisterStructValidation(func(sl validator.StructLevel) {
		a := sl.Current().Interface().(AuthLink) // a copy: the value may not be addressable
		var verr *ValidationError
		if errors.As(v.ValidateStruct(&a), &verr) {
			for _, viol := range verr.Violations {
				sl.ReportError(nil, viol.Pointer, viol.Pointer, string(viol.Code), "")
			}
		}
	}, AuthLink{})
	return nil
}

// checkTags runs the struct tags on a and appends what they find to rules.
func (v *Validator) checkTags(a *AuthLink, rules []Violation) ([]Violation, error) {
	opts := v.Options()
	v.structOnce.Do(func() { v.structs = newStructValidator(opts) })
	err := v.structs.Struct(a)
	var fes validator.ValidationErrors
	if err != nil && !errors.As(err, &fes) {
		return nil, err
	}
	for _, fe := range fes {
		rules = append(rules, tagViolation(opts.Profile, fe))
	}
	return rules, nil
}

// tagViolation turns a failed struct tag into the schema path's violation in
// profile p. Namespaces look like "AuthLink.categories[2]", with the api
// names of the json tags.
func tagViolation(p Profile, fe validator.FieldError) Violation {
	_, ns, _ := strings.Cut(fe.Namespace(), ".")
	name, index, isItem := strings.Cut(strings.TrimSuffix(ns, "]"), "[")
	m := lookupMember(ProfileAPI, name)
	k := members[m].kind[p]
	pointer := memberPointers[p][m]
	if isItem {
		k = kindCategory
		pointer += "/" + index
	}
	code := tagCodes[fe.Tag()]
	if _, isNumber := fe.Value().(float64); isNumber && m == mOrganizationID {
		code = CodeRange
	}
	return violation(p, pointer, k, code)
}

// dedupe sorts vs and drops repeats of a (pointer, code) pair, so that a
// problem both the encoder and a tag see is reported once.
func dedupe(vs []Violation) []Violation {
	sortViolations(vs)
	return slices.CompactFunc(vs, func(a, b Violation) bool {
		return a.Pointer == b.Pointer && a.Code == b.Code
	})
}
