package authlinkhttp_test

import (
	"testing"

	"github.com/authlink-go/authlink/authlinkhttp"
	"github.com/authlink-go/authlink/authlinkhttp/internal/storetest"
)

func TestMemoryStoreRules(t *testing.T) {
	storetest.Run(t, func(*testing.T) authlinkhttp.Store { return &authlinkhttp.MemoryStore{} })
}
