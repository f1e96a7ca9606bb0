package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gtctl/gtctl/internal/testjob"
	"github.com/gtctl/gtctl/pkg/config"
	"github.com/gtctl/gtctl/pkg/diag"
)

// cueDefaults and cueJob are a CUE spec package in the layout of
// specs/cue: line numbers matter to the tests below.
const cueDefaults = `package specs

jobs: [string]: _defaults

_defaults: {
	RoleArn: "arn:aws:iam::111122223333:role/GroundTruthExecution"
	OutputConfig: S3OutputPath: "s3://acme-groundtruth-output/vision/"
	HumanTaskConfig: {
		WorkteamArn:                       "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/vision"
		UiConfig: UiTemplateS3Uri:         "s3://acme-groundtruth-artifacts/templates/bounding-box.liquid.html"
		PreHumanTaskLambdaArn:             "arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox"
		AnnotationConsolidationConfig: AnnotationConsolidationLambdaArn: "arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox"
		NumberOfHumanWorkersPerDataObject: *3 | int
		TaskTimeLimitInSeconds:            *600 | int
		MaxConcurrentTaskCount:            *200 | int
	}
	Tags: *[{Key: "cost-center", Value: "cc-2301"}] | [...]
}
`

const cueJob = `package specs

jobs: "bird-boxes-2026-12": {
	LabelAttributeName: "bird-boxes"
	InputConfig: DataSource: S3DataSource: ManifestS3Uri: "s3://acme-groundtruth-input/birds.manifest"
	LabelCategoryConfigS3Uri: "s3://acme-groundtruth-input/birds-labels.json"
	HumanTaskConfig: {
		TaskTitle:       "Draw a box around every bird"
		TaskDescription: "Draw one tight box around each bird you see"
	}
}
`

// cueDir writes a CUE spec package with edits applied (old -> new, in
// either file) and returns its directory.
func cueDir(t *testing.T, edits ...string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"defaults.cue": cueDefaults, "birds.cue": cueJob}
	for i := 0; i+1 < len(edits); i += 2 {
		done := false
		for name, src := range files {
			if strings.Contains(src, edits[i]) {
				files[name] = strings.Replace(src, edits[i], edits[i+1], 1)
				done = true
			}
		}
		if !done {
			t.Fatalf("edit %q matches no file", edits[i])
		}
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func lintCUEDir(t *testing.T, opts Options, paths ...string) *Result {
	t.Helper()
	l, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := Expand(paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), inputs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// found renders findings as "file:line:col RULE path job", file by base name.
func found(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if d.Suppressed != "" {
			continue
		}
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s %s", filepath.Base(d.File), d.Line, d.Column, d.Rule, d.Path, d.Job))
	}
	sort.Strings(out)
	return out
}

func TestCUESpecs(t *testing.T) {
	tests := []struct {
		name  string
		edits []string
		want  []string
	}{
		{name: "valid"},
		{
			// A default the job does not override: the finding points at
			// the defaults file, where the fix belongs.
			name:  "value set in the defaults file",
			edits: []string{"TaskTimeLimitInSeconds:            *600 | int", "TaskTimeLimitInSeconds:            *36000 | int"},
			want:  []string{"defaults.cue:14:38 GT3010 HumanTaskConfig.TaskTimeLimitInSeconds bird-boxes-2026-12"},
		},
		{
			name:  "value set in the job file",
			edits: []string{"TaskTitle:       \"Draw a box around every bird\"", "TaskTitle:       \"Draw a box around every bird\"\n\t\tTaskTimeLimitInSeconds: 36000"},
			want:  []string{"birds.cue:9:27 GT3010 HumanTaskConfig.TaskTimeLimitInSeconds bird-boxes-2026-12"},
		},
		{
			name:  "job name from the field name",
			edits: []string{`jobs: "bird-boxes-2026-12"`, `jobs: "bird_boxes"`},
			want:  []string{"birds.cue:3:7 GT1030 LabelingJobName bird_boxes"},
		},
		{
			name:  "unknown member in the job file",
			edits: []string{"LabelAttributeName: \"bird-boxes\"", "LabelAttributeName: \"bird-boxes\"\n\tRoleARN: \"x\""},
			want:  []string{"birds.cue:5:2 GT1010 RoleARN bird-boxes-2026-12"},
		},
		{
			name:  "missing member: reported at the mapping in the job file",
			edits: []string{"\t\tTaskTitle:       \"Draw a box around every bird\"\n", ""},
			want:  []string{"birds.cue:7:2 GT1020 HumanTaskConfig.TaskTitle bird-boxes-2026-12"},
		},
		{
			name:  "conflicting values",
			edits: []string{"LabelAttributeName: \"bird-boxes\"", "LabelAttributeName: \"bird-boxes\"\n\tRoleArn: \"arn:aws:iam::111122223333:role/Other\""},
			want:  []string{"birds.cue:5:11 GT1000 RoleArn bird-boxes-2026-12"},
		},
		{
			name:  "syntax error",
			edits: []string{"TaskTitle:       \"Draw", "TaskTitle:       Draw"},
			want:  []string{"birds.cue:8:25 GT1000  ", "birds.cue:8:48 GT1000  "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := cueDir(t, tt.edits...)
			res := lintCUEDir(t, Options{}, dir)
			got := found(res.Diagnostics)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				for _, d := range res.Diagnostics {
					t.Logf("%s:%d:%d %s %s", d.File, d.Line, d.Column, d.Rule, d.Message)
				}
			}
			if res.Files != 1 {
				t.Errorf("files = %d, want 1 (the package)", res.Files)
			}
		})
	}
}

