package authlink

import (
	"encoding/json"
	"os"
	"testing"
)

// plainAuthLink is what a hand-rolled consumer would decode into with
// encoding/json: the reference every benchmark is compared with.
type plainAuthLink struct {
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

// benchPayloads runs bench on the typical payloads of the corpus, as the
// sub-benchmarks valid (about 700 bytes) and invalid (six rule violations).
// bench reports whether a payload is valid; the stdlib reference always
// says so.
func benchPayloads(b *testing.B, checks bool, bench func(data []byte) bool) {
	for _, name := range []string{"valid", "invalid"} {
		data, err := os.ReadFile("testdata/" + name + "/typical.json")
		if err != nil {
			b.Fatal(err)
		}
		want := name == "valid" || !checks
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if bench(data) != want {
					b.Fatal("wrong verdict")
				}
			}
		})
	}
}

func BenchmarkStdlibUnmarshal(b *testing.B) {
	benchPayloads(b, false, func(data []byte) bool {
		var p plainAuthLink
		return json.Unmarshal(data, &p) == nil
	})
}

func BenchmarkValidate(b *testing.B) {
	benchPayloads(b, true, func(data []byte) bool { return Validate(data) == nil })
}

func BenchmarkDecode(b *testing.B) {
	benchPayloads(b, true, func(data []byte) bool {
		_, err := Decode(data)
		return err == nil
	})
}

func BenchmarkValidateStruct(b *testing.B) {
	data, err := os.ReadFile("testdata/valid/typical.json")
	if err != nil {
		b.Fatal(err)
	}
	link, err := Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("valid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := ValidateStruct(link); err != nil {
				b.Fatal(err)
			}
		}
	})
}
