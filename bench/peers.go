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
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/authlink-go/authlink"
	"github.com/bytedance/sonic"
	"github.com/getkin/kin-openapi/openapi3"
	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/go-playground/validator/v10"
	goccy "github.com/goccy/go-json"
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

// Impls returns the implementations for the profile's payloads, in the
// order the tables show them, encoding/json first: it is the reference the
// ratios are taken to. The peers that check the schema compile the
// profile's schema, and the structs carry the profile's member names.
func Impls(p authlink.Profile) ([]Impl, error) {
	if p == authlink.ProfileDocument {
		return impls[plainDocument, taggedDocument](p)
	}
	return impls[plainAPI, taggedAPI](p)
}

// impls builds the implementations, with P the plain struct the decoders
// (encoding/json, json/v2, goccy/go-json, sonic) fill and T the one
// go-playground/validator checks.
func impls[P, T any](p authlink.Profile) ([]Impl, error) {
	santhosh, err := compileSanthosh(p)
	if err != nil {
		return nil, err
	}
	draft7, err := draft7Schema(p)
	if err != nil {
		return nil, err
	}
	gojs, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(draft7))
	if err != nil {
		return nil, err
	}
	kin, err := kinSchema(p)
	if err != nil {
		return nil, err
	}
	playground, err := playgroundFor(p)
	if err != nil {
		return nil, err
	}
	al := authlink.New(authlink.Options{Profile: p})
	checkSanthosh := func(data []byte) bool {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		return err == nil && santhosh.Validate(v) == nil
	}
	checkPlayground := func(data []byte) bool {
		var t T
		return json.Unmarshal(data, &t) == nil && playground.Struct(&t) == nil
	}
	var fj fastjson.Parser
	return []Impl{
		{"stdlib", false, func(data []byte) bool { var v P; return json.Unmarshal(data, &v) == nil }},
		{"authlink", true, func(data []byte) bool { return al.Validate(data) == nil }},
		{"authlink-decode", true, func(data []byte) bool { _, err := al.Decode(data); return err == nil }},
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
		{"fastjson-validate", false, func(data []byte) bool { return fastjson.ValidateBytes(data) == nil }},
		{"tok-jsontext", false, func(data []byte) bool { return readTokens(data) == nil }},
		{"json-v2", false, func(data []byte) bool { var v P; return jsonv2.Unmarshal(data, &v) == nil }},
		{"goccy", false, func(data []byte) bool { var v P; return goccy.Unmarshal(data, &v) == nil }},
		{"sonic", false, func(data []byte) bool { var v P; return sonic.Unmarshal(data, &v) == nil }},
	}, nil
}

// playgroundFor returns a go-playground validator whose tag "category"
// stands for oneof the profile's category enum, as a user would write it.
func playgroundFor(p authlink.Profile) (*validator.Validate, error) {
	enum, err := categoryEnum(p)
	if err != nil {
		return nil, err
	}
	v := validator.New()
	v.RegisterAlias("category", "oneof="+strings.Join(enum, " "))
	return v, nil
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

// Payloads returns the profile's typical valid and invalid payloads from
// the corpus: for the api profile, the wire payload StackOne's API sends.
func Payloads(p authlink.Profile) (map[string][]byte, error) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "testdata", p.String())
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
