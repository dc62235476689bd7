package authlinkhttp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWebhookCallbackStatus checks the answer to each kind of callback
// result: nil is 204, a StatusError its status and detail (not its cause),
// anything else 500 with the error logged and not sent.
func TestWebhookCallbackStatus(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		detail string
		reason Reason
		logged string
	}{
		{"nil", nil, 204, "", "", ""},
		{"Reject", Reject(http.StatusUnprocessableEntity, "The auth link is more than a day old."), 422, "The auth link is more than a day old.", ReasonRejected, ""},
		{"Reject, wrapped", fmt.Errorf("checking age: %w", Reject(http.StatusGone, "")), 410, "", ReasonRejected, ""},
		{"Reject with a 5xx", Reject(http.StatusServiceUnavailable, "Try later."), 503, "Try later.", ReasonRejected, ""},
		{"StatusError with a cause", &StatusError{Status: 409, Detail: "Superseded.", Err: errors.New("row version 7")}, 409, "Superseded.", ReasonRejected, "row version 7"},
		{"StatusError with a 2xx", Reject(http.StatusAccepted, "queued"), 500, "The request could not be processed.", ReasonCallbackFailed, "rejected with 202"},
		{"StatusError with a 3xx", Reject(http.StatusFound, "elsewhere"), 500, "The request could not be processed.", ReasonCallbackFailed, "rejected with 302"},
		{"plain error", errors.New("database down"), 500, "The request could not be processed.", ReasonCallbackFailed, "database down"},
		{"context ended", context.DeadlineExceeded, 500, "The request could not be processed.", ReasonCallbackFailed, "deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newHook(t, WebhookConfig{}, func(context.Context, *authlink.AuthLink) error { return tt.err })
			w := f.serve(signed(t, "msg_status"))
			require.Equal(t, tt.status, w.Code, w.Body.String())
			assert.Equal(t, tt.logged != "", f.logs.Len() > 0, f.logs.String())
			assert.Contains(t, f.logs.String(), tt.logged)
			if tt.status == 204 {
				assert.Empty(t, f.reasons)
				assert.Equal(t, 1, f.store.records)
				return
			}
			assert.Equal(t, 0, f.store.records, "a failed delivery is not recorded")
			assert.Equal(t, 1, f.store.release, "its claim is released")
			assert.Equal(t, []Reason{tt.reason}, f.reasons)
			p := Problem{}
			require.NoError(t, jsonUnmarshal(w.Body.String(), &p))
			assert.Equal(t, tt.detail, p.Detail)
			assert.Equal(t, tt.status, p.Status)
			if tt.reason == ReasonRejected {
				assert.Equal(t, TypeRejected, p.Type)
				assert.Equal(t, http.StatusText(tt.status), p.Title)
			} else {
				assert.Equal(t, TypeInternal, p.Type)
			}
			if tt.logged != "" {
				assert.NotContains(t, w.Body.String(), tt.logged, "the cause is not sent")
			}
		})
	}
}

func TestStatusErrorText(t *testing.T) {
	cause := errors.New("row version 7")
	tests := []struct {
		err  error
		want string
	}{
		{Reject(422, "too old"), "authlinkhttp: rejected with 422: too old"},
		{Reject(410, ""), "authlinkhttp: rejected with 410"},
		{&StatusError{Status: 409, Detail: "Superseded.", Err: cause}, "authlinkhttp: rejected with 409: Superseded.: row version 7"},
	}
	for _, tt := range tests {
		assert.EqualError(t, tt.err, tt.want)
	}
	assert.ErrorIs(t, &StatusError{Status: 409, Err: cause}, cause)
}

// TestWebhookPanicReleases checks that a callback that panics frees the
// delivery's key, so that the retry runs.
func TestWebhookPanicReleases(t *testing.T) {
	var n atomic.Int32
	f := newHook(t, WebhookConfig{}, func(context.Context, *authlink.AuthLink) error {
		if n.Add(1) == 1 {
			panic("callback bug")
		}
		return nil
	})
	assert.PanicsWithValue(t, "callback bug", func() { f.serve(signed(t, "msg_panic")) })
	assert.Equal(t, 1, f.store.release)
	assert.Equal(t, 204, f.serve(signed(t, "msg_panic")).Code)
	assert.Equal(t, int32(2), f.calls.Load())
}

// TestWebhookCallbackContext checks what the callback's context carries:
// the raw body, the link, and for Standard Webhooks the webhook-id.
func TestWebhookCallbackContext(t *testing.T) {
	body := authlinktest.FixtureJSON(authlinktest.WithMetadata(authlink.Metadata{"n": 1.50}))
	type seen struct {
		body   []byte
		bodyOK bool
		link   *authlink.AuthLink
		id     string
		idOK   bool
	}
	var got seen
	callback := func(ctx context.Context, link *authlink.AuthLink) error {
		got.body, got.bodyOK = BodyFromContext(ctx)
		var fromCtx *authlink.AuthLink
		fromCtx, _ = FromContext(ctx)
		assert.Same(t, link, fromCtx)
		got.link = link
		got.id, got.idOK = WebhookID(ctx)
		return nil
	}
	t.Run("standard", func(t *testing.T) {
		got = seen{}
		f := newHook(t, WebhookConfig{}, callback)
		require.Equal(t, 204, f.serve(standardRequest(t, "/", newSecret, "msg_ctx", time.Now(), body)).Code)
		assert.Equal(t, seen{body, true, got.link, "msg_ctx", true}, got)
		assert.Equal(t, "proj_6a1f93c2e4b04d7f", got.link.ProjectID)
	})
	t.Run("stackone", func(t *testing.T) {
		got = seen{}
		f := newHook(t, WebhookConfig{Scheme: SchemeStackOne, Secrets: []string{"key"}}, callback)
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set(StackOneSignatureHeader, SignHMAC("key", body, SignatureEncodingBase64URL))
		require.Equal(t, 204, f.serve(r).Code)
		assert.Equal(t, seen{body, true, got.link, "", false}, got)
	})
	t.Run("outside a callback", func(t *testing.T) {
		_, ok := WebhookID(context.Background())
		assert.False(t, ok)
		_, ok = BodyFromContext(context.Background())
		assert.False(t, ok)
	})
}
