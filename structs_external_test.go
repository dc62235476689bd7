package authlink_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinktest"
	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// request is a caller's struct holding auth links, as gin binds it.
type request struct {
	Name  string               `json:"name" validate:"required"`
	Link  authlink.AuthLink    `json:"link"`
	Links []*authlink.AuthLink `json:"links" validate:"dive"`
	authlink.AuthLink
}

// TestCallersValidator: a plain go-playground validator, what gin's default
// binding runs, neither panics nor fails on the library's rules, which it
// does not know; RegisterValidations makes it apply them.
func TestCallersValidator(t *testing.T) {
	bad := authlinktest.Fixture(authlinktest.WithCategories("ats", "payroll"))
	tests := []struct {
		name     string
		register bool
		req      request
		want     []string // field errors as "namespace tag"
	}{
		{"plain, valid links", false, request{Name: "n", Link: *authlinktest.Fixture(), Links: []*authlink.AuthLink{authlinktest.Fixture()}, AuthLink: *authlinktest.Fixture()}, nil},
		{"plain, invalid links are not its business", false, request{Name: "n", Link: *bad, Links: []*authlink.AuthLink{bad}, AuthLink: *bad}, nil},
		{"plain, its own rules still run", false, request{Link: *authlinktest.Fixture(), AuthLink: *authlinktest.Fixture()}, []string{"request.name required"}},
		{"registered, valid links", true, request{Name: "n", Link: *authlinktest.Fixture(), AuthLink: *authlinktest.Fixture()}, nil},
		{"registered, invalid links", true, request{Name: "n", Link: *bad, Links: []*authlink.AuthLink{bad}, AuthLink: *authlinktest.Fixture()},
			[]string{"request.link./categories/1 enum", "request.links[0]./categories/1 enum"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sv := validator.New()
			sv.RegisterTagNameFunc(func(f reflect.StructField) string { name, _, _ := strings.Cut(f.Tag.Get("json"), ","); return name })
			if tt.register {
				require.NoError(t, authlink.RegisterValidations(sv))
			}
			var err error
			require.NotPanics(t, func() { err = sv.Struct(&tt.req) })
			require.NotPanics(t, func() { assert.Equal(t, fmt.Sprint(err), fmt.Sprint(sv.Struct(tt.req)), "by value") })
			var got []string
			var fes validator.ValidationErrors
			if errors.As(err, &fes) {
				for _, fe := range fes {
					got = append(got, fe.Namespace()+" "+fe.Tag())
				}
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Error(t, authlink.RegisterValidations(nil))
}
