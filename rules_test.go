package authlink

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2025-03-14T09:26:53Z", time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)},
		{"2025-03-14t09:26:53z", time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)},
		{"2025-03-14T09:26:53.5+05:30", time.Date(2025, 3, 14, 9, 26, 53, 5e8, time.FixedZone("", 5*3600+30*60))},
		{"2025-03-14T09:26:53.1234567891-01:00", time.Date(2025, 3, 14, 9, 26, 53, 123456789, time.FixedZone("", -3600))},
		{"1998-12-31T23:59:60Z", time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTime(tt.in)
			require.NoError(t, err)
			assert.True(t, tt.want.Equal(got), "got %v, want %v", got, tt.want)
			_, offset := got.Zone()
			_, wantOffset := tt.want.Zone()
			assert.Equal(t, wantOffset, offset)
		})
	}
	for _, p := range dateTimeProbes {
		_, err := ParseTime(p.in)
		assert.Equal(t, p.valid, err == nil, "ParseTime(%q)", p.in)
	}
	a := AuthLink{CreatedAt: "2025-02-30T00:00:00Z"}
	_, err := a.CreatedTime()
	assert.EqualError(t, err, "authlink: not an RFC 3339 date-time")
	_, err = ParseTime("2025-02-30T00:00:00Z")
	assert.ErrorIs(t, err, ErrDateTime, "callers can match the error")
}

func TestIsFiniteNumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"0", true},
		{"-0", true},
		{"1E+2", true},
		{"1e-400", true}, // rounds to zero, a finite double
		{"4.9e-324", true},
		{"1.7976931348623157e308", true},
		{"1.7976931348623158e308", true}, // rounds down to the largest double
		{"1.7976931348623159e308", false},
		{"1e309", false},
		{"1e-99999999999999999999", true},
		{"0e99999999999999999999", true},
		{"-0.0e99999999999999999999", true},
		{"1e99999999999999999999", false},
		{"-1e400", false},
		{"1" + strings.Repeat("0", 308), true},
		{"1" + strings.Repeat("0", 309), false},
		{"0." + strings.Repeat("0", 400) + "1", true},
		{strings.Repeat("9", 308) + "." + strings.Repeat("9", 400), true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, isFiniteNumber([]byte(tt.in)), "isFiniteNumber(%.40q)", tt.in)
		f, ok := parseDouble([]byte(tt.in))
		assert.Equal(t, tt.want, ok, "parseDouble(%.40q) = %v", tt.in, f)
	}
}

func TestCategory(t *testing.T) {
	tests := []struct {
		in    string
		want  Category
		ok    bool
		known bool
	}{
		{"ats", CategoryATS, true, true},
		{"hris-legacy", CategoryHRISLegacy, true, true},
		{"hrisLegacy", CategoryHRISLegacy, true, false},
		{"stackOne", CategoryStackOne, true, false},
		{"stackone", CategoryStackOne, true, true},
		{"scheduling", CategoryScheduling, true, true},
		{"HRIS", "", false, false},
		{"", "", false, false},
		{"ats ", "", false, false},
	}
	for _, tt := range tests {
		got, ok := ParseCategory(tt.in)
		assert.Equal(t, tt.ok, ok, "ParseCategory(%q)", tt.in)
		assert.Equal(t, tt.want, got, "ParseCategory(%q)", tt.in)
		assert.Equal(t, tt.known, Category(tt.in).Known(), "Category(%q).Known()", tt.in)
	}
	assert.Len(t, ProfileDocument.Categories(), 11)
	all := ProfileAPI.Categories()
	assert.Len(t, all, 14)
	assert.Equal(t, CategoryScheduling, all[13])
	all[0] = "changed"
	assert.Equal(t, CategoryATS, ProfileAPI.Categories()[0], "Categories returns a copy")
	assert.Equal(t, "hris-legacy", CategoryHRISLegacy.String())
}

func TestProfile(t *testing.T) {
	for _, p := range Profiles() {
		text, err := p.MarshalText()
		require.NoError(t, err)
		var back Profile
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, p, back)
		parsed, err := ParseProfile(p.String())
		require.NoError(t, err)
		assert.Equal(t, p, parsed)
	}
	assert.Equal(t, Profile(0), ProfileAPI, "the zero value is the api profile")
	assert.Equal(t, "api document", ProfileAPI.String()+" "+ProfileDocument.String())
	_, err := ParseProfile("API")
	assert.ErrorContains(t, err, `authlink: unknown profile "API"`)
	_, err = Profile(5).MarshalText()
	assert.Error(t, err)
	p := ProfileDocument
	assert.ErrorContains(t, p.UnmarshalText([]byte("API")), `authlink: unknown profile "API"`)
	assert.Equal(t, ProfileDocument, p, "a failed UnmarshalText leaves the profile alone")
	assert.Equal(t, "Profile(5)", Profile(5).String())
	assert.Equal(t, "authlink.ProfileAPI authlink.ProfileDocument authlink.Profile(5)", fmt.Sprintf("%#v %#v %#v", ProfileAPI, ProfileDocument, Profile(5)))
	assert.Panics(t, func() { New(Options{Profile: 5}) })
	assert.NotEqual(t, ProfileAPI.SchemaID(), ProfileDocument.SchemaID())
	for _, p := range Profiles() {
		var s struct {
			ID string `json:"$id"`
		}
		require.NoError(t, json.Unmarshal(p.Schema(), &s))
		assert.Equal(t, p.SchemaID(), s.ID)
	}
	assert.True(t, LinkTypeUnmappedValue.Known())
	assert.False(t, LinkType("sandbox").Known())
}

func TestComparePointers(t *testing.T) {
	sorted := []string{"", "/9", "/10", "/1:", "/a", "/a/0", "/a/2", "/a/10", "/a/b", "/ab", "/b", "/categories/2", "/categories/10", "/categories/01"}
	for i := range sorted {
		for j := range sorted {
			got := comparePointers(sorted[i], sorted[j])
			switch {
			case i < j:
				assert.Negative(t, got, "%q < %q", sorted[i], sorted[j])
			case i > j:
				assert.Positive(t, got, "%q > %q", sorted[i], sorted[j])
			default:
				assert.Zero(t, got)
			}
		}
	}
}

// TestSortViolations checks the sort by indexes (up to maxIndexSort
// violations) and the plain one (more) against a stable sort of the
// structs: same order, ties kept in document order, for every arrangement
// the shuffles give.
func TestSortViolations(t *testing.T) {
	pointers := []string{"", "/9", "/10", "/a", "/a/0", "/a/2", "/a/10", "/ab", "/categories/2", "/categories/10"}
	codes := []Code{CodeType, CodeRequired, CodeEnum, CodeFormat}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 7, 8, maxIndexSort, maxIndexSort + 1, 100} {
		for range 50 {
			vs := make([]Violation, n)
			for i := range vs {
				vs[i] = Violation{Pointer: pointers[rng.IntN(len(pointers))], Code: codes[rng.IntN(len(codes))], Offset: i}
			}
			want := slices.Clone(vs)
			slices.SortStableFunc(want, compareViolations)
			sortViolations(vs)
			require.Equal(t, want, vs, "%d violations", n)
		}
	}
}

func TestAppendToken(t *testing.T) {
	assert.Equal(t, "/a~1b~0c", string(appendToken(nil, "a/b~c")))
	assert.Equal(t, "/x/", string(appendToken([]byte("/x"), "")))
}
