package authlinkhttp_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinktest"
)

// A client that creates connect sessions checks StackOne's answers with
// nothing more than its Transport: a valid answer arrives as a typed
// AuthLink, an invalid one as an error with the status and the
// violations. Here an httptest server stands in for StackOne, and its
// second answer is broken.
func ExampleTransport() {
	answers := [][]byte{
		authlinktest.FixtureJSON(),
		authlinktest.Document(authlinktest.Without("token"), authlinktest.Set("auth_link_url", "hub.stackone.com/connect")),
	}
	stackOne := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write(answers[0])
		answers = answers[1:]
	}))
	defer stackOne.Close()

	client := &http.Client{Transport: authlinkhttp.Transport(http.DefaultTransport, authlinkhttp.TransportConfig{})}
	for range 2 {
		resp, err := client.Post(stackOne.URL+"/connect_sessions", "application/json",
			strings.NewReader(`{"origin_owner_id":"cust_8e41c0b7","origin_owner_name":"Acme Corporation"}`))
		var invalid *authlinkhttp.ResponseError
		switch {
		case errors.As(err, &invalid):
			fmt.Println("StackOne answered", invalid.StatusCode, "with an invalid auth link:")
			for _, v := range invalid.Err.Violations {
				fmt.Println(" ", v.Pointer, v.Code)
			}
		case err != nil:
			fmt.Println("request failed:", err)
		default:
			// resp.Body is still readable, for a client that decodes it itself.
			link, _ := authlinkhttp.FromResponse(resp)
			resp.Body.Close()
			fmt.Println("valid auth link for", link.ProjectID) // hand link.AuthLinkURL to the front end
		}
	}
	// Output:
	// valid auth link for proj_6a1f93c2e4b04d7f
	// StackOne answered 201 with an invalid auth link:
	//   /auth_link_url format
	//   /token required
}
