package cli

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain runs the command itself when the test binary is started as the
// CLI (see asCLI), as cmd/authlink's main does, so that a test can run it
// end to end with real files as its standard streams.
func TestMain(m *testing.M) {
	if os.Getenv("AUTHLINK_TEST_AS_CLI") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// asCLI returns a command that runs authlink with args.
func asCLI(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "AUTHLINK_TEST_AS_CLI=1")
	return cmd
}

// brokenWriter fails every write after the first ok bytes.
type brokenWriter struct{ ok int }

func (w *brokenWriter) Write(p []byte) (int, error) {
	if len(p) <= w.ok {
		w.ok -= len(p)
		return len(p), nil
	}
	n := w.ok
	w.ok = 0
	return n, errors.New("disk full")
}

// countingReader counts the bytes read from r.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestWriteErrorsFail shows that results that cannot be written to standard
// output are no success: every command that writes there exits 2 and says
// why on standard error, with no summary, whether the first write fails or
// a later one.
func TestWriteErrorsFail(t *testing.T) {
	manyLines := strings.Repeat(validLine+"\n", 1000)
	manyFiles := append([]string{"validate"}, slices.Repeat([]string{validFile}, 200)...)
	tests := []struct {
		name  string
		stdin string
		args  []string
		ok    int // bytes written before the failure
	}{
		{"validate a file", "", []string{"validate", validFile}, 0},
		{"validate an invalid file", "", []string{"validate", invalidFile}, 0},
		{"validate as json", "", []string{"validate", "--format", "json", validFile, invalidFile}, 0},
		{"validate as github", "", []string{"validate", "--format", "github", invalidFile}, 0},
		{"validate as sarif", "", []string{"validate", "--format", "sarif", validFile}, 0},
		{"validate as sarif, failing midway", "", []string{"validate", "--format", "sarif", invalidFile}, 2000},
		{"validate --help", "", []string{"validate", "--help"}, 0},
		{"schema with rules", "", []string{"schema", "--rules", documentRules}, 0},
		{"validate many files", "", manyFiles, 0},
		{"validate many files, failing midway", "", manyFiles, 5000},
		{"validate ndjson", manyLines, []string{"validate", "--ndjson"}, 0},
		{"validate ndjson, failing midway", manyLines, []string{"validate", "--ndjson"}, 5000},
		{"validate ndjson as json", manyLines, []string{"validate", "--ndjson", "--format", "json"}, 0},
		{"schema", "", []string{"schema"}, 0},
		{"schema of the document profile, failing midway", "", []string{"schema", "--profile", "document"}, 100},
		{"help", "", []string{"help"}, 0},
		{"version", "", []string{"version"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr strings.Builder
			code := Main(tt.args, strings.NewReader(tt.stdin), &brokenWriter{ok: tt.ok}, &stderr)
			assert.Equal(t, 2, code)
			assert.Equal(t, "authlink: cannot write to standard output: disk full\n", stderr.String())
		})
	}
}

// TestWriteErrorStopsReading shows that NDJSON input is no longer read once
// standard output fails: no result could be written.
func TestWriteErrorStopsReading(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // few batches in flight
	in := &countingReader{r: strings.NewReader(strings.Repeat("{}\n", 200_000))}
	var stderr strings.Builder
	code := Main([]string{"validate", "--ndjson"}, in, &brokenWriter{}, &stderr)
	assert.Equal(t, 2, code)
	assert.Less(t, in.n, 300_000, "bytes read of 600000")
}

// TestWriteErrorsEndToEnd runs the command with /dev/full as its standard
// output.
func TestWriteErrorsEndToEnd(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full on this platform (%v): the in-process tests with a failing writer still run", err)
	}
	defer full.Close()
	for _, args := range [][]string{
		{"validate", validFile},
		{"validate", "--format", "json", invalidFile},
		{"validate", "--ndjson", validFile},
		{"schema"},
		{"help"},
		{"version"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			cmd := asCLI(t, args...)
			cmd.Stdout = full
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit)
			assert.Equal(t, 2, exit.ExitCode())
			assert.Equal(t, "authlink: cannot write to standard output: write /dev/stdout: no space left on device\n", stderr.String())
		})
	}
}
