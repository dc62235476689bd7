// Command authlink validates StackOne ConnectSessionTokenAuthLink payloads.
//
// Usage:
//
//	authlink validate [--format text|json] [--ndjson] [--strict] [--open-categories]
//	                  [--max-bytes N] [--max-depth N] [FILE ...]
//	authlink schema
//
// validate reads each FILE (standard input when there is none, or for "-")
// as one payload, or with --ndjson as one payload per non-empty line. It
// exits 0 when every payload is valid, 1 when any is invalid (malformed JSON
// and empty files included) and 2 on a usage error or an unreadable file.
//
// The text format prints "source: ok" or one "source:pointer: code: message"
// line per violation, and a summary on standard error. The json format
// prints one object per payload per line:
//
//	{"source":"link.json","valid":false,"errors":[{"pointer":"/token","code":"required","message":"..."}]}
//
// with "line" added in --ndjson mode. No output ever contains an input
// value.
//
// schema prints the embedded JSON Schema.
package main

import (
	"io"
	"os"
)

const usage = `usage:
  authlink validate [--format text|json] [--ndjson] [--strict] [--open-categories]
                    [--max-bytes N] [--max-depth N] [FILE ...]
  authlink schema
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitValid   = 0
	exitInvalid = 1
	exitUsage   = 2
)

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		io.WriteString(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "validate":
		return validate(args[1:], stdin, stdout, stderr)
	case "schema":
		return schema(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		io.WriteString(stdout, usage)
		return exitValid
	}
	io.WriteString(stderr, "authlink: unknown command "+quote(args[0])+"\n"+usage)
	return exitUsage
}
