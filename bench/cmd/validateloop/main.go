// Command validateloop is the single-core baseline of the NDJSON target: a
// plain loop that reads a file line by line and calls authlink's Validate on
// each line, on one core, writing nothing. It prints the wall time, the
// payload count and the invalid count as "seconds payloads invalid".
//
//	go run ./cmd/validateloop links.ndjson
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/authlink-go/authlink"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: validateloop FILE")
		os.Exit(2)
	}
	runtime.GOMAXPROCS(1)
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	v := authlink.New(authlink.Options{})
	br := bufio.NewReaderSize(f, 1<<20)
	start := time.Now()
	payloads, invalid := 0, 0
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			payloads++
			if v.Validate(line) != nil {
				invalid++
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	fmt.Printf("%.3f %d %d\n", time.Since(start).Seconds(), payloads, invalid)
}
