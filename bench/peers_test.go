package bench

import (
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPeersAgree makes sure every peer gives the verdict BenchmarkCheck
// expects of it, in every profile, or its timing would measure nothing: a
// peer that applies the rules accepts the valid payload and rejects the
// invalid one, as authlink does; one that only reads (a syntax check, a
// decoder into a plain struct) accepts both, since both are well-formed;
// and every peer rejects a payload cut in half.
func TestPeersAgree(t *testing.T) {
	for _, p := range authlink.Profiles() {
		t.Run(p.String(), func(t *testing.T) {
			impls, err := Impls(p)
			require.NoError(t, err)
			payloads, err := Payloads(p)
			require.NoError(t, err)
			valid := payloads["valid"]
			cases := []struct {
				name string
				data []byte
				want func(Impl) bool
			}{
				{"accepts the valid payload", valid, func(Impl) bool { return true }},
				{"the invalid payload: rejected if it checks the rules, else accepted", payloads["invalid"], func(i Impl) bool { return !i.Checks }},
				{"rejects malformed JSON", valid[:len(valid)/2], func(Impl) bool { return false }},
			}
			for _, impl := range impls {
				for _, c := range cases {
					assert.Equal(t, c.want(impl), impl.Check(c.data), "%s: %s", impl.Name, c.name)
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
