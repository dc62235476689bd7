package authlinkhttp

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHostileThroughMiddleware runs the hostile-input suite through a real
// server under both profiles: the status follows from the documented code,
// and the first violation of the problem document is the documented one.
func TestHostileThroughMiddleware(t *testing.T) {
	loaded, err := hostile.Load("../testdata/hostile")
	require.NoError(t, err)
	type key struct {
		profile  authlink.Profile
		maxBytes int
	}
	servers := map[key]*httptest.Server{}
	defer func() {
		for _, s := range servers {
			s.Close()
		}
	}()
	for _, c := range hostile.BothProfiles(loaded) {
		profile, err := authlink.ParseProfile(c.Profile)
		require.NoError(t, err)
		t.Run(c.Profile+"/"+c.Name, func(t *testing.T) {
			if c.SkipUnderRace() {
				t.Skip(hostile.SkipReason)
			}
			k := key{profile, c.Options.MaxBytes}
			srv, ok := servers[k]
			if !ok {
				srv = httptest.NewServer(Middleware(Config{Options: authlink.Options{Profile: profile, MaxBytes: c.Options.MaxBytes}})(echo))
				servers[k] = srv
			}
			resp, body := post(t, srv.URL, "application/json", c.Data)
			if c.Valid {
				assert.Equal(t, 200, resp.StatusCode, body)
				return
			}
			code := authlink.Code(c.Code)
			switch {
			case code == authlink.CodeLimit && c.Pointer == "":
				assert.Equal(t, 413, resp.StatusCode)
				return
			case code.Malformed():
				assert.Equal(t, 400, resp.StatusCode)
			default:
				assert.Equal(t, 422, resp.StatusCode)
			}
			p := problemOf(t, resp, body)
			require.NotEmpty(t, p.Errors)
			assert.Equal(t, ProblemError{Pointer: fragment(c.Pointer), Code: code, Detail: p.Errors[0].Detail}, unlocated(p.Errors)[0])
		})
	}
}

// TestSecretsThroughHTTP plants the sentinel in every corpus and hostile
// payload, as the token and the external trigger token among others, and
// sends it under both profiles through the middleware (lenient and strict),
// the webhook receiver, the response checker (report and enforce) and the
// client's Transport: the secret shows in no response, no error and no log
// record.
func TestSecretsThroughHTTP(t *testing.T) {
	files, err := hostile.CorpusFiles("../testdata")
	require.NoError(t, err)
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	onReject := func(r *http.Request, p *Problem) { logger.Info("rejected", "problem", p) }
	mux := http.NewServeMux()
	for _, profile := range authlink.Profiles() {
		hook, err := Webhook(WebhookConfig{Secrets: []string{newSecret}, Logger: logger, Config: Config{Options: authlink.Options{Profile: profile}, OnReject: onReject}},
			func(ctx context.Context, link *authlink.AuthLink) error {
				logger.InfoContext(ctx, "received", "link", link)
				return nil
			})
		require.NoError(t, err)
		mux.Handle("/"+profile.String()+"/lenient", Middleware(Config{Options: authlink.Options{Profile: profile}, OnReject: onReject})(logged(logger)))
		mux.Handle("/"+profile.String()+"/strict", Middleware(Config{Options: authlink.Options{Profile: profile, Strict: true}, OnReject: onReject})(logged(logger)))
		mux.Handle("/"+profile.String()+"/hook", hook)
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()

	var sent int
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		secret := hostile.WithSentinel(data)
		for _, profile := range authlink.Profiles() {
			prefix := srv.URL + "/" + profile.String()
			for _, path := range []string{"/lenient", "/strict"} {
				resp, body := post(t, prefix+path, "application/json", secret)
				noSecret(t, f, body, headerText(resp.Header))
			}
			r, err := NewSignedRequest(prefix+"/hook", newSecret, secret)
			require.NoError(t, err)
			resp, body := do(t, r)
			noSecret(t, f, body, headerText(resp.Header))
			for _, mode := range []ResponseMode{Report, Enforce} {
				rec := httptest.NewRecorder()
				cfg := ResponseConfig{Mode: mode, Logger: logger, Config: Config{Options: authlink.Options{Profile: profile}}}
				CheckResponses(cfg)(emitter(200, secret)).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
				if mode == Enforce && rec.Code == 500 {
					noSecret(t, f, rec.Body.String())
				}
			}
			client := &http.Client{Transport: Transport(&fakeUpstream{status: 201, body: secret},
				TransportConfig{Config: Config{Options: authlink.Options{Profile: profile}, OnReject: onReject}})}
			if _, err := client.Post("https://api.stackone.com/connect_sessions", "application/json", nil); err != nil {
				noSecret(t, f, err.Error())
			}
		}
		sent++
	}
	assert.Greater(t, sent, 100)
	require.NotEmpty(t, logs.String())
	assert.Contains(t, logs.String(), `"hint"`, "some payload of the corpus has the other profile's names")
	noSecret(t, "logs", logs.String())
}

// logged is a business handler that logs the auth link it receives.
func logged(logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		link, _ := FromContext(r.Context())
		logger.InfoContext(r.Context(), "accepted", "link", link)
		w.WriteHeader(http.StatusNoContent)
	})
}

func headerText(h http.Header) string {
	var b bytes.Buffer
	h.Write(&b)
	return b.String()
}

func noSecret(t *testing.T, name string, outputs ...string) {
	t.Helper()
	for _, out := range outputs {
		assert.False(t, hostile.Shows(out), "%s: a secret shows in %.300q", name, out)
	}
}
