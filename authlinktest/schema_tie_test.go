package authlinktest

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMemberNamesMatchSchemas ties the member names this package spells out
// to the profile schemas: every member marked "x-secret" is masked as a
// secret (and every secret name Golden knows is one, but for the SDKs'
// camelCase externalTriggerToken, which no schema has), and the default
// volatile members are the date-time members and the id of the schemas.
func TestMemberNamesMatchSchemas(t *testing.T) {
	known := map[string]bool{"externalTriggerToken": true}
	var volatile []string
	for _, p := range authlink.Profiles() {
		var s struct {
			Properties map[string]struct {
				Format string `json:"format"`
				Secret bool   `json:"x-secret"`
			} `json:"properties"`
		}
		require.NoError(t, json.Unmarshal(p.Schema(), &s))
		for name, prop := range s.Properties {
			_, masked := secretMark(name)
			assert.Equal(t, prop.Secret, masked, "%s profile: member %q", p, name)
			if prop.Secret {
				known[name] = true
			}
			if prop.Format == "date-time" || name == "id" {
				volatile = append(volatile, "/"+name)
			}
		}
	}
	for _, m := range secretMembers {
		assert.True(t, known[m.name], "Golden masks %q, which no schema marks secret", m.name)
	}
	volatile = append(volatile, "/token") // a secret, and volatile in the fixtures
	slices.Sort(volatile)
	volatile = slices.Compact(volatile)
	assert.ElementsMatch(t, volatile, defaultVolatile)
}
