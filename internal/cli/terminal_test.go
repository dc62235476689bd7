package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNotATerminal shows what is no terminal: no notice is written for it.
func TestNotATerminal(t *testing.T) {
	null, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer null.Close()
	assert.False(t, isTerminal(null), "the null device")
	file, err := os.Open(validFile)
	require.NoError(t, err)
	defer file.Close()
	assert.False(t, isTerminal(file), "a file")
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, isTerminal(r), "a pipe")
	assert.False(t, isTerminal(strings.NewReader("")), "a reader")

	code, _, stderr := runCLI(t, validLine, "validate")
	assert.Equal(t, 0, code)
	assert.Equal(t, "authlink: 1 payload: 1 valid, 0 invalid\n", stderr)
}
