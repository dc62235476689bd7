package hostile

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Sentinel is the secret the audits plant: a token no test writes anywhere
// else, so that finding it in any output means a leak.
const Sentinel = "SENTINEL-d41d8cd98f00b204e9800998ecf8427e"

// ExternalSentinel is the external trigger token the audits plant: another
// value, so that masking one secret cannot hide a leak of the other.
const ExternalSentinel = "EXTERNAL-6f1ed002ab5595859014ebf0951522d9"

// corpusToken matches the tokens the corpus files use.
var corpusToken = regexp.MustCompile(`sess_tok_[A-Za-z0-9_]*`)

// WithSentinel returns data with the secret planted: every corpus token
// replaced by Sentinel and, when data is a JSON object, the secret also as
// the token and the external trigger token, in the URL's query (auth_link_url
// or authLinkUrl) and in misplaced members (metadata, an unknown member, the
// label).
func WithSentinel(data []byte) []byte {
	data = corpusToken.ReplaceAll(data, []byte(Sentinel))
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if dec.Decode(&doc) != nil || dec.More() || doc == nil {
		return data
	}
	doc["token"] = Sentinel
	doc["external_trigger_token"] = ExternalSentinel
	for _, url := range []string{"auth_link_url", "authLinkUrl"} {
		if u, ok := doc[url].(string); ok {
			doc[url] = u + "/" + PercentEncoded(Sentinel, true) + "?token=" + Sentinel + "&t=" + PercentEncoded(Sentinel, false)
		}
	}
	if md, ok := doc["metadata"].(map[string]any); ok {
		md["token"] = Sentinel
	} else {
		doc["metadata"] = map[string]any{"token": Sentinel}
	}
	doc["sessionToken"] = Sentinel
	doc["label"] = Sentinel
	out, err := json.Marshal(doc)
	if err != nil {
		return data
	}
	return out
}

// PercentEncoded returns s with every byte written as %XX, in upper- or
// lower-case hex: the URL-escaped form no plain search finds.
func PercentEncoded(s string, upper bool) string {
	digits := "0123456789abcdef"
	if upper {
		digits = "0123456789ABCDEF"
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte('%')
		b.WriteByte(digits[s[i]>>4])
		b.WriteByte(digits[s[i]&0xF])
	}
	return b.String()
}

// Shows reports whether a secret shows in out: as it is, in part, in hex,
// or URL-escaped in any style.
func Shows(out string) bool {
	decoded, lower := percentDecoded(out), strings.ToLower(out)
	for _, s := range []string{Sentinel, ExternalSentinel} {
		if strings.Contains(out, s[9:]) || strings.Contains(decoded, s[9:]) || strings.Contains(lower, hex.EncodeToString([]byte(s[9:]))) {
			return true
		}
	}
	return false
}

// percentDecoded undoes every %XX escape of s, leaving the rest as it is.
func percentDecoded(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// CorpusFiles lists every payload of the corpus under testdata: valid,
// invalid, strict and open of both profiles (testdata/api, testdata/document),
// and hostile.
func CorpusFiles(testdata string) ([]string, error) {
	var files []string
	for _, glob := range []string{"*/valid/*.json", "*/invalid/*.json", "*/strict/*/*.json", "*/open/*/*.json", "hostile/*.json"} {
		m, err := filepath.Glob(filepath.Join(testdata, glob))
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	return files, nil
}
