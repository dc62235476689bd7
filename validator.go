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
// api profile's schema as written, 64 KiB of input, 64 levels of nesting.
type Options struct {
	// Profile selects the schema: ProfileAPI (the default, what StackOne's
	// API sends) or ProfileDocument (the SDK document as written).
	Profile Profile

	// Strict rejects members the profile's schema does not define, each
	// with code unknown. Default false: they are allowed, and Decode keeps
	// them in AuthLink.Extra, since the API adds fields over time.
	Strict bool

	// OpenCategories accepts any string as a category, for categories the
	// vendor adds after this package was built. Default false: a category
	// must be one of the schema's values.
	OpenCategories bool

	// MaxBytes caps the size of the input, one final line ending (\n or
	// \r\n) not counted, so that a file, an NDJSON line and an HTTP body
	// holding the same payload agree; a larger input gets one violation
	// with code limit and is not read. Default (zero or less)
	// DefaultMaxBytes.
	MaxBytes int

	// Rules are the caller's own rules, applied after the profile's pass;
	// their violations have code rule. Default nil: none, and no cost.
	Rules *Rules

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

// New returns a Validator with the options given. It panics if
// opts.Profile is not one of the profiles this package defines, a mistake
// in the calling code.
func New(opts Options) *Validator {
	if !opts.Profile.valid() {
		panic("authlink: New: unknown profile " + opts.Profile.String())
	}
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
