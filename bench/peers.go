// Package bench compares authlink with the ways people check auth links
// today. It is a module of its own, so that none of the peers enters
// authlink's go.mod.
package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/authlink-go/authlink"
	"github.com/getkin/kin-openapi/openapi3"
	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/go-playground/validator/v10"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/valyala/fastjson"
	"github.com/xeipuuv/gojsonschema"
)

// Impl is one way to check a payload: it reports whether it is valid.
type Impl struct {
	Name string
	// Checks reports whether Check applies the rules; the stdlib reference
	// and the bare tokenizers only read the bytes.
	Checks bool
	Check  func(data []byte) bool
}

// plain is the struct a hand-rolled consumer decodes into.
type plain struct {
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

// tagged is the struct a go-playground/validator user writes for the same
// rules, with the tags the library ships.
type tagged struct {
	ID              *float64       `json:"id" validate:"required"`
	OrganizationID  *float64       `json:"organizationId" validate:"required"`
	ProjectID       string         `json:"projectId" validate:"required"`
	Categories      []string       `json:"categories" validate:"omitempty,dive,oneof=ats hris hris-legacy crm iam marketing lms stackone documents ticketing screening hrisLegacy stackOne"`
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

// Impls returns the implementations in the order the tables show them,
// encoding/json first: it is the reference the ratios are taken to.
func Impls() ([]Impl, error) {
	santhosh, err := compileSanthosh()
	if err != nil {
		return nil, err
	}
	gojs, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(draft7Schema()))
	if err != nil {
		return nil, err
	}
	kin, err := kinSchema()
	if err != nil {
		return nil, err
	}
	playground := validator.New()
	checkSanthosh := func(data []byte) bool {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		return err == nil && santhosh.Validate(v) == nil
	}
	checkPlayground := func(data []byte) bool {
		var t tagged
		return json.Unmarshal(data, &t) == nil && playground.Struct(&t) == nil
	}
	var fj fastjson.Parser
	return []Impl{
		{"stdlib", false, func(data []byte) bool { var p plain; return json.Unmarshal(data, &p) == nil }},
		{"authlink", true, func(data []byte) bool { return authlink.Validate(data) == nil }},
		{"authlink-decode", true, func(data []byte) bool { _, err := authlink.Decode(data); return err == nil }},
		{"santhosh", true, checkSanthosh},
		{"playground", true, checkPlayground},
		{"santhosh+playground", true, func(data []byte) bool {
			a, b := checkSanthosh(data), checkPlayground(data)
			return a && b
		}},
		{"gojsonschema", true, func(data []byte) bool {
			res, err := gojs.Validate(gojsonschema.NewBytesLoader(data))
			return err == nil && res.Valid()
		}},
		{"kin-openapi", true, func(data []byte) bool {
			var v any
			return json.Unmarshal(data, &v) == nil &&
				kin.VisitJSON(v, openapi3.MultiErrors(), openapi3.EnableFormatValidation()) == nil
		}},
		{"tok-fastjson", false, func(data []byte) bool { _, err := fj.ParseBytes(data); return err == nil }},
		{"tok-jsontext", false, func(data []byte) bool { return readTokens(data) == nil }},
		{"json-v2", false, func(data []byte) bool { var p plain; return jsonv2.Unmarshal(data, &p) == nil }},
	}, nil
}

// readTokens reads every token with the strict jsontext decoder
// (duplicate names and invalid UTF-8 rejected).
func readTokens(data []byte) error {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.ReadToken(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

func compileSanthosh() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(authlink.Schema()))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.RegisterFormat(&jsonschema.Format{Name: "double", Validate: func(v any) error {
		n, ok := v.(json.Number)
		if !ok {
			return nil
		}
		f, _, err := big.ParseFloat(string(n), 10, 53, big.ToNearestEven)
		if g, _ := f.Float64(); err != nil || math.IsInf(g, 0) {
			return errors.New("not a double")
		}
		return nil
	}})
	if err := c.AddResource(authlink.SchemaID, doc); err != nil {
		return nil, err
	}
	return c.Compile(authlink.SchemaID)
}

// draft7Schema is the schema as gojsonschema reads it: draft-07, which it
// supports, instead of 2020-12, which it does not.
func draft7Schema() []byte {
	var s map[string]any
	if err := json.Unmarshal(authlink.Schema(), &s); err != nil {
		panic(err)
	}
	s["$schema"] = "http://json-schema.org/draft-07/schema#"
	s["definitions"] = s["$defs"]
	delete(s, "$defs")
	props := s["properties"].(map[string]any)
	props["categories"].(map[string]any)["items"] = map[string]any{"$ref": "#/definitions/category"}
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return b
}

// kinSchema is the schema as an OpenAPI 3.0 component, the form kin-openapi
// validates natively: nullable instead of type arrays.
func kinSchema() (*openapi3.Schema, error) {
	var s map[string]any
	if err := json.Unmarshal(authlink.Schema(), &s); err != nil {
		return nil, err
	}
	category := s["$defs"].(map[string]any)["category"]
	for _, v := range s["properties"].(map[string]any) {
		p := v.(map[string]any)
		if types, ok := p["type"].([]any); ok {
			p["type"], p["nullable"] = types[0], true
		}
		if p["type"] == "array" {
			p["items"] = map[string]any{"$ref": "#/components/schemas/Category"}
		}
	}
	for _, k := range []string{"$schema", "$id", "$defs"} {
		delete(s, k)
	}
	doc := map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": "authlink", "version": "1"},
		"paths":   map[string]any{},
		"components": map[string]any{"schemas": map[string]any{
			"AuthLink": s, "Category": category,
		}},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	t, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		return nil, err
	}
	return t.Components.Schemas["AuthLink"].Value, nil
}

// Payloads returns the typical valid and invalid payloads of the corpus.
func Payloads() (map[string][]byte, error) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "testdata")
	out := map[string][]byte{}
	for _, name := range []string{"valid", "invalid"} {
		data, err := os.ReadFile(filepath.Join(root, name, "typical.json"))
		if err != nil {
			return nil, err
		}
		out[name] = data
	}
	return out, nil
}

// Describe names an implementation for the tables.
func Describe(i Impl) string {
	if i.Checks {
		return i.Name
	}
	return fmt.Sprintf("%s (reads only)", strings.TrimPrefix(i.Name, "tok-"))
}
