package bench

import (
	"testing"

	"github.com/authlink-go/authlink"
)

// TestPeersAgree makes sure every peer is set up to apply the rules, in
// every profile: it must accept the valid payload and reject the invalid
// one, as authlink does, or its timing would measure nothing.
func TestPeersAgree(t *testing.T) {
	for _, p := range authlink.Profiles() {
		t.Run(p.String(), func(t *testing.T) {
			impls, err := Impls(p)
			if err != nil {
				t.Fatal(err)
			}
			payloads, err := Payloads(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, impl := range impls {
				if !impl.Check(payloads["valid"]) {
					t.Errorf("%s rejects the valid payload", impl.Name)
				}
				if impl.Checks && impl.Check(payloads["invalid"]) {
					t.Errorf("%s accepts the invalid payload", impl.Name)
				}
			}
		})
	}
}

// BenchmarkCheck times every implementation on the api profile's typical
// wire payload, and on the document profile's as …/profile=document.
func BenchmarkCheck(b *testing.B) {
	for _, p := range authlink.Profiles() {
		impls, err := Impls(p)
		if err != nil {
			b.Fatal(err)
		}
		payloads, err := Payloads(p)
		if err != nil {
			b.Fatal(err)
		}
		suffix := ""
		if p != authlink.ProfileAPI {
			suffix = "/profile=" + p.String()
		}
		for _, impl := range impls {
			for _, payload := range []string{"valid", "invalid"} {
				data := payloads[payload]
				want := payload == "valid" || !impl.Checks
				b.Run("impl="+impl.Name+"/payload="+payload+suffix, func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(data)))
					for b.Loop() {
						if impl.Check(data) != want {
							b.Fatal("wrong verdict")
						}
					}
				})
			}
		}
	}
}
