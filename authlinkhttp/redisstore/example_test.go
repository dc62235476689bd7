package redisstore_test

import (
	"context"
	"log"
	"net/http"
	"os"

	"github.com/authlink-go/authlink"
	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinkhttp/redisstore"
	"github.com/redis/go-redis/v9"
)

// A receiver of StackOne's webhooks that runs on several replicas behind a
// load balancer: every replica points its Store at the same Redis, so a
// delivery runs the callback once whichever replicas it reaches, and at
// the same time on two of them, one runs it and the other answers 409.
func ExampleStore() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	hook, err := authlinkhttp.Webhook(authlinkhttp.WebhookConfig{
		Scheme:  authlinkhttp.SchemeStackOne,
		Secrets: []string{os.Getenv("STACKONE_WEBHOOK_SECRET")},
		Store:   &redisstore.Store{Client: rdb, Prefix: "myservice:stackone-webhooks:"},
	}, func(ctx context.Context, link *authlink.AuthLink) error {
		return save(ctx, link)
	})
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("POST /hooks/stackone", hook)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func save(context.Context, *authlink.AuthLink) error { return nil }
