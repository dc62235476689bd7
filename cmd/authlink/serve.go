package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
)

// serveConfig is what the serve command was asked to do.
type serveConfig struct {
	addr     string
	http     authlinkhttp.Config
	validate bool
	timeouts timeouts
}

// timeouts bound what a slow or idle client can hold.
type timeouts struct {
	readHeader, read, write, idle, shutdown time.Duration
}

var defaultTimeouts = timeouts{
	readHeader: 5 * time.Second,
	read:       15 * time.Second,
	write:      15 * time.Second,
	idle:       60 * time.Second,
	shutdown:   10 * time.Second,
}

func serve(args []string, stderr io.Writer) int {
	c := serveConfig{timeouts: defaultTimeouts}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "`address` to listen on")
	fs.BoolVar(&c.http.Strict, "strict", false, "reject members the schema does not define")
	fs.BoolVar(&c.http.OpenCategories, "open-categories", false, "accept any string as a category")
	fs.IntVar(&c.http.MaxBytes, "max-bytes", authlink.DefaultMaxBytes, "body cap, in `bytes`")
	noValidate := fs.Bool("no-validate", false, "read bodies but do not validate them (a baseline for load tests)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitValid
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "authlink: serve takes no arguments")
		return exitUsage
	}
	c.validate = !*noValidate
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := runServer(ctx, c, stderr, nil); err != nil {
		fmt.Fprintf(stderr, "authlink: %v\n", err)
		return exitInvalid
	}
	return exitValid
}

// runServer serves until ctx is done, then shuts down gracefully: it stops
// accepting, lets requests in flight finish (up to the shutdown timeout) and
// returns. If ready is not nil, it receives the address once listening.
func runServer(ctx context.Context, c serveConfig, logw io.Writer, ready chan<- string) error {
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           newServeMux(c),
		ReadHeaderTimeout: c.timeouts.readHeader,
		ReadTimeout:       c.timeouts.read,
		WriteTimeout:      c.timeouts.write,
		IdleTimeout:       c.timeouts.idle,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          log.New(logw, "authlink: ", 0),
	}
	fmt.Fprintf(logw, "authlink: serving on http://%s (POST /validate, GET /schema, GET /healthz)\n", ln.Addr())
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
	shutdownCtx, cancel := context.WithTimeout(context.Background(), c.timeouts.shutdown)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newServeMux routes the service: POST /validate checks the body and
// answers {"valid":true} or a problem document, GET /schema serves the
// schema, GET /healthz says the service is up.
func newServeMux(c serveConfig) http.Handler {
	mux := http.NewServeMux()
	valid := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"valid":true}`+"\n")
	})
	if c.validate {
		mux.Handle("POST /validate", authlinkhttp.Check(c.http)(valid))
	} else {
		mux.Handle("POST /validate", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, int64(max(c.http.MaxBytes, authlink.DefaultMaxBytes))))
			valid(w, r)
		}))
	}
	schema := authlink.Schema()
	mux.HandleFunc("GET /schema", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/schema+json")
		w.Write(schema)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	return mux
}
