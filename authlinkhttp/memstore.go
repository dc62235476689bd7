package authlinkhttp

import (
	"container/list"
	"context"
	"crypto/sha256"
	"errors"
	"sync"
	"time"
)

// DefaultMaxEntries is the default bound of a MemoryStore.
const DefaultMaxEntries = 100_000

// errStoreFull is MemoryStore.Claim's error when every entry is a claim
// in flight.
var errStoreFull = errors.New("authlinkhttp: memory store is full of deliveries in flight")

// MemoryStore is a Store in this process's memory, the default of a Webhook
// (each Webhook then has its own). It protects one replica; receivers on
// several replicas need a shared store (see the redisstore package).
//
// It is bounded: keys are kept as their SHA-256 digests, so that every
// entry takes the same room (about 200 bytes) whatever the key's length,
// and there are at most MaxEntries of them. Entries expire after their
// lease or retention. When a new claim finds it full, the oldest record is
// dropped, which shortens the protection of that delivery but never stops
// processing; when only claims in flight remain, Claim fails and the
// Webhook answers 503.
//
// The zero value is ready to use with the default bound. A MemoryStore is
// safe for concurrent use by multiple goroutines and must not be copied
// after first use.
type MemoryStore struct {
	// MaxEntries bounds the keys held, claims and records together.
	// Default (zero or less) DefaultMaxEntries, at most about 20 MB.
	MaxEntries int

	mu      sync.Mutex
	entries map[[sha256.Size]byte]*memEntry
	records list.List // the records' entries, oldest first
	now     func() time.Time
}

// memEntry is a claim (token set, elem nil) or a record (elem set).
type memEntry struct {
	key     [sha256.Size]byte
	token   string
	expires time.Time
	elem    *list.Element
}

// Claim implements Store.
func (s *MemoryStore) Claim(_ context.Context, key, token string, lease time.Duration) (Claim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	s.expire(now)
	k := sha256.Sum256([]byte(key))
	if e := s.live(k, now); e != nil {
		if e.elem != nil {
			return ClaimProcessed, nil
		}
		return ClaimInFlight, nil
	}
	if !s.makeRoom(now) {
		return 0, errStoreFull
	}
	s.entries[k] = &memEntry{key: k, token: token, expires: now.Add(lease)}
	return ClaimAcquired, nil
}

// Record implements Store.
func (s *MemoryStore) Record(_ context.Context, key string, retention time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	s.expire(now)
	k := sha256.Sum256([]byte(key))
	e := s.live(k, now)
	switch {
	case e == nil:
		if !s.makeRoom(now) {
			return errStoreFull
		}
		e = &memEntry{key: k}
		s.entries[k] = e
	case e.elem != nil:
		s.records.Remove(e.elem)
	}
	e.token, e.expires = "", now.Add(retention)
	e.elem = s.records.PushBack(e)
	return nil
}

// Release implements Store.
func (s *MemoryStore) Release(_ context.Context, key, token string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sha256.Sum256([]byte(key))
	if e, ok := s.entries[k]; ok && e.elem == nil && e.token == token {
		delete(s.entries, k)
	}
	return nil
}

// Len returns the number of keys held, claims and records, expired ones
// included until they are swept.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

func (s *MemoryStore) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

// live returns the unexpired entry of k, dropping an expired one.
func (s *MemoryStore) live(k [sha256.Size]byte, now time.Time) *memEntry {
	e, ok := s.entries[k]
	if !ok {
		return nil
	}
	if now.Before(e.expires) {
		return e
	}
	s.drop(e)
	return nil
}

// expire drops the expired records at the front of the list: with one
// retention for all, the list is in order of expiry.
func (s *MemoryStore) expire(now time.Time) {
	for f := s.records.Front(); f != nil; f = s.records.Front() {
		e := f.Value.(*memEntry)
		if now.Before(e.expires) {
			return
		}
		s.drop(e)
	}
}

// makeRoom makes room for one more entry: it drops the oldest record if
// the store is full, or, failing records, the expired claims. It reports
// whether there is room.
func (s *MemoryStore) makeRoom(now time.Time) bool {
	if s.entries == nil {
		s.entries = make(map[[sha256.Size]byte]*memEntry)
	}
	max := s.MaxEntries
	if max <= 0 {
		max = DefaultMaxEntries
	}
	if len(s.entries) < max {
		return true
	}
	if f := s.records.Front(); f != nil {
		s.drop(f.Value.(*memEntry))
		return true
	}
	for _, e := range s.entries {
		if !now.Before(e.expires) {
			s.drop(e)
		}
	}
	return len(s.entries) < max
}

func (s *MemoryStore) drop(e *memEntry) {
	delete(s.entries, e.key)
	if e.elem != nil {
		s.records.Remove(e.elem)
		e.elem = nil
	}
}
