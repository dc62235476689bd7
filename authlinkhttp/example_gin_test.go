package authlinkhttp_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinktest"
)

// ginContext stands in for gin's *gin.Context, so that this example needs
// no gin: it has the two fields and the two methods the adapter uses, with
// gin's meaning.
type ginContext struct {
	Writer   http.ResponseWriter
	Request  *http.Request
	handlers []func(*ginContext)
	index    int
}

// Next runs the handlers after the current one.
func (c *ginContext) Next() {
	for c.index++; c.index < len(c.handlers); c.index++ {
		c.handlers[c.index](c)
	}
}

// Abort stops the handlers after the current one from running.
func (c *ginContext) Abort() { c.index = len(c.handlers) }

// ginRoute stands in for a gin route: the handlers run in order.
func ginRoute(handlers ...func(*ginContext)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &ginContext{Writer: w, Request: r, handlers: handlers, index: -1}
		c.Next()
	})
}

// ginMiddleware adapts a net/http middleware, such as Middleware or VerdictOnly,
// to gin. With gin, write the same function with *gin.Context for
// *ginContext and gin.HandlerFunc as its result. The next handlers run
// with the request the middleware passed on, whose context holds the auth
// link; a rejected request stops the chain.
func ginMiddleware(mw func(http.Handler) http.Handler) func(*ginContext) {
	return func(c *ginContext) {
		passed := false
		mw(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
			passed = true
			c.Request = r
			c.Next()
		})).ServeHTTP(c.Writer, c.Request)
		if !passed {
			c.Abort()
		}
	}
}

// The middleware in a gin application, through a short adapter. In
// gin: router.POST("/auth-links", ginMiddleware(authlinkhttp.Middleware(cfg)), createAuthLink).
func ExampleMiddleware_gin() {
	createAuthLink := func(c *ginContext) {
		link, _ := authlinkhttp.FromContext(c.Request.Context())
		fmt.Fprintf(c.Writer, "stored %s\n", link.ProjectID)
	}
	router := ginRoute(ginMiddleware(authlinkhttp.Middleware(authlinkhttp.Config{})), createAuthLink)

	for _, body := range [][]byte{authlinktest.FixtureJSON(), authlinktest.Document(authlinktest.Without("token"))} {
		req := httptest.NewRequest("POST", "/auth-links", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		router.ServeHTTP(rec, req)
		fmt.Print(rec.Code, " ", rec.Header().Get("Content-Type"), " ", rec.Body.String())
	}
	// Output:
	// 200 text/plain; charset=utf-8 stored proj_6a1f93c2e4b04d7f
	// 422 application/problem+json {"type":"https://github.com/authlink-go/authlink/problems/invalid-auth-link","title":"Invalid auth link","status":422,"detail":"1 violation(s) of the ConnectSessionTokenAuthLink schema.","errors":[{"pointer":"#/token","code":"required","detail":"required member is missing","line":1,"column":1,"offset":0}]}
}
