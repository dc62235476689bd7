package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRoutes(t *testing.T) {
	srv := httptest.NewServer(Handler(Config{Validate: true}))
	defer srv.Close()
	strict := httptest.NewServer(Handler(Config{Validate: true, HTTP: authlinkhttp.Config{Options: authlink.Options{Strict: true}}}))
	defer strict.Close()
	tests := []struct {
		name, method, url, contentType string
		body                           []byte
		status                         int
		want                           string // body, or the problem type
	}{
		{"valid", "POST", srv.URL + "/validate", "application/json", authlinktest.FixtureJSON(), 200, `{"valid":true}` + "\n"},
		{"invalid", "POST", srv.URL + "/validate", "application/json", authlinktest.Document(authlinktest.Without("token")), 422, authlinkhttp.TypeInvalid},
		{"malformed", "POST", srv.URL + "/validate", "application/json", []byte("{"), 400, authlinkhttp.TypeMalformed},
		{"not JSON", "POST", srv.URL + "/validate", "text/plain", authlinktest.FixtureJSON(), 415, authlinkhttp.TypeMediaType},
		{"too large", "POST", srv.URL + "/validate", "application/json", bytes.Repeat([]byte(" "), authlink.DefaultMaxBytes+1), 413, authlinkhttp.TypeTooLarge},
		{"strict", "POST", strict.URL + "/validate", "application/json", authlinktest.Document(authlinktest.Set("x", 1)), 422, authlinkhttp.TypeInvalid},
		{"lenient", "POST", srv.URL + "/validate", "application/json", authlinktest.Document(authlinktest.Set("x", 1)), 200, `{"valid":true}` + "\n"},
		{"schema", "GET", srv.URL + "/schema", "", nil, 200, string(authlink.ProfileAPI.Schema())},
		{"healthz", "GET", srv.URL + "/healthz", "", nil, 200, "ok\n"},
		{"GET /validate", "GET", srv.URL + "/validate", "", nil, 405, "Method Not Allowed\n"},
		{"unknown path", "GET", srv.URL + "/nope", "", nil, 404, "404 page not found\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, tt.url, bytes.NewReader(tt.body))
			require.NoError(t, err)
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, tt.status, resp.StatusCode)
			if strings.HasPrefix(tt.want, authlinkhttp.ProblemTypeBase) {
				var p authlinkhttp.Problem
				require.NoError(t, json.Unmarshal(body, &p))
				assert.Equal(t, tt.want, p.Type)
				return
			}
			assert.Equal(t, tt.want, string(body))
		})
	}
}

// startServer runs the service on a free port with the timeouts given and
// returns its address and a function that stops it and returns its error.
func startServer(t *testing.T, to Timeouts) (string, func() error) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Addr: "127.0.0.1:0", Validate: true, Timeouts: to}, io.Discard, ready)
	}()
	addr := <-ready
	stop := func() error { cancel(); return <-done }
	t.Cleanup(func() { cancel() })
	return addr, stop
}

// closedWithin reports whether the server closes conn within d: reading
// ends with EOF (or a reset), not with the deadline.
func closedWithin(conn net.Conn, d time.Duration) bool {
	conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.ReadAll(conn)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// TestTimeouts shows a slow client cannot hold a connection: one that
// never finishes its headers, one that never sends its body, and one that
// stays idle are all cut off.
func TestTimeouts(t *testing.T) {
	to := Timeouts{ReadHeader: 200 * time.Millisecond, Read: 400 * time.Millisecond, Write: time.Second, Idle: 300 * time.Millisecond, Shutdown: time.Second}
	addr, stop := startServer(t, to)
	dial := func() net.Conn {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		t.Cleanup(func() { conn.Close() })
		return conn
	}

	// The three clients are slow at the same time, so that the test
	// waits for the longest timeout only.
	slowHeaders := dial()
	io.WriteString(slowHeaders, "POST /validate HTTP/1.1\r\nHost: x\r\n")
	slowBody := dial()
	io.WriteString(slowBody, "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
	idle := dial()
	body := string(authlinktest.FixtureJSON())
	io.WriteString(idle, "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body)
	resp, err := http.ReadResponse(bufio.NewReader(idle), nil)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.True(t, closedWithin(slowHeaders, 3*time.Second), "headers never finished")
	assert.True(t, closedWithin(slowBody, 3*time.Second), "body never finished")
	assert.True(t, closedWithin(idle, 3*time.Second), "an idle keep-alive connection")

	require.NoError(t, stop())
}

func TestShutsDownGracefully(t *testing.T) {
	addr, stop := startServer(t, DefaultTimeouts)
	resp, err := http.Get("http://" + addr + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	start := time.Now()
	require.NoError(t, stop())
	assert.Less(t, time.Since(start), 5*time.Second)
	_, err = net.DialTimeout("tcp", addr, time.Second)
	assert.Error(t, err, "no longer listening")
}

// TestShutdownTimesOut shows a request still in flight when the shutdown
// timeout ends is cut off, and Run says so with ErrShutdownTimeout, which
// `authlink serve` turns into its own exit code.
func TestShutdownTimesOut(t *testing.T) {
	to := DefaultTimeouts
	to.Shutdown = 100 * time.Millisecond
	addr, stop := startServer(t, to)
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	// The server sends 100 Continue once the handler reads the body: the
	// request is then in flight, waiting for the 99 bytes still to come.
	io.WriteString(conn, "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n")
	br := bufio.NewReader(conn)
	status, err := br.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "HTTP/1.1 100 Continue\r\n", status)
	io.WriteString(conn, "{")

	err = stop()
	assert.ErrorIs(t, err, ErrShutdownTimeout)
	assert.EqualError(t, err, "shutdown timed out: requests in flight were cut off (after 100ms)")
	assert.True(t, closedWithin(conn, time.Second), "the request in flight is cut off")
}
