package hostile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWithSentinelPlantsInTheMembers ties the member names WithSentinel
// spells out to the member table: decoded under each profile, the planted
// payload holds the secrets in the members the audits mean, and a member
// the profile lacks lands in Extra.
func TestWithSentinelPlantsInTheMembers(t *testing.T) {
	for _, p := range authlink.Profiles() {
		t.Run(p.String(), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("../../testdata", ValidPayloads[p.String()]))
			require.NoError(t, err)
			link, err := authlink.New(authlink.Options{Profile: p}).Decode(WithSentinel(data))
			require.NoError(t, err)

			assert.Equal(t, authlink.Token(Sentinel), link.Token)
			assert.Contains(t, link.AuthLinkURL, "/"+PercentEncoded(Sentinel, true)+"?token="+Sentinel+"&t="+PercentEncoded(Sentinel, false))
			label, _ := link.Label.Get()
			assert.Equal(t, Sentinel, label)
			metadata, _ := link.Metadata.Get()
			assert.Equal(t, Sentinel, metadata["token"])
			assert.Equal(t, json.RawMessage(`"`+Sentinel+`"`), link.Extra["sessionToken"])
			if p == authlink.ProfileAPI {
				assert.Equal(t, authlink.ValueOf(authlink.Token(ExternalSentinel)), link.ExternalTriggerToken)
			} else {
				assert.Equal(t, json.RawMessage(`"`+ExternalSentinel+`"`), link.Extra["external_trigger_token"])
			}
		})
	}
}
