package authlink

import (
	"fmt"
	"strconv"
)

// Profile selects which shape of auth link is checked: the JSON StackOne's
// API sends, or the SDK document as written. Each profile is one embedded
// JSON Schema ([Schema]). The zero value is [ProfileAPI].
type Profile uint8

const (
	// ProfileAPI is the JSON StackOne's Connect Sessions API sends today:
	// snake_case member names (auth_link_url), organization_id a string or
	// a number, the categories messaging, accounting and scheduling,
	// categories that may be null, and the members external_trigger_token,
	// type and integration_id. It is the default.
	ProfileAPI Profile = iota
	// ProfileDocument is the ConnectSessionTokenAuthLink document exactly
	// as written: the SDK's camelCase property names (authLinkUrl), 14
	// members, organizationId a number, eleven categories plus the
	// spellings hrisLegacy and stackOne, and categories not nullable.
	ProfileDocument

	profileCount = iota
)

// Profiles lists every profile, the default first.
func Profiles() []Profile { return []Profile{ProfileAPI, ProfileDocument} }

var profileNames = [profileCount]string{ProfileAPI: "api", ProfileDocument: "document"}

// String returns the profile's name: "api" or "document".
func (p Profile) String() string {
	if p.valid() {
		return profileNames[p]
	}
	return fmt.Sprintf("Profile(%d)", uint8(p))
}

func (p Profile) valid() bool { return p < profileCount }

// ParseProfile returns the profile named s: "api" or "document".
func ParseProfile(s string) (Profile, error) {
	for p, name := range profileNames {
		if s == name {
			return Profile(p), nil
		}
	}
	return 0, fmt.Errorf("authlink: unknown profile %q (want api or document)", s)
}

// MarshalText returns the profile's name, so that a Profile reads and
// writes as text in flags (flag.TextVar) and configuration files.
func (p Profile) MarshalText() ([]byte, error) {
	if !p.valid() {
		return nil, fmt.Errorf("authlink: unknown profile %d", uint8(p))
	}
	return []byte(profileNames[p]), nil
}

// UnmarshalText sets the profile from its name; see [ParseProfile].
func (p *Profile) UnmarshalText(text []byte) error {
	q, err := ParseProfile(string(text))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// other is the profile a hint points to.
func (p Profile) other() Profile { return 1 - p }

// hints explain a document whose member names follow the other profile.
var hints = [profileCount]string{
	ProfileAPI:      "member names follow the SDK document (camelCase); use the document profile",
	ProfileDocument: "member names follow StackOne's API (snake_case); use the api profile",
}

// GoString returns the Go name of the profile.
func (p Profile) GoString() string {
	switch p {
	case ProfileAPI:
		return "authlink.ProfileAPI"
	case ProfileDocument:
		return "authlink.ProfileDocument"
	}
	return "authlink.Profile(" + strconv.Itoa(int(p)) + ")"
}
