// Package results reads `go test -bench` output into medians keyed by
// implementation and payload, for the commands that report on a run of
// bench/run.sh: cmd/ratios prints them as a table, cmd/chart draws them.
//
// Benchmarks named BenchmarkX/impl=NAME/payload=P are keyed by NAME and P;
// others, like BenchmarkValidate/valid, by X and the last part of the name.
// A profile other than api, as in …/profile=document or …/valid/document,
// joins the payload ("valid/document"), so that a ratio is taken to the
// base's benchmark of the same profile.
package results

import (
	"io"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// Key names one benchmark of a run: an implementation on a payload.
type Key struct{ Impl, Payload string }

// Run holds the samples of one run. Its zero value is an empty run. A Run
// is not changed once Read returns it, so it is safe for simultaneous use
// by multiple goroutines.
type Run struct {
	// Impls and Payloads list the names in the order first seen.
	Impls, Payloads []string
	// CPU is the processor as the go command reported it (its "cpu:"
	// line), or "" if it did not.
	CPU     string
	samples map[Key]map[string][]float64 // unit -> values
}

// Read reads the benchmark results in r, named name in errors.
func Read(r io.Reader, name string) (*Run, error) {
	run := &Run{samples: map[Key]map[string][]float64{}}
	br := benchfmt.NewReader(r, name)
	for br.Scan() {
		res, ok := br.Result().(*benchfmt.Result)
		if !ok {
			continue
		}
		if run.CPU == "" {
			run.CPU = res.GetConfig("cpu")
		}
		k := keyOf(res.Name)
		if run.samples[k] == nil {
			run.samples[k] = map[string][]float64{}
		}
		if !slices.Contains(run.Impls, k.Impl) {
			run.Impls = append(run.Impls, k.Impl)
		}
		if !slices.Contains(run.Payloads, k.Payload) {
			run.Payloads = append(run.Payloads, k.Payload)
		}
		for _, v := range res.Values {
			run.samples[k][v.Unit] = append(run.samples[k][v.Unit], v.Value)
		}
	}
	return run, br.Err()
}

// Has reports whether the run measured k.
func (r *Run) Has(k Key) bool {
	_, ok := r.samples[k]
	return ok
}

// Median returns the median of k's samples in unit ("sec/op", "B/op",
// "allocs/op"), or 0 if there are none.
func (r *Run) Median(k Key, unit string) float64 {
	return median(r.samples[k][unit])
}

// Ratio returns k's median time over base's on the same payload, and
// whether the run measured both.
func (r *Run) Ratio(k Key, base string) (float64, bool) {
	ref := Key{base, k.Payload}
	if !r.Has(k) || !r.Has(ref) {
		return 0, false
	}
	return r.Median(k, "sec/op") / r.Median(ref, "sec/op"), true
}

// keyOf splits "Check/impl=santhosh/payload=valid/profile=document-2" or
// "Validate/valid-2"; the GOMAXPROCS suffix, if any, is dropped.
func keyOf(name benchfmt.Name) Key {
	base, parts := name.Parts()
	k := Key{Impl: string(base)}
	profile := ""
	for _, p := range parts {
		p := string(p)
		if strings.HasPrefix(p, "-") {
			continue
		}
		p = strings.TrimPrefix(p, "/")
		if v, ok := strings.CutPrefix(p, "impl="); ok {
			k.Impl = v
		} else if v, ok := strings.CutPrefix(p, "payload="); ok {
			k.Payload = v
		} else if v, ok := strings.CutPrefix(p, "profile="); ok {
			profile = v
		} else if p == "api" || p == "document" {
			profile = p
		} else {
			k.Payload = p
		}
	}
	if profile != "" && profile != "api" {
		k.Payload += "/" + profile
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
