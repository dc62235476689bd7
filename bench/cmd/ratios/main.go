// Command ratios reads `go test -bench` output and prints, for each
// implementation and payload, the median time per operation and its ratio to
// a base implementation measured in the same run. Names are keyed as
// package results says.
//
//	go test -bench . -count 10 | tee out.txt
//	go run ./cmd/ratios -base stdlib out.txt
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/authlink-go/authlink/bench/internal/results"
)

func main() {
	base := flag.String("base", "stdlib", "implementation the ratios are taken to")
	flag.Parse()
	var in io.Reader = os.Stdin
	name := "-"
	if flag.NArg() == 1 {
		f, err := os.Open(flag.Arg(0))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		in, name = f, flag.Arg(0)
	}
	run, err := results.Read(in, name)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%-22s %-16s %12s %10s %10s %8s\n", "implementation", "payload", "median ns/op", "x "+*base, "B/op", "allocs")
	for _, impl := range run.Impls {
		for _, payload := range run.Payloads {
			k := results.Key{Impl: impl, Payload: payload}
			if !run.Has(k) {
				continue
			}
			ratio := "-"
			if r, ok := run.Ratio(k, *base); ok {
				ratio = fmt.Sprintf("%.3f", r)
			}
			fmt.Printf("%-22s %-16s %12.0f %10s %10.0f %8.0f\n", impl, payload,
				run.Median(k, "sec/op")*1e9, ratio, run.Median(k, "B/op"), run.Median(k, "allocs/op"))
		}
	}
}
