package authlink

import (
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestConcurrentUse hammers one Validator (and the package-level one) from
// many goroutines with valid and invalid payloads, through all three entry
// points, and checks every verdict against the one computed alone. Run with
// -race, it also proves the validators share no unsynchronised state.
func TestConcurrentUse(t *testing.T) {
	type job struct {
		data []byte
		want string
	}
	shared := New(Options{Strict: true})
	var jobs []job
	for _, c := range corpus(t) {
		data, err := os.ReadFile(c.path)
		require.NoError(t, err)
		jobs = append(jobs, job{data, fmtErr(shared.Validate(data))})
	}
	link, err := Decode(jobs[0].data)
	if err != nil {
		link = goodLink()
	}
	wantStruct := fmtErr(shared.ValidateStruct(link))
	fresh := New(Options{Strict: true}) // its struct validator is built by the first goroutine to need it

	const goroutines, rounds = 16, 20
	var wg sync.WaitGroup
	errs := make(chan string, goroutines)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				j := jobs[(g*7+r)%len(jobs)]
				if got := fmtErr(shared.Validate(j.data)); got != j.want {
					errs <- "Validate: " + got + " != " + j.want
					return
				}
				if _, err := shared.Decode(j.data); fmtErr(err) != j.want {
					errs <- "Decode: " + fmtErr(err) + " != " + j.want
					return
				}
				if got := fmtErr(fresh.ValidateStruct(link)); got != wantStruct {
					errs <- "ValidateStruct: " + got + " != " + wantStruct
					return
				}
				_ = Validate(j.data) // the package-level validator, concurrently too
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
