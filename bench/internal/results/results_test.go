package results

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const run = `goos: linux
goarch: amd64
cpu: Test CPU @ 1.00GHz
BenchmarkCheck/impl=stdlib/payload=valid-2         	 100	      1000 ns/op	  48 allocs/op
BenchmarkCheck/impl=stdlib/payload=valid-2         	 100	      3000 ns/op	  48 allocs/op
BenchmarkCheck/impl=authlink/payload=valid-2       	 100	       100 ns/op	   0 allocs/op
BenchmarkCheck/impl=authlink/payload=valid-2       	 100	       300 ns/op	   0 allocs/op
BenchmarkCheck/impl=authlink/payload=valid-2       	 100	       200 ns/op	   0 allocs/op
BenchmarkCheck/impl=authlink/payload=valid/profile=document-2	 100	 500 ns/op	   0 allocs/op
BenchmarkValidate/invalid/document-2               	 100	       700 ns/op	   7 allocs/op
`

func TestRead(t *testing.T) {
	r, err := Read(strings.NewReader(run), "run.txt")
	require.NoError(t, err)
	assert.Equal(t, "Test CPU @ 1.00GHz", r.CPU)
	assert.Equal(t, []string{"stdlib", "authlink", "Validate"}, r.Impls, "implementations, in the order first seen")
	assert.Equal(t, []string{"valid", "valid/document", "invalid/document"}, r.Payloads, "a profile other than api joins the payload")

	tests := []struct {
		name      string
		key       Key
		unit      string
		want      float64
		wantRatio float64
		hasRatio  bool
	}{
		{"median of an even count is the mean of the middle two", Key{"stdlib", "valid"}, "sec/op", 2000e-9, 1, true},
		{"median of an odd count is the middle one", Key{"authlink", "valid"}, "sec/op", 200e-9, 0.1, true},
		{"a unit other than time", Key{"authlink", "valid"}, "allocs/op", 0, 0.1, true},
		{"no ratio without the base on the same payload", Key{"authlink", "valid/document"}, "sec/op", 500e-9, 0, false},
		{"a name without impl= is keyed by the benchmark", Key{"Validate", "invalid/document"}, "allocs/op", 7, 0, false},
		{"a benchmark not in the run has no samples", Key{"sonic", "valid"}, "sec/op", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, r.Median(tt.key, tt.unit), 1e-15)
			ratio, ok := r.Ratio(tt.key, "stdlib")
			assert.Equal(t, tt.hasRatio, ok)
			assert.InDelta(t, tt.wantRatio, ratio, 1e-9)
		})
	}
}
