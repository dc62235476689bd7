package cli

import (
	"io"
	"runtime/debug"
	"strings"
	"time"
)

var versionCommand = &command{
	name: "version",
	about: `Version prints the module version the binary was built from and, when
the build recorded it, the VCS revision, its date and whether the tree had
local changes.
`,
	run: version,
}

func version(c *command, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := c.flags()
	if code, done := c.parseNoArgs(fs, args, stdout, stderr); done {
		return code
	}
	info, _ := debug.ReadBuildInfo()
	return writeStdout(stdout, stderr, []byte(versionLine(info)+"\n"))
}

// versionLine is the line version prints for info, as debug.ReadBuildInfo
// returns it (nil when the binary has none): the module version, then the
// VCS revision, its date and whether the tree was modified, as far as the
// build recorded them. go install module@version records no VCS settings,
// and a build from a clone records them unless -buildvcs=false.
func versionLine(info *debug.BuildInfo) string {
	if info == nil {
		return "authlink (unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var revision, date, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value[:min(len(s.Value), 12)] // as long as in Go's pseudo-versions
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				date = t.UTC().Format(time.DateOnly)
			}
		case "vcs.modified":
			if s.Value == "true" {
				modified = "modified"
			}
		}
	}
	var vcs []string
	for _, part := range []string{revision, date, modified} {
		if part != "" {
			vcs = append(vcs, part)
		}
	}
	if len(vcs) == 0 {
		return "authlink " + v
	}
	return "authlink " + v + " (" + strings.Join(vcs, ", ") + ")"
}