func TestCUEExampleSpecs(t *testing.T) {
	res := lintCUEDir(t, Options{}, "../../specs/cue")
	for _, d := range res.Diagnostics {
		t.Errorf("%s:%d:%d: %s %s", d.File, d.Line, d.Column, d.Rule, d.Message)
	}
	if res.Jobs != 2 {
		t.Errorf("jobs = %d, want 2", res.Jobs)
	}
	// The example also follows the example policies.
	res = lintCUEDir(t, Options{Config: &config.Config{Policies: []string{"../../examples/policies"}}}, "../../specs/cue")
	for _, d := range res.Diagnostics {
		t.Errorf("with policies: %s:%d:%d: %s %s", d.File, d.Line, d.Column, d.Rule, d.Message)
	}
}

func TestCUEExpand(t *testing.T) {
	root := t.TempDir()
	a := filepath.Join(root, "a")
	b := filepath.Join(root, "a", "b")
	mod := filepath.Join(root, "cue.mod", "pkg")
	for _, d := range []string{b, mod} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{
		filepath.Join(a, "x.cue"), filepath.Join(a, "y.cue"), filepath.Join(a, "z.yaml"),
		filepath.Join(b, "w.cue"), filepath.Join(mod, "m.cue"), filepath.Join(a, ".hidden.cue"),
	} {
		if err := os.WriteFile(f, []byte("package p\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	show := func(ins []Input) string {
		var s []string
		for _, in := range ins {
			x := strings.TrimPrefix(in.Path, root)
			if in.CUE {
				var fs []string
				for _, f := range in.Files {
					fs = append(fs, filepath.Base(f))
				}
				x = fmt.Sprintf("cue%s%v", x, fs)
			}
			if in.FromDir {
				x += "(dir)"
			}
			s = append(s, x)
		}
		return strings.Join(s, " ")
	}
	ins, err := Expand([]string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := show(ins), "/a/z.yaml(dir) cue/a[x.cue y.cue](dir) cue/a/b[w.cue](dir)"; got != want {
		t.Errorf("walk = %s\nwant   %s", got, want)
	}
	// A .cue file named on the command line stands for its package, once.
	ins, err = Expand([]string{filepath.Join(a, "x.cue"), filepath.Join(a, "y.cue"), a}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := show(ins), "cue/a[x.cue y.cue] /a/z.yaml(dir) cue/a/b[w.cue](dir)"; got != want {
		t.Errorf("named = %s\nwant    %s", got, want)
	}
}

// A directory walk skips CUE packages that declare no jobs (schemas,
// policies); naming one explicitly is a finding.
func TestCUENotSpecs(t *testing.T) {
	res := lintCUEDir(t, Options{}, "../../examples/policies")
	if res.Files != 0 || len(res.Diagnostics) != 0 {
		t.Errorf("walk: files = %d, findings %v", res.Files, found(res.Diagnostics))
	}
	res = lintCUEDir(t, Options{}, "../../examples/policies/limits.cue")
	if got := found(res.Diagnostics); len(got) != 1 || !strings.HasPrefix(got[0], "limits.cue:1:1 GT1000") {
		t.Errorf("named: %v", got)
	}
}

// TestCUEEvaluationTimeout: a package that asks CUE for millions of values
// ends in a finding, not a hang; the other inputs of the run are still
// linted.
func TestCUEEvaluationTimeout(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "jobs.cue"), []byte("package jobs\n\nimport \"list\"\n\njobs: a: Tags: list.Repeat([{Key: \"k\", Value: \"v\"}], 40000)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lintCUEDir(t, Options{CUETimeout: 300 * time.Millisecond}, dir, "../../specs/bounding-box-private.yaml")
	var msgs []string
	for _, d := range res.Diagnostics {
		msgs = append(msgs, fmt.Sprintf("%s:%d:%d %s %s", filepath.Base(d.File), d.Line, d.Column, d.Rule, d.Message))
	}
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0], "jobs.cue:1:1 GT1000 CUE did not finish evaluating this package in 300ms") {
		t.Errorf("findings %q, want one GT1000 that CUE did not finish", msgs)
	}
	if res.Files != 2 || res.Jobs != 1 {
		t.Errorf("%d files, %d jobs; want 2 files (the CUE package and the YAML spec), 1 job", res.Files, res.Jobs)
	}
}

// TestPolicyTimeouts: policies that ask CUE for large lists end in a
// finding or an error instead of a hang, when they are compiled and when
// they are evaluated for a job.
func TestPolicyTimeouts(t *testing.T) {
	dir := t.TempDir()
	policyDir := func(name, body string) string {
		p := filepath.Join(dir, name)
		testjob.WriteFile(t, p, "p.cue", "package policy\n\nimport \"list\"\n\njob: _\n\n"+body+
			"\npolicies: ORG900: {\n\tseverity: \"error\"\n\tmessage: \"big\"\n\tpath: \"Tags\"\n\tviolation: len(_big) > 1\n}\n")
		return p
	}
	// About 5 s of CUE at compile time; the timeout is 200 ms.
	slowLoad := policyDir("load", `_big: list.Repeat([{Key: "k"}], 40000)`)
	_, err := New(Options{CUETimeout: 200 * time.Millisecond, Config: &config.Config{Policies: []string{slowLoad}}})
	if err == nil || !strings.Contains(err.Error(), "policies: CUE did not finish compiling") {
		t.Errorf("New with a slow policy: err = %v", err)
	}

	// Fast to compile (the job is not known yet), seconds for each job.
	slowJob := policyDir("job", `_big: list.Repeat([{Key: "k"}], len(job.LabelingJobName)*2500)`)
	l, err := New(Options{Workers: 1, CUETimeout: 200 * time.Millisecond, Config: &config.Config{Policies: []string{slowJob}}})
	if err != nil {
		t.Fatal(err)
	}
	var inputs []Input
	for _, name := range []string{"bird-boxes-a", "bird-boxes-b"} {
		spec := testjob.Spec{Name: name, Manifest: testjob.S3Manifest, Labels: testjob.S3Labels, Template: testjob.S3Template}
		inputs = append(inputs, Input{Path: name + ".yaml", Data: []byte(spec.YAML())})
	}
	res, err := l.Run(context.Background(), inputs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%s:%d %s %s", d.File, d.Line, d.Rule, d.Message))
	}
	want := []string{
		"bird-boxes-a.yaml:1 GT1000 The team's policies did not finish evaluating for this job in 200ms",
		"bird-boxes-b.yaml:1 GT1000 The team's policies were not evaluated for this job: for an earlier job they did not finish in 200ms",
	}
	if len(got) != len(want) || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) {
		t.Errorf("findings:\n%s\nwant (prefixes):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCUESuppression(t *testing.T) {
	dir := cueDir(t, "TaskTimeLimitInSeconds:            *600 | int",
		"// gtctl:ignore GT3010 -- long videos need the time\n\t\tTaskTimeLimitInSeconds:            *36000 | int")
	res := lintCUEDir(t, Options{}, dir)
	var sup []string
	for _, d := range res.Diagnostics {
		if d.Suppressed != "" {
			sup = append(sup, fmt.Sprintf("%s %s:%d", d.Rule, filepath.Base(d.File), d.Line))
		}
	}
	if got := found(res.Diagnostics); len(got) != 0 {
		t.Errorf("unsuppressed: %v", got)
	}
	if strings.Join(sup, ",") != "GT3010 defaults.cue:15" {
		t.Errorf("suppressed = %v", sup)
	}
	res = lintCUEDir(t, Options{NoIgnore: true}, dir)
	if got := found(res.Diagnostics); len(got) != 1 {
		t.Errorf("--no-ignore: %v", got)
	}
}

func TestPolicies(t *testing.T) {
	opts := Options{Config: &config.Config{Policies: []string{"../../examples/policies"}}}
	tests := []struct {
		name  string
		edits []string
		want  []string
	}{
		{name: "follows the policies"},
		{
			name:  "set in the defaults file",
			edits: []string{"MaxConcurrentTaskCount:            *200 | int", "MaxConcurrentTaskCount:            *900 | int"},
			want:  []string{"defaults.cue:15:38 ORG001 HumanTaskConfig.MaxConcurrentTaskCount bird-boxes-2026-12"},
		},
		{
			name:  "set in the job file",
			edits: []string{"TaskTitle:       \"Draw", "MaxConcurrentTaskCount: 900\n\t\tTaskTitle:       \"Draw"},
			want:  []string{"birds.cue:8:27 ORG001 HumanTaskConfig.MaxConcurrentTaskCount bird-boxes-2026-12"},
		},
		{
			name:  "absent member does not fire",
			edits: []string{"\t\tMaxConcurrentTaskCount:            *200 | int\n", ""},
		},
		{
			name:  "a member that must be present",
			edits: []string{"\tTags: *[{Key: \"cost-center\", Value: \"cc-2301\"}] | [...]\n", ""},
			want:  []string{"birds.cue:3:7 ORG002 Tags bird-boxes-2026-12"},
		},
		{
			name:  "Mechanical Turk",
			edits: []string{"111122223333:workteam/private-crowd/vision", "394669845002:workteam/public-crowd/default"},
			// GT4010 and friends come with a public work team; only the
			// policy's finding matters here.
			want: []string{"defaults.cue:9:38 ORG003 HumanTaskConfig.WorkteamArn bird-boxes-2026-12"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := cueDir(t, tt.edits...)
			res := lintCUEDir(t, opts, dir)
			var got []string
			for _, g := range found(res.Diagnostics) {
				if strings.Contains(g, " ORG") {
					got = append(got, g)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, d := range res.Diagnostics {
				if strings.HasPrefix(d.Rule, "ORG") && (d.Message == "" || d.Severity.String() != "error") {
					t.Errorf("finding %+v", d)
				}
			}
		})
	}
}

// Policies apply to YAML specs the same way.
func TestPoliciesYAML(t *testing.T) {
	dir := t.TempDir()
	src := "LabelingJobName: x\nHumanTaskConfig:\n  MaxConcurrentTaskCount: 900\n"
	f := filepath.Join(dir, "job.yaml")
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lintCUEDir(t, Options{Config: &config.Config{Policies: []string{"../../examples/policies"}}}, f)
	var got []string
	for _, g := range found(res.Diagnostics) {
		if strings.Contains(g, " ORG") {
			got = append(got, g)
		}
	}
	want := "job.yaml:1:1 ORG002 Tags x|job.yaml:3:27 ORG001 HumanTaskConfig.MaxConcurrentTaskCount x"
	if strings.Join(got, "|") != want {
		t.Errorf("findings = %v, want %s", got, want)
	}
}

func TestPolicyLoadErrorsInLint(t *testing.T) {
	dir := t.TempDir()
	bad := "package p\n\npolicies: ORG9: {\n\tmessage:   \"m\"\n\tpath:      \"HumanTaskConfig.MaxConcurentTaskCount\"\n\tviolation: false\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "p.cue"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New(Options{Config: &config.Config{Policies: []string{dir}}})
	if err == nil || !strings.Contains(err.Error(), "p.cue:3:11: policy ORG9: path \"HumanTaskConfig.MaxConcurentTaskCount\" is not a CreateLabelingJob member: no MaxConcurentTaskCount (did you mean MaxConcurrentTaskCount?)") {
		t.Errorf("err = %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "p.cue"), []byte("package p\npolicies: GT1: {message: \"m\", violation: true}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{Config: &config.Config{Policies: []string{dir}}}); err == nil || !strings.Contains(err.Error(), "p.cue:2:11: policy GT1: IDs starting with GT") {
		t.Errorf("err = %v", err)
	}
}
