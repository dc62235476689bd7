package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tree writes files (slash-separated names, relative to a new directory,
// each a valid payload) and returns the directory.
func tree(t *testing.T, files ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(validLine+"\n"), 0o644))
	}
	return root
}

// validated runs validate with args in the json format and returns the
// sources it reported, relative to root, in output order.
func validated(t *testing.T, root string, args ...string) (code int, sources []string, stderr string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, "", append([]string{"validate", "--format", "json"}, args...)...)
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if line == "" {
			continue
		}
		var r result
		require.NoError(t, json.Unmarshal([]byte(line), &r))
		rel, err := filepath.Rel(root, r.Source)
		require.NoError(t, err)
		sources = append(sources, filepath.ToSlash(rel))
	}
	return code, sources, stderr
}

func TestDirectoriesAndGlobs(t *testing.T) {
	root := tree(t,
		"b.json", "a.json", "notes.txt", "a/z.json", "a-b/x.json", "UPPER.JSON",
		".hidden/h.json", "sub/.dot.json", "sub/deep/d.json", "sub/deep/d.ndjson", "sub/e.jsonl", "[x].json",
		"empty/.keep")
	in := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	tests := []struct {
		name  string
		args  []string
		want  []string
		extra []string // NDJSON mode, and so on
	}{
		{"a directory: its tree in name order, as filepath.WalkDir visits it, hidden directories skipped",
			[]string{in("")}, []string{"UPPER.JSON", "[x].json", "a/z.json", "a-b/x.json", "a.json", "b.json", "sub/.dot.json", "sub/deep/d.json"}, nil},
		{"a directory with --ndjson: *.ndjson and *.jsonl", []string{in("")}, []string{"sub/deep/d.ndjson", "sub/e.jsonl"}, []string{"--ndjson"}},
		{"a hidden directory named", []string{in(".hidden")}, []string{".hidden/h.json"}, nil},
		{"a glob of one directory", []string{in("*.json")}, []string{"[x].json", "a.json", "b.json"}, nil},
		{"** matches any directories, none included", []string{in("**/*.json")},
			[]string{"[x].json", "a/z.json", "a-b/x.json", "a.json", "b.json", "sub/deep/d.json"}, nil},
		{"** in the middle", []string{in("sub/**/d.*")}, []string{"sub/deep/d.json", "sub/deep/d.ndjson"}, nil},
		{"a trailing ** is the tree", []string{in("sub/**")}, []string{"sub/.dot.json", "sub/deep/d.json"}, nil},
		{"a wildcard does not match a leading dot", []string{in("*/*.json")}, []string{"a/z.json", "a-b/x.json"}, nil},
		{"a pattern may name hidden entries", []string{in(".*/*.json"), in("sub/.*.json")}, []string{".hidden/h.json", "sub/.dot.json"}, nil},
		{"a directory a glob matches is walked", []string{in("s?b")}, []string{"sub/.dot.json", "sub/deep/d.json"}, nil},
		{"an existing file is not a pattern", []string{in("[x].json")}, []string{"[x].json"}, nil},
		{"files and patterns in argument order", []string{in("b.json"), in("a*.json"), in("b.json")}, []string{"b.json", "a.json", "b.json"}, nil},
		{"NDJSON by glob", []string{in("**/*.jsonl")}, []string{"sub/e.jsonl"}, []string{"--ndjson"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, got, stderr := validated(t, root, append(tt.extra, tt.args...)...)
			assert.Equal(t, 0, code, stderr)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestNothingMatchedIsAUsageError shows that a pattern or directory that
// names no file stops the command before it validates anything.
func TestNothingMatchedIsAUsageError(t *testing.T) {
	root := tree(t, "a.json", "links.ndjson", "empty/.keep", ".hidden/h.json", "sub/deep/d.json")
	in := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	tests := []struct {
		name  string
		args  []string
		want  string
		extra []string
	}{
		{"a pattern", []string{in("*.xml")}, in("*.xml") + ": matches no file", nil},
		{"a pattern under a missing directory", []string{in("missing/**/*.json")}, in("missing/**/*.json") + ": matches no file", nil},
		{"a wildcard against hidden names only", []string{in("*/h.json")}, in("*/h.json") + ": matches no file", nil},
		{"a directory with no JSON file", []string{in("empty")}, in("empty") + ": holds no *.json file", nil},
		{"a directory with no NDJSON file", []string{in("empty")}, in("empty") + ": holds no *.ndjson or *.jsonl file", []string{"--ndjson"}},
		{"a bad pattern", []string{in("[.json")}, in("[.json") + ": syntax error in pattern", nil},
		{"a bad pattern below a wildcard", []string{in("*/deep/[.json")}, in("*/deep/[.json") + ": syntax error in pattern", nil},
		{"a bad pattern below **", []string{in("**/deep/[.json")}, in("**/deep/[.json") + ": syntax error in pattern", nil},
		{"among files that exist", []string{in("a.json"), in("*.yaml")}, in("*.yaml") + ": matches no file", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", append(append([]string{"validate"}, tt.extra...), tt.args...)...)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout, "nothing is validated")
			assert.Equal(t, "authlink: "+tt.want+"\n", stderr)
		})
	}
}

func TestComparePaths(t *testing.T) {
	assert.Negative(t, comparePaths("a/z.json", "a-b/x.json"), "a directory's files before its sibling's")
	assert.Negative(t, comparePaths("a/z.json", "a.json"), "entries by name, a directory's tree in its place")
	assert.Zero(t, comparePaths("a/b", "a/b"))
}

// TestSymbolicLinks shows that a link to a file counts as the file, in a
// directory and in a glob, while a link to a directory is not followed (it
// could loop) and a broken link is no file.
func TestSymbolicLinks(t *testing.T) {
	root := tree(t, "a.json", "sub/x.json")
	for link, target := range map[string]string{"link.json": "a.json", "sub-link.json": "sub", "broken.json": "missing.json"} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	tests := []struct {
		name string
		arg  string
		want []string
	}{
		{"a directory", root, []string{"a.json", "link.json", "sub/x.json"}},
		{"a glob", filepath.Join(root, "*.json"), []string{"a.json", "link.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, got, stderr := validated(t, root, tt.arg)
			assert.Equal(t, 0, code, stderr)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestPatternRoots shows where matching starts when a pattern's first
// segment is a wildcard: in the working directory for a relative pattern,
// at the filesystem root for an absolute one; the files are named from
// there.
func TestPatternRoots(t *testing.T) {
	dir := tree(t, "a.json")
	first, rest, _ := strings.Cut(strings.TrimPrefix(filepath.ToSlash(dir), "/"), "/")
	_, size := utf8.DecodeRuneInString(first)
	tests := []struct {
		name    string
		pattern string
		want    string
	}{
		{"relative", "testdat?/formats/a-*.json", filepath.FromSlash("testdata/formats/a-valid.json")},
		// "/[t]mp/…/a.json": a class of one character, so that only the
		// temporary directory's own first segment matches.
		{"absolute", "/[" + first[:size] + "]" + first[size:] + "/" + rest + "/a.json", filepath.Join(dir, "a.json")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "absolute" && !strings.HasPrefix(dir, "/") {
				t.Skipf("the temporary directory %s is not under /", dir)
			}
			code, stdout, stderr := runCLI(t, "", "validate", tt.pattern)
			assert.Equal(t, 0, code, stderr)
			assert.Equal(t, tt.want+": ok\n", stdout)
		})
	}
}

// TestUnreadableDirectory shows that a directory in the tree that cannot be
// read is an error of the argument that led there, as a pattern that
// matches nothing is: nothing is validated.
func TestUnreadableDirectory(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a directory the test cannot read: not on Windows, nor as root")
	}
	root := tree(t, "a.json", "locked/b.json")
	locked := filepath.Join(root, "locked")
	require.NoError(t, os.Chmod(locked, 0))
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	tests := []struct {
		name string
		arg  string
	}{
		{"a directory", root},
		{"a glob", filepath.Join(root, "*")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", "validate", tt.arg)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout)
			assert.Equal(t, "authlink: "+tt.arg+": open "+locked+": permission denied\n", stderr)
		})
	}
}
