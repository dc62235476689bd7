package cli

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/authlink-go/authlink"
)

// outcome is the verdict on one payload.
type outcome struct {
	source string // the file's name as given or found, "-" for standard input
	line   int    // the payload's NDJSON line; 0 for a whole file
	err    error
}

// details returns the violations and the hint of an invalid payload.
func (o outcome) details() ([]authlink.Violation, string) {
	var verr *authlink.ValidationError
	if errors.As(o.err, &verr) {
		return verr.Violations, verr.Hint
	}
	return nil, ""
}

// position is where v is in the source: its line and column in a file,
// or the NDJSON line and its column in that line (a payload is one line,
// starting at its first column). 0 for what is not known.
func (o outcome) position(v authlink.Violation) (line, column int) {
	switch {
	case v.Line == 0:
		return o.line, 0
	case o.line > 0:
		return o.line, v.Column
	}
	return v.Line, v.Column
}

// format writes the outcomes in one of validate's output formats. result
// may run on several goroutines at once (NDJSON is validated and rendered
// on every core); begin, join and end run on one, in output order, and may
// keep state: a format is made afresh for each run.
type format interface {
	// begin is what comes before the first result.
	begin() []byte
	// result appends the rendering of o to dst.
	result(dst []byte, o outcome) []byte
	// join returns rendered results as they are to be written after the
	// results written so far.
	join(b []byte) []byte
	// end is what comes after the last result, given the sources that
	// could not be read.
	end(unreadable []failure) []byte
	// summary reports whether a summary line goes to standard error.
	summary() bool
}

// failure is a source that could not be read, and why.
type failure struct {
	source string
	err    error
}

// formats are validate's output formats, by the name --format takes.
var formats = map[string]func() format{
	"text":   func() format { return textFormat{} },
	"json":   func() format { return jsonFormat{} },
	"github": func() format { return githubFormat{} },
	"sarif":  func() format { return &sarifFormat{} },
}

const formatNames = "text, json, github or sarif"

// lineFormat is a format of independent lines: nothing before or after
// the results.
type lineFormat struct{}

func (lineFormat) begin() []byte        { return nil }
func (lineFormat) join(b []byte) []byte { return b }
func (lineFormat) end([]failure) []byte { return nil }
func (lineFormat) summary() bool        { return true }

// textFormat writes "FILE: ok" for a valid payload, else one line per
// violation, FILE:LINE:COL: POINTER: CODE: MESSAGE, and the hint if any.
type textFormat struct{ lineFormat }

func (textFormat) result(dst []byte, o outcome) []byte {
	if o.err == nil {
		return append(appendSource(dst, o), ": ok\n"...) // no allocation: once per valid NDJSON line
	}
	vs, hint := o.details()
	for _, v := range vs {
		dst = append(dst, quote(o.source)...)
		dst = appendPosition(dst, o, v)
		dst = append(dst, ": "+v.DisplayPointer()+": "+string(v.Code)+": "+v.Message+"\n"...)
	}
	if hint != "" {
		dst = append(appendSource(dst, o), ": hint: "+hint+"\n"...)
	}
	return dst
}

// appendSource appends the source and, for a line of NDJSON, ":LINE".
func appendSource(dst []byte, o outcome) []byte {
	dst = append(dst, quote(o.source)...)
	if o.line > 0 {
		dst = strconv.AppendInt(append(dst, ':'), int64(o.line), 10)
	}
	return dst
}

// appendPosition appends ":LINE:COL", as far as they are known.
func appendPosition(dst []byte, o outcome, v authlink.Violation) []byte {
	line, column := o.position(v)
	if line > 0 {
		dst = strconv.AppendInt(append(dst, ':'), int64(line), 10)
	}
	if column > 0 {
		dst = strconv.AppendInt(append(dst, ':'), int64(column), 10)
	}
	return dst
}

// jsonFormat writes one object per payload per line. Its "line" is the
// payload's NDJSON line; each error's "line", "column" and "offset" are
// the violation's place within the payload.
type jsonFormat struct{ lineFormat }

// result is the json format's line for one payload. Hint is there only
// when the library gives one: the member names follow the other profile.
type result struct {
	Source string               `json:"source"`
	Line   int                  `json:"line,omitempty"`
	Valid  bool                 `json:"valid"`
	Errors []authlink.Violation `json:"errors"`
	Hint   string               `json:"hint,omitempty"`
}

func (jsonFormat) summary() bool { return false }

func (jsonFormat) result(dst []byte, o outcome) []byte {
	res := result{Source: o.source, Line: o.line, Valid: o.err == nil, Errors: []authlink.Violation{}}
	if vs, hint := o.details(); vs != nil {
		res.Errors, res.Hint = vs, hint
	}
	b, _ := json.Marshal(res) // strings, bools, ints and violations always encode
	return append(append(dst, b...), '\n')
}

// githubFormat writes GitHub Actions workflow commands: one ::error per
// violation, which the runner shows as an annotation on the file, line
// and column, and one ::notice for a hint. A valid payload writes nothing.
type githubFormat struct{ lineFormat }

func (githubFormat) result(dst []byte, o outcome) []byte {
	vs, hint := o.details()
	for _, v := range vs {
		line, column := o.position(v)
		title := "authlink: " + string(v.Code)
		if v.Keyword != "" {
			title += " (" + v.Keyword + ")"
		}
		dst = appendCommand(dst, "error", o.source, line, column, title, v.DisplayPointer()+": "+v.Message)
	}
	if hint != "" {
		dst = appendCommand(dst, "notice", o.source, o.line, 0, "authlink: hint", hint)
	}
	return dst
}

// appendCommand appends a workflow command, its properties and message
// escaped as the runner unescapes them. Standard input has no file.
func appendCommand(dst []byte, name, source string, line, column int, title, message string) []byte {
	var props []string
	if source != "-" {
		props = append(props, "file="+escapeProperty(filepath.ToSlash(source)))
	}
	if line > 0 {
		props = append(props, "line="+strconv.Itoa(line))
	}
	if column > 0 {
		props = append(props, "col="+strconv.Itoa(column))
	}
	props = append(props, "title="+escapeProperty(title))
	return append(dst, "::"+name+" "+strings.Join(props, ",")+"::"+escapeData(message)+"\n"...)
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes the value of a workflow command's property.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
