package authlink

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goodLink returns a valid AuthLink built in code.
func goodLink() *AuthLink {
	return &AuthLink{
		ID: "1024", OrganizationID: OrganizationIDString("org_17"), ProjectID: "proj", Categories: ValueOf([]Category{CategoryATS}),
		OriginOwnerID: "owner", OriginOwnerName: "Acme", CreatedAt: "2025-03-14T09:26:53Z",
		Token: "sess_tok_123", AuthLinkURL: "https://hub.stackone.com/connect",
	}
}

func TestNullable(t *testing.T) {
	var absent Nullable[string]
	assert.True(t, absent.IsZero())
	assert.False(t, absent.IsNull())
	_, ok := absent.Get()
	assert.False(t, ok)

	null := NullOf[string]()
	assert.False(t, null.IsZero())
	assert.True(t, null.IsNull())

	v := ValueOf("x")
	got, ok := v.Get()
	assert.True(t, ok)
	assert.Equal(t, "x", got)
	assert.Equal(t, "x <null> <absent>", v.String()+" "+null.String()+" "+absent.String())

	type holder struct {
		A Nullable[string] `json:"a,omitzero"`
		B Nullable[string] `json:"b,omitzero"`
		C Nullable[string] `json:"c,omitzero"`
	}
	b, err := json.Marshal(holder{A: ValueOf("x"), B: NullOf[string]()})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"x","b":null}`, string(b))
	var h holder
	require.NoError(t, json.Unmarshal([]byte(`{"a":"y","b":null}`), &h))
	assert.Equal(t, holder{A: ValueOf("y"), B: NullOf[string]()}, h)
	assert.Error(t, json.Unmarshal([]byte(`{"a":1}`), &h))
}

func TestEncode(t *testing.T) {
	a := goodLink()
	a.Provider, a.Label = NullOf[string](), ValueOf("L\n\"q\"\x01")
	a.Metadata = ValueOf(Metadata{"n": json.Number("12345678901234567890"), "f": 0.1, "i": int8(-3), "u": uint(7),
		"l": []string{"a"}, "m": map[string]int{"k": 1}, "z": nil, "big": 1e21, "tiny": float32(1e-7), "raw": json.RawMessage(`{"a" : 1}`),
		"arr": [2]bool{true}, "nl": []int(nil), "nm": map[string]any(nil)})
	a.Extra = map[string]json.RawMessage{"zz": json.RawMessage(`[1, 2]`), "aa": json.RawMessage(`null`)}
	a.Extra["html"] = json.RawMessage(`"<a&b>"`)
	b, err := Encode(a)
	require.NoError(t, err)
	assert.Equal(t, `{"id":1024,"organization_id":"org_17","project_id":"proj","categories":["ats"],"provider":null,`+
		`"origin_owner_id":"owner","origin_owner_name":"Acme","label":"L\n\"q\"\u0001","created_at":"2025-03-14T09:26:53Z",`+
		`"metadata":{"arr":[true,false],"big":1e+21,"f":0.1,"i":-3,"l":["a"],"m":{"k":1},"n":12345678901234567890,"nl":null,"nm":null,`+
		`"raw":{"a" : 1},"tiny":1e-7,"u":7,"z":null},`+
		`"token":"sess_tok_123","auth_link_url":"https://hub.stackone.com/connect","aa":null,"html":"<a&b>","zz":[1, 2]}`, string(b), "Extra byte for byte")
	assert.NoError(t, Validate(b))

	var back AuthLink
	require.NoError(t, json.Unmarshal(b, &back), "UnmarshalJSON reads what Encode writes")
	assert.Equal(t, map[string]json.RawMessage{"zz": json.RawMessage(`[1, 2]`), "aa": json.RawMessage(`null`), "html": json.RawMessage(`"<a&b>"`)}, back.Extra)

	a.Metadata = ValueOf[Metadata](nil)
	b, err = Encode(a)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"metadata":{}`)
}

