package golden

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTakeFlag(t *testing.T) {
	tests := []struct {
		args []string
		on   bool
		rest []string
	}{
		{[]string{"bin"}, false, []string{"bin"}},
		{[]string{"bin", "-update"}, true, []string{"bin"}},
		{[]string{"bin", "-test.run", "X", "--update", "-v"}, true, []string{"bin", "-test.run", "X", "-v"}},
		{[]string{"bin", "-update=false"}, false, []string{"bin"}},
		{[]string{"bin", "-update=1"}, true, []string{"bin"}},
		{[]string{"bin", "-updates"}, false, []string{"bin", "-updates"}},
		{[]string{"bin", "--", "-update"}, false, []string{"bin", "--", "-update"}},
	}
	saved := os.Args
	t.Cleanup(func() { os.Args = saved })
	for _, tt := range tests {
		os.Args = append([]string(nil), tt.args...)
		assert.Equal(t, tt.on, takeFlag(), "%q", tt.args)
		assert.Equal(t, tt.rest, os.Args, "%q", tt.args)
	}
}

func TestUpdatingFromTheEnvironment(t *testing.T) {
	for _, tt := range []struct {
		value string
		on    bool
	}{{"1", true}, {"true", true}, {"0", false}, {"", false}, {"yes", false}} {
		t.Setenv(EnvVar, tt.value)
		assert.Equal(t, tt.on || fromArgs, Updating(), "%s=%q", EnvVar, tt.value)
	}
}
