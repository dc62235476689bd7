// Command genndjson writes an NDJSON file of valid auth links as StackOne's
// API sends them (the api profile's wire names), varied in their ids,
// names, categories, metadata, tokens and link types, for throughput tests.
//
//	go run ./cmd/genndjson -size 200 -o /tmp/links.ndjson
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/authlink-go/authlink"
)

func main() {
	sizeMB := flag.Int("size", 200, "size of the file in MB (10^6 bytes)")
	out := flag.String("o", "links.ndjson", "output file")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	categories := authlink.ProfileAPI.Categories()
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	written, lines := 0, 0
	for written < *sizeMB*1_000_000 {
		token := fmt.Sprintf("sess_tok_%016x%016x", rng.Uint64(), rng.Uint64())
		cats := make([]authlink.Category, 1+rng.IntN(4))
		for i := range cats {
			cats[i] = categories[rng.IntN(len(categories))]
		}
		link := map[string]any{
			"id":                     rng.IntN(1_000_000),
			"organization_id":        fmt.Sprintf("org_%08x", rng.Uint32()),
			"project_id":             fmt.Sprintf("proj_%08x", rng.Uint32()),
			"categories":             cats,
			"provider":               []any{"greenhouse", "workday", "bamboohr", nil}[rng.IntN(4)],
			"origin_owner_id":        fmt.Sprintf("cust_%08x", rng.Uint32()),
			"origin_owner_name":      fmt.Sprintf("Customer %d Ltd", rng.IntN(100000)),
			"origin_username":        fmt.Sprintf("user%d@example.com", rng.IntN(100000)),
			"account_id":             nil,
			"label":                  fmt.Sprintf("Integration #%d", rng.IntN(1000)),
			"created_at":             start.Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour)))).Format(time.RFC3339Nano),
			"metadata":               map[string]any{"plan": []string{"free", "pro", "enterprise"}[rng.IntN(3)], "seats": rng.IntN(5000), "region": "eu-west-1"},
			"token":                  token,
			"auth_link_url":          "https://hub.stackone.com/connect?token=" + token,
			"external_trigger_token": fmt.Sprintf("ext_trig_%016x", rng.Uint64()),
			"type":                   []any{authlink.LinkTypeProduction, authlink.LinkTypeTest, nil}[rng.IntN(3)],
			"integration_id":         fmt.Sprintf("int_%08x", rng.Uint32()),
		}
		b, err := json.Marshal(link)
		if err != nil {
			panic(err)
		}
		w.Write(append(b, '\n'))
		written += len(b) + 1
		lines++
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f.Close()
	fmt.Printf("%s: %d lines, %d bytes\n", *out, lines, written)
}
