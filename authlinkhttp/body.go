package authlinkhttp

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
)

// firstRead is the most readBody allocates before the body's bytes arrive:
// room for a typical auth link (the corpus's largest is about 1 KiB) in one
// allocation.
const firstRead = 2 << 10

// lineEnding is the room past the cap for one final line ending (\r\n),
// which authlink does not count toward the cap: a body of the cap plus
// "\n" is read, and the validator, not the reader, decides.
const lineEnding = 2

// readBody reads at most max bytes of the body (plus room for a final line
// ending), refusing at once a body whose declared length is larger. Memory grows with the bytes received,
// not with the length declared: the buffer starts at firstRead (or the
// declared length, if smaller) and doubles as it fills, so that a request
// that declares a large body and sends little costs little.
func readBody(w http.ResponseWriter, r *http.Request, max int) ([]byte, *Problem) {
	var body []byte
	var err error
	max += lineEnding
	switch {
	case r.ContentLength > int64(max):
		return nil, tooLarge()
	case r.ContentLength > 0:
		body, err = readDeclared(r.Body, int(r.ContentLength))
	default:
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, int64(max)))
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, tooLarge()
	case err != nil:
		return nil, &Problem{Type: TypeMalformed, Title: "Unreadable body", Status: http.StatusBadRequest,
			Detail: "The body could not be read to its end."}
	}
	return body, nil
}

// readDeclared reads a body of the declared length n. A body that ends
// early, or goes on past n (net/http never lets it), is not the document.
func readDeclared(body io.Reader, n int) ([]byte, error) {
	buf := make([]byte, 0, min(n, firstRead))
	for len(buf) < n {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(2*cap(buf), n))
			copy(grown, buf)
			buf = grown
		}
		m, err := body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		switch {
		case err == io.EOF && len(buf) < n:
			return nil, io.ErrUnexpectedEOF
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return nil, err
		}
	}
	var extra [1]byte
	if m, _ := body.Read(extra[:]); m > 0 {
		return nil, errors.New("body longer than its declared length")
	}
	return buf, nil
}

// jsonMediaType accepts application/json and any +json type, without a
// charset or with UTF-8, the only encoding JSON allows on the wire.
func jsonMediaType(contentType string) bool {
	if contentType == "application/json" {
		return true // the common case, without parsing
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// identityCoded reports whether the Content-Encoding header, if any, names
// no coding but identity. Bodies are not decoded: an auth link is about a
// kilobyte, which compression barely shrinks, and a decoder in front of the
// checks is one more thing an attacker can feed.
func identityCoded(h http.Header) bool {
	for _, v := range h.Values("Content-Encoding") {
		for coding := range strings.SplitSeq(v, ",") {
			if c := strings.TrimSpace(coding); c != "" && !strings.EqualFold(c, "identity") {
				return false
			}
		}
	}
	return true
}

// checkMediaType returns the problem with the request's Content-Type or
// Content-Encoding, or nil. A missing Content-Type is JSON if missingIsJSON.
// A coded body is refused with Accept-Encoding: identity, which tells a
// client that the coding, not the media type, is the problem (RFC 9110
// section 12.5.3).
func checkMediaType(w http.ResponseWriter, r *http.Request, missingIsJSON bool) *Problem {
	ct := r.Header.Get("Content-Type")
	if !jsonMediaType(ct) && (ct != "" || !missingIsJSON) {
		return &Problem{Type: TypeMediaType, Title: "Unsupported media type", Status: http.StatusUnsupportedMediaType,
			Detail: "The body must be JSON: application/json or a +json type, in UTF-8."}
	}
	if !identityCoded(r.Header) {
		w.Header().Set("Accept-Encoding", "identity")
		return &Problem{Type: TypeMediaType, Title: "Unsupported content coding", Status: http.StatusUnsupportedMediaType,
			Detail: "The body must be sent without a content coding (Content-Encoding), as identity."}
	}
	return nil
}
