package cli

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openPTY opens a pseudo-terminal and returns its two ends.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here (%v)", err)
	}
	t.Cleanup(func() { master.Close() })
	var n, unlock uint32
	ioctl := func(req uintptr, arg *uint32) error {
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), req, uintptr(unsafe.Pointer(arg))); errno != 0 {
			return errno
		}
		return nil
	}
	require.NoError(t, ioctl(syscall.TIOCSPTLCK, &unlock))
	require.NoError(t, ioctl(syscall.TIOCGPTN, &n))
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	require.NoError(t, err)
	t.Cleanup(func() { slave.Close() })
	return master, slave
}

// TestStdinOnATerminal runs validate with a terminal as standard input and
// no file: it says on standard error that it reads standard input, then
// reads the payload typed, up to Ctrl-D.
func TestStdinOnATerminal(t *testing.T) {
	master, slave := openPTY(t)
	assert.True(t, isTerminal(slave))

	cmd := asCLI(t, "validate")
	cmd.Stdin = slave
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	_, err := master.WriteString(validLine + "\n\x04")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("validate did not end at Ctrl-D")
	}
	require.NoError(t, err, stderr.String())
	assert.Equal(t, "-: ok\n", stdout.String())
	assert.Equal(t, "authlink: reading a payload from standard input (end it with Ctrl-D; --help for usage)\n"+
		"authlink: 1 payload: 1 valid, 0 invalid\n", stderr.String())
}
