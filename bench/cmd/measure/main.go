// Command measure runs a command with its standard output discarded and
// prints its wall time, peak resident set size and exit status as
// "seconds maxrss_kib status".
//
//	go run ./cmd/measure -- authlink validate --ndjson links.ndjson
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure -- command [args]")
		os.Exit(2)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	rusage := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	fmt.Printf("%.3f %d %d\n", elapsed.Seconds(), rusage.Maxrss, cmd.ProcessState.ExitCode())
}