// TestAppendQuoted: strings are written as encoding/json writes them with
// HTML escaping off, and read back the same.
func TestAppendQuoted(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "abc", `"abc"`},
		{"empty", "", `""`},
		{"quote and backslash", `a"b\c`, `"a\"b\\c"`},
		{"short escapes", "\n\r\t\b\f", `"\n\r\t\b\f"`},
		{"other control characters", "\x00a\x1f", `"\u0000a\u001f"`},
		{"DEL and non-ASCII as they are", "\x7fé😀", "\"\x7fé😀\""},
		{"no HTML escaping", "<a&b>", `"<a&b>"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := appendQuoted([]byte("x"), tt.in)
			assert.Equal(t, "x"+tt.want, string(got), "appends")
			var buf strings.Builder
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			require.NoError(t, enc.Encode(tt.in))
			assert.Equal(t, tt.want+"\n", buf.String(), "as encoding/json")
			var back string
			require.NoError(t, json.Unmarshal(got[1:], &back))
			assert.Equal(t, tt.in, back)
		})
	}
}

func TestEncodeRefuses(t *testing.T) {
	self := Metadata{}
	self["self"] = self
	var loop any
	loop = &loop
	tests := []struct {
		name string
		edit func(a *AuthLink)
		want []pc
	}{
		{"invalid UTF-8", func(a *AuthLink) { a.OriginOwnerName = "A\xffB" }, []pc{{"/origin_owner_name", CodeEncoding}}},
		{"invalid UTF-8 in a string organization id", func(a *AuthLink) { a.OrganizationID = OrganizationIDString("\xff") }, []pc{{"/organization_id", CodeEncoding}}},
		{"NaN organization id", func(a *AuthLink) { a.OrganizationID = OrganizationIDNumber(math.NaN()) }, []pc{{"/organization_id", CodeRange}}},
		{"invalid UTF-8 in a metadata key", func(a *AuthLink) { a.Metadata = ValueOf(Metadata{"\xff": 1}) }, []pc{{"/metadata/\xff", CodeEncoding}}},
		{"NaN id", func(a *AuthLink) { a.ID = "NaN" }, []pc{{"/id", CodeRange}}},
		{"id that is no number", func(a *AuthLink) { a.ID = "0x10" }, []pc{{"/id", CodeSyntax}}},
		{"infinite metadata number", func(a *AuthLink) { a.Metadata = ValueOf(Metadata{"x": []any{math.Inf(-1)}}) }, []pc{{"/metadata/x/0", CodeRange}}},
		{"unsupported metadata type", func(a *AuthLink) { a.Metadata = ValueOf(Metadata{"c": make(chan int)}) }, []pc{{"/metadata/c", CodeType}}},
		{"non-string map keys", func(a *AuthLink) { a.Metadata = ValueOf(Metadata{"m": map[int]int{1: 1}}) }, []pc{{"/metadata/m", CodeType}}},
		{"bad json.Number", func(a *AuthLink) { a.Metadata = ValueOf(Metadata{"n": json.Number("1e")}) }, []pc{{"/metadata/n", CodeSyntax}}},
		{"bad raw metadata", func(a *AuthLink) { a.Metadata = ValueOf(Metadata{"r": json.RawMessage(`{"a":1,"a":2}`)}) }, []pc{{"/metadata/r/a", CodeDuplicate}}},
		{"extra shadows a member", func(a *AuthLink) { a.Extra = map[string]json.RawMessage{"token": json.RawMessage(`"x"`)} }, []pc{{"/token", CodeDuplicate}}},
		{"extra shadows a member of the profile", func(a *AuthLink) {
			a.Profile, a.OrganizationID = ProfileDocument, OrganizationIDNumber(1)
			a.Extra = map[string]json.RawMessage{"createdAt": json.RawMessage(`"x"`), "created_at": json.RawMessage(`"y"`)}
		}, []pc{{"/createdAt", CodeDuplicate}}},
		{"a member the profile lacks", func(a *AuthLink) {
			a.Profile, a.OrganizationID = ProfileDocument, OrganizationIDNumber(1)
			a.ExternalTriggerToken, a.Type = ValueOf(Token("ext_secret")), ValueOf(LinkTypeTest)
		}, []pc{{"/external_trigger_token", CodeUnknown}, {"/type", CodeUnknown}}},
		{"extra is not JSON", func(a *AuthLink) { a.Extra = map[string]json.RawMessage{"x": json.RawMessage(`{`)} }, []pc{{"/x", CodeSyntax}}},
		{"extra is empty", func(a *AuthLink) { a.Extra = map[string]json.RawMessage{"x": nil} }, []pc{{"/x", CodeSyntax}}},
		{"extra has trailing data", func(a *AuthLink) { a.Extra = map[string]json.RawMessage{"x": json.RawMessage(`1 2`)} }, []pc{{"/x", CodeSyntax}}},
		{"metadata contains itself", func(a *AuthLink) { a.Metadata = ValueOf(self) }, []pc{{"/metadata" + strings.Repeat("/self", marshalMaxDepth-1), CodeLimit}}},
		{"a pointer to itself", func(a *AuthLink) { a.Metadata = ValueOf(Metadata{"p": loop}) }, []pc{{"/metadata/p", CodeLimit}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := goodLink()
			tt.edit(a)
			_, err := Encode(a)
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			assert.Equal(t, tt.want, pcs(verr.Violations))
		})
	}
}

func TestValidateStruct(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		edit func(a *AuthLink)
		want []pc
	}{
		{"valid", Options{}, func(a *AuthLink) {}, nil},
		{"valid with aliases, nulls and metadata", Options{}, func(a *AuthLink) {
			a.Categories = ValueOf([]Category{"hrisLegacy", CategoryStackOne})
			a.Label, a.Metadata = NullOf[string](), ValueOf(Metadata{"a": []any{1, "x", nil}})
		}, nil},
		{"empty strings", Options{}, func(a *AuthLink) { a.ProjectID, a.OriginOwnerID, a.OriginOwnerName, a.Token = "", "", "", "" },
			[]pc{{"/origin_owner_id", CodeEmpty}, {"/origin_owner_name", CodeEmpty}, {"/project_id", CodeEmpty}, {"/token", CodeEmpty}}},
		{"empty strings, document profile", Options{Profile: ProfileDocument}, func(a *AuthLink) {
			a.ProjectID, a.OrganizationID = "", OrganizationIDNumber(17)
		}, []pc{{"/projectId", CodeEmpty}}},
		{"zero value formats", Options{}, func(a *AuthLink) { a.CreatedAt, a.AuthLinkURL = "", "" },
			[]pc{{"/auth_link_url", CodeFormat}, {"/created_at", CodeFormat}}},
		{"categories", Options{}, func(a *AuthLink) { a.Categories = ValueOf([]Category{"ats", "HRIS", "", "stackone", "messaging"}) },
			[]pc{{"/categories/1", CodeEnum}, {"/categories/2", CodeEnum}}},
		{"api categories in the document profile", Options{Profile: ProfileDocument}, func(a *AuthLink) {
			a.OrganizationID = OrganizationIDNumber(17)
			a.Categories = ValueOf([]Category{"messaging", "ats", "accounting", "scheduling"})
		}, []pc{{"/categories/0", CodeEnum}, {"/categories/2", CodeEnum}, {"/categories/3", CodeEnum}}},
		{"null categories", Options{}, func(a *AuthLink) { a.Categories = NullOf[[]Category]() }, nil},
		{"null categories in the document profile", Options{Profile: ProfileDocument}, func(a *AuthLink) {
			a.OrganizationID, a.Categories = OrganizationIDNumber(17), NullOf[[]Category]()
		}, []pc{{"/categories", CodeType}}},
		{"open categories", Options{OpenCategories: true}, func(a *AuthLink) { a.Categories = ValueOf([]Category{"HRIS", ""}) }, nil},
		{"non-finite ids", Options{}, func(a *AuthLink) { a.ID, a.OrganizationID = "1e400", OrganizationIDNumber(math.NaN()) },
			[]pc{{"/id", CodeRange}, {"/organization_id", CodeRange}}},
		{"organization id number", Options{}, func(a *AuthLink) { a.OrganizationID = OrganizationIDNumber(17) }, nil},
		{"organization id empty string", Options{}, func(a *AuthLink) { a.OrganizationID = OrganizationIDString("") },
			[]pc{{"/organization_id", CodeEmpty}}},
		{"organization id string in the document profile", Options{Profile: ProfileDocument}, func(a *AuthLink) {
			a.OrganizationID = OrganizationIDString("")
		}, []pc{{"/organizationId", CodeType}}},
		{"api members", Options{}, func(a *AuthLink) {
			a.ExternalTriggerToken, a.Type, a.IntegrationID = ValueOf(Token("ext_tok")), ValueOf(LinkType("sandbox")), NullOf[string]()
		}, nil},
		{"api members in the document profile", Options{Profile: ProfileDocument}, func(a *AuthLink) {
			a.OrganizationID = OrganizationIDNumber(17)
			a.ExternalTriggerToken, a.IntegrationID = NullOf[Token](), ValueOf("int_1")
		}, []pc{{"/external_trigger_token", CodeUnknown}, {"/integration_id", CodeUnknown}}},
		{"strict extra", Options{Strict: true}, func(a *AuthLink) {
			a.Extra = map[string]json.RawMessage{"b": json.RawMessage("1"), "a/": json.RawMessage("2")}
		},
			[]pc{{"/a~1", CodeUnknown}, {"/b", CodeUnknown}}},
		{"lenient extra", Options{}, func(a *AuthLink) { a.Extra = map[string]json.RawMessage{"b": json.RawMessage("1")} }, nil},
		{"metadata too deep", Options{MaxDepth: 3}, func(a *AuthLink) { a.Metadata = ValueOf(Metadata{"a": map[string]any{"b": []int{}}}) },
			[]pc{{"/metadata/a/b", CodeLimit}}},
		{"metadata at the depth cap", Options{MaxDepth: 3}, func(a *AuthLink) { a.Metadata = ValueOf(Metadata{"a": map[string]any{}}) }, nil},
		{"encoded size over the cap", Options{MaxBytes: 300}, func(a *AuthLink) { a.Label = ValueOf(strings.Repeat("x", 200)) }, []pc{{"", CodeLimit}}},
		{"malformed hides rules", Options{}, func(a *AuthLink) { a.Token, a.Label = "", ValueOf("\xff") }, []pc{{"/label", CodeEncoding}}},
		{"only the first malformation", Options{}, func(a *AuthLink) {
			a.Label, a.Metadata = ValueOf("\xff"), ValueOf(Metadata{"a": "\xfe", "b": "\xfd"})
		}, []pc{{"/label", CodeEncoding}}},
		{"metadata type is a rule", Options{}, func(a *AuthLink) { a.Token, a.Metadata = "", ValueOf(Metadata{"f": func() {}}) },
			[]pc{{"/metadata/f", CodeType}, {"/token", CodeEmpty}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := goodLink()
			tt.edit(a)
			v := New(tt.opts)
			a.Profile = tt.opts.Profile
			err := v.ValidateStruct(a)
			if tt.want == nil {
				require.NoError(t, err)
			} else {
				var verr *ValidationError
				require.ErrorAs(t, err, &verr)
				require.ErrorIs(t, err, ErrInvalid)
				assert.Equal(t, tt.want, pcs(verr.Violations))
			}
			// What Validate says of the encoding agrees, where there is one.
			if b, merr := Encode(a); merr == nil {
				assert.Equal(t, fmt.Sprint(err), fmt.Sprint(v.Validate(b)), "ValidateStruct and Validate of the encoding disagree")
			}
		})
	}
	var verr *ValidationError
	require.ErrorAs(t, ValidateStruct(nil), &verr)
	assert.Equal(t, []pc{{"", CodeType}}, pcs(verr.Violations))

	// The validator's profile names the pointers, whatever the link says.
	a := goodLink()
	a.ProjectID, a.OrganizationID = "", OrganizationIDNumber(1)
	require.ErrorAs(t, New(Options{Profile: ProfileDocument}).ValidateStruct(a), &verr)
	assert.Equal(t, []pc{{"/projectId", CodeEmpty}}, pcs(verr.Violations))
}

func TestEncodeProfiles(t *testing.T) {
	a := goodLink()
	a.OrganizationID = OrganizationIDNumber(17)
	a.Profile = ProfileDocument
	b, err := Encode(a)
	require.NoError(t, err)
	assert.Equal(t, `{"id":1024,"organizationId":17,"projectId":"proj","categories":["ats"],"originOwnerId":"owner",`+
		`"originOwnerName":"Acme","createdAt":"2025-03-14T09:26:53Z","token":"sess_tok_123",`+
		`"authLinkUrl":"https://hub.stackone.com/connect"}`, string(b))

	back := AuthLink{Profile: ProfileDocument}
	require.NoError(t, json.Unmarshal(b, &back), "UnmarshalJSON reads the profile the value holds")
	assert.Equal(t, a, &back)
	var api AuthLink
	assert.ErrorIs(t, json.Unmarshal(b, &api), ErrInvalid, "the zero value reads the api profile")

	a = goodLink()
	a.Categories, a.ExternalTriggerToken, a.Type, a.IntegrationID = NullOf[[]Category](), ValueOf(Token("ext_tok")), ValueOf(LinkTypeProduction), ValueOf("int_1")
	b, err = Encode(a)
	require.NoError(t, err)
	assert.Equal(t, `{"id":1024,"organization_id":"org_17","project_id":"proj","categories":null,"origin_owner_id":"owner",`+
		`"origin_owner_name":"Acme","created_at":"2025-03-14T09:26:53Z","token":"sess_tok_123",`+
		`"auth_link_url":"https://hub.stackone.com/connect","external_trigger_token":"ext_tok","type":"production","integration_id":"int_1"}`, string(b))
	decoded, err := Decode(b)
	require.NoError(t, err)
	assert.Equal(t, a, decoded, "a round trip loses nothing")

	bad := AuthLink{Profile: Profile(9)}
	assert.Error(t, json.Unmarshal(b, &bad))
}

func TestOrganizationID(t *testing.T) {
	s := OrganizationIDString("org_1")
	text, ok := s.Text()
	assert.Equal(t, "org_1", text)
	assert.True(t, ok)
	assert.True(t, s.IsString())
	_, ok = s.Number()
	assert.False(t, ok)
	n := OrganizationIDNumber(1e21)
	f, ok := n.Number()
	assert.Equal(t, json.Number("1e+21"), f)
	assert.True(t, ok)
	assert.False(t, n.IsString())
	assert.Equal(t, "org_1 1e+21 0", s.String()+" "+n.String()+" "+OrganizationID{}.String())
	assert.Equal(t, `authlink.OrganizationIDString("org_1") authlink.OrganizationIDNumber(1e+21)`, s.GoString()+" "+n.GoString())
}

func TestUnmarshalJSONValidates(t *testing.T) {
	var a AuthLink
	err := json.Unmarshal([]byte(`{"id":1}`), &a)
	assert.ErrorIs(t, err, ErrInvalid)
	var wrapper struct{ Link AuthLink }
	err = json.Unmarshal([]byte(`{"Link":`+string(withMember(`,"token":"dup"`))+`}`), &wrapper)
	assert.ErrorIs(t, err, ErrInvalid, "a duplicate member reaches UnmarshalJSON and is refused")
	require.NoError(t, json.Unmarshal([]byte(`{"Link":`+string(withMember(``))+`}`), &wrapper))
	assert.Equal(t, "p", wrapper.Link.ProjectID)
}

// TestMarshalJSONIsTheRedactedView pins the design that keeps secrets out
// of encoding/json, and so out of log/slog's JSON handler at any depth:
// json.Marshal writes the view LogValue gives; Encode writes the wire form.
func TestMarshalJSONIsTheRedactedView(t *testing.T) {
	a := goodLink()
	a.Token = "sess_tok_0123456789abcdef"
	a.AuthLinkURL = "https://hub.stackone.com/connect/sess_tok_0123456789abcdef?token=sess_tok_0123456789abcdef"
	a.ExternalTriggerToken = ValueOf(Token("ext_trig_0123456789"))
	a.Label, a.Provider = ValueOf("ext_trig_0123456789"), NullOf[string]()
	a.Metadata = ValueOf(Metadata{"token": "sess_tok_0123456789abcdef"})
	a.Extra = map[string]json.RawMessage{"x": json.RawMessage(`"sess_tok_0123456789abcdef"`)}
	b, err := json.Marshal(a)
	require.NoError(t, err)
	assert.Equal(t, `{"id":1024,"organization_id":"org_17","project_id":"proj","categories":["ats"],"provider":null,`+
		`"origin_owner_id":"owner","origin_owner_name":"Acme","label":"[REDACTED]","created_at":"2025-03-14T09:26:53Z",`+
		`"metadata":"{1 member}","token":"[REDACTED]","auth_link_url":"https://hub.stackone.com/connect/[REDACTED]?[REDACTED]",`+
		`"external_trigger_token":"[REDACTED]","extra":"{1 member}","profile":"api"}`, string(b))
	var view map[string]any
	require.NoError(t, json.Unmarshal(b, &view), "the view is JSON")

	// A map keyed by Token is the one place this cannot reach: encoding/json
	// writes string-kind keys as they are, without calling MarshalText.
	for _, v := range []any{a.Token, []Token{a.Token}, map[string]Token{"t": a.Token}, a.ExternalTriggerToken, []*AuthLink{a}} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.NotContains(t, string(b), "0123456789", "json.Marshal(%T)", v)
	}
	wire, err := Encode(a)
	require.NoError(t, err)
	assert.Contains(t, string(wire), `"token":"sess_tok_0123456789abcdef"`, "Encode keeps the secrets")

	// Invalid UTF-8 set in code, in any string of the view, comes out as
	// U+FFFD: the view is always valid JSON.
	bad := goodLink()
	bad.OrganizationID = OrganizationIDString("org_\xff")
	bad.Categories = ValueOf([]Category{"ats\xfe"})
	bad.Extra = map[string]json.RawMessage{"k\xff": json.RawMessage(`1`)}
	b, err = json.Marshal(bad)
	require.NoError(t, err)
	assert.True(t, utf8.Valid(b), "%q", b)
	assert.Contains(t, string(b), "\"organization_id\":\"org_\uFFFD\"")
	assert.Contains(t, string(b), "\"categories\":[\"ats\uFFFD\"]")

	// A null metadata is null in the view, as every other null member.
	bad.Metadata = NullOf[Metadata]()
	b, err = json.Marshal(bad)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"metadata":null`)
	for _, attr := range bad.LogValue().Group() {
		if attr.Key == "metadata" {
			assert.Equal(t, "<null>", attr.Value.String(), "log/slog shows it as before")
		}
	}
}

