package main

import (
	"io"

	"github.com/authlink-go/authlink"
)

func schema(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		io.WriteString(stderr, "authlink: schema takes no arguments\n"+usage)
		return exitUsage
	}
	stdout.Write(authlink.Schema())
	return exitValid
}
