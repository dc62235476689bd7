// Command ratios reads `go test -bench` output and prints, for each
// implementation and payload, the median time per operation and its ratio to
// a base implementation measured in the same run.
//
// Benchmarks named BenchmarkX/impl=NAME/payload=P are keyed by NAME and P;
// others, like BenchmarkValidate/valid, by X and the last part of the name.
// A profile other than api, as in …/profile=document or …/valid/document,
// joins the payload ("valid/document"), so that its ratio is taken to the
// base's benchmark of the same profile.
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
	var order, payloads []string              // in the order first seen
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
		k := keyOf(res.Name)
		if samples[k] == nil {
			samples[k] = map[string][]float64{}
		}
		if !slices.Contains(order, k.impl) {
			order = append(order, k.impl)
		}
		if !slices.Contains(payloads, k.payload) {
			payloads = append(payloads, k.payload)
		}
		for _, v := range res.Values {
			samples[k][v.Unit] = append(samples[k][v.Unit], v.Value)
		}
	}
	if err := r.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%-22s %-16s %12s %10s %10s %8s\n", "implementation", "payload", "median ns/op", "x "+*base, "B/op", "allocs")
	for _, impl := range order {
		for _, payload := range payloads {
			s, ok := samples[key{impl, payload}]
			if !ok {
				continue
			}
			ratio := "-"
			if ref, ok := samples[key{*base, payload}]; ok {
				ratio = fmt.Sprintf("%.3f", median(s["sec/op"])/median(ref["sec/op"]))
			}
			fmt.Printf("%-22s %-16s %12.0f %10s %10.0f %8.0f\n", impl, payload, median(s["sec/op"])*1e9, ratio, median(s["B/op"]), median(s["allocs/op"]))
		}
	}
}

// keyOf splits "Check/impl=santhosh/payload=valid/profile=document-2" or
// "Validate/valid-2"; the GOMAXPROCS suffix, if any, is dropped.
func keyOf(name benchfmt.Name) key {
	base, parts := name.Parts()
	k := key{impl: string(base)}
	profile := ""
	for _, p := range parts {
		p := string(p)
		if strings.HasPrefix(p, "-") {
			continue
		}
		p = strings.TrimPrefix(p, "/")
		if v, ok := strings.CutPrefix(p, "impl="); ok {
			k.impl = v
		} else if v, ok := strings.CutPrefix(p, "payload="); ok {
			k.payload = v
		} else if v, ok := strings.CutPrefix(p, "profile="); ok {
			profile = v
		} else if p == "api" || p == "document" {
			profile = p
		} else {
			k.payload = p
		}
	}
	if profile != "" && profile != "api" {
		k.payload += "/" + profile
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
