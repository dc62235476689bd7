package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestServeCommand(t *testing.T) {
	code, _, stderr := runCLI(t, "", "serve", "--nope")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "flag provided but not defined")
	code, _, stderr = runCLI(t, "", "serve", "extra")
	assert.Equal(t, 2, code)
	assert.Equal(t, "authlink: serve takes no arguments\n", stderr)
	code, _, stderr = runCLI(t, "", "serve", "--addr", "256.0.0.1:99999")
	assert.Equal(t, 2, code, "cannot listen")
	assert.Contains(t, stderr, "authlink: listen tcp")
	code, _, stderr = runCLI(t, "", "serve", "--max-bytes", "0")
	assert.Equal(t, 2, code)
	assert.Equal(t, "authlink: --max-bytes must be between 1 and 1073741824\n", stderr)
}
