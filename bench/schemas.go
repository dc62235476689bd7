package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"slices"

	"github.com/authlink-go/authlink"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The peers that check the schema read the profile's embedded schema, each
// in the form it supports, so that they apply the same rules as authlink.

func compileSanthosh(p authlink.Profile) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(p.Schema()))
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
	if err := c.AddResource(p.SchemaID(), doc); err != nil {
		return nil, err
	}
	return c.Compile(p.SchemaID())
}

// draft7Schema is the schema as gojsonschema reads it: draft-07, which it
// supports, instead of 2020-12, which it does not.
func draft7Schema(p authlink.Profile) ([]byte, error) {
	var s map[string]any
	if err := json.Unmarshal(p.Schema(), &s); err != nil {
		return nil, err
	}
	s["$schema"] = "http://json-schema.org/draft-07/schema#"
	s["definitions"] = s["$defs"]
	delete(s, "$defs")
	props := s["properties"].(map[string]any)
	props["categories"].(map[string]any)["items"] = map[string]any{"$ref": "#/definitions/category"}
	return json.Marshal(s)
}

// typeKeywords are the keywords of the schemas that apply to one JSON type
// only; kinSchema splits a property of several types by them.
var typeKeywords = map[string][]string{
	"string": {"minLength", "pattern"},
	"number": {"format"},
}

// kinSchema is the schema as an OpenAPI 3.0 component, the form kin-openapi
// validates natively: nullable instead of null in type arrays, and anyOf
// where a property has several other types (the api's organization_id).
func kinSchema(p authlink.Profile) (*openapi3.Schema, error) {
	var s map[string]any
	if err := json.Unmarshal(p.Schema(), &s); err != nil {
		return nil, err
	}
	category := s["$defs"].(map[string]any)["category"]
	for _, v := range s["properties"].(map[string]any) {
		prop := v.(map[string]any)
		delete(prop, "examples") // not an OpenAPI 3.0 keyword
		if types, ok := prop["type"].([]any); ok {
			if i := slices.Index(types, any("null")); i >= 0 {
				prop["nullable"] = true
				types = slices.Delete(types, i, i+1)
			}
			if len(types) == 1 {
				prop["type"] = types[0]
			} else {
				delete(prop, "type")
				var branches []any
				for _, t := range types {
					branch := map[string]any{"type": t}
					for _, k := range typeKeywords[t.(string)] {
						if kv, ok := prop[k]; ok {
							branch[k] = kv
							delete(prop, k)
						}
					}
					branches = append(branches, branch)
				}
				prop["anyOf"] = branches
			}
		}
		if prop["type"] == "array" {
			prop["items"] = map[string]any{"$ref": "#/components/schemas/Category"}
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

// categoryEnum returns the values the profile's schema allows in
// categories, the alias spellings included.
func categoryEnum(p authlink.Profile) ([]string, error) {
	var s struct {
		Defs struct {
			Category struct {
				Enum []string `json:"enum"`
			} `json:"category"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(p.Schema(), &s); err != nil {
		return nil, err
	}
	if len(s.Defs.Category.Enum) == 0 {
		return nil, errors.New("bench: no category enum in the " + p.String() + " schema")
	}
	return s.Defs.Category.Enum, nil
}
