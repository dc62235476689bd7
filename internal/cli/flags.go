package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// flags returns an empty flag set for c whose errors and help parse
// writes, not the flag package.
func (c *command) flags() *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args into fs. On --help (or -h) it writes c's help to
// standard output; on a bad flag it says so on standard error, with the
// nearest flag when one is close. done is false when the command is to
// go on, else code is the exit status.
func (c *command) parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return exitValid, false
	case errors.Is(err, flag.ErrHelp):
		return writeStdout(stdout, stderr, []byte(c.help(fs))), true
	}
	c.usageError(stderr, flagError(fs, err.Error()))
	return exitUsage, true
}

// parseNoArgs is parse for a command that takes flags only: an argument
// left over is a usage error.
func (c *command) parseNoArgs(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, done bool) {
	if code, done := c.parse(fs, args, stdout, stderr); done {
		return code, true
	}
	if fs.NArg() > 0 {
		c.usageError(stderr, c.name+" takes no arguments")
		return exitUsage, true
	}
	return exitValid, false
}

// usageError writes msg and where to find the command's usage.
func (c *command) usageError(stderr io.Writer, msg string) {
	fmt.Fprintf(stderr, "authlink: %s\nrun \"authlink %s --help\" for usage\n", msg, c.name)
}

// help is c's --help: the synopsis, the description and the flags, the
// same layout for every command.
func (c *command) help(fs *flag.FlagSet) string {
	var b strings.Builder
	b.WriteString(c.usageLine("usage: "))
	b.WriteString("\n" + c.about + "\nflags:\n")
	fs.VisitAll(func(f *flag.Flag) {
		value, text := flag.UnquoteUsage(f)
		b.WriteString("  --" + f.Name)
		if value != "" {
			b.WriteString(" " + value)
		}
		if f.DefValue != "" && f.DefValue != "false" {
			text += " (default " + f.DefValue + ")"
		}
		b.WriteString("\n" + wrap(text, "      ", 78))
	})
	b.WriteString("  --help\n      print this help and exit\n")
	return b.String()
}

// wrap breaks text into lines of at most width bytes, each starting with
// indent, between words.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if line != indent && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}

// flagError rewrites an error of the flag package to show flags as the
// usage writes them, --flag, and to suggest the nearest flag for one that
// is not defined.
func flagError(fs *flag.FlagSet, msg string) string {
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		msg = "unknown flag --" + name
		if near := nearestFlag(fs, name); near != "" {
			msg += " (did you mean --" + near + "?)"
		}
		return msg
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return "flag --" + rest + " needs an argument"
	}
	for _, prefix := range []string{"invalid value ", "invalid boolean value "} {
		rest, ok := strings.CutPrefix(msg, prefix)
		if !ok {
			continue
		}
		value, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return msg
		}
		rest = rest[len(value):]
		for _, sep := range []string{" for flag -", " for -"} {
			if name, ok := strings.CutPrefix(rest, sep); ok {
				return prefix + value + " for --" + name
			}
		}
	}
	return msg
}

// nearestFlag returns the flag of fs that name most likely meant: the only
// one it is a prefix of, or else the closest within two edits, or "".
func nearestFlag(fs *flag.FlagSet, name string) string {
	var prefixed []string
	best, bestDist := "", 3
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Name, name) {
			prefixed = append(prefixed, f.Name)
		}
		if d := editDistance(name, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	if len(prefixed) == 1 && best == "" {
		return prefixed[0]
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, in bytes (flag
// names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
