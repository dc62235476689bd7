package authlink

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// redacted replaces every secret in printed and logged output.
const redacted = "[REDACTED]"

// Format prints [REDACTED] whatever the verb and flags.
func (t Token) Format(f fmt.State, verb rune) { io.WriteString(f, redacted) }

// String returns [REDACTED].
func (t Token) String() string { return redacted }

// GoString returns [REDACTED].
func (t Token) GoString() string { return redacted }

// LogValue returns [REDACTED], so log/slog never sees the token.
func (t Token) LogValue() slog.Value { return slog.StringValue(redacted) }

// authLinkView is what fmt and log/slog show of an AuthLink: the same
// fields with the token masked, the URL cut before its query and fragment
// (where links carry tokens), only the size of Metadata and Extra, and the
// token masked wherever else it appears, before any formatting runs, so that
// no verb (not even %x) can show it.
type authLinkView struct {
	ID              float64
	OrganizationID  float64
	ProjectID       string
	Categories      []Category
	Provider        Nullable[string]
	OriginOwnerID   string
	OriginOwnerName string
	OriginUsername  Nullable[string]
	AccountID       Nullable[string]
	Label           Nullable[string]
	CreatedAt       string
	Metadata        string
	Token           Token
	AuthLinkURL     string
	Extra           string
}

func (a *AuthLink) view() authLinkView {
	mask := func(s string) string { return scrub(s, a.Token) }
	maskN := func(n Nullable[string]) Nullable[string] {
		if s, ok := n.Get(); ok {
			return Value(mask(s))
		}
		return n
	}
	var cats []Category
	if a.Categories != nil {
		cats = make([]Category, len(a.Categories))
		for i, c := range a.Categories {
			cats[i] = Category(mask(string(c)))
		}
	}
	md := "<absent>"
	if m, ok := a.Metadata.Get(); ok {
		md = memberSummary(len(m))
	} else if a.Metadata.IsNull() {
		md = "<null>"
	}
	return authLinkView{
		ID: a.ID, OrganizationID: a.OrganizationID, ProjectID: mask(a.ProjectID), Categories: cats,
		Provider: maskN(a.Provider), OriginOwnerID: mask(a.OriginOwnerID), OriginOwnerName: mask(a.OriginOwnerName),
		OriginUsername: maskN(a.OriginUsername), AccountID: maskN(a.AccountID), Label: maskN(a.Label),
		CreatedAt: mask(a.CreatedAt), Metadata: md, Token: a.Token, AuthLinkURL: mask(redactURL(a.AuthLinkURL)),
		Extra: memberSummary(len(a.Extra)),
	}
}

func memberSummary(n int) string {
	if n == 1 {
		return "{1 member}"
	}
	return "{" + strconv.Itoa(n) + " members}"
}

// redactURL keeps the scheme, host and path of a URL and masks its userinfo,
// query and fragment, the parts that carry credentials.
func redactURL(u string) string {
	tail := ""
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u, tail = u[:i], u[i:i+1]+redacted
	}
	if i := strings.Index(u, "://"); i >= 0 {
		authority, _, _ := strings.Cut(u[i+3:], "/")
		if at := strings.LastIndexByte(authority, '@'); at >= 0 {
			u = u[:i+3] + redacted + u[i+3+at:]
		}
	}
	return u + tail
}

// scrub masks the token wherever else it shows (a label, a path) in s. Short
// tokens are left to the field masks: replacing a two-letter token would
// garble the output without protecting anything.
func scrub(s string, token Token) string {
	if len(token) < 8 {
		return s
	}
	return strings.ReplaceAll(s, string(token), redacted)
}

// Format prints the auth link for people: fmt's rendering of its fields for
// the verb and flags given, with the token masked, the URL cut before its
// query and fragment, and Metadata and Extra shown by size only.
func (a AuthLink) Format(f fmt.State, verb rune) {
	v := a.view()
	if verb == 'v' && f.Flag('#') {
		io.WriteString(f, "authlink.AuthLink"+strings.TrimPrefix(fmt.Sprintf("%#v", v), "authlink.authLinkView"))
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), v)
}

// LogValue returns the auth link as a log/slog group, with the same masks as
// Format.
func (a AuthLink) LogValue() slog.Value {
	v := a.view()
	attrs := []slog.Attr{
		slog.Float64("id", v.ID),
		slog.Float64("organizationId", v.OrganizationID),
		slog.String("projectId", v.ProjectID),
	}
	if v.Categories != nil {
		attrs = append(attrs, slog.Any("categories", v.Categories))
	}
	for _, n := range []struct {
		key string
		val Nullable[string]
	}{{"provider", v.Provider}, {"originUsername", v.OriginUsername}, {"accountId", v.AccountID}, {"label", v.Label}} {
		if !n.val.IsZero() {
			attrs = append(attrs, slog.String(n.key, n.val.String()))
		}
	}
	return slog.GroupValue(append(attrs,
		slog.String("originOwnerId", v.OriginOwnerID),
		slog.String("originOwnerName", v.OriginOwnerName),
		slog.String("createdAt", v.CreatedAt),
		slog.String("metadata", v.Metadata),
		slog.String("token", redacted),
		slog.String("authLinkUrl", v.AuthLinkURL),
		slog.String("extra", v.Extra),
	)...)
}
