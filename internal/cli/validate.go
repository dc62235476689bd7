package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"unicode/utf8"

	"github.com/authlink-go/authlink"
)

var validateCommand = &command{
	name: "validate",
	synopsis: []string{
		"[--profile api|document] [--format text|json|github|sarif]",
		"[--ndjson] [--strict] [--open-categories] [--max-bytes N]",
		"[--max-depth N] [--rules FILE | --metadata-rules FILE]",
		"[FILE|DIR|GLOB ...]",
	},
	about: `Validate checks each FILE as one payload, or with --ndjson each non-blank
line as one. No FILE, or "-", reads standard input. A DIR is walked for
*.json files (*.ndjson and *.jsonl with --ndjson), skipping hidden
directories; a quoted GLOB is expanded, ** matching any directories. A
DIR or GLOB that names no file is a usage error. Flags may come before,
between or after the files; "--" ends them.

Formats: text prints FILE:LINE:COL: POINTER: CODE: MESSAGE per violation
(with --ndjson, LINE is the NDJSON line), or FILE: ok; json one object per
payload per line, its "line" the NDJSON line and each error's "line",
"column" and "offset" the place in the payload; github workflow commands
(::error) for GitHub Actions; sarif one SARIF 2.1.0 log. Columns count
characters. No format prints an input value.
`,
	run: validate,
}

// config is what the validate command was asked to do.
type config struct {
	format func() format
	ndjson bool
	opts   authlink.Options
	files  []string
	// stdinByDefault is set when no file was named.
	stdinByDefault bool
}

// The largest caps the CLI accepts: enough for any auth link, small enough
// that no size computation can overflow.
const (
	maxBytesLimit = 1 << 30
	maxDepthLimit = 100_000
)

// inRange reports whether a cap is between 1 and max, saying so if not.
func inRange(stderr io.Writer, flag string, v, max int) bool {
	if v >= 1 && v <= max {
		return true
	}
	fmt.Fprintf(stderr, "authlink: %s must be between 1 and %d\n", flag, max)
	return false
}

// parseArgs accepts flags before, between and after the files, as a user
// typing "authlink validate link.json --strict" expects; "--" ends flags.
// done is set when the command ends here, with code.
func parseArgs(cmd *command, args []string, stdout, stderr io.Writer) (c config, code int, done bool) {
	fs := cmd.flags()
	fs.TextVar(&c.opts.Profile, "profile", authlink.ProfileAPI, profileUsage)
	formatName := fs.String("format", "text", "output format: `text|json|github|sarif`")
	fs.BoolVar(&c.ndjson, "ndjson", false, "read one payload per non-blank line")
	fs.BoolVar(&c.opts.Strict, "strict", false, "reject members the schema does not define")
	fs.BoolVar(&c.opts.OpenCategories, "open-categories", false, "accept any string as a category")
	fs.IntVar(&c.opts.MaxBytes, "max-bytes", authlink.DefaultMaxBytes, "size cap: at most `N` bytes per payload")
	fs.IntVar(&c.opts.MaxDepth, "max-depth", authlink.DefaultMaxDepth, "depth cap: at most `N` levels of nesting per payload")
	ruleFlags := defineRules(fs)
	var names []string
	for rest := args; ; {
		if code, done := cmd.parse(fs, rest, stdout, stderr); done {
			return c, code, true
		}
		left := fs.Args()
		if consumed := len(rest) - len(left); consumed > 0 && rest[consumed-1] == "--" {
			names = append(names, left...)
			break
		}
		if len(left) == 0 {
			break
		}
		names = append(names, left[0])
		rest = left[1:]
	}
	usageError := func(msg string) (config, int, bool) {
		cmd.usageError(stderr, msg)
		return c, exitUsage, true
	}
	if c.format = formats[*formatName]; c.format == nil {
		return usageError("--format must be " + formatNames)
	}
	if !inRange(stderr, "--max-bytes", c.opts.MaxBytes, maxBytesLimit) || !inRange(stderr, "--max-depth", c.opts.MaxDepth, maxDepthLimit) {
		return c, exitUsage, true
	}
	var err error
	if c.opts.Rules, err = ruleFlags.get(); err != nil {
		return usageError(err.Error())
	}
	if len(names) == 0 {
		c.files, c.stdinByDefault = []string{"-"}, true
		return c, 0, false
	}
	exts := []string{".json"}
	if c.ndjson {
		exts = []string{".ndjson", ".jsonl"}
	}
	var bad bool
	for _, arg := range names {
		files, err := expand(arg, exts)
		if err != nil {
			fmt.Fprintf(stderr, "authlink: %s: %v\n", quote(arg), err)
			bad = true
		}
		c.files = append(c.files, files...)
	}
	if bad {
		return c, exitUsage, true
	}
	return c, 0, false
}

