// Package golden tells tests whether to rewrite their golden files, the same
// way for the root package's corpus and for authlinktest: with the
// environment variable AUTHLINK_UPDATE set to a true value ("1", "true"), or
// with -update on the command line of a test binary that imports it.
//
// -update is read, not registered: when the package is initialized and no
// other package has registered a flag of that name, it takes -update (and
// --update, -update=BOOL) out of os.Args, so that flag.Parse does not fail
// on it, and a package that registers its own -update later does not panic
// with "flag redefined". A flag registered before that is shared instead.
// A test binary that does not import this package knows nothing of -update:
// that is why the environment variable is the form to give first.
package golden

import (
	"flag"
	"os"
	"strconv"
	"strings"
)

// EnvVar turns updating on when set to a true value.
const EnvVar = "AUTHLINK_UPDATE"

// HowToUpdate is the command that failure messages name.
const HowToUpdate = EnvVar + "=1 go test ./... (or go test ./... -update)"

// fromArgs is -update as taken out of the command line.
var fromArgs = takeFlag()

// Updating reports whether golden files are to be rewritten: EnvVar is
// true, -update was given, or a flag named update registered by another
// package is true.
func Updating() bool {
	if b, err := strconv.ParseBool(os.Getenv(EnvVar)); err == nil && b {
		return true
	}
	if fromArgs {
		return true
	}
	if f := flag.Lookup("update"); f != nil {
		b, _ := strconv.ParseBool(f.Value.String())
		return b
	}
	return false
}

// takeFlag removes -update from os.Args and reports its value, unless a
// flag named update is registered already, whose value flag.Parse sets.
func takeFlag() bool {
	if flag.Lookup("update") != nil || len(os.Args) < 2 {
		return false
	}
	on := false
	args := []string{os.Args[0]}
	for i, a := range os.Args[1:] {
		if a == "--" {
			args = append(args, os.Args[1+i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "update" {
			args = append(args, a)
			continue
		}
		on = true
		if hasValue {
			on, _ = strconv.ParseBool(value)
		}
	}
	os.Args = args
	return on
}
