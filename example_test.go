package authlink_test

import (
	"errors"
	"fmt"

	"github.com/authlink-go/authlink"
)

const payload = `{
  "id": 1024, "organizationId": 17, "projectId": "proj_6a1f",
  "categories": ["ats", "hrisLegacy"], "provider": null,
  "originOwnerId": "owner_42", "originOwnerName": "Acme Corp",
  "createdAt": "2025-03-14T09:26:53.589Z",
  "metadata": {"plan": "enterprise", "seats": 12345678901234567890},
  "token": "sess_tok_5f2b9c0d4e7a41b8",
  "authLinkUrl": "https://hub.stackone.com/connect?token=sess_tok_5f2b9c0d4e7a41b8"
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
	_, set := link.Provider.Get()
	fmt.Println(link.Provider.IsNull(), set, link.Label.IsZero()) // null, not set; label absent
	md, _ := link.Metadata.Get()
	fmt.Println(md["seats"]) // every digit kept
	fmt.Println(link.Token)  // never printed
	// Output:
	// [ats hris-legacy]
	// true false true
	// 12345678901234567890
	// [REDACTED]
}

func ExampleValidationError() {
	err := authlink.Validate([]byte(`{
		"id": 1e400, "organizationId": 17, "projectId": "",
		"categories": ["ats", "payroll"],
		"originOwnerId": "owner_42", "originOwnerName": "Acme Corp",
		"createdAt": "2025-02-30T10:00:00Z",
		"authLinkUrl": "javascript:alert(1)"
	}`))
	var verr *authlink.ValidationError
	if errors.As(err, &verr) {
		for _, v := range verr.Violations {
			fmt.Printf("%s %s\n", v.Pointer, v.Code)
		}
	}
	// Output:
	// /authLinkUrl format
	// /categories/1 enum
	// /createdAt format
	// /id range
	// /projectId empty
	// /token required
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
		ID: 1024, OrganizationID: 17, ProjectID: "proj_6a1f",
		Categories:    []authlink.Category{authlink.CategoryATS, "payroll"},
		OriginOwnerID: "owner_42", OriginOwnerName: "Acme Corp",
		Label:       authlink.Value("Acme ATS"),
		CreatedAt:   "2025-03-14T09:26:53Z",
		Token:       "sess_tok_5f2b9c0d4e7a41b8",
		AuthLinkURL: "https://hub.stackone.com/connect",
	}
	fmt.Println(authlink.ValidateStruct(link))
	// Output:
	// authlink: invalid auth link: /categories/1: enum: must be one of: ats, hris, hris-legacy, crm, iam, marketing, lms, stackone, documents, ticketing, screening
}

func ExampleValidator() {
	v := authlink.New(authlink.Options{Strict: true, OpenCategories: true})
	err := v.Validate([]byte(`{
		"id": 1, "organizationId": 2, "projectId": "p", "categories": ["payroll"],
		"originOwnerId": "o", "originOwnerName": "n", "createdAt": "2025-03-14T09:26:53Z",
		"token": "t", "authLinkUrl": "https://hub.stackone.com", "expiresAt": "2025-03-15T09:26:53Z"
	}`))
	fmt.Println(err)
	// Output:
	// authlink: invalid auth link: /expiresAt: unknown: member is not defined by the schema (strict mode)
}
