package bench

// plainAPI is the struct a hand-rolled consumer of StackOne's API decodes
// into. organization_id is a string today and was a number before 2026-02;
// any takes both, as a consumer reading old and new payloads must.
type plainAPI struct {
	ID                   float64        `json:"id"`
	OrganizationID       any            `json:"organization_id"`
	ProjectID            string         `json:"project_id"`
	Categories           []string       `json:"categories"`
	Provider             *string        `json:"provider"`
	OriginOwnerID        string         `json:"origin_owner_id"`
	OriginOwnerName      string         `json:"origin_owner_name"`
	OriginUsername       *string        `json:"origin_username"`
	AccountID            *string        `json:"account_id"`
	Label                *string        `json:"label"`
	CreatedAt            string         `json:"created_at"`
	Metadata             map[string]any `json:"metadata"`
	Token                string         `json:"token"`
	AuthLinkURL          string         `json:"auth_link_url"`
	ExternalTriggerToken *string        `json:"external_trigger_token"`
	Type                 *string        `json:"type"`
	IntegrationID        *string        `json:"integration_id"`
}

// taggedAPI is the struct a go-playground/validator user writes for the
// api profile's rules, with the tags the library ships. The category tag is
// an alias for the schema's enum; see playgroundFor. No stock tag says "a
// non-empty string or a number", so organization_id is only required.
type taggedAPI struct {
	ID                   *float64       `json:"id" validate:"required"`
	OrganizationID       any            `json:"organization_id" validate:"required"`
	ProjectID            string         `json:"project_id" validate:"required"`
	Categories           []string       `json:"categories" validate:"omitempty,dive,category"`
	Provider             *string        `json:"provider"`
	OriginOwnerID        string         `json:"origin_owner_id" validate:"required"`
	OriginOwnerName      string         `json:"origin_owner_name" validate:"required"`
	OriginUsername       *string        `json:"origin_username"`
	AccountID            *string        `json:"account_id"`
	Label                *string        `json:"label"`
	CreatedAt            string         `json:"created_at" validate:"required,datetime=2006-01-02T15:04:05Z07:00"`
	Metadata             map[string]any `json:"metadata"`
	Token                string         `json:"token" validate:"required"`
	AuthLinkURL          string         `json:"auth_link_url" validate:"required,http_url"`
	ExternalTriggerToken *string        `json:"external_trigger_token"`
	Type                 *string        `json:"type"`
	IntegrationID        *string        `json:"integration_id"`
}

// plainDocument is plainAPI for the SDK document's camelCase names.
type plainDocument struct {
	ID              float64        `json:"id"`
	OrganizationID  float64        `json:"organizationId"`
	ProjectID       string         `json:"projectId"`
	Categories      []string       `json:"categories"`
	Provider        *string        `json:"provider"`
	OriginOwnerID   string         `json:"originOwnerId"`
	OriginOwnerName string         `json:"originOwnerName"`
	OriginUsername  *string        `json:"originUsername"`
	AccountID       *string        `json:"accountId"`
	Label           *string        `json:"label"`
	CreatedAt       string         `json:"createdAt"`
	Metadata        map[string]any `json:"metadata"`
	Token           string         `json:"token"`
	AuthLinkURL     string         `json:"authLinkUrl"`
}

// taggedDocument is taggedAPI for the SDK document's camelCase names.
type taggedDocument struct {
	ID              *float64       `json:"id" validate:"required"`
	OrganizationID  *float64       `json:"organizationId" validate:"required"`
	ProjectID       string         `json:"projectId" validate:"required"`
	Categories      []string       `json:"categories" validate:"omitempty,dive,category"`
	Provider        *string        `json:"provider"`
	OriginOwnerID   string         `json:"originOwnerId" validate:"required"`
	OriginOwnerName string         `json:"originOwnerName" validate:"required"`
	OriginUsername  *string        `json:"originUsername"`
	AccountID       *string        `json:"accountId"`
	Label           *string        `json:"label"`
	CreatedAt       string         `json:"createdAt" validate:"required,datetime=2006-01-02T15:04:05Z07:00"`
	Metadata        map[string]any `json:"metadata"`
	Token           string         `json:"token" validate:"required"`
	AuthLinkURL     string         `json:"authLinkUrl" validate:"required,http_url"`
}
