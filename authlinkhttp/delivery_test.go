package authlinkhttp

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scriptedStore is a MemoryStore whose calls are recorded and may be made
// to fail.
type scriptedStore struct {
	MemoryStore
	claimErr, recordErr, releaseErr error

	mu                       sync.Mutex
	keys                     []string
	leases, retentions       []time.Duration
	claims, records, release int
}

func (s *scriptedStore) Claim(ctx context.Context, key, token string, lease time.Duration) (Claim, error) {
	s.mu.Lock()
	s.claims++
	s.keys, s.leases = append(s.keys, key), append(s.leases, lease)
	s.mu.Unlock()
	if s.claimErr != nil {
		return 0, s.claimErr
	}
	return s.MemoryStore.Claim(ctx, key, token, lease)
}

func (s *scriptedStore) Record(ctx context.Context, key string, retention time.Duration) error {
	s.mu.Lock()
	s.records++
	s.retentions = append(s.retentions, retention)
	s.mu.Unlock()
	if s.recordErr != nil {
		return s.recordErr
	}
	return s.MemoryStore.Record(ctx, key, retention)
}

func (s *scriptedStore) Release(ctx context.Context, key, token string) error {
	s.mu.Lock()
	s.release++
	s.mu.Unlock()
	if s.releaseErr != nil {
		return s.releaseErr
	}
	return s.MemoryStore.Release(ctx, key, token)
}

// hookFixture is a Standard Webhooks receiver with a scripted store, its
// logs and the reasons OnReject saw.
type hookFixture struct {
	h       http.Handler
	store   *scriptedStore
	logs    bytes.Buffer
	mu      sync.Mutex
	reasons []Reason
	calls   atomic.Int32
}

func newHook(t *testing.T, cfg WebhookConfig, callback func(context.Context, *authlink.AuthLink) error) *hookFixture {
	t.Helper()
	f := &hookFixture{store: &scriptedStore{}}
	if cfg.Store == nil {
		cfg.Store = f.store
	}
	if cfg.Secrets == nil {
		cfg.Secrets = []string{newSecret}
	}
	cfg.Logger = slog.New(slog.NewTextHandler(&f.logs, nil))
	cfg.OnReject = func(_ *http.Request, p *Problem) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.reasons = append(f.reasons, p.Reason)
	}
	h, err := Webhook(cfg, func(ctx context.Context, link *authlink.AuthLink) error {
		f.calls.Add(1)
		return callback(ctx, link)
	})
	require.NoError(t, err)
	f.h = h
	return f
}

func (f *hookFixture) serve(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// signed returns a Standard Webhooks delivery of the valid fixture with id.
func signed(t *testing.T, id string) *http.Request {
	return standardRequest(t, "/", newSecret, id, time.Now(), authlinktest.FixtureJSON())
}

// TestWebhookDuplicates checks that a delivery processed once is
// acknowledged, without running the callback, however often it comes
// back, and that a delivery that failed runs again.
func TestWebhookDuplicates(t *testing.T) {
	fail := errors.New("database down")
	tests := []struct {
		name    string
		results []error // what the callback returns, call after call
		sends   int
		status  []int
		calls   int32
		reasons []Reason
	}{
		{"processed once, then replayed", []error{nil}, 3, []int{204, 204, 204}, 1, []Reason{ReasonReplayed, ReasonReplayed}},
		{"a failure is retried", []error{fail, nil}, 3, []int{500, 204, 204}, 2, []Reason{ReasonCallbackFailed, ReasonReplayed}},
		{"a rejection is retried", []error{Reject(422, "too old"), Reject(422, "too old")}, 2, []int{422, 422}, 2, []Reason{ReasonRejected, ReasonRejected}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			f := newHook(t, WebhookConfig{}, func(context.Context, *authlink.AuthLink) error {
				return tt.results[n.Add(1)-1]
			})
			req := signed(t, "msg_dup")
			var status []int
			for range tt.sends {
				r := req.Clone(context.Background())
				r.Body = nopCloser(authlinktest.FixtureJSON())
				status = append(status, f.serve(r).Code)
			}
			assert.Equal(t, tt.status, status)
			assert.Equal(t, tt.calls, f.calls.Load())
			assert.Equal(t, tt.reasons, f.reasons)
			assert.Equal(t, "webhook-id:msg_dup", f.store.keys[0], "the key of Standard Webhooks is the webhook-id")
		})
	}
}

