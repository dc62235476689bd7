package authlink

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validDoc is a minimal valid auth link with room for one more member: the
// tests below insert "%s" members and check what comes out.
const validDoc = `{"id":1,"organization_id":"org_2","project_id":"p","origin_owner_id":"o","origin_owner_name":"n",` +
	`"created_at":"2025-03-14T09:26:53Z","token":"t","auth_link_url":"https://hub.stackone.com"%s}`

// validDocument is validDoc in the document profile.
const validDocument = `{"id":1,"organizationId":2,"projectId":"p","originOwnerId":"o","originOwnerName":"n",` +
	`"createdAt":"2025-03-14T09:26:53Z","token":"t","authLinkUrl":"https://hub.stackone.com"%s}`

func documentWith(m string) []byte {
	return []byte(strings.Replace(validDocument, "%s", m, 1))
}

func withMember(m string) []byte {
	return []byte(strings.Replace(validDoc, "%s", m, 1))
}

// replaced is the valid document with one piece of text replaced.
func replaced(old, new string) []byte {
	return []byte(strings.Replace(strings.Replace(validDoc, old, new, 1), "%s", "", 1))
}

func TestValidateReading(t *testing.T) {
	many := func(n int, last string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(`,"m` + strings.Repeat("x", i) + `":1`)
		}
		return b.String() + last
	}
	tests := []struct {
		name string
		in   []byte
		opts Options
		want []pc // nil: valid
	}{
		// The reader compares the name each writer's order expects next in
		// place (expectedName): a name that only starts like it, the same
		// name escaped, and a repeat still take the general path.
		{"expected name as a prefix", replaced(`"organization_id":"org_2"`, `"organization_idx":1,"organization_id":"org_2"`), Options{Strict: true}, []pc{{"/organization_idx", CodeUnknown}}},
		{"expected name escaped", replaced(`"project_id"`, `"project\u005fid"`), Options{}, nil},
		{"expected name repeated", replaced(`"project_id":"p"`, `"project_id":"p","project_id":"p"`), Options{}, []pc{{"/project_id", CodeDuplicate}}},
		{"sorted names", []byte(`{"auth_link_url":"https://hub.stackone.com","created_at":"2025-03-14T09:26:53Z","id":1,"organization_id":"org_2",` +
			`"origin_owner_id":"o","origin_owner_name":"n","project_id":"p","token":"t","token":"u"}`), Options{}, []pc{{"/token", CodeDuplicate}}},
		{"string escapes", withMember(`,"label":"\"\\\/\b\f\n\r\t\u0041\u00e9\ud83d\ude00"`), Options{}, nil},
		{"raw UTF-8", withMember(`,"label":"é 日本 😀"`), Options{}, nil},
		{"escaped NUL", withMember(`,"label":"a\u0000b"`), Options{}, nil},
		{"raw NUL in string", withMember(",\"label\":\"a\x00b\""), Options{}, []pc{{"/label", CodeSyntax}}},
		{"raw NUL outside", withMember(",\x00\"label\":null"), Options{}, []pc{{"", CodeSyntax}}},
		{"bad hex escape", withMember(`,"label":"\u00zz"`), Options{}, []pc{{"/label", CodeSyntax}}},
		{"short escape at end", []byte(`{"label":"\u00`), Options{}, []pc{{"/label", CodeSyntax}}},
		{"escape at the end of input", []byte(`{"label":"\`), Options{}, []pc{{"/label", CodeSyntax}}},
		{"escape of a NUL", withMember(",\"label\":\"\\\x00\""), Options{}, []pc{{"/label", CodeSyntax}}},
		{"high surrogate then non-surrogate", withMember(`,"label":"\ud800\u0041"`), Options{}, []pc{{"/label", CodeEncoding}}},
		{"high surrogate then text", withMember(`,"label":"\ud800x"`), Options{}, []pc{{"/label", CodeEncoding}}},
		{"surrogate pair with a bad low half", withMember(`,"label":"\ud83d\ude0g"`), Options{}, []pc{{"/label", CodeSyntax}}},
		{"truncated UTF-8", withMember(",\"label\":\"\xe6\x97\""), Options{}, []pc{{"/label", CodeEncoding}}},
		{"invalid UTF-8 outside strings", withMember("\xff"), Options{}, []pc{{"", CodeSyntax}}},
		{"number grammar: plus", withMember(`,"x":+1`), Options{}, []pc{{"/x", CodeSyntax}}},
		{"number grammar: bare dot", withMember(`,"x":.5`), Options{}, []pc{{"/x", CodeSyntax}}},
		{"number grammar: trailing dot", withMember(`,"x":1.`), Options{}, []pc{{"/x", CodeSyntax}}},
		{"number grammar: empty exponent", withMember(`,"x":1e`), Options{}, []pc{{"/x", CodeSyntax}}},
		{"number grammar: hex", withMember(`,"x":0x10`), Options{}, []pc{{"", CodeSyntax}}},
		{"literal typo", withMember(`,"x":nul`), Options{}, []pc{{"/x", CodeSyntax}}},
		{"literal case", withMember(`,"x":True`), Options{}, []pc{{"/x", CodeSyntax}}},
		{"literal typo in a nullable member", withMember(`,"label":nul`), Options{}, []pc{{"/label", CodeSyntax}}},
		{"missing colon", withMember(`,"x" 1`), Options{}, []pc{{"", CodeSyntax}}},
		{"missing value", withMember(`,"x":`), Options{}, []pc{{"/x", CodeSyntax}}},
		{"two documents", []byte(strings.Replace(validDoc, "%s", "", 1) + "\n" + strings.Replace(validDoc, "%s", "", 1)), Options{}, []pc{{"", CodeSyntax}}},
		{"array trailing comma", withMember(`,"metadata":{"a":[1,]}`), Options{}, []pc{{"/metadata/a/1", CodeSyntax}}},
		{"unclosed array", withMember(`,"metadata":{"a":[1 2]}`), Options{}, []pc{{"/metadata/a", CodeSyntax}}},
		{"empty containers in metadata", withMember(`,"metadata":{"o":{},"a":[],"l":[{}, []]}`), Options{}, nil},
		{"empty metadata", withMember(`,"metadata":{ }`), Options{}, nil},
		{"object trailing comma", withMember(`,"metadata":{"a":1,}`), Options{}, []pc{{"/metadata", CodeSyntax}}},
		{"member name not a string", withMember(`,"metadata":{"o":{1:2}}`), Options{}, []pc{{"/metadata/o", CodeSyntax}}},
		{"bad escape in a member name", withMember(`,"metadata":{"o":{"a\x":1}}`), Options{}, []pc{{"/metadata/o", CodeSyntax}}},
		{"missing colon in metadata", withMember(`,"metadata":{"o":{"a" 1}}`), Options{}, []pc{{"/metadata/o", CodeSyntax}}},
		{"missing value in metadata", withMember(`,"metadata":{"o":{"a":}}`), Options{}, []pc{{"/metadata/o/a", CodeSyntax}}},
		{"not a value in a metadata array", withMember(`,"metadata":{"l":[1,x]}`), Options{}, []pc{{"/metadata/l/1", CodeSyntax}}},
		{"duplicate after 8 names (map path)", withMember(many(12, `,"mxxxx":2`)), Options{}, []pc{{"/mxxxx", CodeDuplicate}}},
		{"escaped duplicate after 8 names", withMember(many(12, `,"\u006dxx":2`)), Options{}, []pc{{"/mxx", CodeDuplicate}}},
		{"escaped duplicate in metadata", withMember(`,"metadata":{"a\/b":1,"a/b":2}`), Options{}, []pc{{"/metadata/a~1b", CodeDuplicate}}},
		{"duplicate deep in metadata arrays", withMember(`,"metadata":{"l":[{"k":1},{"k":1,"k":2}]}`), Options{}, []pc{{"/metadata/l/1/k", CodeDuplicate}}},
		{"same name in sibling objects", withMember(`,"metadata":{"l":[{"k":1},{"k":1}],"o":{"k":1}}`), Options{}, nil},
		{"duplicate of known after unknown", withMember(`,"x":1,"\u0069d":2`), Options{}, []pc{{"/id", CodeDuplicate}}},
		{"duplicate null member", withMember(`,"label":null,"label":null`), Options{}, []pc{{"/label", CodeDuplicate}}},
		{"malformed wins over rules", []byte(`{"id":"x","token":"","label":"\ud800"}`), Options{}, []pc{{"/label", CodeEncoding}}},
		{"depth at the cap", withMember(`,"metadata":{"a":{"b":[1]}}`), Options{MaxDepth: 4}, nil},
		{"depth over the cap", withMember(`,"metadata":{"a":{"b":[[1]]}}`), Options{MaxDepth: 4}, []pc{{"/metadata/a/b/0", CodeLimit}}},
		{"depth in unknown member", withMember(`,"x":[[[]]]`), Options{MaxDepth: 3}, []pc{{"/x/0/0", CodeLimit}}},
		{"categories at depth 2", withMember(`,"categories":["ats"]`), Options{MaxDepth: 1}, []pc{{"/categories", CodeLimit}}},
		{"size at the cap", withMember(``), Options{MaxBytes: len(withMember(``))}, nil},
		{"size over the cap", withMember(``), Options{MaxBytes: len(withMember(``)) - 1}, []pc{{"", CodeLimit}}},
		{"size: a final \\n does not count", append(withMember(``), '\n'), Options{MaxBytes: len(withMember(``))}, nil},
		{"size: a final \\r\\n does not count", append(withMember(``), "\r\n"...), Options{MaxBytes: len(withMember(``))}, nil},
		{"size: a second \\n counts", append(withMember(``), "\n\n"...), Options{MaxBytes: len(withMember(``))}, []pc{{"", CodeLimit}}},
		{"size: a final space counts", append(withMember(``), ' '), Options{MaxBytes: len(withMember(``))}, []pc{{"", CodeLimit}}},
		{"strict: escaped unknown name", withMember(`,"a\u002Fb":1`), Options{Strict: true}, []pc{{"/a~1b", CodeUnknown}}},
		{"strict: metadata members are free", withMember(`,"metadata":{"anything":1}`), Options{Strict: true}, nil},
		{"open: any string category", withMember(`,"categories":["payroll","","HRIS"]`), Options{OpenCategories: true}, nil},
		{"open: still strings only", withMember(`,"categories":[null]`), Options{OpenCategories: true}, []pc{{"/categories/0", CodeType}}},
		{"escaped category", withMember(`,"categories":["\u0061ts","st\u0061ckOne"]`), Options{}, nil},
		{"bad escape in a category", withMember(`,"categories":["ats","\a"]`), Options{}, []pc{{"/categories/1", CodeSyntax}}},
		{"escaped date-time", replaced(`"2025-03-14T09:26:53Z"`, `"2025-03-14\u005409:26:53Z"`), Options{}, nil},
		{"escaped bad date-time", replaced(`"2025-03-14T09:26:53Z"`, `"2025-03-14\u002009:26:53Z"`), Options{}, []pc{{"/created_at", CodeFormat}}},
		{"escaped URL", replaced(`"https://hub.stackone.com"`, `"https:\/\/hub.stackone.com\/"`), Options{}, nil},
		{"escaped space is not empty", replaced(`"token":"t"`, `"token":"\u0020"`), Options{}, nil},
		{"api: organization_id a number", replaced(`"org_2"`, `2`), Options{}, nil},
		{"api: organization_id an escaped string", replaced(`"org_2"`, `"\u006f"`), Options{}, nil},
		{"api: organization_id empty", replaced(`"org_2"`, `""`), Options{}, []pc{{"/organization_id", CodeEmpty}}},
		{"api: organization_id too large", replaced(`"org_2"`, `1e400`), Options{}, []pc{{"/organization_id", CodeRange}}},
		{"api: organization_id null", replaced(`"org_2"`, `null`), Options{}, []pc{{"/organization_id", CodeType}}},
		{"api: null categories", withMember(`,"categories":null`), Options{}, nil},
		{"api: new categories", withMember(`,"categories":["messaging","accounting","scheduling"]`), Options{}, nil},
		{"api: new members", withMember(`,"external_trigger_token":"x","type":"anything","integration_id":null`), Options{}, nil},
		{"api: new members typed", withMember(`,"external_trigger_token":1,"type":true,"integration_id":[]`), Options{},
			[]pc{{"/external_trigger_token", CodeType}, {"/integration_id", CodeType}, {"/type", CodeType}}},
		{"api: new members strict", withMember(`,"external_trigger_token":null,"type":null,"connector_profile_id":"c"`), Options{Strict: true},
			[]pc{{"/connector_profile_id", CodeUnknown}}},
		{"document: valid", documentWith(``), Options{Profile: ProfileDocument}, nil},
		{"document: organizationId a string", []byte(strings.Replace(string(documentWith(``)), `:2,`, `:"org_2",`, 1)), Options{Profile: ProfileDocument},
			[]pc{{"/organizationId", CodeType}}},
		{"document: null categories", documentWith(`,"categories":null`), Options{Profile: ProfileDocument}, []pc{{"/categories", CodeType}}},
		{"document: api categories", documentWith(`,"categories":["messaging","ats"]`), Options{Profile: ProfileDocument},
			[]pc{{"/categories/0", CodeEnum}}},
		{"document: api members are unknown", documentWith(`,"external_trigger_token":1,"type":2`), Options{Profile: ProfileDocument}, nil},
		{"document: api members strict", documentWith(`,"type":null`), Options{Profile: ProfileDocument, Strict: true},
			[]pc{{"/type", CodeUnknown}}},
		{"document: snake_case names", []byte(strings.Replace(validDoc, "%s", "", 1)), Options{Profile: ProfileDocument}, []pc{
			{"/authLinkUrl", CodeRequired}, {"/createdAt", CodeRequired}, {"/organizationId", CodeRequired},
			{"/originOwnerId", CodeRequired}, {"/originOwnerName", CodeRequired}, {"/projectId", CodeRequired}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := New(tt.opts).Validate(tt.in)
			_, derr := New(tt.opts).Decode(tt.in)
			assert.Equal(t, err, derr, "Decode, which reads metadata into Go values, reads alike")
			if tt.want == nil {
				assert.NoError(t, err)
			} else {
				var verr *ValidationError
				require.ErrorAs(t, err, &verr)
				assert.Equal(t, tt.want, pcs(verr.Violations))
			}
			malformed, schemaSays := oracle(t, tt.in, tt.opts)
			var verr *ValidationError
			errors.As(err, &verr)
			assert.Equal(t, verr != nil && verr.Malformed(), malformed, "oracle on well-formedness")
			if !malformed && verr != nil {
				assert.Equal(t, schemaSays, pcs(verr.Violations), "oracle")
			}
		})
	}
}

func TestValidationError(t *testing.T) {
	err := Validate([]byte(`{"categories":["x","y","z","a","b","c","d","e","f","g","h","i"]}`))
	var verr *ValidationError
	require.ErrorAs(t, err, &verr)
	assert.ErrorIs(t, err, ErrInvalid)
	assert.False(t, verr.Malformed())
	assert.True(t, verr.Has("/categories/11", CodeEnum))
	assert.False(t, verr.Has("/categories/12", CodeEnum))
	assert.Len(t, verr.Violations, 20)
	assert.True(t, strings.HasPrefix(err.Error(), "authlink: invalid auth link: /auth_link_url: required: required member is missing; /categories/0: enum: "+enumMessages[ProfileAPI]+"; "), err.Error())
	assert.Contains(t, enumMessages[ProfileAPI], "scheduling")
	assert.NotContains(t, enumMessages[ProfileDocument], "scheduling")
	assert.True(t, strings.HasSuffix(err.Error(), "; and 10 more"), err.Error())
	assert.Equal(t, 1, strings.Count(err.Error(), "scheduling"), "the allowed values are named once")
	assert.Contains(t, err.Error(), "/categories/1: enum: "+msgEnumAgain)
	assert.Less(t, len(err.Error()), 800)
	assert.Equal(t, enumMessages[ProfileAPI], verr.Violations[2].Message, "Violations keep the whole message")
	assert.Equal(t, "(root)", Violation{}.DisplayPointer())
	assert.Equal(t, "/a", Violation{Pointer: "/a"}.DisplayPointer())
	assert.Equal(t, `"/a\n\xff"`, Violation{Pointer: "/a\n\xff"}.DisplayPointer())

	err = Validate(nil)
	require.ErrorAs(t, err, &verr)
	assert.True(t, verr.Malformed())
	assert.Equal(t, "authlink: invalid auth link: (root): syntax: input is empty", err.Error())
}

func TestValidatorOptions(t *testing.T) {
	assert.Equal(t, Options{MaxBytes: DefaultMaxBytes, MaxDepth: DefaultMaxDepth}, New(Options{}).Options())
	assert.Equal(t, Options{MaxBytes: DefaultMaxBytes, MaxDepth: DefaultMaxDepth}, new(Validator).Options())
	assert.Equal(t, Options{Strict: true, MaxBytes: 10, MaxDepth: DefaultMaxDepth}, New(Options{Strict: true, MaxBytes: 10, MaxDepth: -1}).Options())
	var zero Validator
	assert.NoError(t, zero.Validate(withMember("")))
	assert.NoError(t, zero.ValidateStruct(&AuthLink{ID: "1", ProjectID: "p", OriginOwnerID: "o", OriginOwnerName: "n",
		CreatedAt: "2025-03-14T09:26:53Z", Token: "t", AuthLinkURL: "https://h"}))
}

func TestDecode(t *testing.T) {
	a, err := Decode(withMember(`,"categories":["hrisLegacy","ats"],"provider":null,"label":"L","metadata":{"n":12345678901234567890,"f":0.1,"s":"x","b":true,"z":null,"l":[1,{"k":"v"}]},"x":{"y": [1, 2]}`))
	require.NoError(t, err)
	assert.Equal(t, ValueOf([]Category{CategoryHRISLegacy, CategoryATS}), a.Categories)
	assert.True(t, a.Provider.IsNull())
	assert.True(t, a.AccountID.IsZero())
	label, ok := a.Label.Get()
	assert.True(t, ok)
	assert.Equal(t, "L", label)
	md, ok := a.Metadata.Get()
	require.True(t, ok)
	assert.Equal(t, Metadata{"n": json.Number("12345678901234567890"), "f": json.Number("0.1"), "s": "x", "b": true, "z": nil,
		"l": []any{json.Number("1"), map[string]any{"k": "v"}}}, md)
	assert.Equal(t, `{"y": [1, 2]}`, string(a.Extra["x"]))
	assert.Equal(t, Token("t"), a.Token)

	a, err = Decode(withMember(`,"metadata":{"o":{},"a":[],"l":[{}, []]}`))
	require.NoError(t, err)
	assert.Equal(t, ValueOf(Metadata{"o": map[string]any{}, "a": []any{}, "l": []any{map[string]any{}, []any{}}}), a.Metadata,
		"empty containers stay empty, not nil")

	a, err = Decode(withMember(`,"categories":[]`))
	require.NoError(t, err)
	assert.Equal(t, ValueOf([]Category{}), a.Categories, "an empty array stays an empty array")
	assert.Nil(t, a.Extra)
	a, err = Decode(withMember(``))
	require.NoError(t, err)
	assert.True(t, a.Categories.IsZero(), "an absent member stays absent")
	assert.True(t, a.Metadata.IsZero())

	a, err = New(Options{OpenCategories: true}).Decode(withMember(`,"categories":["payroll","stackOne"]`))
	require.NoError(t, err)
	assert.Equal(t, ValueOf([]Category{"payroll", CategoryStackOne}), a.Categories)

	a, err = Decode(withMember(`,"metadata":{"a":1,"a":2}`))
	assert.Nil(t, a)
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestHint(t *testing.T) {
	api, document := strings.Replace(validDoc, "%s", "", 1), strings.Replace(validDocument, "%s", "", 1)
	tests := []struct {
		name string
		in   string
		opts Options
		want string
	}{
		{"camelCase under api", document, Options{}, hints[ProfileAPI]},
		{"snake_case under document", api, Options{Profile: ProfileDocument}, hints[ProfileDocument]},
		{"camelCase under api, strict", document, Options{Strict: true}, hints[ProfileAPI]},
		{"one camelCase name among snake_case ones", strings.Replace(api, `"token"`, `"createdAt":"x","token"`, 1), Options{Strict: true}, ""},
		{"mostly camelCase, invalid", `{"projectId":"p","originOwnerId":"o","created_at":"x"}`, Options{}, hints[ProfileAPI]},
		{"names shared by both profiles only", `{"id":1,"token":"t"}`, Options{}, ""},
		{"valid camelCase document under document", document, Options{Profile: ProfileDocument}, "none"},
		{"malformed camelCase under api", document + "x", Options{}, ""},
		{"api-only names under document", `{"type":"x","integration_id":"i"}`, Options{Profile: ProfileDocument}, hints[ProfileDocument]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := New(tt.opts).Validate([]byte(tt.in))
			if tt.want == "none" {
				require.NoError(t, err)
				return
			}
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			assert.Equal(t, tt.want, verr.Hint)
			assert.Equal(t, tt.want != "", strings.HasSuffix(err.Error(), "; hint: "+tt.want), err.Error())
			_, derr := New(tt.opts).Decode([]byte(tt.in))
			assert.Equal(t, err, derr, "Decode gives the same hint")
		})
	}
	assert.NotEqual(t, hints[ProfileAPI], hints[ProfileDocument])
}

// TestValidateAllocations pins the documented boundary of Validate's
// zero-allocation path: no escapes, at most eight members per object besides
// the root's known ones.
func TestValidateAllocations(t *testing.T) {
	members := func(n int, format string) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	tests := []struct {
		name string
		in   []byte
		zero bool
	}{
		{"the api corpus's typical payload", must(os.ReadFile("testdata/api/valid/typical.json")), true},
		{"metadata with 8 members", withMember(`,"metadata":{` + members(8, `"k%d":1`) + `}`), true},
		{"metadata with 9 members", withMember(`,"metadata":{` + members(9, `"k%d":1`) + `}`), false},
		{"8 unknown members", withMember(`,` + members(8, `"u%d":1`)), true},
		{"9 unknown members", withMember(`,` + members(9, `"u%d":1`)), false},
		{"an escaped value", withMember(`,"label":"\u0041"`), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, Validate(tt.in))
			allocs := testing.AllocsPerRun(10, func() { _ = Validate(tt.in) })
			assert.Equal(t, tt.zero, allocs == 0, "%v allocations", allocs)
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
