package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/internal/server"
)

var serveCommand = &command{
	name: "serve",
	synopsis: []string{
		"[--profile api|document] [--addr 127.0.0.1:8080] [--strict]",
		"[--open-categories] [--max-bytes N] [--rules FILE | --metadata-rules FILE]",
	},
	about: `Serve runs a small validation service: POST /validate checks the body and
answers {"valid":true} or an RFC 9457 problem document, GET /schema serves
the profile's schema, GET /healthz answers ok, and GET / is a playground.
It shuts down gracefully on SIGINT or SIGTERM.
`,
	run: serve,
}

func serve(cmd *command, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	c, code, done := serveConfig(cmd, args, stdout, stderr)
	if done {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runServer(ctx, c, stderr, nil)
}

// serveConfig reads serve's flags into the server's configuration; done
// reports that serve ends there, with code.
func serveConfig(cmd *command, args []string, stdout, stderr io.Writer) (c server.Config, code int, done bool) {
	c = server.Config{Validate: true, Timeouts: server.DefaultTimeouts}
	fs := cmd.flags()
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	fs.TextVar(&c.HTTP.Profile, "profile", authlink.ProfileAPI, profileUsage)
	fs.BoolVar(&c.HTTP.Strict, "strict", false, "reject members the schema does not define")
	fs.BoolVar(&c.HTTP.OpenCategories, "open-categories", false, "accept any string as a category")
	fs.IntVar(&c.HTTP.MaxBytes, "max-bytes", authlink.DefaultMaxBytes, "body cap: at most `N` bytes per request")
	rules := defineRules(fs)
	if code, done := cmd.parse(fs, args, stdout, stderr); done {
		return c, code, true
	}
	var err error
	if c.HTTP.Rules, err = rules.get(); err != nil {
		cmd.usageError(stderr, err.Error())
		return c, exitUsage, true
	}
	if fs.NArg() > 0 {
		cmd.usageError(stderr, "serve takes no arguments")
		return c, exitUsage, true
	}
	if !inRange(stderr, "--max-bytes", c.HTTP.MaxBytes, maxBytesLimit) {
		return c, exitUsage, true
	}
	return c, 0, false
}

// runServer serves until ctx is done and returns serve's exit code.
func runServer(ctx context.Context, c server.Config, stderr io.Writer, ready chan<- string) int {
	err := server.Run(ctx, c, stderr, ready)
	if err == nil {
		return exitValid
	}
	fmt.Fprintf(stderr, "authlink: %v\n", err)
	if errors.Is(err, server.ErrShutdownTimeout) {
		return exitShutdownTimeout
	}
	return exitIO
}
