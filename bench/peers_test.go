package bench

import "testing"

// TestPeersAgree makes sure every peer is set up to apply the rules: it must
// accept the valid payload and reject the invalid one, or its timing would
// measure nothing.
func TestPeersAgree(t *testing.T) {
	impls, err := Impls()
	if err != nil {
		t.Fatal(err)
	}
	payloads, err := Payloads()
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
}

func BenchmarkCheck(b *testing.B) {
	impls, err := Impls()
	if err != nil {
		b.Fatal(err)
	}
	payloads, err := Payloads()
	if err != nil {
		b.Fatal(err)
	}
	for _, impl := range impls {
		for _, payload := range []string{"valid", "invalid"} {
			data := payloads[payload]
			want := payload == "valid" || !impl.Checks
			b.Run("impl="+impl.Name+"/payload="+payload, func(b *testing.B) {
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
