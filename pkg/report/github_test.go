package report

import (
	"strings"
	"testing"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

// The escaping of the Actions toolkit (toolkit/packages/core/src/command.ts):
// data escapes %, CR and LF; properties also : and ,.
func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		in, data, prop string
	}{
		{"plain text", "plain text", "plain text"},
		{"100%", "100%25", "100%25"},
		{"%0A is not a newline", "%250A is not a newline", "%250A is not a newline"},
		{"two\nlines", "two%0Alines", "two%0Alines"},
		{"crlf\r\nend", "crlf%0D%0Aend", "crlf%0D%0Aend"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"::error::injected", "::error::injected", "%3A%3Aerror%3A%3Ainjected"},
		{"specs/dir,1/job:2.yaml", "specs/dir,1/job:2.yaml", "specs/dir%2C1/job%3A2.yaml"},
		{"ünïcode <crowd-form>", "ünïcode <crowd-form>", "ünïcode <crowd-form>"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}

func TestGitHubCommand(t *testing.T) {
	tests := []struct {
		d    diag.Diagnostic
		want string
	}{
		{
			diag.Diagnostic{Rule: "GT3010", Severity: rules.Error, File: "specs/birds.yaml", Line: 21, Column: 29, Message: "TaskTimeLimitInSeconds is 36000; at most 28800."},
			"::error file=specs/birds.yaml,line=21,col=29,title=GT3010::TaskTimeLimitInSeconds is 36000; at most 28800.",
		},
		{
			diag.Diagnostic{Rule: "GT4065", Severity: rules.Warning, File: "./specs/mturk.yaml", Line: 10, Column: 5, Message: "Add `FreeOfAdultContent`: 50% more workers"},
			"::warning file=specs/mturk.yaml,line=10,col=5,title=GT4065::Add `FreeOfAdultContent`: 50%25 more workers",
		},
		{
			diag.Diagnostic{Rule: "GT3050", Severity: rules.Info, File: "specs/long.yaml", Line: 3, Column: 1, Message: "the role needs\nMaxSessionDuration 7200"},
			"::notice file=specs/long.yaml,line=3,col=1,title=GT3050::the role needs%0AMaxSessionDuration 7200",
		},
		{
			// No position: a file-level annotation.
			diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: "specs/a,b.yaml", Message: "cannot read file"},
			"::error file=specs/a%2Cb.yaml,title=GT1000::cannot read file",
		},
		{
			diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: "specs/a.yaml", Line: 4, Message: "no column"},
			"::error file=specs/a.yaml,line=4,title=GT1000::no column",
		},
	}
	for _, tt := range tests {
		if got := githubCommand(tt.d); got != tt.want {
			t.Errorf("githubCommand(%s)\n got %s\nwant %s", tt.d.Rule, got, tt.want)
		}
	}
}

func TestGitHubWriter(t *testing.T) {
	rs := mixedResults(t)
	out := string(render(t, "github", rs))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var want []string
	for _, r := range rs {
		for _, d := range r.Diagnostics {
			if d.Suppressed == "" {
				want = append(want, githubCommand(d))
			}
		}
	}
	if len(lines) != len(want)+1 {
		t.Fatalf("%d lines, want %d annotations and a summary:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q, want %q", i, lines[i], w)
		}
	}
	kinds := map[string]bool{}
	for _, l := range lines[:len(want)] {
		kinds[strings.SplitN(l, " ", 2)[0]] = true
	}
	for _, k := range []string{"::error", "::warning", "::notice"} {
		if !kinds[k] {
			t.Errorf("no %s annotation:\n%s", k, out)
		}
	}
	if sum := lines[len(lines)-1]; !strings.HasPrefix(sum, "gtctl: ") || strings.HasPrefix(sum, "::") {
		t.Errorf("summary line %q", sum)
	}
	if strings.Contains(out, "suppressed-keywords.yaml") {
		t.Errorf("a suppressed finding was annotated:\n%s", out)
	}
}

func TestGitHubEmpty(t *testing.T) {
	out := string(render(t, "github", []*lint.FileResult{{Path: "specs/a.yaml", Jobs: 1}}))
	if out != "gtctl: 0 errors, 0 warnings, 0 infos in 1 file (1 job)\n" {
		t.Errorf("got %q", out)
	}
}
