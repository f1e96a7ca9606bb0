package policy

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

var examples = filepath.Join("..", "..", "examples", "policies")

// base is a job that follows every example policy; tests edit it.
const base = `LabelingJobName: birds
HumanTaskConfig:
  WorkteamArn: arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/birders
  MaxConcurrentTaskCount: 200
Tags:
  - Key: team
    Value: vision
  - Key: cost-center
    Value: cc-2301
`

func doc(t *testing.T, src string) *spec.Document {
	t.Helper()
	docs, errs := spec.Parse("job.yaml", []byte(src))
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("bad test spec: %v", errs)
	}
	return docs[0]
}

func TestPolicyExamples(t *testing.T) {
	set, err := Load([]string{examples})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range set.Policies() {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, " "); got != "ORG001 ORG002 ORG003" {
		t.Fatalf("policies = %s", got)
	}
	if p, _ := set.Get("ORG002"); p.Title != "Every job carries a cost-center tag" || p.Path != "Tags" || p.Severity != rules.Error {
		t.Errorf("ORG002 = %+v", p)
	}
	if p, _ := set.Get("ORG003"); p.URL == "" || p.Line == 0 || !strings.HasSuffix(p.File, "workforce.cue") {
		t.Errorf("ORG003 = %+v", p)
	}
	if _, ok := set.Get("GT3010"); ok {
		t.Error("Get(GT3010) found a policy")
	}
	chk, err := set.ForWorker()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		src  string
		want []string // "RULE path line:col"
		msg  string   // substring of the first finding's message
	}{
		{name: "follows every policy", src: base},
		{
			name: "over the concurrency cap",
			src:  strings.Replace(base, "MaxConcurrentTaskCount: 200", "MaxConcurrentTaskCount: 900", 1),
			want: []string{"ORG001 HumanTaskConfig.MaxConcurrentTaskCount 4:27"},
			msg:  "MaxConcurrentTaskCount is 900; the team allows at most 500",
		},
		{
			name: "absent member does not fire",
			src:  strings.Replace(base, "  MaxConcurrentTaskCount: 200\n", "", 1),
		},
		{
			name: "wrong type does not fire (the schema reports it)",
			src:  strings.Replace(base, "MaxConcurrentTaskCount: 200", `MaxConcurrentTaskCount: "900"`, 1),
		},
		{
			name: "no Tags at all: the member must be present",
			src:  base[:strings.Index(base, "Tags:")],
			want: []string{"ORG002 Tags 1:1"},
			msg:  "no `cost-center` tag",
		},
		{
			name: "Tags without cost-center",
			src:  strings.Replace(base, "Key: cost-center", "Key: project", 1),
			want: []string{"ORG002 Tags 6:3"}, // the list: its first item
		},
		{
			name: "Mechanical Turk",
			src:  strings.Replace(base, "111122223333:workteam/private-crowd/birders", "394669845002:workteam/public-crowd/default", 1),
			want: []string{"ORG003 HumanTaskConfig.WorkteamArn 3:16"},
			msg:  "not Amazon Mechanical Turk.",
		},
		{
			name: "several at once",
			src:  "LabelingJobName: x\nHumanTaskConfig:\n  WorkteamArn: arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default\n  MaxConcurrentTaskCount: 1000\n",
			want: []string{"ORG001 HumanTaskConfig.MaxConcurrentTaskCount 4:27", "ORG002 Tags 1:1", "ORG003 HumanTaskConfig.WorkteamArn 3:16"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(t, tt.src)
			ds := chk.Check(d)
			var got []string
			for _, x := range ds {
				got = append(got, fmt.Sprintf("%s %s %d:%d", x.Rule, x.Path, x.Line, x.Column))
				if x.File != "job.yaml" || x.Job != d.JobName() || x.Severity != rules.Error {
					t.Errorf("finding %+v: wrong file, job or severity", x)
				}
			}
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.msg != "" && !strings.Contains(ds[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", ds[0].Message, tt.msg)
			}
		})
	}
}

// A finding points at the node's own file when it differs from the
// document's (a value set in a CUE defaults file).
func TestPolicyFindingFile(t *testing.T) {
	set, err := Load([]string{examples})
	if err != nil {
		t.Fatal(err)
	}
	chk, err := set.ForWorker()
	if err != nil {
		t.Fatal(err)
	}
	d := doc(t, strings.Replace(base, "MaxConcurrentTaskCount: 200", "MaxConcurrentTaskCount: 900", 1))
	n := d.Root.Lookup("HumanTaskConfig.MaxConcurrentTaskCount")
	n.File, n.Line, n.Col = "defaults.cue", 12, 30
	ds := chk.Check(d)
	if len(ds) != 1 || ds[0].File != "defaults.cue" || ds[0].Line != 12 || ds[0].Column != 30 {
		t.Fatalf("findings = %+v", ds)
	}
}

