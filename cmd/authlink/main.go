// Command authlink validates StackOne ConnectSessionTokenAuthLink payloads
// from the command line, and serves the same checks over HTTP.
//
//	authlink validate [FLAGS] [FILE|DIR|GLOB ...]
//	authlink schema [FLAGS]
//	authlink serve [FLAGS]
//	authlink version
//
// "authlink help" prints every command's synopsis, the profiles and the exit
// codes; "authlink COMMAND --help" describes a command, its flags and, for
// validate, the output formats. docs/cli.md shows them at work.
package main

import (
	"os"

	"github.com/authlink-go/authlink/internal/cli"
)

// main only runs internal/cli, where the command and its tests live.
func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
