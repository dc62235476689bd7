package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/internal/server"
)

func serve(args []string, stderr io.Writer) int {
	c := server.Config{Validate: true, Timeouts: server.DefaultTimeouts}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "`address` to listen on")
	fs.TextVar(&c.HTTP.Profile, "profile", authlink.ProfileAPI, profileUsage)
	fs.BoolVar(&c.HTTP.Strict, "strict", false, "reject members the schema does not define")
	fs.BoolVar(&c.HTTP.OpenCategories, "open-categories", false, "accept any string as a category")
	fs.IntVar(&c.HTTP.MaxBytes, "max-bytes", authlink.DefaultMaxBytes, "body cap, in `bytes`")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitValid
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "authlink: serve takes no arguments")
		return exitUsage
	}
	if !inRange(stderr, "--max-bytes", c.HTTP.MaxBytes, maxBytesLimit) {
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runServer(ctx, c, stderr, nil)
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
