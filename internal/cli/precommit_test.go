package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPreCommitHook checks the hook the repository declares for
// pre-commit: its id, the golang language (pre-commit builds the module's
// commands), and an entry this CLI runs with the file names pre-commit
// appends.
func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	require.NoError(t, err)
	hooks := string(data)
	assert.Contains(t, hooks, "- id: authlink-validate\n")
	assert.Contains(t, hooks, "\n  language: golang\n")
	_, entry, ok := strings.Cut(hooks, "\n  entry: ")
	require.True(t, ok)
	entry, _, _ = strings.Cut(entry, "\n")
	args := strings.Fields(entry)
	require.Equal(t, "authlink", args[0])
	code, stdout, _ := runCLI(t, "", append(args[1:], validFile, invalidFile)...)
	assert.Equal(t, 1, code)
	assert.Equal(t, validFile+": ok\n"+invalidFile+":1:1: /token: required: required member is missing\n", stdout)

	doc, err := os.ReadFile("../../docs/cli.md")
	require.NoError(t, err)
	assert.Contains(t, string(doc), "- id: authlink-validate", "docs/cli.md shows the hook")
}
