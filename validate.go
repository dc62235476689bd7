package authlink

// The entry points. The embedded schema of each profile is the contract and
// the test oracle; the hand-written reader behind Validate and Decode,
// proven equal to it by the differential fuzz targets, is what checks
// payloads at run time.

// defaultValidators apply the default options, one per profile.
var defaultValidators = [profileCount]*Validator{New(Options{}), New(Options{Profile: ProfileDocument})}

var defaultValidator = defaultValidators[ProfileAPI]

// Validate checks data against the api profile's schema with the default
// options; see [Validator.Validate].
func Validate(data []byte) error { return defaultValidator.Validate(data) }

// Decode checks data and returns its auth link, with the default options;
// see [Validator.Decode].
func Decode(data []byte) (*AuthLink, error) { return defaultValidator.Decode(data) }

// ValidateStruct checks an auth link built in code, with the default
// options; see [Validator.ValidateStruct].
func ValidateStruct(a *AuthLink) error { return defaultValidator.ValidateStruct(a) }

// Validate checks that data is one well-formed JSON document that is a valid
// auth link in v's profile. It returns nil, or a *[ValidationError]
// (matching [ErrInvalid]) that lists every violation. A valid document
// costs no allocation when its strings hold no escapes and each object has
// at most eight members, not counting the root's known members; past that,
// duplicate names are found with a map, and escapes are undone into a
// buffer.
func (v *Validator) Validate(data []byte) error {
	if err := v.run(data, nil); err != nil {
		return err
	}
	return nil
}

// Decode checks data like Validate and, if it is valid, returns the auth
// link it holds, its Profile set to v's; category aliases become their wire
// values. The result does not refer to data: its strings share one copy of
// it (strings with escapes have their own), so that decoding costs a few
// allocations rather than one per string.
func (v *Validator) Decode(data []byte) (*AuthLink, error) {
	a := &AuthLink{Profile: v.opts.Profile}
	if err := v.run(data, a); err != nil {
		return nil, err
	}
	return a, nil
}

// payloadSize is the size the cap counts: the input less one final line
// ending, which files and HTTP bodies often carry and NDJSON lines do not.
func payloadSize(data []byte) int {
	n := len(data)
	if n > 0 && data[n-1] == '\n' {
		n--
		if n > 0 && data[n-1] == '\r' {
			n--
		}
	}
	return n
}

func (v *Validator) run(data []byte, out *AuthLink) *ValidationError {
	opts := v.Options()
	if payloadSize(data) > opts.MaxBytes {
		return &ValidationError{Violations: locate(data, []Violation{{Code: CodeLimit, Message: msgTooLarge(opts.MaxBytes)}})}
	}
	d := doc{lexer: lexer{data: data, maxDepth: opts.MaxDepth}, opts: opts, prof: opts.Profile, out: out}
	verr := d.read()
	if verr == nil && opts.Rules != nil {
		if vs := opts.Rules.check(data, true); len(vs) > 0 {
			return &ValidationError{Violations: vs}
		}
	}
	return verr
}

// ValidateStruct checks an auth link built in code, in v's profile
// (whatever a.Profile says). It reports what Validate would report for the
// document a would encode to in that profile: the same pointers and codes,
// with the struct tags checking the members' rules. A value JSON cannot hold
// faithfully (invalid UTF-8, a metadata value of an unsupported type) or the
// profile has no member for is reported too, never repaired. Members a Go
// value always has are never reported missing; an empty required string is
// reported with code empty, as its encoding "" would be. A Go value has no
// input bytes, so the error never carries a hint.
func (v *Validator) ValidateStruct(a *AuthLink) error {
	opts := v.Options()
	if a == nil {
		return newError([]Violation{violation(opts.Profile, "", kindRoot, CodeType)})
	}
	e := encoder{prof: opts.Profile, maxDepth: opts.MaxDepth, strict: opts.Strict, check: true}
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
	rules, err := v.checkTags(a, rules)
	if err != nil {
		return err
	}
	if len(rules) == 0 && opts.Rules != nil {
		return newError(opts.Rules.check(e.buf, false))
	}
	return newError(dedupe(rules))
}
