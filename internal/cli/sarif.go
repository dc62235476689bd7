package cli

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/authlink-go/authlink"
)

// sarifRules are the SARIF log's rules: one per code a violation can
// carry, in a fixed order, so that a result's ruleIndex is known before
// any payload is read and the log can be written as the results come.
var sarifRules = []struct {
	code authlink.Code
	text string
}{
	{authlink.CodeSyntax, "The input is not well-formed JSON: empty, trailing data, NaN, a bad escape."},
	{authlink.CodeEncoding, "The input is not valid UTF-8, or a \\u escape is an unpaired surrogate."},
	{authlink.CodeDuplicate, "A member name appears more than once in one object."},
	{authlink.CodeLimit, "The input is larger than the size cap, or nested deeper than the depth cap."},
	{authlink.CodeType, "A value has the wrong JSON type."},
	{authlink.CodeRequired, "A required member is missing."},
	{authlink.CodeEmpty, "A string that must not be empty is empty."},
	{authlink.CodeEnum, "A category is not one of the schema's values."},
	{authlink.CodeFormat, "The creation date is not an RFC 3339 date-time, or the auth link URL is not an allowed URL."},
	{authlink.CodeRange, "A number does not fit a finite double."},
	{authlink.CodeUnknown, "A member the schema does not define (strict mode)."},
	{authlink.CodeRule, "The user's own rules (--rules, --metadata-rules) are not met; the result's keyword property says which keyword failed."},
}

const (
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifIndent is the indentation of a result in the log.
	sarifIndent = "        "
)

type (
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		ShortDescription     sarifMessage `json:"shortDescription"`
		DefaultConfiguration struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifArtifact struct {
		URI         string        `json:"uri,omitempty"`
		Description *sarifMessage `json:"description,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation struct {
			ArtifactLocation sarifArtifact `json:"artifactLocation"`
			Region           *sarifRegion  `json:"region,omitempty"`
		} `json:"physicalLocation"`
	}
	sarifProperties struct {
		Pointer string `json:"pointer"`
		Keyword string `json:"keyword,omitempty"`
	}
	sarifResult struct {
		RuleID     string          `json:"ruleId"`
		RuleIndex  int             `json:"ruleIndex"`
		Level      string          `json:"level"`
		Message    sarifMessage    `json:"message"`
		Locations  []sarifLocation `json:"locations"`
		Properties sarifProperties `json:"properties"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
)

// sarifFormat writes one SARIF 2.1.0 log with one run: the codes as its
// rules, one result per violation, with the file, line and column
// (columns in Unicode code points, as the run's columnKind says). A
// payload's hint ends the message of each of its results. The log is
// written as the results come, so memory does not grow with them.
type sarifFormat struct {
	results bool // a result has been written
}

func (*sarifFormat) summary() bool { return false }

func (*sarifFormat) begin() []byte {
	driver := sarifDriver{Name: "authlink", InformationURI: "https://github.com/authlink-go/authlink"}
	for _, r := range sarifRules {
		rule := sarifRule{ID: string(r.code), ShortDescription: sarifMessage{r.text}}
		rule.DefaultConfiguration.Level = "error"
		driver.Rules = append(driver.Rules, rule)
	}
	tool, _ := json.MarshalIndent(map[string]sarifDriver{"driver": driver}, "      ", "  ")
	return []byte(`{
  "$schema": "` + sarifSchema + `",
  "version": "2.1.0",
  "runs": [
    {
      "tool": ` + string(tool) + `,
      "columnKind": "unicodeCodePoints",
      "results": [`)
}

// result writes each result after a comma; join drops the first one's.
func (*sarifFormat) result(dst []byte, o outcome) []byte {
	vs, hint := o.details()
	for _, v := range vs {
		r := sarifResult{RuleID: string(v.Code), RuleIndex: ruleIndex(v.Code), Level: "error",
			Message:    sarifMessage{v.DisplayPointer() + ": " + v.Message},
			Locations:  []sarifLocation{sarifLocationOf(o.source)},
			Properties: sarifProperties{Pointer: v.Pointer, Keyword: v.Keyword}}
		if hint != "" {
			r.Message.Text += " (hint: " + hint + ")"
		}
		if line, column := o.position(v); line > 0 {
			r.Locations[0].PhysicalLocation.Region = &sarifRegion{line, column}
		}
		b, _ := json.MarshalIndent(r, sarifIndent, "  ")
		dst = append(append(dst, ",\n"+sarifIndent...), b...)
	}
	return dst
}

func (f *sarifFormat) join(b []byte) []byte {
	if !f.results && len(b) > 0 {
		f.results = true
		return b[1:]
	}
	return b
}

func (f *sarifFormat) end(unreadable []failure) []byte {
	inv := sarifInvocation{ExecutionSuccessful: len(unreadable) == 0}
	for _, u := range unreadable {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "error", Message: sarifMessage{"cannot read: " + u.err.Error()}, Locations: []sarifLocation{sarifLocationOf(u.source)}})
	}
	invocations, _ := json.MarshalIndent([]sarifInvocation{inv}, "      ", "  ")
	var b strings.Builder
	if f.results {
		b.WriteString("\n      ")
	}
	b.WriteString("],\n      \"invocations\": " + string(invocations) + "\n    }\n  ]\n}\n")
	return []byte(b.String())
}

// ruleIndex is the index of code's rule, -1 (SARIF's "none") for a code
// the table lacks.
func ruleIndex(code authlink.Code) int {
	for i, r := range sarifRules {
		if r.code == code {
			return i
		}
	}
	return -1
}

// sarifLocationOf is the location of a source: a relative URI reference
// for a relative path, a file URI for an absolute one, and a description
// for standard input, which has no URI.
func sarifLocationOf(source string) sarifLocation {
	var l sarifLocation
	a := &l.PhysicalLocation.ArtifactLocation
	switch p := filepath.ToSlash(source); {
	case source == "-":
		a.Description = &sarifMessage{"standard input"}
	case filepath.IsAbs(source):
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive letter
		}
		a.URI = (&url.URL{Scheme: "file", Path: p}).String()
	default:
		a.URI = (&url.URL{Path: p}).String()
	}
	return l
}
