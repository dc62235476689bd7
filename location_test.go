package authlink

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLocations shows where each code is located: line and column (in
// characters) and the byte offset, on multi-line input with non-ASCII text
// and escapes before the offending value.
func TestLocations(t *testing.T) {
	// A valid api document over several lines; "é" is two bytes, "\u00e9"
	// six characters.
	doc := "{\n" +
		"  \"id\": 1, \"organization_id\": \"org_é\",\n" + // line 2
		"  \"project_id\": \"p\\u00e9\", \"origin_owner_id\": \"o\", \"origin_owner_name\": \"n\",\n" + // line 3
		"  \"created_at\": \"2025-03-14T09:26:53Z\", \"token\": \"t\",\n" + // line 4
		"  \"auth_link_url\": \"https://hub.stackone.com\"%s\n" + // line 5
		"}"
	with := func(extra string) string { return strings.Replace(doc, "%s", extra, 1) }
	replace := func(old, new string) string { return strings.Replace(with(""), old, new, 1) }
	type loc struct {
		pointer      string
		code         Code
		line, column int
	}
	tests := []struct {
		name string
		in   string
		opts Options
		want loc
	}{
		{"type, after non-ASCII", replace(`"id": 1`, `"id": "1"`), Options{}, loc{"/id", CodeType, 2, 9}},
		{"empty, after an escape on its line", replace(`"origin_owner_id": "o"`, `"origin_owner_id": ""`), Options{}, loc{"/origin_owner_id", CodeEmpty, 3, 47}},
		{"format, date-time", replace(`"2025-03-14T09:26:53Z"`, `"2025-02-30T09:26:53Z"`), Options{}, loc{"/created_at", CodeFormat, 4, 17}},
		{"format, URL", replace(`"https://hub.stackone.com"`, `"ftp://h"`), Options{}, loc{"/auth_link_url", CodeFormat, 5, 20}},
		{"range", replace(`"id": 1`, `"id": 1e400`), Options{}, loc{"/id", CodeRange, 2, 9}},
		{"enum, an item", with(",\n  \"categories\": [\"ats\", \"é\", \"HRIS\"]"), Options{}, loc{"/categories/2", CodeEnum, 6, 30}},
		{"required, at the object's brace", replace(`"token": "t",`, ``), Options{}, loc{"/token", CodeRequired, 1, 1}},
		{"unknown, at its name", with(",\n\t\"x\": 1"), Options{Strict: true}, loc{"/x", CodeUnknown, 6, 2}},
		{"duplicate, at the second name", with(`, "token": "u"`), Options{}, loc{"/token", CodeDuplicate, 5, 48}},
		{"encoding, where reading stopped", with(",\n\"label\": \"é\xff\""), Options{}, loc{"/label", CodeEncoding, 6, 12}},
		{"syntax, where reading stopped", with(",\n\"label\": tru"), Options{}, loc{"/label", CodeSyntax, 6, 10}},
		{"syntax, end of input", "{\n\"a\":", Options{}, loc{"/a", CodeSyntax, 2, 5}},
		{"limit, depth, at the bracket", with(",\n\"metadata\": {\"a\": [[1]]}"), Options{MaxDepth: 3}, loc{"/metadata/a/0", CodeLimit, 6, 20}},
		{"limit, size, at the start", with(""), Options{MaxBytes: 10}, loc{"", CodeLimit, 1, 1}},
		{"type of the root", "\n\n  [1]", Options{}, loc{"", CodeType, 3, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := New(tt.opts)
			err := v.Validate([]byte(tt.in))
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			var got *Violation
			for i := range verr.Violations {
				if verr.Violations[i].Pointer == tt.want.pointer && verr.Violations[i].Code == tt.want.code {
					got = &verr.Violations[i]
				}
			}
			require.NotNil(t, got, "no %s at %q in %v", tt.want.code, tt.want.pointer, verr)
			assert.Equal(t, tt.want, loc{got.Pointer, got.Code, got.Line, got.Column})
			// The offset and the line and column agree.
			lines := strings.Split(tt.in[:got.Offset], "\n")
			assert.Equal(t, got.Line, len(lines), "line of offset %d", got.Offset)
			assert.Equal(t, got.Column, len([]rune(lines[len(lines)-1]))+1, "column of offset %d", got.Offset)
			_, derr := v.Decode([]byte(tt.in))
			assert.Equal(t, err, derr, "Decode reports the same locations")
		})
	}
	require.NoError(t, Validate([]byte(with(""))))

	// A Go value has no input: no location.
	var verr *ValidationError
	require.ErrorAs(t, ValidateStruct(&AuthLink{}), &verr)
	for _, v := range verr.Violations {
		assert.Zero(t, v.Line)
		var m map[string]any
		require.NoError(t, json.Unmarshal(must(v.MarshalJSON()), &m))
		assert.NotContains(t, m, "line", "no location in the JSON form")
		assert.NotContains(t, m, "offset", "no location in the JSON form")
	}
}

func TestCountChars(t *testing.T) {
	for _, s := range []string{"", "a", "é", "日本語 text with ascii and 😀 emoji é", strings.Repeat("ü", 17), strings.Repeat("abcdefg", 5) + "é"} {
		assert.Equal(t, len([]rune(s)), countChars([]byte(s)), "%q", s)
	}
}

// TestManyViolationsLocateInOnePass: locating 20,000 violations on one
// 200 KB line reads the line once, not once per violation.
func TestManyViolationsLocateInOnePass(t *testing.T) {
	data := []byte(`{"categories":[` + strings.Repeat(`"bad",`, 20000) + `"bad"]}`)
	v := New(Options{MaxBytes: len(data)})
	var verr *ValidationError
	start := time.Now()
	require.ErrorAs(t, v.Validate(data), &verr)
	elapsed := time.Since(start)
	var last Violation
	for _, v := range verr.Violations {
		if v.Pointer == "/categories/20000" {
			last = v
		}
	}
	assert.Equal(t, len(data)-len(`"bad"]}`), last.Offset)
	assert.Equal(t, last.Offset+1, last.Column)
	// Not a timed assertion of speed: a quadratic walk takes seconds here.
	assert.Less(t, elapsed, 2*time.Second)
}
