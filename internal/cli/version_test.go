package cli

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVersionLine(t *testing.T) {
	const revision = "0a43c07f1e2d93b5c1f0e8a7d6c5b4a392817160"
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"go install at a release records no VCS settings",
			&debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "authlink v1.2.3"},
		{"a clean clone: revision and date",
			&debug.BuildInfo{Main: debug.Module{Version: "v1.2.4-0.20261127000800-0a43c07f1e2d"}, Settings: vcs("vcs", "git", "vcs.revision", revision, "vcs.time", "2026-11-27T00:08:00Z", "vcs.modified", "false")},
			"authlink v1.2.4-0.20261127000800-0a43c07f1e2d (0a43c07f1e2d, 2026-11-27)"},
		{"a modified tree says so",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", revision, "vcs.time", "2026-11-27T00:08:00Z", "vcs.modified", "true")},
			"authlink (devel) (0a43c07f1e2d, 2026-11-27, modified)"},
		{"the order of the settings does not matter",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.modified", "true", "vcs.time", "2026-11-27T00:08:00Z", "vcs.revision", revision)},
			"authlink (devel) (0a43c07f1e2d, 2026-11-27, modified)"},
		{"the date is the commit's in UTC",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", revision, "vcs.time", "2026-11-27T01:30:00+02:00")},
			"authlink (devel) (0a43c07f1e2d, 2026-11-26)"},
		{"a short revision is kept whole",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", "abc1234", "vcs.modified", "true")},
			"authlink (devel) (abc1234, modified)"},
		{"a date that does not parse is left out",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", revision, "vcs.time", "yesterday")},
			"authlink (devel) (0a43c07f1e2d)"},
		{"-buildvcs=false records no VCS settings",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("-buildvcs", "false")}, "authlink (devel)"},
		{"no main module version", &debug.BuildInfo{}, "authlink (devel)"},
		{"no build info", nil, "authlink (unknown version)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, versionLine(tt.info))
		})
	}
}

// TestVersionCommand shows the command prints the line of the running
// binary's own build info.
func TestVersionCommand(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	require.True(t, ok)
	code, stdout, stderr := runCLI(t, "", "version")
	assert.Equal(t, 0, code)
	assert.Equal(t, versionLine(info)+"\n", stdout)
	assert.True(t, strings.HasPrefix(stdout, "authlink "), stdout)
	assert.Empty(t, stderr)

	code, stdout, stderr = runCLI(t, "", "version", "x")
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Equal(t, "authlink: version takes no arguments\n"+seeHelp("version"), stderr)
}
