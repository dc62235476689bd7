package cli

import (
	"io"

	"github.com/authlink-go/authlink"
)

var schemaCommand = &command{
	name:     "schema",
	synopsis: []string{"[--profile api|document] [--rules FILE | --metadata-rules FILE]"},
	about: `Schema prints the profile's embedded JSON Schema. With --rules or
--metadata-rules it prints the combined contract instead: the profile's
schema and the user's rules joined by allOf, for other languages to apply.
`,
	run: schema,
}

func schema(c *command, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := c.flags()
	profile := authlink.ProfileAPI
	fs.TextVar(&profile, "profile", authlink.ProfileAPI, profileUsage)
	ruleFlags := defineRules(fs)
	if code, done := c.parseNoArgs(fs, args, stdout, stderr); done {
		return code
	}
	rules, err := ruleFlags.get()
	if err != nil {
		c.usageError(stderr, err.Error())
		return exitUsage
	}
	if rules != nil {
		return writeStdout(stdout, stderr, rules.Contract(profile))
	}
	return writeStdout(stdout, stderr, profile.Schema())
}
