// Command authlink validates StackOne ConnectSessionTokenAuthLink payloads.
//
// Usage:
//
//	authlink validate [--profile api|document] [--format text|json] [--ndjson]
//	                  [--strict] [--open-categories] [--max-bytes N] [--max-depth N]
//	                  [FILE ...]
//	authlink schema [--profile api|document]
//	authlink serve [--profile api|document] [--addr 127.0.0.1:8080] [--strict]
//	               [--open-categories] [--max-bytes N]
//
// Every command takes --profile: api (the default) checks the JSON
// StackOne's API sends, with snake_case member names (auth_link_url);
// document checks the SDK document as written, with camelCase names
// (authLinkUrl). A name other than these two is a usage error.
//
// validate reads each FILE (standard input when there is none, or for "-")
// as one payload, or with --ndjson as one payload per non-empty line. It
// exits 0 when every payload is valid, 1 when any is invalid (malformed JSON
// and empty files included) and 2 on a usage error, an unreadable file or
// a failure to write the results to standard output (a full disk, say).
//
// --max-bytes caps the payload, not its framing: the terminator of an
// NDJSON line ("\n" or "\r\n") and the one line terminator that ends a
// file are not counted, so a document of exactly the cap passes as a file
// with a final newline, as an NDJSON line and as an HTTP body of serve.
// Any other byte counts, white space included. An HTTP body is framed by
// its length and counted as received: a body of the cap followed by "\n"
// is over the cap.
//
// The text format prints "source: ok" or one "source:pointer: code: message"
// line per violation, and a summary on standard error. When the member
// names of an invalid payload follow the other profile, one more line,
// "source: hint: ...", says so, once per payload. The json format prints
// one object per payload per line:
//
//	{"source":"link.json","valid":false,"errors":[{"pointer":"/token","code":"required","message":"..."}]}
//
// with "line" added in --ndjson mode and "hint" when there is one. No
// output ever contains an input value.
//
// schema prints the embedded JSON Schema of the profile. It exits 0, or 2
// on a usage error or when standard output cannot be written.
//
// serve runs a small validation service on the embedded defaults: POST
// /validate checks the body under the profile and answers 200
// {"valid":true} or an RFC 9457 problem document (413, 415, 400 or 422),
// GET /schema serves the profile's schema and GET /healthz answers ok. It
// sets read-header, read, write and idle timeouts so that a slow client
// cannot hold a connection, and shuts down gracefully on SIGINT or SIGTERM,
// giving requests in flight 10 seconds to finish. It exits 0 when every
// request in flight finished, 2 on a usage error or when it cannot listen
// on the address or stops serving on an error, and 3 when the shutdown
// timed out and the requests still in flight were cut off.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage:
  authlink validate [--profile api|document] [--format text|json] [--ndjson]
                    [--strict] [--open-categories] [--max-bytes N] [--max-depth N]
                    [FILE ...]
  authlink schema [--profile api|document]
  authlink serve [--profile api|document] [--addr 127.0.0.1:8080] [--strict]
                 [--open-categories] [--max-bytes N]

--profile api (the default) checks the JSON StackOne's API sends (snake_case
names); --profile document checks the SDK document as written (camelCase).

--max-bytes counts the payload, not the terminator of an NDJSON line or the
final line terminator of a file; an HTTP body counts in full.

Exit status: 0 every payload valid, or serve stopped with every request
finished; 1 a payload invalid; 2 a usage error, or a file, standard output or
address that cannot be used; 3 serve's shutdown timed out and cut off
requests in flight.
`

// profileUsage describes the --profile flag, the same for every command.
const profileUsage = "`profile` of the payloads: api (StackOne's API, snake_case names) or document (the SDK document, camelCase names)"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitValid   = 0
	exitInvalid = 1
	exitUsage   = 2
	// exitIO shares the usage error's code, as an unreadable file always
	// has: a file, address or standard output that cannot be used.
	exitIO = exitUsage
	// exitShutdownTimeout is serve's: requests in flight were cut off.
	exitShutdownTimeout = 3
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
	case "serve":
		return serve(args[1:], stderr)
	case "help", "-h", "-help", "--help":
		return writeStdout(stdout, stderr, []byte(usage))
	}
	io.WriteString(stderr, "authlink: unknown command "+quote(args[0])+"\n"+usage)
	return exitUsage
}

// writeStdout writes b to standard output and returns the exit code: a
// failed write must not pass for success.
func writeStdout(stdout, stderr io.Writer, b []byte) int {
	if _, err := stdout.Write(b); err != nil {
		return cannotWrite(stderr, err)
	}
	return exitValid
}

// cannotWrite reports a failure to write to standard output.
func cannotWrite(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "authlink: cannot write to standard output: %v\n", err)
	return exitIO
}
