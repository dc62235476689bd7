package authlink

import (
	"encoding/json"
	"os"
	"testing"
)

// plainAuthLink is what a hand-rolled consumer of StackOne's API would
// decode into with encoding/json: the reference every benchmark is compared
// with.
type plainAuthLink struct {
	ID                   float64        `json:"id"`
	OrganizationID       any            `json:"organization_id"`
	ProjectID            string         `json:"project_id"`
	Categories           []string       `json:"categories"`
	Provider             *string        `json:"provider"`
	OriginOwnerID        string         `json:"origin_owner_id"`
	OriginOwnerName      string         `json:"origin_owner_name"`
	OriginUsername       *string        `json:"origin_username"`
	AccountID            *string        `json:"account_id"`
	Label                *string        `json:"label"`
	CreatedAt            string         `json:"created_at"`
	Metadata             map[string]any `json:"metadata"`
	Token                string         `json:"token"`
	AuthLinkURL          string         `json:"auth_link_url"`
	ExternalTriggerToken *string        `json:"external_trigger_token"`
	Type                 *string        `json:"type"`
	IntegrationID        *string        `json:"integration_id"`
}

// plainDocument is the same for the document profile's names.
type plainDocument struct {
	ID              float64        `json:"id"`
	OrganizationID  float64        `json:"organizationId"`
	ProjectID       string         `json:"projectId"`
	Categories      []string       `json:"categories"`
	Provider        *string        `json:"provider"`
	OriginOwnerID   string         `json:"originOwnerId"`
	OriginOwnerName string         `json:"originOwnerName"`
	OriginUsername  *string        `json:"originUsername"`
	AccountID       *string        `json:"accountId"`
	Label           *string        `json:"label"`
	CreatedAt       string         `json:"createdAt"`
	Metadata        map[string]any `json:"metadata"`
	Token           string         `json:"token"`
	AuthLinkURL     string         `json:"authLinkUrl"`
}

// benchPayloads runs bench on the typical payloads of the api profile's
// corpus, as the sub-benchmarks valid (a wire payload of about 900 bytes)
// and invalid (seven rule violations), and on the document profile's as
// valid/document and invalid/document. bench reports whether a payload is
// valid; the stdlib reference always says so.
func benchPayloads(b *testing.B, checks bool, bench func(p Profile, data []byte) bool) {
	for _, p := range Profiles() {
		for _, name := range []string{"valid", "invalid"} {
			data, err := os.ReadFile("testdata/" + p.String() + "/" + name + "/typical.json")
			if err != nil {
				b.Fatal(err)
			}
			want := name == "valid" || !checks
			if p != ProfileAPI {
				name += "/" + p.String()
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if bench(p, data) != want {
						b.Fatal("wrong verdict")
					}
				}
			})
		}
	}
}

func BenchmarkStdlibUnmarshal(b *testing.B) {
	benchPayloads(b, false, func(p Profile, data []byte) bool {
		if p == ProfileDocument {
			var d plainDocument
			return json.Unmarshal(data, &d) == nil
		}
		var a plainAuthLink
		return json.Unmarshal(data, &a) == nil
	})
}

func BenchmarkValidate(b *testing.B) {
	benchPayloads(b, true, func(p Profile, data []byte) bool { return defaultValidators[p].Validate(data) == nil })
}

func BenchmarkDecode(b *testing.B) {
	benchPayloads(b, true, func(p Profile, data []byte) bool {
		_, err := defaultValidators[p].Decode(data)
		return err == nil
	})
}

func BenchmarkValidateStruct(b *testing.B) {
	for _, p := range Profiles() {
		data, err := os.ReadFile("testdata/" + p.String() + "/valid/typical.json")
		if err != nil {
			b.Fatal(err)
		}
		link, err := defaultValidators[p].Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		name := "valid"
		if p != ProfileAPI {
			name += "/" + p.String()
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := defaultValidators[p].ValidateStruct(link); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
