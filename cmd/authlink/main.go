// Command authlink validates StackOne ConnectSessionTokenAuthLink payloads
// from the command line, and serves the same checks over HTTP.
//
//	authlink validate [--profile api|document] [--format text|json|github|sarif]
//	                  [--ndjson] [--strict] [--open-categories] [--max-bytes N]
//	                  [--max-depth N] [--rules FILE | --metadata-rules FILE]
//	                  [FILE|DIR|GLOB ...]
//	authlink schema [--profile api|document] [--rules FILE | --metadata-rules FILE]
//	authlink serve [--profile api|document] [--addr 127.0.0.1:8080] [--strict]
//	               [--open-categories] [--max-bytes N]
//	authlink version
//
// "authlink COMMAND --help" describes each command and its flags; the
// package internal/cli documents the output formats and exit codes.
package main

import (
	"os"

	"github.com/authlink-go/authlink/internal/cli"
)

// main only runs internal/cli, where the command and its tests live.
func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
