package cli

import (
	"fmt"
	"io"
)

const usage = `usage:
  authlink validate [--profile api|document] [--format text|json] [--ndjson]
                    [--strict] [--open-categories] [--max-bytes N] [--max-depth N]
                    [FILE ...]
  authlink schema [--profile api|document]
  authlink serve [--profile api|document] [--addr 127.0.0.1:8080] [--strict]
                 [--open-categories] [--max-bytes N]
  authlink version

--profile api (the default) checks the JSON StackOne's API sends (snake_case
names); --profile document checks the SDK document as written (camelCase).

--max-bytes counts the payload, not the terminator of an NDJSON line or the
final line terminator of a file or an HTTP body.

Exit status: 0 every payload valid, or serve stopped with every request
finished; 1 a payload invalid; 2 a usage error, or a file, standard output or
address that cannot be used; 3 serve's shutdown timed out and cut off
requests in flight.
`

// profileUsage describes the --profile flag, the same for every command.
const profileUsage = "`profile` of the payloads: api (StackOne's API, snake_case names) or document (the SDK document, camelCase names)"

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

// Main runs the authlink command with args, the command line without the
// program's name, and returns its exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
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
	case "version":
		return version(args[1:], stdout, stderr)
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
