package authlink

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/authlink-go/authlink/internal/hostile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSecretsAudit plants the sentinel in every corpus and hostile payload
// (as the token and the external trigger token, in the URL's query, in
// misplaced members) and checks that it shows nowhere: not in errors,
// violations or their golden rendering, not in fmt or log/slog output of the
// decoded model, under both profiles and every option set.
func TestSecretsAudit(t *testing.T) {
	files, err := hostile.CorpusFiles("testdata")
	require.NoError(t, err)
	cases := hostileCases(t)
	payloads := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		payloads[f] = data
	}
	for _, c := range cases {
		if len(c.Data) < 1<<20 && !c.SkipUnderRace() {
			payloads["generated/"+c.Profile+"/"+c.Name] = c.Data
		}
	}
	planted := 0
	for _, data := range payloads {
		if bytes.Contains(hostile.WithSentinel(data), []byte(hostile.Sentinel)) {
			planted++
		}
	}
	assert.Greater(t, planted, len(payloads)/2, "the sentinel was planted in too few payloads to mean anything")
	for name, data := range payloads {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			auditPayload(t, name, hostile.WithSentinel(data))
		})
	}
}

// auditPayload checks one payload with the secrets planted under every
// option set.
func auditPayload(t *testing.T, name string, secret []byte) {
	for _, opts := range []Options{{}, {Strict: true}, {OpenCategories: true, MaxBytes: 1 << 20},
		{Profile: ProfileDocument}, {Profile: ProfileDocument, Strict: true}, {Rules: auditRules}, {Rules: auditMetadataRules}} {
		v := New(opts)
		for _, err := range []error{v.Validate(secret), second(v.Decode(secret))} {
			if err == nil {
				continue
			}
			noSecret(t, name, err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err))
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			noSecret(t, name, string(errorLines(verr)))
		}
		link, err := v.Decode(secret)
		if err != nil {
			continue
		}
		var logs bytes.Buffer
		for _, h := range []slog.Handler{slog.NewJSONHandler(&logs, nil), slog.NewTextHandler(&logs, nil)} {
			// At the top of an attribute and at depth, where slog
			// hands values to encoding/json or fmt.
			slog.New(h).Info("decoded", "link", link, "value", *link, "token", link.Token, "external", link.ExternalTriggerToken,
				"slice", []AuthLink{*link}, "struct", struct{ Link *AuthLink }{link}, "map", map[string]any{"link": link},
				"tokens", []Token{link.Token}, "nullables", []Nullable[Token]{link.ExternalTriggerToken},
				"group", slog.GroupValue(slog.Any("link", link)))
		}
		encoded, err := json.Marshal(map[string]any{"links": []*AuthLink{link}, "token": link.Token})
		require.NoError(t, err)
		noSecret(t, name, string(encoded))
		noSecret(t, name, logs.String(), fmt.Sprintf("%v|%+v|%#v|%s|%q|%x", link, link, link, link, link, link))
	}
}

// auditRules break on every planted secret: a caller's pattern and const
// applied to the secrets, whose messages must name only the schema's values.
var auditRules = must(CompileRules([]byte(`{"properties":{"token":{"pattern":"^x$"},"external_trigger_token":{"const":"x"},
	"label":{"maxLength":1},"auth_link_url":{"format":"uuid"}}}`)))

var auditMetadataRules = must(CompileMetadataRules([]byte(`{"additionalProperties":{"type":"number"},"propertyNames":{"pattern":"^n"}}`)))

// TestGoldenFilesHoldNoToken checks that no golden file of the corpus holds
// a token of the corpus: violations are stored without values.
func TestGoldenFilesHoldNoToken(t *testing.T) {
	goldens, err := filepath.Glob("testdata/*/*/*.golden")
	require.NoError(t, err)
	more, err := filepath.Glob("testdata/*/*/*/*.golden")
	require.NoError(t, err)
	require.NotEmpty(t, goldens)
	for _, g := range append(goldens, more...) {
		data, err := os.ReadFile(g)
		require.NoError(t, err)
		assert.NotContains(t, string(data), "sess_tok", g)
	}
}

// noSecret checks that no planted secret shows in outputs; name says where
// they came from.
func noSecret(t *testing.T, name string, outputs ...string) {
	t.Helper()
	for _, out := range outputs {
		assert.False(t, hostile.Shows(out), "%s: a secret shows in %.300q", name, out)
	}
}
