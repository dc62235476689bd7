package redisstore_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinkhttp/internal/storetest"
	"github.com/authlink-go/authlink/authlinkhttp/redisstore"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// redisClient connects to the server at REDIS_ADDR. Without one the test
// is skipped, unless AUTHLINK_REQUIRE_REDIS=1 (as .ci/run sets it) makes
// that a failure.
func redisClient(t *testing.T) *redis.Client {
	t.Helper()
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		msg := "REDIS_ADDR is not set: this test needs a Redis server. Start one with " +
			"`redis-server --port 6390 --save '' --appendonly no` and run " +
			"`REDIS_ADDR=127.0.0.1:6390 go test -run Redis ./authlinkhttp/...` (.ci/run does this)"
		if os.Getenv("AUTHLINK_REQUIRE_REDIS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { rdb.Close() })
	require.NoError(t, rdb.Ping(context.Background()).Err(), "REDIS_ADDR=%s does not answer PING", addr)
	return rdb
}

// prefix returns a key prefix of the test's own, and deletes its keys when
// the test ends, so that tests sharing one server do not meet.
func prefix(t *testing.T, rdb *redis.Client) string {
	var b [8]byte
	rand.Read(b[:])
	p := "authlinktest:" + hex.EncodeToString(b[:]) + ":"
	t.Cleanup(func() {
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, p+"*", 100).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
	})
	return p
}

func TestRedisStore(t *testing.T) {
	rdb := redisClient(t)
	store := &redisstore.Store{Client: rdb, Prefix: prefix(t, rdb)}
	storetest.Run(t, func(*testing.T) authlinkhttp.Store { return store })
}

// TestRedisStoreKeys checks where a Store writes: Prefix and the delivery
// key, DefaultPrefix without one, with the lease and then the retention as
// expiry.
func TestRedisStoreKeys(t *testing.T) {
	rdb := redisClient(t)
	ctx := context.Background()
	key := storetest.Key(t)
	t.Cleanup(func() { rdb.Del(ctx, redisstore.DefaultPrefix+key) })
	for _, tt := range []struct {
		name   string
		prefix string
		stored string
	}{
		{"own prefix", prefix(t, rdb), ""},
		{"default prefix", "", redisstore.DefaultPrefix},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.stored == "" {
				tt.stored = tt.prefix
			}
			s := &redisstore.Store{Client: rdb, Prefix: tt.prefix}
			c, err := s.Claim(ctx, key, "tok", time.Minute)
			require.NoError(t, err)
			require.Equal(t, authlinkhttp.ClaimAcquired, c)
			ttl, err := rdb.PTTL(ctx, tt.stored+key).Result()
			require.NoError(t, err)
			assert.InDelta(t, time.Minute, ttl, float64(5*time.Second), "the lease")
			require.NoError(t, s.Record(ctx, key, 24*time.Hour))
			ttl, err = rdb.PTTL(ctx, tt.stored+key).Result()
			require.NoError(t, err)
			assert.InDelta(t, 24*time.Hour, ttl, float64(5*time.Second), "the retention")
		})
	}
}

// TestRedisStoreUnreachable checks that a Store whose Redis cannot be
// reached, or that has no Client, reports an error on every call. It needs
// no server.
func TestRedisStoreUnreachable(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name  string
		store *redisstore.Store
		want  string
	}{
		{"nothing listens", &redisstore.Store{Client: deadClient(t)}, "redisstore: claim: "},
		{"no client", &redisstore.Store{}, "redisstore: Store has no Client"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.store.Claim(ctx, "k", "t", time.Minute)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Error(t, tt.store.Record(ctx, "k", time.Minute))
			assert.Error(t, tt.store.Release(ctx, "k", "t"))
		})
	}
}

// deadClient returns a client of an address where nothing listens.
func deadClient(t *testing.T) *redis.Client {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close()
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: time.Second, DialerRetries: 1})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// TestRedisWebhookUnreachable checks that a webhook whose Redis cannot be
// reached fails closed: 503, the callback not run, the error logged. It
// needs no server.
func TestRedisWebhookUnreachable(t *testing.T) {
	var logs bytes.Buffer
	var calls atomic.Int32
	var reasons []authlinkhttp.Reason
	hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{
		Config:  authlinkhttp.Config{OnReject: func(_ *http.Request, p *authlinkhttp.Problem) { reasons = append(reasons, p.Reason) }},
		Scheme:  authlinkhttp.SchemeStackOne,
		Secrets: []string{stackOneSecret},
		Store:   &redisstore.Store{Client: deadClient(t)},
		Logger:  slog.New(slog.NewTextHandler(&logs, nil)),
	}, func(context.Context, *authlink.AuthLink) error { calls.Add(1); return nil })
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	hook.ServeHTTP(rec, stackOneDelivery(t, "/", authlinktest.FixtureJSON()))
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
	assert.Zero(t, calls.Load(), "nothing processed")
	assert.Contains(t, logs.String(), "redisstore: claim")
	assert.Equal(t, []authlinkhttp.Reason{authlinkhttp.ReasonStoreUnavailable}, reasons)
}

const stackOneSecret = "stackone-webhook-secret-for-tests"

func stackOneDelivery(t *testing.T, url string, body []byte) *http.Request {
	t.Helper()
	r, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	require.NoError(t, err)
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(authlinkhttp.StackOneSignatureHeader, authlinkhttp.SignHMAC(stackOneSecret, body, authlinkhttp.SignatureEncodingBase64URL))
	return r
}

