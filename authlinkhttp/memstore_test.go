package authlinkhttp

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeClock is a MemoryStore's clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClockedStore(max int) (*MemoryStore, *fakeClock) {
	c := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	return &MemoryStore{MaxEntries: max, now: c.now}, c
}

func claim(t *testing.T, s *MemoryStore, key, token string, lease time.Duration) Claim {
	t.Helper()
	c, err := s.Claim(context.Background(), key, token, lease)
	require.NoError(t, err)
	return c
}

// TestMemoryStoreBound checks that the store never holds more than
// MaxEntries keys: a new claim drops the oldest record, expired entries
// make room first, and a store full of claims in flight refuses a new one.
func TestMemoryStoreBound(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		run  func(t *testing.T, s *MemoryStore, c *fakeClock)
	}{
		{"a new claim drops the oldest record", func(t *testing.T, s *MemoryStore, c *fakeClock) {
			for i := range 3 {
				require.NoError(t, s.Record(ctx, "r"+strconv.Itoa(i), time.Hour))
				c.advance(time.Second)
			}
			assert.Equal(t, ClaimAcquired, claim(t, s, "new", "t", time.Minute))
			assert.Equal(t, 3, s.Len())
			assert.Equal(t, ClaimAcquired, claim(t, s, "r0", "t", time.Minute), "the oldest was dropped")
			assert.Equal(t, 3, s.Len())
			assert.Equal(t, ClaimProcessed, claim(t, s, "r2", "t", time.Minute), "the newest is kept")
		}},
		{"a new record drops the oldest record", func(t *testing.T, s *MemoryStore, c *fakeClock) {
			for i := range 4 {
				require.NoError(t, s.Record(ctx, "r"+strconv.Itoa(i), time.Hour))
			}
			assert.Equal(t, 3, s.Len())
			assert.Equal(t, ClaimAcquired, claim(t, s, "r0", "t", time.Minute))
		}},
		{"a record refreshed moves to the back", func(t *testing.T, s *MemoryStore, c *fakeClock) {
			for i := range 3 {
				require.NoError(t, s.Record(ctx, "r"+strconv.Itoa(i), time.Hour))
			}
			require.NoError(t, s.Record(ctx, "r0", time.Hour))
			require.NoError(t, s.Record(ctx, "r3", time.Hour))
			assert.Equal(t, ClaimProcessed, claim(t, s, "r0", "t", time.Minute))
			assert.Equal(t, ClaimAcquired, claim(t, s, "r1", "t", time.Minute), "r1 was the oldest")
		}},
		{"full of claims in flight", func(t *testing.T, s *MemoryStore, c *fakeClock) {
			for i := range 3 {
				require.Equal(t, ClaimAcquired, claim(t, s, "c"+strconv.Itoa(i), "t", time.Minute))
			}
			_, err := s.Claim(ctx, "new", "t", time.Minute)
			assert.EqualError(t, err, "authlinkhttp: memory store is full of deliveries in flight")
			assert.EqualError(t, s.Record(ctx, "new", time.Hour), "authlinkhttp: memory store is full of deliveries in flight")
			assert.Equal(t, ClaimInFlight, claim(t, s, "c1", "u", time.Minute), "the claims are kept")
			require.NoError(t, s.Record(ctx, "c1", time.Hour), "a claim becomes a record in place")
			assert.Equal(t, ClaimAcquired, claim(t, s, "new", "t", time.Minute), "the record made room")
		}},
		{"expired claims make room", func(t *testing.T, s *MemoryStore, c *fakeClock) {
			for i := range 3 {
				require.Equal(t, ClaimAcquired, claim(t, s, "c"+strconv.Itoa(i), "t", time.Minute))
			}
			c.advance(time.Minute)
			assert.Equal(t, ClaimAcquired, claim(t, s, "new", "t", time.Minute))
			assert.Equal(t, 1, s.Len())
		}},
		{"expired records are swept", func(t *testing.T, s *MemoryStore, c *fakeClock) {
			require.NoError(t, s.Record(ctx, "r0", time.Hour))
			require.NoError(t, s.Record(ctx, "r1", time.Hour))
			c.advance(time.Hour)
			assert.Equal(t, ClaimAcquired, claim(t, s, "c", "t", time.Minute))
			assert.Equal(t, 1, s.Len())
		}},
		{"an entry lives until its expiry", func(t *testing.T, s *MemoryStore, c *fakeClock) {
			require.NoError(t, s.Record(ctx, "r", time.Hour))
			c.advance(time.Hour - time.Nanosecond)
			assert.Equal(t, ClaimProcessed, claim(t, s, "r", "t", time.Minute))
			c.advance(time.Nanosecond)
			assert.Equal(t, ClaimAcquired, claim(t, s, "r", "t", time.Minute))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := newClockedStore(3)
			tt.run(t, s, c)
		})
	}
}

func TestMemoryStoreDefaultBound(t *testing.T) {
	s, _ := newClockedStore(0)
	for i := range DefaultMaxEntries + 10 {
		require.NoError(t, s.Record(context.Background(), strconv.Itoa(i), time.Hour))
	}
	assert.Equal(t, DefaultMaxEntries, s.Len())
}

// TestMemoryStoreEntrySize checks that an entry takes the same room
// whatever its key's length, within the documented 200 bytes or so.
func TestMemoryStoreEntrySize(t *testing.T) {
	const n = 20_000
	long := strings.Repeat("k", 4<<10)
	keys := make([]string, n)
	for i := range keys {
		keys[i] = long + strconv.Itoa(i)
	}
	var before, after runtime.MemStats
	s := &MemoryStore{}
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, k := range keys {
		require.NoError(t, s.Record(context.Background(), k, time.Hour))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perEntry := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / n
	t.Logf("%d bytes per entry", perEntry)
	assert.Less(t, perEntry, int64(250), "keys of 4 KiB are kept as digests")
	runtime.KeepAlive(keys)
	runtime.KeepAlive(s)
}

func TestClaimString(t *testing.T) {
	for c, want := range map[Claim]string{ClaimAcquired: "acquired", ClaimInFlight: "in-flight", ClaimProcessed: "processed", Claim(7): "Claim(7)"} {
		assert.Equal(t, want, c.String())
	}
}
