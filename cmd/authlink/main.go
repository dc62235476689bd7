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
// and empty files included) and 2 on a usage error or an unreadable file.
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
// schema prints the embedded JSON Schema of the profile.
//
// serve runs a small validation service on the embedded defaults: POST
// /validate checks the body under the profile and answers 200
// {"valid":true} or an RFC 9457 problem document (413, 415, 400 or 422),
// GET /schema serves the profile's schema and GET /healthz answers ok. It
// sets read-header, read, write and idle timeouts so that a slow client
// cannot hold a connection, and shuts down gracefully on SIGINT or SIGTERM.
package main

import (
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
		io.WriteString(stdout, usage)
		return exitValid
	}
	io.WriteString(stderr, "authlink: unknown command "+quote(args[0])+"\n"+usage)
	return exitUsage
}