// TestNullableUnmarshalIsStrict: a Nullable in a caller's own struct reads
// as strictly as Decode, where encoding/json alone would repair the input.
func TestNullableUnmarshalIsStrict(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []pc // nil: accepted
	}{
		{"a string", `{"s":"x"}`, nil},
		{"null", `{"s":null,"m":null}`, nil},
		{"invalid UTF-8", "{\"s\":\"a\xffb\"}", []pc{{"", CodeEncoding}}},
		{"an escaped lone surrogate", `{"s":"\ud800"}`, []pc{{"", CodeEncoding}}},
		{"a duplicate name", `{"m":{"a":1,"a":2}}`, []pc{{"/a", CodeDuplicate}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v struct {
				S Nullable[string]         `json:"s"`
				M Nullable[map[string]int] `json:"m"`
			}
			err := json.Unmarshal([]byte(tt.in), &v)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			assert.Equal(t, tt.want, pcs(verr.Violations))
		})
	}
}

// TestNullableUnmarshalDirect: a caller may hand UnmarshalJSON a value with
// white space around it (encoding/json never does); null stays null.
func TestNullableUnmarshalDirect(t *testing.T) {
	for _, in := range []string{"null", " null", "null\n", "\t null \r\n"} {
		var s Nullable[string]
		require.NoError(t, s.UnmarshalJSON([]byte(in)), "%q", in)
		assert.True(t, s.IsNull(), "%q is null", in)
	}
	var s Nullable[string]
	require.NoError(t, s.UnmarshalJSON([]byte(` "x" `)))
	assert.Equal(t, ValueOf("x"), s)
}

// TestMarshalJSONNumbers: the redacted view is JSON whatever numbers a link
// built in code holds, and text set as a number cannot add members to it.
func TestMarshalJSONNumbers(t *testing.T) {
	tests := []struct {
		id   json.Number
		org  OrganizationID
		want string
	}{
		{"", OrganizationID{}, `"id":0,"organization_id":0,`},
		{"1E+2", OrganizationIDNumber(17), `"id":1E+2,"organization_id":17,`},
		{`1,"leak":"x"`, OrganizationIDNumber(math.NaN()), `"id":"1,\"leak\":\"x\"","organization_id":"NaN",`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(&AuthLink{ID: tt.id, OrganizationID: tt.org})
		require.NoError(t, err, "%q", tt.id)
		assert.Contains(t, string(b), tt.want)
		var view map[string]any
		require.NoError(t, json.Unmarshal(b, &view))
		assert.NotContains(t, view, "leak")
	}
}