const standardSecret = "whsec_c2VjcmV0LW9uZS1mb3ItdGVzdHMtMDEyMzQ1"

// replicas starts two webhook servers, each with its own Redis client on
// the one server, as two replicas behind a load balancer would run. Every
// callback goes through callback.
func replicas(t *testing.T, scheme authlinkhttp.Scheme, callback func(context.Context, *authlink.AuthLink) error) [2]*httptest.Server {
	rdb := redisClient(t)
	p := prefix(t, rdb)
	var srvs [2]*httptest.Server
	for i := range srvs {
		own := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
		t.Cleanup(func() { own.Close() })
		secret := standardSecret
		if scheme == authlinkhttp.SchemeStackOne {
			secret = stackOneSecret
		}
		hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{
			Scheme: scheme, Secrets: []string{secret},
			Store:  &redisstore.Store{Client: own, Prefix: p},
			Logger: slog.New(slog.DiscardHandler),
		}, callback)
		require.NoError(t, err)
		srvs[i] = httptest.NewServer(hook)
		t.Cleanup(srvs[i].Close)
	}
	return srvs
}

// delivery returns a function that builds the same signed delivery for
// any URL, as a sender's retry would send it again.
func delivery(t *testing.T, scheme authlinkhttp.Scheme) func(url string) *http.Request {
	body := authlinktest.FixtureJSON()
	if scheme == authlinkhttp.SchemeStackOne {
		return func(url string) *http.Request { return stackOneDelivery(t, url, body) }
	}
	first, err := authlinkhttp.NewSignedRequest("http://x", standardSecret, body)
	require.NoError(t, err)
	return func(url string) *http.Request {
		r, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		require.NoError(t, err)
		r.Header = first.Header.Clone()
		return r
	}
}

func send(t *testing.T, r *http.Request) int {
	t.Helper()
	resp, err := http.DefaultClient.Do(r)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// TestRedisTwoReplicas sends one delivery to one replica, then again to
// the other: the second is acknowledged without running the callback. A
// delivery that failed on one replica runs again on the other.
func TestRedisTwoReplicas(t *testing.T) {
	for _, scheme := range []authlinkhttp.Scheme{authlinkhttp.SchemeStandard, authlinkhttp.SchemeStackOne} {
		t.Run(scheme.String(), func(t *testing.T) {
			var calls atomic.Int32
			var fail atomic.Bool
			srvs := replicas(t, scheme, func(context.Context, *authlink.AuthLink) error {
				calls.Add(1)
				if fail.Load() {
					return errors.New("database down")
				}
				return nil
			})
			deliver := delivery(t, scheme)

			fail.Store(true)
			assert.Equal(t, 500, send(t, deliver(srvs[0].URL)), "the first attempt fails")
			fail.Store(false)
			assert.Equal(t, 204, send(t, deliver(srvs[1].URL)), "the retry runs on the other replica")
			assert.Equal(t, 204, send(t, deliver(srvs[0].URL)), "a replay on the first")
			assert.Equal(t, 204, send(t, deliver(srvs[1].URL)), "a replay on the second")
			assert.Equal(t, int32(2), calls.Load(), "the failed attempt and the retry; no replay")
		})
	}
}

// TestRedisTwoReplicasConcurrent sends one delivery to both replicas at
// once, several times each, while the first callback is still running:
// exactly one callback runs, every other copy gets 409, and once the
// callback is done every copy gets 204.
func TestRedisTwoReplicasConcurrent(t *testing.T) {
	for _, scheme := range []authlinkhttp.Scheme{authlinkhttp.SchemeStandard, authlinkhttp.SchemeStackOne} {
		t.Run(scheme.String(), func(t *testing.T) {
			var calls atomic.Int32
			started, finish := make(chan struct{}), make(chan struct{})
			srvs := replicas(t, scheme, func(context.Context, *authlink.AuthLink) error {
				if calls.Add(1) == 1 { // only the first waits, so that a store that lets more through fails the test, not hangs it
					close(started)
					<-finish
				}
				return nil
			})
			var release sync.Once
			letGo := func() { release.Do(func() { close(finish) }) }
			t.Cleanup(letGo) // before the servers close, should the test fail early
			deliver := delivery(t, scheme)
			const copies = 8 // per replica
			statuses := make([]atomic.Int32, 2*copies)
			var wg sync.WaitGroup
			begin := make(chan struct{})
			for i := range statuses {
				wg.Go(func() {
					<-begin
					statuses[i].Store(int32(send(t, deliver(srvs[i%2].URL))))
				})
			}
			close(begin)
			<-started
			// Every copy but the one whose callback waits has been answered
			// before the callback is let go.
			require.Eventually(t, func() bool {
				n := 0
				for i := range statuses {
					if statuses[i].Load() == 0 {
						n++
					}
				}
				return n == 1
			}, 10*time.Second, 10*time.Millisecond)
			letGo()
			wg.Wait()
			counts := map[int32]int{}
			for i := range statuses {
				counts[statuses[i].Load()]++
			}
			assert.Equal(t, map[int32]int{204: 1, 409: 2*copies - 1}, counts)
			assert.Equal(t, int32(1), calls.Load())
			assert.Equal(t, 204, send(t, deliver(srvs[0].URL)))
			assert.Equal(t, 204, send(t, deliver(srvs[1].URL)))
			assert.Equal(t, int32(1), calls.Load())
		})
	}
}
