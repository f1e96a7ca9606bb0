package config

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gtctl/gtctl/pkg/rules"
)

func TestParse(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, FileName)
	c, err := Parse(file, []byte(`artifactPrefix: s3://acme-groundtruth-artifacts/gtctl/
region: eu-west-1
rules:
  GT4080: off
  GT1225: error
overrides:
  - files: ["specs/experimental/**"]
    rules:
      GT2120: off
      GT4080: warning
policies: [policies]
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.ArtifactPrefix != "s3://acme-groundtruth-artifacts/gtctl" || c.Region != "eu-west-1" {
		t.Errorf("prefix %q region %q", c.ArtifactPrefix, c.Region)
	}
	if got := c.Policies; len(got) != 1 || got[0] != filepath.Join(dir, "policies") {
		t.Errorf("policies = %v", got)
	}
	for _, tc := range []struct {
		rule, file string
		off        bool
		sev        rules.Severity
		set        bool
	}{
		{"GT4080", filepath.Join(dir, "specs/a.yaml"), true, 0, true},
		{"GT4080", filepath.Join(dir, "specs/experimental/x/b.yaml"), false, rules.Warning, true},
		{"GT2120", filepath.Join(dir, "specs/experimental/b.yaml"), true, 0, true},
		{"GT2120", filepath.Join(dir, "specs/b.yaml"), false, 0, false},
		{"GT1225", filepath.Join(dir, "b.yaml"), false, rules.Error, true},
	} {
		s, ok := c.Setting(tc.rule, tc.file)
		if ok != tc.set || s.Off != tc.off || (!s.Off && ok && s.Severity != tc.sev) {
			t.Errorf("Setting(%s, %s) = %+v, %v", tc.rule, tc.file, s, ok)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"regon: us-east-1\n", `1:1: unknown key "regon" (did you mean "region"?)`},
		{"rules:\n  GT40800: off\n", `2:3: unknown rule "GT40800"; did you mean GT4080?`},
		{"rules:\n  GT4080: loud\n", `2:11: GT4080 must be set to off, error, warning or info (got "loud")`},
		{"artifactPrefix: acme\n", "1:17: artifactPrefix must be an s3:// URI"},
		{"overrides:\n  - rules: {GT4080: off}\n", "2:5: an overrides entry needs files"},
		{"overrides:\n  - files: [a]\n    rule: {}\n", `3:5: unknown key "rule" in an overrides entry`},
		{"rules: [\n", "does not parse"},
	} {
		_, err := Parse(".gtctl.yaml", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want it to contain %q", tc.in, err, tc.want)
		}
	}
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		pat, name string
		want      bool
	}{
		{"specs/**", "specs/a/b.yaml", true},
		{"specs/**/*.yaml", "specs/b.yaml", true},
		{"specs/*.yaml", "specs/a/b.yaml", false},
		{"**/legacy-*.yaml", "x/y/legacy-1.yaml", true},
		{"specs/a.yaml", "specs/a.yaml", true},
	} {
		if got := globMatch(tc.pat, tc.name); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v", tc.pat, tc.name, got)
		}
	}
}