func validate(cmd *command, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, code, done := parseArgs(cmd, args, stdout, stderr)
	if done {
		return code
	}
	if c.stdinByDefault && isTerminal(stdin) {
		fmt.Fprintf(stderr, "authlink: reading a payload from standard input (end it with %s; --help for usage)\n", eofKey())
	}
	r := reporter{cfg: &c, format: c.format(), out: bufio.NewWriter(stdout), v: authlink.New(c.opts)}
	r.write(r.format.begin())
	for _, name := range c.files {
		if r.failed.Load() {
			break
		}
		if err := r.source(name, stdin); err != nil {
			r.unreadable = append(r.unreadable, failure{name, err})
			r.flush()
			fmt.Fprintf(stderr, "authlink: %s: %v\n", quote(name), err)
		}
	}
	r.write(r.format.end(r.unreadable))
	// A result that never reached standard output is no verdict, and a
	// summary of the payloads read before the failure would mislead.
	if err := r.flush(); err != nil {
		return cannotWrite(stderr, err)
	}
	if r.format.summary() {
		fmt.Fprintln(stderr, r.summary())
	}
	switch {
	case len(r.unreadable) > 0:
		return exitIO
	case r.invalid > 0:
		return exitInvalid
	}
	return exitValid
}

// isTerminal reports whether r is an interactive terminal: a character
// device other than the null device. A user who typed "authlink validate"
// alone is then told that it waits for standard input.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(info, null)
}

func eofKey() string {
	if runtime.GOOS == "windows" {
		return "Ctrl-Z and Enter"
	}
	return "Ctrl-D"
}

// reporter validates payloads and writes one result per payload.
type reporter struct {
	tally
	cfg        *config
	format     format
	out        *bufio.Writer
	v          *authlink.Validator
	unreadable []failure
	// failed is set once standard output fails: no more payloads are read,
	// since no result could be written.
	failed atomic.Bool
}

// write writes b as it is.
func (r *reporter) write(b []byte) {
	if _, err := r.out.Write(b); err != nil {
		r.failed.Store(true)
	}
}

// writeResults writes rendered results after those written so far.
func (r *reporter) writeResults(b []byte) { r.write(r.format.join(b)) }

// flush flushes standard output and returns the first error writing to it;
// bufio.Writer keeps that error, so it is never lost.
func (r *reporter) flush() error {
	err := r.out.Flush()
	if err != nil {
		r.failed.Store(true)
	}
	return err
}

// tally counts the verdicts of payloads.
type tally struct{ valid, invalid int }

func (t *tally) add(err error) {
	if err == nil {
		t.valid++
	} else {
		t.invalid++
	}
}

// source validates the payloads of one file, "-" being standard input.
func (r *reporter) source(name string, stdin io.Reader) error {
	in := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return unwrapPath(err)
		}
		defer f.Close()
		in = f
	}
	if r.cfg.ndjson {
		return r.lines(name, in)
	}
	// Read one byte past the cap and a final line ending, which Validate
	// does not count: enough for it to report the limit without reading a
	// huge file to its end.
	data, err := io.ReadAll(io.LimitReader(in, int64(r.v.Options().MaxBytes+len("\r\n")+1)))
	if err != nil {
		return unwrapPath(err)
	}
	r.report(outcome{source: name, err: r.v.Validate(data)})
	return nil
}

// report writes the result of one payload and counts it.
func (r *reporter) report(o outcome) {
	r.add(o.err)
	r.writeResults(r.format.result(nil, o))
}

func (r *reporter) summary() string {
	n := r.valid + r.invalid
	noun := "payloads"
	if n == 1 {
		noun = "payload"
	}
	s := fmt.Sprintf("authlink: %d %s: %d valid, %d invalid", n, noun, r.valid, r.invalid)
	if len(r.unreadable) > 0 {
		s += fmt.Sprintf(", %d unreadable", len(r.unreadable))
	}
	return s
}

// quote returns s unchanged when it is printable, else Go-quoted, so that a
// file or member name cannot break the line-oriented output or a terminal.
func quote(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return strconv.Quote(s)
		}
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		return s // the common case, checked a byte at a time
	}
	for _, c := range s {
		if c < 0x20 || c == 0x7f || c == '\uFFFD' || !strconv.IsPrint(c) && c != ' ' {
			return strconv.Quote(s)
		}
	}
	return s
}

// unwrapPath drops the "open NAME:" of a *fs.PathError, since the caller
// already names the source.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
