// Command profileserver runs the server of `authlink serve` (validation on)
// with a CPU profile written to a file when it stops: the workload
// bench/pgo.sh records as bench/authlink.pgo.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/authlink-go/authlink/internal/server"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18090", "`address` to listen on")
	out := flag.String("o", "cpu.pprof", "profile `file`")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = server.Run(ctx, server.Config{Addr: *addr, Validate: true, Timeouts: server.DefaultTimeouts}, os.Stderr, nil)
	pprof.StopCPUProfile()
	f.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
