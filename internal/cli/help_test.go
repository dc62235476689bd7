package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const versionHelp = `usage: authlink version

Version prints the module version the binary was built from and, when
the build recorded it, the VCS revision, its date and whether the tree had
local changes.

flags:
  --help
      print this help and exit
`

// TestHelpOfEveryCommand shows that --help, -h and "help COMMAND" print
// the command's help to standard output and exit 0, in one layout: the
// synopsis, the description, then each flag as --flag, every one of which
// the synopsis names.
func TestHelpOfEveryCommand(t *testing.T) {
	flagLine := regexp.MustCompile(`(?m)^  (--[a-z-]+)`)
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {c.name, "-help"}, {"help", c.name}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, stdout, stderr := runCLI(t, "", args...)
				assert.Equal(t, 0, code)
				assert.Empty(t, stderr)
				require.True(t, strings.HasPrefix(stdout, c.usageLine("usage: ")+"\n"+c.about+"\nflags:\n"), stdout)
				assert.True(t, strings.HasSuffix(stdout, "  --help\n      print this help and exit\n"), stdout)
				synopsis := c.usageLine("")
				for _, m := range flagLine.FindAllStringSubmatch(stdout, -1) {
					if m[1] != "--help" {
						assert.Regexp(t, `(\[|\| )`+m[1]+`[ \]]`, synopsis, "the synopsis lacks %s", m[1])
					}
				}
				assert.Contains(t, usage(), c.usageLine("  "), "the top-level usage lists the command")
			})
		}
	}
	code, stdout, _ := runCLI(t, "", "version", "--help")
	assert.Equal(t, 0, code)
	assert.Equal(t, versionHelp, stdout)
}

// TestFlagErrors shows flags as the usage writes them, --flag, in every
// error about one, and the nearest flag for a mistyped one.
func TestFlagErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a typo", []string{"validate", "--stirct"}, "unknown flag --stirct (did you mean --strict?)"},
		{"a letter missing", []string{"validate", "--ndson"}, "unknown flag --ndson (did you mean --ndjson?)"},
		{"a single dash", []string{"schema", "-profle", "api"}, "unknown flag --profle (did you mean --profile?)"},
		{"the start of one flag", []string{"validate", "--open"}, "unknown flag --open (did you mean --open-categories?)"},
		{"of another command", []string{"serve", "--ndjson"}, "unknown flag --ndjson"},
		{"nothing near", []string{"validate", "--verbose"}, "unknown flag --verbose"},
		{"serve's flags", []string{"serve", "--adr", ":0"}, "unknown flag --adr (did you mean --addr?)"},
		{"no value", []string{"validate", "--format"}, "flag --format needs an argument"},
		{"a bad number", []string{"validate", "--max-depth", "deep"}, `invalid value "deep" for --max-depth: parse error`},
		{"a bad boolean", []string{"validate", "--strict=maybe"}, `invalid boolean value "maybe" for --strict: parse error`},
		{"a flag of version", []string{"version", "--short"}, "unknown flag --short"},
		{"three dashes", []string{"validate", "---strict"}, "bad flag syntax: ---strict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", tt.args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout)
			assert.Equal(t, "authlink: "+tt.want+"\n"+seeHelp(tt.args[0]), stderr)
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"strict", "strict", 0}, {"stirct", "strict", 2}, {"ndson", "ndjson", 1}, {"", "abc", 3}, {"format", "form", 2}} {
		assert.Equal(t, tt.want, editDistance(tt.a, tt.b), "%s %s", tt.a, tt.b)
		assert.Equal(t, tt.want, editDistance(tt.b, tt.a), "%s %s", tt.b, tt.a)
	}
}
