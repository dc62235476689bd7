// Package redisstore keeps the deliveries of authlinkhttp webhooks in
// Redis, so that receivers on several replicas behind a load balancer run
// the callback once per delivery: a retry or a replay that reaches another
// replica is acknowledged there without running it again, and two
// replicas that receive one delivery at once do not both run it.
//
//	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
//	hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{
//		Scheme:  authlinkhttp.SchemeStackOne,
//		Secrets: []string{os.Getenv("STACKONE_WEBHOOK_SECRET")},
//		Store:   &redisstore.Store{Client: rdb},
//	}, save)
//
// Each claim is one atomic SET with NX and an expiry, so any Redis from
// 2.6.12 on serves, a cluster included (every operation touches one key).
// If Redis cannot be reached, the webhook answers 503 and processes
// nothing. It lives in a package of its own so that programs that do not
// use it do not link the Redis client.
package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/redis/go-redis/v9"
)

// DefaultPrefix is the default prefix of the keys a Store writes.
const DefaultPrefix = "authlink:webhook:"

// The values of a key: a claim is claimValue and its holder's token, a
// processed delivery processedValue.
const (
	claimValue     = "claim:"
	processedValue = "processed"
)

// release deletes a claim only if its holder's token still holds it, in
// one step: a claim whose lease ended may belong to another delivery now.
var release = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)

// Store is an authlinkhttp.Store on Redis. Its key for a delivery is
// Prefix and the webhook's delivery key (the webhook-id, or the
// signature), and lives for the lease while the delivery is processed,
// then for the retention.
//
// Client is required: the zero value fails every call, and so the webhook
// answers 503. A Store is safe for concurrent use by multiple goroutines,
// as its Client is.
type Store struct {
	// Client talks to Redis: a *redis.Client, *redis.ClusterClient,
	// *redis.Ring, or any other redis.Cmdable. Its timeouts bound how
	// long a delivery waits for Redis before it is answered 503.
	Client redis.Cmdable

	// Prefix starts every key, to keep the deliveries apart from other
	// data and each sender's apart from another's. Default (empty)
	// DefaultPrefix.
	Prefix string
}

var _ authlinkhttp.Store = (*Store)(nil)

// Claim implements authlinkhttp.Store with SET NX and the lease as expiry;
// when the key exists, a GET says whether it is a claim or a record.
func (s *Store) Claim(ctx context.Context, key, token string, lease time.Duration) (authlinkhttp.Claim, error) {
	if s.Client == nil {
		return 0, errNoClient
	}
	k := s.key(key)
	// A key that expires between SET NX and GET is claimed on the next
	// round; after three, something else keeps taking it.
	for range 3 {
		ok, err := s.Client.SetNX(ctx, k, claimValue+token, lease).Result()
		if err != nil {
			return 0, fmt.Errorf("redisstore: claim: %w", err)
		}
		if ok {
			return authlinkhttp.ClaimAcquired, nil
		}
		v, err := s.Client.Get(ctx, k).Result()
		switch {
		case errors.Is(err, redis.Nil):
			continue
		case err != nil:
			return 0, fmt.Errorf("redisstore: claim: %w", err)
		case v == processedValue:
			return authlinkhttp.ClaimProcessed, nil
		}
		return authlinkhttp.ClaimInFlight, nil
	}
	return authlinkhttp.ClaimInFlight, nil
}

// Record implements authlinkhttp.Store with a SET that replaces the claim.
func (s *Store) Record(ctx context.Context, key string, retention time.Duration) error {
	if s.Client == nil {
		return errNoClient
	}
	if err := s.Client.Set(ctx, s.key(key), processedValue, retention).Err(); err != nil {
		return fmt.Errorf("redisstore: record: %w", err)
	}
	return nil
}

// Release implements authlinkhttp.Store with a script that deletes the key
// only while token's claim holds it.
func (s *Store) Release(ctx context.Context, key, token string) error {
	if s.Client == nil {
		return errNoClient
	}
	if err := release.Run(ctx, s.Client, []string{s.key(key)}, claimValue+token).Err(); err != nil {
		return fmt.Errorf("redisstore: release: %w", err)
	}
	return nil
}

var errNoClient = errors.New("redisstore: Store has no Client")

func (s *Store) key(key string) string {
	if s.Prefix == "" {
		return DefaultPrefix + key
	}
	return s.Prefix + key
}
