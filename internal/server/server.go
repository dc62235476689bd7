// Package server is the HTTP service behind `authlink serve`: routes,
// timeouts and graceful shutdown. It lives apart from the command so that
// the load test in bench/ can run the same server with validation off.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
)

// Config is what the server is asked to do. HTTP.Profile selects the
// profile GET /schema serves; HTTP's profile, Strict and OpenCategories are
// what POST /validate checks when its query does not say otherwise, and how
// the playground's controls start.
type Config struct {
	// Addr is the TCP address to listen on, as in net.Listen.
	Addr string
	// HTTP configures the checks of POST /validate: profile, rules, caps.
	HTTP authlinkhttp.Config
	// Validate is false only for the load test's baseline: POST /validate
	// then reads the body into memory, as a handler would, and answers
	// {"valid":true} without checking it.
	Validate bool
	Timeouts Timeouts
}

// Timeouts bound what a slow or idle client can hold, and how long a
// shutdown waits for requests in flight.
type Timeouts struct {
	ReadHeader, Read, Write, Idle, Shutdown time.Duration
}

// DefaultTimeouts are the timeouts of `authlink serve`.
var DefaultTimeouts = Timeouts{
	ReadHeader: 5 * time.Second,
	Read:       15 * time.Second,
	Write:      15 * time.Second,
	Idle:       60 * time.Second,
	Shutdown:   10 * time.Second,
}

// ErrShutdownTimeout is returned, wrapped, by Run when requests in flight
// did not finish within the shutdown timeout and were cut off.
var ErrShutdownTimeout = errors.New("shutdown timed out: requests in flight were cut off")

// Run serves until ctx is done, then shuts down gracefully: it stops
// accepting, lets requests in flight finish (up to the shutdown timeout) and
// returns. Requests still in flight then are cut off, and the error wraps
// ErrShutdownTimeout. If ready is not nil, it receives the address once
// listening.
func Run(ctx context.Context, c Config, logw io.Writer, ready chan<- string) error {
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           Handler(c),
		ReadHeaderTimeout: c.Timeouts.ReadHeader,
		ReadTimeout:       c.Timeouts.Read,
		WriteTimeout:      c.Timeouts.Write,
		IdleTimeout:       c.Timeouts.Idle,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          log.New(logw, "authlink: ", 0),
	}
	fmt.Fprintf(logw, "authlink: serving the %s profile on http://%s (the playground at /, POST /validate, GET /schema, GET /healthz)\n", c.HTTP.Profile, ln.Addr())
	if ready != nil {
		ready <- ln.Addr().String()
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(logw, "authlink: shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), c.Timeouts.Shutdown)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("%w (after %v)", ErrShutdownTimeout, c.Timeouts.Shutdown)
		}
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Handler routes the service: GET / serves the playground, a page that
// checks a payload as it is typed; POST /validate checks the body and
// answers {"valid":true} or a problem document, whose violations say where
// they are (line, column, offset); GET /schema serves the configured
// profile's schema; GET /healthz says the service is up. POST /validate
// checks with the configured profile and rules unless its query asks for
// others (profile=api|document, strict=true|false,
// open-categories=true|false), for that request only.
func Handler(c Config) http.Handler {
	mux := http.NewServeMux()
	valid := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"valid":true}`+"\n")
	})
	if c.Validate {
		mux.Handle("POST /validate", newValidateHandler(c.HTTP, valid))
	} else {
		mux.Handle("POST /validate", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, err := io.ReadAll(http.MaxBytesReader(w, r.Body, authlink.DefaultMaxBytes)); err != nil {
				http.Error(w, "unreadable body", http.StatusBadRequest)
				return
			}
			valid(w, r)
		}))
	}
	schema := c.HTTP.Profile.Schema()
	mux.HandleFunc("GET /schema", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/schema+json")
		w.Write(schema)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	handlePlayground(mux, c.HTTP)
	return mux
}
