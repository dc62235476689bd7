// Command baseline runs the server of `authlink serve` with validation off:
// POST /validate reads the body and answers {"valid":true} without checking
// it. It is the reference bench/load.sh measures authlink serve against.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/authlink-go/authlink/internal/server"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "`address` to listen on")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c := server.Config{Addr: *addr, Validate: false, Timeouts: server.DefaultTimeouts}
	if err := server.Run(ctx, c, os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
