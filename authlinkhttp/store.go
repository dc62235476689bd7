package authlinkhttp

import (
	"context"
	"strconv"
	"time"
)

// Store remembers webhook deliveries by key, so that a Webhook runs its
// callback once per delivery however many times, and on however many
// replicas, the delivery arrives. The key is the webhook-id for Standard
// Webhooks and the signature for the HMAC schemes.
//
// A delivery first claims its key for a lease; once the callback has
// succeeded the key is recorded as processed, for the retention; if the
// callback fails the claim is released, so that the sender's retry runs
// it again.
//
// Implementations must be safe for concurrent use, and Claim must be
// atomic: of concurrent claims on one key, at most one is acquired, in
// this process or any other sharing the store. MemoryStore serves one
// replica; the redisstore package serves several.
type Store interface {
	// Claim takes key for a delivery about to be processed, under token,
	// for lease. It reports ClaimAcquired if no claim or record held key
	// (the key is now the caller's), ClaimInFlight if another claim holds
	// it, and ClaimProcessed if key is recorded as processed. An error
	// means the answer is unknown: the Webhook then processes nothing.
	Claim(ctx context.Context, key, token string, lease time.Duration) (Claim, error)

	// Record marks key as processed for retention, in place of any claim.
	Record(ctx context.Context, key string, retention time.Duration) error

	// Release drops the claim on key if token still holds it, so that the
	// delivery can be retried; it leaves any other claim or record alone.
	Release(ctx context.Context, key, token string) error
}

// Claim is what Store.Claim found.
type Claim uint8

// The outcomes of Store.Claim.
const (
	// ClaimAcquired: the key was free and the caller now holds it.
	ClaimAcquired Claim = iota
	// ClaimInFlight: another delivery holds the key and is being
	// processed.
	ClaimInFlight
	// ClaimProcessed: the key is recorded as processed.
	ClaimProcessed
)

// String names the outcome: "acquired", "in-flight" or "processed".
func (c Claim) String() string {
	switch c {
	case ClaimAcquired:
		return "acquired"
	case ClaimInFlight:
		return "in-flight"
	case ClaimProcessed:
		return "processed"
	}
	return "Claim(" + strconv.Itoa(int(c)) + ")"
}

// Defaults of WebhookConfig's delivery bookkeeping.
const (
	// DefaultRetention is how long the HMAC schemes (SchemeHMAC,
	// SchemeStackOne) remember a processed delivery. Their signatures
	// carry no timestamp, so a replay after the retention is processed
	// again: the retention is the whole of the replay protection.
	DefaultRetention = 24 * time.Hour

	// DefaultLease is how long a delivery being processed holds its key.
	DefaultLease = time.Minute
)
