package authlink

import (
	"sync"

	"github.com/go-playground/validator/v10"
)

// Defaults of [Options].
const (
	DefaultMaxBytes = 64 << 10
	DefaultMaxDepth = 64
)

// Options configures a [Validator]. The zero value gives the defaults: the
// schema as written, 64 KiB of input, 64 levels of nesting.
type Options struct {
	// Strict rejects members the schema does not define, each with code
	// unknown. Default false: they are allowed, and Decode keeps them in
	// AuthLink.Extra, since the API adds fields over time.
	Strict bool

	// OpenCategories accepts any string as a category, for categories the
	// vendor adds after this package was built. Default false: a category
	// must be one of the schema's values.
	OpenCategories bool

	// MaxBytes caps the size of the input; a larger input gets one
	// violation with code limit and is not read. Default (zero or less)
	// DefaultMaxBytes.
	MaxBytes int

	// MaxDepth caps the nesting of objects and arrays, the document itself
	// being level 1 and metadata level 2. Default (zero or less)
	// DefaultMaxDepth.
	MaxDepth int
}

// Validator checks auth links against the schema with its options. A
// Validator is safe for concurrent use by multiple goroutines; the zero value
// is ready to use and applies the default options.
type Validator struct {
	opts Options

	structOnce sync.Once
	structs    *validator.Validate
}

// New returns a Validator with the options given.
func New(opts Options) *Validator {
	return &Validator{opts: opts.withDefaults()}
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	return o
}

// Options returns the options v applies, defaults filled in.
func (v *Validator) Options() Options {
	return v.opts.withDefaults()
}

var defaultValidator = New(Options{})

// Validate checks data against the schema with the default options; see
// [Validator.Validate].
func Validate(data []byte) error { return defaultValidator.Validate(data) }

// Decode checks data and returns its auth link, with the default options;
// see [Validator.Decode].
func Decode(data []byte) (*AuthLink, error) { return defaultValidator.Decode(data) }

// ValidateStruct checks an auth link built in code, with the default
// options; see [Validator.ValidateStruct].
func ValidateStruct(a *AuthLink) error { return defaultValidator.ValidateStruct(a) }

// Validate checks that data is one well-formed JSON document that is a valid
// auth link. It returns nil, or a *[ValidationError] (matching [ErrInvalid])
// that lists every violation. A typical valid document (no escaped strings,
// at most eight unknown members) costs no allocation.
func (v *Validator) Validate(data []byte) error {
	return newError(v.run(data, nil))
}

// Decode checks data like Validate and, if it is valid, returns the auth
// link it holds; category aliases become their wire values.
func (v *Validator) Decode(data []byte) (*AuthLink, error) {
	a := new(AuthLink)
	if err := newError(v.run(data, a)); err != nil {
		return nil, err
	}
	return a, nil
}

func (v *Validator) run(data []byte, out *AuthLink) []Violation {
	opts := v.Options()
	if len(data) > opts.MaxBytes {
		return []Violation{{Code: CodeLimit, Message: msgTooLarge(opts.MaxBytes)}}
	}
	d := doc{lexer: lexer{data: data, maxDepth: opts.MaxDepth}, opts: opts, out: out}
	return d.read()
}
