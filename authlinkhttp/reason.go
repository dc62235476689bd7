package authlinkhttp

// Reason says, for the server's logs and metrics, why a Webhook turned a
// delivery away; Config.OnReject sees it in Problem.Reason. The client is
// never told: every failed signature check gets the same 401. The values
// are stable and fit a metric label.
type Reason string

// The reasons a Webhook reports.
const (
	// ReasonMissingHeader: a signature header (or, for Standard Webhooks,
	// webhook-id or webhook-timestamp) is absent or empty. 401.
	ReasonMissingHeader Reason = "missing-header"

	// ReasonMalformedHeader: a signature header is present but cannot be
	// read: a timestamp that is not a number, a signature that does not
	// decode, lacks the configured prefix or is not 32 bytes long, or no
	// "v1" signature at all. 401.
	ReasonMalformedHeader Reason = "malformed-header"

	// ReasonStaleTimestamp: webhook-timestamp is older than the tolerance.
	// 401.
	ReasonStaleTimestamp Reason = "stale-timestamp"

	// ReasonFutureTimestamp: webhook-timestamp is further ahead than the
	// tolerance. 401.
	ReasonFutureTimestamp Reason = "future-timestamp"

	// ReasonNoMatch: the signatures were read, but none is the body's
	// under any secret. 401.
	ReasonNoMatch Reason = "no-matching-signature"

	// ReasonReplayed: the delivery was processed before (the sender's
	// retry, or a replay). It is acknowledged with 204 and the callback
	// does not run; OnReject sees a Problem with Status 204 that is not
	// written.
	ReasonReplayed Reason = "replayed"

	// ReasonInFlight: the same delivery is being processed right now, on
	// this replica or another. 409, so that the sender retries later.
	ReasonInFlight Reason = "in-flight"

	// ReasonStoreUnavailable: the Store failed, so whether the delivery
	// is new is unknown; nothing is processed. 503.
	ReasonStoreUnavailable Reason = "store-unavailable"

	// ReasonRejected: the callback returned a *StatusError (Reject).
	ReasonRejected Reason = "rejected-by-callback"

	// ReasonCallbackFailed: the callback returned another error, or its
	// StatusError's status was not a 4xx or 5xx. 500.
	ReasonCallbackFailed Reason = "callback-failed"
)
