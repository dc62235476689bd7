// Command ratios reads `go test -bench` output and prints, for each
// implementation and payload, the median time per operation and its ratio to
// a base implementation measured in the same run.
//
// Benchmarks named BenchmarkX/impl=NAME/payload=P are keyed by NAME and P;
// others, like BenchmarkValidate/valid, by X and the last part of the name.
//
//	go test -bench . -count 10 | tee out.txt
//	go run ./cmd/ratios -base stdlib out.txt
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
)

type key struct{ impl, payload string }

func main() {
	base := flag.String("base", "stdlib", "implementation the ratios are taken to")
	flag.Parse()
	samples := map[key]map[string][]float64{} // unit -> values
	var order []string
	r := benchfmt.NewReader(os.Stdin, "-")
	if flag.NArg() == 1 {
		f, err := os.Open(flag.Arg(0))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		r = benchfmt.NewReader(f, flag.Arg(0))
	}
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue
		}
		k := keyOf(string(res.Name))
		if samples[k] == nil {
			samples[k] = map[string][]float64{}
		}
		if !slices.Contains(order, k.impl) {
			order = append(order, k.impl)
		}
		for _, v := range res.Values {
			samples[k][v.Unit] = append(samples[k][v.Unit], v.Value)
		}
	}
	if err := r.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%-22s %-8s %12s %10s %10s %8s\n", "implementation", "payload", "median ns/op", "x "+*base, "B/op", "allocs")
	for _, impl := range order {
		for _, payload := range []string{"valid", "invalid"} {
			s, ok := samples[key{impl, payload}]
			if !ok {
				continue
			}
			ratio := "-"
			if ref, ok := samples[key{*base, payload}]; ok {
				ratio = fmt.Sprintf("%.3f", median(s["sec/op"])/median(ref["sec/op"]))
			}
			fmt.Printf("%-22s %-8s %12.0f %10s %10.0f %8.0f\n", impl, payload, median(s["sec/op"])*1e9, ratio, median(s["B/op"]), median(s["allocs/op"]))
		}
	}
}

// keyOf splits "Check/impl=santhosh/payload=valid-2" or "Validate/valid-2".
func keyOf(name string) key {
	name = name[:strings.LastIndexByte(name, '-')] // the GOMAXPROCS suffix
	parts := strings.Split(name, "/")
	k := key{impl: parts[0], payload: parts[len(parts)-1]}
	for _, p := range parts[1:] {
		if v, ok := strings.CutPrefix(p, "impl="); ok {
			k.impl = v
		}
		if v, ok := strings.CutPrefix(p, "payload="); ok {
			k.payload = v
		}
	}
	return k
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
