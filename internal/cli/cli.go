package cli

import (
	"fmt"
	"io"
	"strings"
)

// command is one subcommand of authlink: its synopsis and description,
// from which both its --help and the top-level usage are written, and
// what it runs.
type command struct {
	name string
	// synopsis is the usage line after "authlink NAME", one string per
	// line it wraps to.
	synopsis []string
	// about is the help's description, a few lines.
	about string
	run   func(c *command, args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands are authlink's subcommands, in the order the usage lists them.
var commands = []*command{validateCommand, schemaCommand, serveCommand, versionCommand}

// usageLine writes the command's synopsis after prefix, its continuation
// lines aligned under the first flag.
func (c *command) usageLine(prefix string) string {
	head := prefix + "authlink " + c.name
	if len(c.synopsis) == 0 {
		return head + "\n"
	}
	indent := "\n" + strings.Repeat(" ", len(head)+1)
	return head + " " + strings.Join(c.synopsis, indent) + "\n"
}

// usage is the top-level usage: every command's synopsis and what they
// share.
func usage() string {
	var b strings.Builder
	b.WriteString("usage:\n")
	for _, c := range commands {
		b.WriteString(c.usageLine("  "))
	}
	b.WriteString("  authlink help [COMMAND]\n")
	b.WriteString(usageNotes)
	return b.String()
}

const usageNotes = `
--profile api (the default) checks the JSON StackOne's API sends (snake_case
names); --profile document checks the SDK document as written (camelCase).
Run "authlink COMMAND --help" for a command's flags.

Exit status: 0 every payload valid, or serve stopped with every request
finished; 1 a payload invalid; 2 a usage error, or a file, standard output or
address that cannot be used; 3 serve's shutdown timed out and cut off
requests in flight.
`

// profileUsage describes the --profile flag, the same for every command.
const profileUsage = "the payloads' profile: `api|document`; api is the JSON StackOne's API sends (snake_case names), document the SDK document as written (camelCase names)"

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
		io.WriteString(stderr, usage())
		return exitUsage
	}
	if c := lookup(args[0]); c != nil {
		return c.run(c, args[1:], stdin, stdout, stderr)
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				return c.run(c, []string{"--help"}, stdin, stdout, stderr)
			}
			fmt.Fprintf(stderr, "authlink: unknown command %s\n%s", quote(args[1]), usage())
			return exitUsage
		}
		return writeStdout(stdout, stderr, []byte(usage()))
	}
	fmt.Fprintf(stderr, "authlink: unknown command %s\n%s", quote(args[0]), usage())
	return exitUsage
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
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
