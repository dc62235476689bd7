package authlink_test

import (
	"errors"
	"fmt"

	"github.com/authlink-go/authlink"
)

// payload is what StackOne's API sends: snake_case member names.
const payload = `{
  "id": 1024, "organization_id": "org_5f2c9a", "project_id": "proj_6a1f",
  "categories": ["ats", "hrisLegacy", "accounting"], "provider": null,
  "origin_owner_id": "owner_42", "origin_owner_name": "Acme Corp",
  "created_at": "2025-03-14T09:26:53.589Z",
  "metadata": {"plan": "enterprise", "seats": 12345678901234567890},
  "token": "sess_tok_5f2b9c0d4e7a41b8",
  "auth_link_url": "https://hub.stackone.com/connect?token=sess_tok_5f2b9c0d4e7a41b8",
  "external_trigger_token": "ext_tok_0a9b8c7d6e5f",
  "type": "production", "connector_profile_id": "cp_1a2b"
}`

func ExampleValidate() {
	err := authlink.Validate([]byte(payload))
	fmt.Println(err)

	err = authlink.Validate([]byte(`{"id": "1024", "categories": ["HRIS"]}`))
	fmt.Println(errors.Is(err, authlink.ErrInvalid))
	// Output:
	// <nil>
	// true
}

func ExampleDecode() {
	link, err := authlink.Decode([]byte(payload))
	if err != nil {
		panic(err)
	}
	fmt.Println(link.Categories) // aliases become wire values
	org, _ := link.OrganizationID.Text()
	fmt.Println(org, link.OrganizationID.IsString())
	_, set := link.Provider.Get()
	fmt.Println(link.Provider.IsNull(), set, link.Label.IsZero()) // null, not set; label absent
	md, _ := link.Metadata.Get()
	fmt.Println(md["seats"])                                // every digit kept
	fmt.Println(link.Token, link.ExternalTriggerToken)      // never printed
	fmt.Println(string(link.Extra["connector_profile_id"])) // unknown members kept
	// Output:
	// [ats hris-legacy accounting]
	// org_5f2c9a true
	// true false true
	// 12345678901234567890
	// [REDACTED] [REDACTED]
	// "cp_1a2b"
}

func ExampleValidationError() {
	err := authlink.Validate([]byte(`{
		"id": 1e400, "organization_id": "", "project_id": "p",
		"categories": ["ats", "payroll"],
		"origin_owner_id": "owner_42", "origin_owner_name": "Acme Corp",
		"created_at": "2025-02-30T10:00:00Z",
		"auth_link_url": "javascript:alert(1)"
	}`))
	var verr *authlink.ValidationError
	if errors.As(err, &verr) {
		for _, v := range verr.Violations {
			fmt.Printf("%s %s\n", v.Pointer, v.Code)
		}
	}
	// Output:
	// /auth_link_url format
	// /categories/1 enum
	// /created_at format
	// /id range
	// /organization_id empty
	// /token required
}

// A document with the SDK's camelCase names, checked with the default api
// profile, gets a hint; the document profile reads it.
func ExampleValidationError_hint() {
	doc := []byte(`{
		"id": 1, "organizationId": 2, "projectId": "p", "originOwnerId": "o", "originOwnerName": "n",
		"createdAt": "2025-03-14T09:26:53Z", "token": "t", "authLinkUrl": "https://hub.stackone.com"
	}`)
	var verr *authlink.ValidationError
	if errors.As(authlink.Validate(doc), &verr) {
		fmt.Println(verr.Hint)
	}
	fmt.Println(authlink.New(authlink.Options{Profile: authlink.ProfileDocument}).Validate(doc))
	// Output:
	// member names follow the SDK document (camelCase); use the document profile
	// <nil>
}

func ExampleValidationError_malformed() {
	err := authlink.Validate([]byte(`{"token": "a", "\u0074oken": "b"}`))
	var verr *authlink.ValidationError
	errors.As(err, &verr)
	fmt.Println(verr.Malformed(), verr.Violations[0])
	// Output:
	// true /token: duplicate: member name appears more than once in the object
}

func ExampleValidateStruct() {
	link := &authlink.AuthLink{
		ID: "1024", OrganizationID: authlink.OrganizationIDString("org_5f2c9a"), ProjectID: "proj_6a1f",
		Categories:    authlink.ValueOf([]authlink.Category{authlink.CategoryATS, "payroll"}),
		OriginOwnerID: "owner_42", OriginOwnerName: "Acme Corp",
		Label:       authlink.ValueOf("Acme ATS"),
		CreatedAt:   "2025-03-14T09:26:53Z",
		Token:       "sess_tok_5f2b9c0d4e7a41b8",
		AuthLinkURL: "https://hub.stackone.com/connect",
	}
	fmt.Println(authlink.ValidateStruct(link))
	// Output:
	// authlink: invalid auth link: /categories/1: enum: must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening, messaging, accounting, scheduling
}

func ExampleValidator() {
	v := authlink.New(authlink.Options{Strict: true, OpenCategories: true})
	err := v.Validate([]byte(`{
		"id": 1, "organization_id": 2, "project_id": "p", "categories": ["payroll"],
		"origin_owner_id": "o", "origin_owner_name": "n", "created_at": "2025-03-14T09:26:53Z",
		"token": "t", "auth_link_url": "https://hub.stackone.com", "expires_at": "2025-03-15T09:26:53Z"
	}`))
	fmt.Println(err)
	// Output:
	// authlink: invalid auth link: /expires_at: unknown: member is not defined by the schema (strict mode)
}

// The document profile reads the SDK document's camelCase names, and a link
// decoded with it is written back with them by Encode.
func ExampleProfile() {
	v := authlink.New(authlink.Options{Profile: authlink.ProfileDocument})
	link, err := v.Decode([]byte(`{"id":1,"organizationId":2,"projectId":"p","originOwnerId":"o",` +
		`"originOwnerName":"n","createdAt":"2025-03-14T09:26:53Z","token":"t","authLinkUrl":"https://hub.stackone.com"}`))
	if err != nil {
		panic(err)
	}
	out, _ := authlink.Encode(link)
	fmt.Println(link.Profile)
	fmt.Println(string(out))
	// Output:
	// document
	// {"id":1,"organizationId":2,"projectId":"p","originOwnerId":"o","originOwnerName":"n","createdAt":"2025-03-14T09:26:53Z","token":"t","authLinkUrl":"https://hub.stackone.com"}
}
