package authlink

import (
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func hostileOptions(c hostile.Case) Options {
	p, err := ParseProfile(c.Profile)
	if err != nil {
		panic(err)
	}
	o := c.Options
	return Options{Profile: p, MaxBytes: o.MaxBytes, MaxDepth: o.MaxDepth, Strict: o.Strict, OpenCategories: o.OpenCategories}
}

// hostileCases loads the hostile-input suite once per profile (the giants
// under the api profile only), once per test binary: building and
// translating the giants is the slow part.
func hostileCases(t *testing.T) []hostile.Case {
	t.Helper()
	cases, err := loadHostile()
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	return cases
}

var loadHostile = sync.OnceValues(func() ([]hostile.Case, error) {
	cases, err := hostile.Load("testdata/hostile")
	if err != nil {
		return nil, err
	}
	return hostile.BothProfiles(cases), nil
})

// TestHostile runs the hostile-input suite through Validate and Decode in
// both profiles: each case gets its documented verdict, agrees with the
// oracle, and costs memory in proportion to its size. The cases run one at
// a time, since the memory each costs is read from the whole process.
func TestHostile(t *testing.T) {
	for _, c := range hostileCases(t) {
		if c.Large() {
			continue
		}
		t.Run(c.Profile+"/"+c.Name, func(t *testing.T) {
			if c.SkipUnderRace() {
				t.Skip(hostile.SkipReason)
			}
			checkHostile(t, c)
		})
	}
}

// TestHostileLarge runs the generated giants (8 MB strings, 100,000 levels)
// in parallel with the rest of the package: their memory bound, 32 bytes
// for each byte of input, dwarfs whatever else runs meanwhile.
func TestHostileLarge(t *testing.T) {
	t.Parallel()
	for _, c := range hostileCases(t) {
		if !c.Large() {
			continue
		}
		t.Run(c.Profile+"/"+c.Name, func(t *testing.T) {
			if c.SkipUnderRace() {
				t.Skip(hostile.SkipReason)
			}
			t.Parallel()
			checkHostile(t, c)
		})
	}
}

// checkHostile checks one case of the suite.
func checkHostile(t *testing.T, c hostile.Case) {
	v := New(hostileOptions(c))
	var err, derr error
	var link *AuthLink
	validateBytes := allocated(func() { err = v.Validate(c.Data) })
	decodeBytes := allocated(func() { link, derr = v.Decode(c.Data) })

	assert.Equal(t, fmtErr(err), fmtErr(derr), "Decode and Validate disagree")
	if c.Valid {
		require.NoError(t, err)
		require.NotNil(t, link)
	} else {
		var verr *ValidationError
		require.True(t, errors.As(err, &verr), "want %s at %q, got %v", c.Code, c.Pointer, err)
		assert.Equal(t, pc{c.Pointer, Code(c.Code)}, pc{verr.Violations[0].Pointer, verr.Violations[0].Code})
	}
	// Memory grows with the input (Decode copies strings, and each
	// member of an object costs a map entry) and with the number
	// of violations, never faster.
	var verr *ValidationError
	errors.As(err, &verr)
	bound := uint64(32*len(c.Data) + 400*len(violationsOf(verr)) + 1<<20)
	assert.LessOrEqual(t, validateBytes, bound, "Validate's memory is out of proportion")
	assert.LessOrEqual(t, decodeBytes, bound, "Decode's memory is out of proportion")

	malformed, schemaSays := oracle(t, c.Data, hostileOptions(c))
	assert.Equal(t, verr != nil && verr.Malformed(), malformed, "the oracle disagrees on well-formedness")
	if !malformed && len(c.Data) < 1<<20 {
		assert.Equal(t, schemaSays, pcs(violationsOf(verr)), "the schema disagrees")
	}
}

// allocated returns how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func fmtErr(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// TestDeepRejectionIsLinear checks that rejecting deep nesting costs memory
// in proportion to the depth: four times the depth may cost about four times
// the memory, never sixteen.
func TestDeepRejectionIsLinear(t *testing.T) {
	cost := func(depth int) uint64 {
		data := []byte(strings.Repeat("[", depth))
		v := New(Options{MaxDepth: 100000, MaxBytes: 1 << 20})
		var err error
		bytes := allocated(func() { err = v.Validate(data) })
		var verr *ValidationError
		require.ErrorAs(t, err, &verr)
		require.Equal(t, CodeSyntax, verr.Violations[0].Code)
		require.Equal(t, depth, strings.Count(verr.Violations[0].Pointer, "/"))
		return bytes
	}
	small, large := cost(2000), cost(8000)
	assert.Less(t, large, 8*small, "4x the depth cost %d bytes against %d", large, small)
	assert.Less(t, large, uint64(4<<20), "8,000 levels cost %d bytes", large)
}
