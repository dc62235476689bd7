package authlinkhttp

import (
	"io"
	"net/http"
	"time"
)

// rejectUnread answers a request whose body was not read. It reads the body
// up to the cap first, so that the connection can be reused; a longer body
// is not read further, and the connection is closed instead.
func (c Config) rejectUnread(w http.ResponseWriter, r *http.Request, p *Problem, max int) {
	max += lineEnding
	switch {
	case r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0:
	case r.ContentLength > int64(max):
		c.answer(w, r, p, true)
		return
	default:
		if _, err := io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, int64(max))); err != nil {
			c.answer(w, r, p, true)
			return
		}
	}
	c.reject(w, r, p)
}

// reject reports p to the hook and writes it; a 413 also closes the
// connection.
func (c Config) reject(w http.ResponseWriter, r *http.Request, p *Problem) {
	c.answer(w, r, p, p.Status == http.StatusRequestEntityTooLarge)
}

// answer reports p to the hook and writes it, on a connection then closed
// if closeConn.
func (c Config) answer(w http.ResponseWriter, r *http.Request, p *Problem, closeConn bool) {
	if c.OnReject != nil {
		c.OnReject(r, p)
	}
	if closeConn {
		c.closeWith(w, r, p)
		return
	}
	c.write(w, r, p)
}

// write writes p with the ErrorWriter. The answer carries p's status unless
// the ErrorWriter sets another: left to net/http, an ErrorWriter that writes
// a body without a status, or writes nothing, would answer a rejection with
// 200.
func (c Config) write(w http.ResponseWriter, r *http.Request, p *Problem) {
	if c.ErrorWriter == nil {
		WriteProblem(w, r, p)
		return
	}
	sw := &statusWriter{ResponseWriter: w, status: p.Status}
	c.ErrorWriter(sw, r, p)
	if !sw.wrote {
		w.WriteHeader(p.Status)
	}
}

// statusWriter is the ResponseWriter an ErrorWriter writes to: it sends
// status before a body written without one.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusWriter) WriteHeader(status int) {
	if !informational(status) {
		s.wrote = true
	}
	s.ResponseWriter.WriteHeader(status)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if !s.wrote {
		s.WriteHeader(s.status)
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController the writer underneath.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// informational reports whether status is a 1xx that precedes the final
// status (all but 101, which net/http also treats as final).
func informational(status int) bool {
	return status >= 100 && status <= 199 && status != http.StatusSwitchingProtocols
}

// rstAvoidanceDelay is how long a closed connection stays half-open, so that
// the client reads the answer before the reset its unread upload causes (the
// delay net/http uses for the same purpose).
const rstAvoidanceDelay = 500 * time.Millisecond

// closeWith answers with p and closes the connection without reading the
// rest of the body. Left to itself, net/http would read up to 256 KiB more
// of a chunked body (or one whose length is under that) to keep the
// connection alive, which is the reading the cap forbids; so on HTTP/1 the
// connection is hijacked (through wrappers that implement Unwrap) and the
// answer written directly, with the headers already set on w. Behind a
// wrapper that hides the connection, net/http's draining applies.
func (c Config) closeWith(w http.ResponseWriter, r *http.Request, p *Problem) {
	rec := &recorder{header: w.Header().Clone()}
	c.write(rec, r, p)
	rec.header.Set("Connection", "close")
	if r.ProtoMajor != 1 {
		rec.copyTo(w)
		return
	}
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		rec.copyTo(w)
		return
	}
	resp := &http.Response{
		StatusCode: rec.code(), ProtoMajor: 1, ProtoMinor: 1, Request: r, Close: true,
		Header: rec.header, ContentLength: int64(rec.body.Len()), Body: io.NopCloser(&rec.body),
	}
	resp.Write(buf)
	buf.Flush()
	if tcp, ok := conn.(interface{ CloseWrite() error }); ok {
		tcp.CloseWrite()
		time.AfterFunc(rstAvoidanceDelay, func() { conn.Close() })
		return
	}
	conn.Close()
}
