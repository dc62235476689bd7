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
//	authlink version
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
// file or an HTTP body of serve are not counted, so a document of exactly
// the cap passes in each of them, with or without a final newline. Any
// other byte counts, white space included.
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
//
// version prints the module version the binary was built from and, when
// the build recorded it, the VCS revision, its date and whether the tree
// had local changes:
//
//	authlink v1.2.3
//	authlink (devel) (0a43c07f1e2d, 2026-11-27, modified)
//
// It exits 0, or 2 on a usage error or when standard output cannot be
// written.
package main

import (
	"os"

	"github.com/authlink-go/authlink/internal/cli"
)

// main only runs internal/cli, where the command and its tests live.
func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
