// Package storetest holds the rules every authlinkhttp.Store follows, as
// one test that each implementation runs: the in-memory store in
// authlinkhttp's tests, the Redis store in redisstore's.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Short is a lease or retention that a test waits out: long enough that a
// busy machine does not see it end early, short enough to wait for.
const Short = 300 * time.Millisecond

// Key returns a key no other test uses, so that tests sharing a store (a
// Redis server) do not meet.
func Key(tb testing.TB) string {
	tb.Helper()
	var b [8]byte
	rand.Read(b[:])
	return tb.Name() + "/" + hex.EncodeToString(b[:])
}

// Run checks the rules of authlinkhttp.Store on the stores newStore
// returns; each call may return the same store or a new one.
func Run(t *testing.T, newStore func(t *testing.T) authlinkhttp.Store) {
	ctx := context.Background()
	const long = time.Hour

	t.Run("a free key is acquired, then in flight", func(t *testing.T) {
		s, key := newStore(t), Key(t)
		assertClaim(t, s, key, "a", long, authlinkhttp.ClaimAcquired)
		assertClaim(t, s, key, "b", long, authlinkhttp.ClaimInFlight)
		assertClaim(t, s, key, "a", long, authlinkhttp.ClaimInFlight) // a claim is not reentrant
	})

	t.Run("keys are independent", func(t *testing.T) {
		s, key := newStore(t), Key(t)
		assertClaim(t, s, key+"/1", "a", long, authlinkhttp.ClaimAcquired)
		assertClaim(t, s, key+"/2", "a", long, authlinkhttp.ClaimAcquired)
	})

	t.Run("a recorded key is processed", func(t *testing.T) {
		s, key := newStore(t), Key(t)
		assertClaim(t, s, key, "a", long, authlinkhttp.ClaimAcquired)
		require.NoError(t, s.Record(ctx, key, long))
		assertClaim(t, s, key, "b", long, authlinkhttp.ClaimProcessed)
		require.NoError(t, s.Release(ctx, key, "a"), "releasing a record is a no-op")
		assertClaim(t, s, key, "b", long, authlinkhttp.ClaimProcessed)
	})

	t.Run("a key is recorded without a claim", func(t *testing.T) {
		s, key := newStore(t), Key(t)
		require.NoError(t, s.Record(ctx, key, long))
		assertClaim(t, s, key, "a", long, authlinkhttp.ClaimProcessed)
	})

	t.Run("release frees the key for its holder only", func(t *testing.T) {
		s, key := newStore(t), Key(t)
		assertClaim(t, s, key, "a", long, authlinkhttp.ClaimAcquired)
		require.NoError(t, s.Release(ctx, key, "b"))
		assertClaim(t, s, key, "c", long, authlinkhttp.ClaimInFlight)
		require.NoError(t, s.Release(ctx, key, "a"))
		assertClaim(t, s, key, "c", long, authlinkhttp.ClaimAcquired)
	})

	t.Run("release of a free key is a no-op", func(t *testing.T) {
		s, key := newStore(t), Key(t)
		require.NoError(t, s.Release(ctx, key, "a"))
		assertClaim(t, s, key, "a", long, authlinkhttp.ClaimAcquired)
	})

	t.Run("a claim ends with its lease", func(t *testing.T) {
		t.Parallel()
		s, key := newStore(t), Key(t)
		assertClaim(t, s, key, "a", Short, authlinkhttp.ClaimAcquired)
		time.Sleep(2 * Short)
		assertClaim(t, s, key, "b", long, authlinkhttp.ClaimAcquired)
		require.NoError(t, s.Release(ctx, key, "a"), "the first holder's late release")
		assertClaim(t, s, key, "c", long, authlinkhttp.ClaimInFlight)
	})

	t.Run("a record ends with its retention", func(t *testing.T) {
		t.Parallel()
		s, key := newStore(t), Key(t)
		require.NoError(t, s.Record(ctx, key, Short))
		assertClaim(t, s, key, "a", long, authlinkhttp.ClaimProcessed)
		time.Sleep(2 * Short)
		assertClaim(t, s, key, "b", long, authlinkhttp.ClaimAcquired)
	})

	t.Run("long and odd keys", func(t *testing.T) {
		s, key := newStore(t), Key(t)
		long1 := key + strings.Repeat("x", 8<<10)
		long2 := key + strings.Repeat("x", 8<<10-1) + "y"
		assertClaim(t, s, long1, "a", long, authlinkhttp.ClaimAcquired)
		assertClaim(t, s, long2, "a", long, authlinkhttp.ClaimAcquired)
		odd := key + " \x00*?[\r\n\"é"
		assertClaim(t, s, odd, "a", long, authlinkhttp.ClaimAcquired)
		assertClaim(t, s, key+" \x00*?[\r\n\"e", "a", long, authlinkhttp.ClaimAcquired)
	})

	t.Run("of concurrent claims one is acquired", func(t *testing.T) {
		// Many rounds, so that a store that reads then writes, instead of
		// claiming in one step, loses a round.
		s := newStore(t)
		const rounds, n = 20, 32
		for round := range rounds {
			key := Key(t)
			results := make([]authlinkhttp.Claim, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range n {
				wg.Go(func() {
					<-start
					c, err := s.Claim(ctx, key, "t"+strconv.Itoa(i), long)
					assert.NoError(t, err)
					results[i] = c
				})
			}
			close(start)
			wg.Wait()
			counts := map[authlinkhttp.Claim]int{}
			for _, c := range results {
				counts[c]++
			}
			if !assert.Equal(t, map[authlinkhttp.Claim]int{authlinkhttp.ClaimAcquired: 1, authlinkhttp.ClaimInFlight: n - 1}, counts, "round %d", round) {
				return
			}
		}
	})
}

func assertClaim(t *testing.T, s authlinkhttp.Store, key, token string, lease time.Duration, want authlinkhttp.Claim) {
	t.Helper()
	got, err := s.Claim(context.Background(), key, token, lease)
	require.NoError(t, err)
	assert.Equal(t, want, got, "Claim(%.40q, %q)", key, token)
}
