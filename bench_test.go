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

// benchPayloads are the typical payloads of the corpus: a valid auth link of
// about 700 bytes, and one with six rule violations.
func benchPayloads(b *testing.B) map[string][]byte {
	out := map[string][]byte{}
	for name, path := range map[string]string{"valid": "testdata/valid/typical.json", "invalid": "testdata/invalid/typical.json"} {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		out[name] = data
	}
	return out
}

func BenchmarkStdlibUnmarshal(b *testing.B) {
	for _, name := range []string{"valid", "invalid"} {
		data := benchPayloads(b)[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var p plainAuthLink
				if err := json.Unmarshal(data, &p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, name := range []string{"valid", "invalid"} {
		data := benchPayloads(b)[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := Validate(data); (err == nil) != (name == "valid") {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, name := range []string{"valid", "invalid"} {
		data := benchPayloads(b)[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(data); (err == nil) != (name == "valid") {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidateStruct(b *testing.B) {
	link, err := Decode(benchPayloads(b)["valid"])
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