func TestPolicyValues(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "v.cue", `package policy

policies: VAL1: {
	severity:  "warning"
	message:   "negative"
	violation: job.N < 0 && job.F < -1.0 && job.B && job.Z == null
}
policies: VAL2: {
	severity:  "info"
	message:   "float \(job.F) and big \(job.Big)"
	path:      "L[1]"
	violation: job.L[1] == "b" && job.Big > 9007199254740992
}
`)
	set, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	chk, err := set.ForWorker()
	if err != nil {
		t.Fatal(err)
	}
	ds := chk.Check(doc(t, "N: -5\nF: -2.5\nB: true\nZ: null\nL: [a, b]\nBig: 9007199254740993\nInf: .inf\n"))
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s %s %s %d:%d %s", d.Rule, d.Severity, d.Path, d.Line, d.Column, d.Message))
	}
	want := "VAL1 warning  1:1 negative.|VAL2 info L[1] 5:8 float -2.5 and big 9007199254740993."
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("findings:\n%s\nwant:\n%s", g, want)
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPolicyLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // "line:col message substring"
	}{
		{"bad ID", "package p\npolicies: org1: {message: \"m\", violation: true}\n", "2:11: policy org1: a policy ID is capital letters then digits"},
		{"GT prefix", "package p\npolicies: GT9999: {message: \"m\", violation: true}\n", "2:11: policy GT9999: IDs starting with GT belong to gtctl"},
		{"no violation", "package p\npolicies: ORG1: {message: \"m\"}\n", "2:11: policy ORG1: no `violation`"},
		{"violation not boolean", "package p\npolicies: ORG1: {message: \"m\", violation: 1 + 1}\n", "2:32: policy ORG1: `violation` must be a boolean expression"},
		{"no message", "package p\npolicies: ORG1: {violation: true}\n", "2:11: policy ORG1: no `message`"},
		{"misspelt member", "package p\npolicies: ORG1: {message: \"m\", violation: true, sevrity: \"error\"}\n", "2:49: policy ORG1: unknown member \"sevrity\" (did you mean \"severity\"?)"},
		{"bad severity", "package p\npolicies: ORG1: {severity: \"fatal\", message: \"m\", violation: true}\n", "2:18: policy ORG1: severity must be"},
		{"bad path", "package p\npolicies: ORG1: {path: \"Human Task\", message: \"m\", violation: true}\n", "2:18: policy ORG1: `path` \"Human Task\" is not a member path"},
		{"syntax error", "package p\npolicies: ORG1: {\n", "does not parse"},
		{"unknown reference", "package p\npolicies: ORG1: {message: \"m\", violation: jb.X > 1}\n", "2:43: policies.ORG1.violation: reference \"jb\" not found"},
		{"import", "package p\nimport \"acme.com/x\"\npolicies: ORG1: {message: x.M, violation: true}\n", "2:8: import \"acme.com/x\" is not allowed"},
		{"no policies", "package p\nrules: {}\n", "1:1: the policy package declares no policies"},
		{"conflict", "package p\npolicies: ORG1: {message: \"m\", violation: true}\npolicies: ORG1: message: \"n\"\n", "conflicting values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "p.cue", tt.src)
			_, err := Load([]string{dir})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), filepath.Join(dir, "p.cue")) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestPolicyLoadDirErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := Load([]string{empty}); err == nil || !strings.Contains(err.Error(), "holds no .cue files") {
		t.Errorf("empty directory: %v", err)
	}
	if _, err := Load([]string{filepath.Join(empty, "missing")}); err == nil || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("missing directory: %v", err)
	}
	other := t.TempDir()
	write(t, other, "dup.cue", "package other\npolicies: ORG001: {message: \"m\", violation: false}\n")
	_, err := Load([]string{examples, other})
	if err == nil || !strings.Contains(err.Error(), "policy ORG001 is declared twice (first at ") {
		t.Errorf("duplicate ID: %v", err)
	}
}

func TestPolicyNoDirs(t *testing.T) {
	set, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	chk, err := set.ForWorker()
	if err != nil {
		t.Fatal(err)
	}
	if ds := chk.Check(doc(t, base)); len(ds) != 0 {
		t.Errorf("findings without policies: %v", ds)
	}
}

// Each goroutine evaluates with its own Checker (go test -race).
func TestPolicyConcurrentWorkers(t *testing.T) {
	set, err := Load([]string{examples})
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(base, "MaxConcurrentTaskCount: 200", "MaxConcurrentTaskCount: 900", 1)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chk, err := set.ForWorker()
			if err != nil {
				t.Error(err)
				return
			}
			for range 20 {
				d := doc(t, bad)
				if ds := chk.Check(d); len(ds) != 1 || ds[0].Rule != "ORG001" {
					t.Errorf("findings = %v", ds)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// A violation that turns out not to be a boolean for some job is a broken
// policy: reported at the policy, never a silent pass.
func TestPolicyBrokenAtCheck(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.cue", "package p\n\npolicies: ORG7: {\n\tmessage:   \"m\"\n\tviolation: job.N + 1\n}\n")
	set, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	chk, err := set.ForWorker()
	if err != nil {
		t.Fatal(err)
	}
	ds := chk.Check(doc(t, "LabelingJobName: j\nN: 5\n"))
	if len(ds) != 1 || ds[0].Rule != "ORG7" || ds[0].File != filepath.Join(dir, "b.cue") || ds[0].Line != 3 ||
		!strings.Contains(ds[0].Message, `Policy ORG7 is broken: its violation is int 6 for job "j"`) {
		t.Fatalf("findings = %+v", ds)
	}
	if ds := chk.Check(doc(t, "LabelingJobName: j\n")); len(ds) != 0 {
		t.Errorf("absent member: %+v", ds)
	}
}