// TestWebhookConcurrentDuplicates sends one delivery many times at once:
// one callback runs, the copies that arrive while it runs get 409, and the
// copies after it 204.
func TestWebhookConcurrentDuplicates(t *testing.T) {
	started, finish := make(chan struct{}), make(chan struct{})
	var n atomic.Int32
	f := newHook(t, WebhookConfig{Store: &MemoryStore{}}, func(context.Context, *authlink.AuthLink) error {
		if n.Add(1) == 1 { // only the first waits, so that a store that lets more through fails the test, not hangs it
			close(started)
			<-finish
		}
		return nil
	})
	srv := httptest.NewServer(f.h)
	defer srv.Close()
	var release sync.Once
	letGo := func() { release.Do(func() { close(finish) }) }
	defer letGo() // before the server closes, should the test fail early
	req := standardRequest(t, srv.URL, newSecret, "msg_concurrent", time.Now(), authlinktest.FixtureJSON())
	send := func() int {
		r := req.Clone(context.Background())
		r.Body = nopCloser(authlinktest.FixtureJSON())
		resp, _ := do(t, r)
		return resp.StatusCode
	}
	first := make(chan int)
	go func() { first <- send() }()
	<-started
	const copies = 16
	statuses := make([]int, copies)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Go(func() { statuses[i] = send() })
	}
	wg.Wait()
	for _, s := range statuses {
		assert.Equal(t, http.StatusConflict, s)
	}
	letGo()
	assert.Equal(t, 204, <-first)
	assert.Equal(t, 204, send())
	assert.Equal(t, int32(1), f.calls.Load())
	f.mu.Lock()
	defer f.mu.Unlock()
	assert.Len(t, f.reasons, copies+1)
	assert.Equal(t, ReasonInFlight, f.reasons[0])
	assert.Equal(t, ReasonReplayed, f.reasons[copies])
}

// TestWebhookStoreFailures checks that the webhook fails closed when the
// store cannot say whether a delivery is new (503, nothing processed, the
// error logged), and that a store failing after the callback ran is
// logged without failing the delivery.
func TestWebhookStoreFailures(t *testing.T) {
	down := errors.New("store down")
	tests := []struct {
		name     string
		store    *scriptedStore
		callback error
		status   int
		calls    int32
		reasons  []Reason
		logged   string
	}{
		{"claim fails", &scriptedStore{claimErr: down}, nil, 503, 0, []Reason{ReasonStoreUnavailable}, "delivery not processed"},
		{"record fails", &scriptedStore{recordErr: down}, nil, 204, 1, nil, "failed to record a processed delivery"},
		{"release fails", &scriptedStore{releaseErr: down}, errors.New("callback failed"), 500, 1, []Reason{ReasonCallbackFailed}, "failed to release a claim"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newHook(t, WebhookConfig{Store: tt.store}, func(context.Context, *authlink.AuthLink) error { return tt.callback })
			w := f.serve(signed(t, "msg_store"))
			assert.Equal(t, tt.status, w.Code)
			assert.Equal(t, tt.calls, f.calls.Load())
			assert.Equal(t, tt.reasons, f.reasons)
			assert.Contains(t, f.logs.String(), tt.logged)
			assert.Contains(t, f.logs.String(), "store down")
			assert.NotContains(t, w.Body.String(), "store down")
			if tt.status == 503 {
				assert.Equal(t, "application/problem+json", w.Header().Get("Content-Type"))
				p := Problem{}
				require.NoError(t, jsonUnmarshal(w.Body.String(), &p))
				assert.Equal(t, TypeUnavailable, p.Type)
			}
		})
	}
}

// TestWebhookRetentionAndLease checks what the store is told: the lease,
// and a retention of twice the tolerance (at least) for Standard Webhooks,
// DefaultRetention (or the one set) for the HMAC schemes.
func TestWebhookRetentionAndLease(t *testing.T) {
	body := authlinktest.FixtureJSON()
	standard := func(t *testing.T) *http.Request { return signed(t, "msg_retention") }
	stackOne := func(t *testing.T) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set(StackOneSignatureHeader, SignHMAC("key", body, SignatureEncodingBase64URL))
		return r
	}
	tests := []struct {
		name      string
		cfg       WebhookConfig
		req       func(*testing.T) *http.Request
		lease     time.Duration
		retention time.Duration
	}{
		{"standard, defaults", WebhookConfig{}, standard, time.Minute, 10 * time.Minute},
		{"standard, tolerance", WebhookConfig{Tolerance: time.Hour}, standard, time.Minute, 2 * time.Hour},
		{"standard, longer retention", WebhookConfig{Retention: 48 * time.Hour}, standard, time.Minute, 48 * time.Hour},
		{"standard, shorter retention", WebhookConfig{Retention: time.Minute}, standard, time.Minute, 10 * time.Minute},
		{"stackone, defaults", WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"key"}}, stackOne, time.Minute, 24 * time.Hour},
		{"stackone, retention", WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"key"}, Retention: 7 * 24 * time.Hour}, stackOne, time.Minute, 7 * 24 * time.Hour},
		{"stackone, lease", WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"key"}, Lease: 5 * time.Minute}, stackOne, 5 * time.Minute, 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var deadline time.Duration
			f := newHook(t, tt.cfg, func(ctx context.Context, _ *authlink.AuthLink) error {
				d, ok := ctx.Deadline()
				require.True(t, ok, "the callback's context ends with the lease")
				deadline = time.Until(d)
				return nil
			})
			require.Equal(t, 204, f.serve(tt.req(t)).Code)
			assert.Equal(t, []time.Duration{tt.lease}, f.store.leases)
			assert.Equal(t, []time.Duration{tt.retention}, f.store.retentions)
			assert.InDelta(t, tt.lease, deadline, float64(time.Second))
		})
	}
}
