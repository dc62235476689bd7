package cli

import (
	"errors"
	"flag"
	"io"

	"github.com/authlink-go/authlink"
)

func schema(args []string, stdout, stderr io.Writer) int {
	profile := authlink.ProfileAPI
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.TextVar(&profile, "profile", authlink.ProfileAPI, profileUsage)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitValid
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		io.WriteString(stderr, "authlink: schema takes no arguments\n"+usage)
		return exitUsage
	}
	return writeStdout(stdout, stderr, profile.Schema())
}
