package cli

import (
	"errors"
	"flag"
	"os"
	"strings"

	"github.com/authlink-go/authlink"
)

// ruleFlags are --rules and --metadata-rules: a user's JSON Schema for the
// whole document or for metadata alone, read and compiled as the flag is
// parsed, so that a file that does not compile is a usage error with the
// library's message.
type ruleFlags struct {
	document, metadata rulesFile
}

// rulesFile is one rules flag's file and what it compiled to.
type rulesFile struct {
	compile func([]byte) (*authlink.Rules, error)
	path    string
	rules   *authlink.Rules
}

func (f *rulesFile) String() string { return f.path }

func (f *rulesFile) Set(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return unwrapPath(err)
	}
	rules, err := f.compile(data)
	if err != nil {
		// The flag package writes "invalid value ... for --rules: " before.
		return errors.New(strings.TrimPrefix(err.Error(), "authlink: "))
	}
	f.path, f.rules = path, rules
	return nil
}

// defineRules adds --rules and --metadata-rules to fs.
func defineRules(fs *flag.FlagSet) *ruleFlags {
	r := &ruleFlags{rulesFile{compile: authlink.CompileRules}, rulesFile{compile: authlink.CompileMetadataRules}}
	fs.Var(&r.document, "rules", "your own rules: a JSON Schema `FILE` (draft 2020-12) for the whole document, applied once the profile's rules pass")
	fs.Var(&r.metadata, "metadata-rules", "your own rules for metadata alone: a JSON Schema `FILE` applied to the metadata object")
	return r
}

// errBothRules says that the two rules flags were given together.
var errBothRules = errors.New("--rules and --metadata-rules exclude each other: put metadata's rules under properties.metadata of the --rules schema")

// get returns the rules given, nil if none.
func (r *ruleFlags) get() (*authlink.Rules, error) {
	if r.document.rules != nil && r.metadata.rules != nil {
		return nil, errBothRules
	}
	if r.document.rules != nil {
		return r.document.rules, nil
	}
	return r.metadata.rules, nil
}
