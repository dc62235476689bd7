package authlinkhttp

import (
	"net/http"
	"strconv"
)

// StatusError is an error a Webhook callback returns to choose the answer:
// Status and Detail go to the sender in a problem document (type
// TypeRejected), Err only to the log. A callback that refuses a link for
// good, as too old say, answers a 4xx this way instead of the 500 that
// makes the sender retry. A delivery refused this way is not recorded as
// processed: a retry runs the callback again.
type StatusError struct {
	// Status is the HTTP status to answer with, a 4xx or 5xx; any other
	// is answered 500 and logged as a fault of the callback.
	Status int

	// Detail is the problem document's detail, for the sender to read. It
	// is sent as it is: keep secrets and input values out of it.
	Detail string

	// Err, if set, is the cause, logged and never sent.
	Err error
}

// Reject returns a *StatusError with status and detail, for a Webhook
// callback that refuses a delivery:
//
//	if time.Since(created) > 24*time.Hour {
//		return authlinkhttp.Reject(http.StatusUnprocessableEntity, "The auth link is more than a day old.")
//	}
func Reject(status int, detail string) error {
	return &StatusError{Status: status, Detail: detail}
}

// Error returns "authlinkhttp: rejected with STATUS: DETAIL", and the cause
// if any.
func (e *StatusError) Error() string {
	s := "authlinkhttp: rejected with " + strconv.Itoa(e.Status)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns Err.
func (e *StatusError) Unwrap() error { return e.Err }

// problem is the answer to a callback that returned e.
func (e *StatusError) problem() *Problem {
	return &Problem{Type: TypeRejected, Title: http.StatusText(e.Status), Status: e.Status,
		Detail: e.Detail, Reason: ReasonRejected}
}

// answerable reports whether the callback may answer with status: a 4xx or
// a 5xx.
func answerable(status int) bool {
	return status >= 400 && status <= 599
}
