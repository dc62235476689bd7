package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync/atomic"

	"github.com/authlink-go/authlink"
)

// config is what the validate command was asked to do.
type config struct {
	format string
	ndjson bool
	opts   authlink.Options
	files  []string
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
func parseArgs(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		io.WriteString(stderr, usage+"\nflags of validate:\n")
		fs.PrintDefaults()
	}
	fs.TextVar(&c.opts.Profile, "profile", authlink.ProfileAPI, profileUsage)
	fs.StringVar(&c.format, "format", "text", "output `format`: text or json")
	fs.BoolVar(&c.ndjson, "ndjson", false, "read one payload per non-empty line")
	fs.BoolVar(&c.opts.Strict, "strict", false, "reject members the schema does not define")
	fs.BoolVar(&c.opts.OpenCategories, "open-categories", false, "accept any string as a category")
	fs.IntVar(&c.opts.MaxBytes, "max-bytes", authlink.DefaultMaxBytes, "size cap of one payload, in `bytes`")
	fs.IntVar(&c.opts.MaxDepth, "max-depth", authlink.DefaultMaxDepth, "nesting cap of one payload, in `levels`")
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return c, err
		}
		left := fs.Args()
		if consumed := len(rest) - len(left); consumed > 0 && rest[consumed-1] == "--" {
			c.files = append(c.files, left...)
			break
		}
		if len(left) == 0 {
			break
		}
		c.files = append(c.files, left[0])
		rest = left[1:]
	}
	if c.format != "text" && c.format != "json" {
		fmt.Fprintf(stderr, "authlink: --format must be text or json\n")
		return c, errors.New("bad format")
	}
	if !inRange(stderr, "--max-bytes", c.opts.MaxBytes, maxBytesLimit) || !inRange(stderr, "--max-depth", c.opts.MaxDepth, maxDepthLimit) {
		return c, errors.New("bad limit")
	}
	if len(c.files) == 0 {
		c.files = []string{"-"}
	}
	return c, nil
}

func validate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitValid
	}
	if err != nil {
		return exitUsage
	}
	framed := c.opts
	framed.MaxBytes += len("\r\n")
	r := reporter{cfg: &c, out: bufio.NewWriter(stdout), v: authlink.New(c.opts), framed: authlink.New(framed)}
	for _, name := range c.files {
		if r.failed.Load() {
			break
		}
		if err := r.source(name, stdin); err != nil {
			r.unreadable++
			r.flush()
			fmt.Fprintf(stderr, "authlink: %s: %v\n", quote(name), err)
		}
	}
	// A result that never reached standard output is no verdict, and a
	// summary of the payloads read before the failure would mislead.
	if err := r.flush(); err != nil {
		return cannotWrite(stderr, err)
	}
	if c.format == "text" {
		fmt.Fprintln(stderr, r.summary())
	}
	switch {
	case r.unreadable > 0:
		return exitIO
	case r.invalid > 0:
		return exitInvalid
	}
	return exitValid
}

// reporter validates payloads and writes one result per payload.
type reporter struct {
	tally
	cfg *config
	out *bufio.Writer
	v   *authlink.Validator
	// framed is v with room for a file's final line terminator past the
	// cap: the terminator frames the payload, as an NDJSON line's does.
	framed     *authlink.Validator
	unreadable int
	// failed is set once standard output fails: no more payloads are read,
	// since no result could be written.
	failed atomic.Bool
}

// write writes rendered results.
func (r *reporter) write(b []byte) {
	if _, err := r.out.Write(b); err != nil {
		r.failed.Store(true)
	}
}

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
	// Read one byte past the cap and a line terminator: enough for Validate
	// to report the limit without reading a huge file to its end.
	limit := r.v.Options().MaxBytes
	data, err := io.ReadAll(io.LimitReader(in, int64(limit+len("\r\n")+1)))
	if err != nil {
		return unwrapPath(err)
	}
	v := r.v
	if len(trimTerminator(data)) <= limit {
		// Only the final line terminator, if anything, is past the cap. The
		// file is validated whole all the same, so that positions in
		// messages stay the file's.
		v = r.framed
	}
	r.report(name, 0, v.Validate(data))
	return nil
}

// result is the json format's line for one payload. Hint is there only
// when the library gives one: the member names follow the other profile.
type result struct {
	Source string               `json:"source"`
	Line   int                  `json:"line,omitempty"`
	Valid  bool                 `json:"valid"`
	Errors []authlink.Violation `json:"errors"`
	Hint   string               `json:"hint,omitempty"`
}

// report writes the result of one payload and counts it.
func (r *reporter) report(name string, line int, err error) {
	r.add(err)
	r.write(render(nil, r.cfg.format, name, line, err))
}

// render appends the result of one payload to dst in the format asked for.
func render(dst []byte, format, name string, line int, err error) []byte {
	res := result{Source: name, Line: line, Valid: err == nil, Errors: []authlink.Violation{}}
	var verr *authlink.ValidationError
	if errors.As(err, &verr) {
		res.Errors, res.Hint = verr.Violations, verr.Hint
	}
	if format == "json" {
		b, _ := json.Marshal(res) // a struct of strings, bools and ints always encodes
		return append(append(dst, b...), '\n')
	}
	source := quote(name)
	if line > 0 {
		source += ":" + strconv.Itoa(line)
	}
	if res.Valid {
		dst = append(dst, source+": ok\n"...)
	}
	for _, v := range res.Errors {
		dst = append(dst, source+":"+quote(v.Pointer)+": "+string(v.Code)+": "+v.Message+"\n"...)
	}
	if res.Hint != "" {
		dst = append(dst, source+": hint: "+res.Hint+"\n"...)
	}
	return dst
}

func (r *reporter) summary() string {
	n := r.valid + r.invalid
	noun := "payloads"
	if n == 1 {
		noun = "payload"
	}
	s := fmt.Sprintf("authlink: %d %s: %d valid, %d invalid", n, noun, r.valid, r.invalid)
	if r.unreadable > 0 {
		s += fmt.Sprintf(", %d unreadable", r.unreadable)
	}
	return s
}

// quote returns s unchanged when it is printable, else Go-quoted, so that a
// file or member name cannot break the line-oriented output or a terminal.
func quote(s string) string {
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
