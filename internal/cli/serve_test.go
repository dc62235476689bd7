package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/authlink-go/authlink/internal/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeCommand shows serve's usage errors, and that an address it
// cannot listen on is one too. Each case but the last names an address that
// cannot be listened on, so that a check that let it through fails on the
// listen error instead of serving.
func TestServeCommand(t *testing.T) {
	const badAddr = "256.0.0.1:99999"
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"unknown flag", []string{"--nope"}, "authlink: unknown flag --nope\n" + seeHelp("serve")},
		{"an argument", []string{"--addr", badAddr, "extra"}, "authlink: serve takes no arguments\n" + seeHelp("serve")},
		{"both kinds of rules", []string{"--addr", badAddr, "--rules", documentRules, "--metadata-rules", metadataRules},
			"authlink: " + errBothRules.Error() + "\n" + seeHelp("serve")},
		{"bad max-bytes", []string{"--addr", badAddr, "--max-bytes", "0"}, "authlink: --max-bytes must be between 1 and 1073741824\n"},
		{"cannot listen", []string{"--addr", badAddr}, "authlink: listen tcp: address 99999: invalid port\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", append([]string{"serve"}, tt.args...)...)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout)
			assert.Equal(t, tt.wantStderr, stderr)
		})
	}
}

// holdRequest starts a request on addr and returns once the handler is
// reading its body, which never comes: the request stays in flight.
func holdRequest(t *testing.T, addr string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	io.WriteString(conn, "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n")
	status, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "HTTP/1.1 100 Continue\r\n", status, "the handler reads the body")
}

// TestServeExitCodes runs serve until it is told to stop and checks each of
// its exit codes: a shutdown that times out has its own, not the usage
// error's.
func TestServeExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		addr       string
		inFlight   bool
		wantCode   int
		wantStderr string // the last line
	}{
		{"every request finished", "127.0.0.1:0", false, 0, "authlink: shutting down"},
		{"cannot listen", "256.0.0.1:99999", false, 2, "authlink: listen tcp: address 99999: invalid port"},
		{"shutdown timed out", "127.0.0.1:0", true, 3, "authlink: shutdown timed out: requests in flight were cut off (after 100ms)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := server.Config{Addr: tt.addr, Validate: true, Timeouts: server.DefaultTimeouts}
			c.Timeouts.Shutdown = 100 * time.Millisecond
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ready := make(chan string, 1)
			done := make(chan int, 1)
			var stderr strings.Builder
			go func() { done <- runServer(ctx, c, &stderr, ready) }()
			var code int
			select {
			case addr := <-ready:
				if tt.inFlight {
					holdRequest(t, addr)
				}
				cancel()
				code = <-done
			case code = <-done: // it never listened
			}
			assert.Equal(t, tt.wantCode, code)
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			assert.Equal(t, tt.wantStderr, lines[len(lines)-1])
		})
	}
}

// TestServeRules: serve --metadata-rules applies the user's rules to every
// POST /validate, with code rule and the failing keyword.
func TestServeRules(t *testing.T) {
	var stdout, stderr strings.Builder
	c, code, done := serveConfig(serveCommand, []string{"--addr", "127.0.0.1:0", "--metadata-rules", "testdata/rules/metadata.json"}, &stdout, &stderr)
	require.False(t, done, "exit %d: %s", code, stderr.String())
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	finished := make(chan int, 1)
	go func() { finished <- runServer(ctx, c, io.Discard, ready) }()
	addr := <-ready
	defer func() { cancel(); <-finished }()

	body, err := hostile.WithChanges(readFile(t, "../../testdata/api/valid/minimal.json"), map[string]any{"metadata": map[string]any{"plan": "gold"}})
	require.NoError(t, err)
	resp, err := http.Post("http://"+addr+"/validate", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	var p authlinkhttp.Problem
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&p))
	require.NotEmpty(t, p.Errors)
	for _, e := range p.Errors {
		assert.Equal(t, authlink.CodeRule, e.Code)
		assert.NotEmpty(t, e.Keyword)
		assert.Positive(t, e.Line)
	}

	_, code, done = serveConfig(serveCommand, []string{"--rules", "testdata/rules/broken.json"}, &stdout, &stderr)
	assert.True(t, done)
	assert.Equal(t, exitUsage, code, "a rules file that cannot be read is a usage error")
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}
