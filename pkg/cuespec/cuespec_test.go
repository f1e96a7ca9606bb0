package cuespec

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gtctl/gtctl/pkg/spec"
)

// writeDir writes files (name -> content) into a fresh directory and
// returns the directory and the .cue file paths in it.
func writeDir(t *testing.T, files map[string]string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, list
}

// where renders a node's position as "file:line:col" with the base name.
func where(d *spec.Document, n *spec.Node) string {
	if n == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%s:%d:%d", filepath.Base(d.FileOf(n)), n.Line, n.Col)
}

const defaults = `package specs

jobs: [string]: _defaults

_defaults: {
	RoleArn: "arn:aws:iam::111122223333:role/GT"
	HumanTaskConfig: {
		TaskTimeLimitInSeconds:            *600 | int
		NumberOfHumanWorkersPerDataObject: 3
		TaskKeywords: ["Images", "Birds"]
	}
}
`

func TestLoadCUE(t *testing.T) {
	type want struct {
		path  string // member path in the first document
		kind  spec.Kind
		value string
		at    string // file:line:col of the value
	}
	tests := []struct {
		name  string
		files map[string]string
		jobs  []string // job names, in document order
		wants []want
	}{
		{
			name: "values from the job and from the defaults",
			files: map[string]string{
				"defaults.cue": defaults,
				"birds.cue": `package specs

jobs: "bird-boxes": {
	LabelAttributeName: "birds"
	HumanTaskConfig: TaskTimeLimitInSeconds: 900
}
`,
			},
			jobs: []string{"bird-boxes"},
			wants: []want{
				{"LabelingJobName", spec.String, "bird-boxes", "birds.cue:3:7"},
				{"LabelAttributeName", spec.String, "birds", "birds.cue:4:22"},
				{"RoleArn", spec.String, "arn:aws:iam::111122223333:role/GT", "defaults.cue:6:11"},
				{"HumanTaskConfig", spec.Map, "", "birds.cue:5:19"},
				{"HumanTaskConfig.TaskTimeLimitInSeconds", spec.Int, "900", "birds.cue:5:43"},
				{"HumanTaskConfig.NumberOfHumanWorkersPerDataObject", spec.Int, "3", "defaults.cue:9:38"},
				{"HumanTaskConfig.TaskKeywords", spec.Seq, "", "defaults.cue:10:17"},
			},
		},
		{
			name: "a default that the job does not override points at the defaults",
			files: map[string]string{
				"defaults.cue": defaults,
				"birds.cue":    "package specs\n\njobs: \"bird-boxes\": LabelAttributeName: \"birds\"\n",
			},
			jobs: []string{"bird-boxes"},
			wants: []want{
				{"HumanTaskConfig.TaskTimeLimitInSeconds", spec.Int, "600", "defaults.cue:8:38"},
			},
		},
		{
			name: "the job's own LabelingJobName wins over the field name",
			files: map[string]string{
				"a.cue": "package specs\n\njobs: x: LabelingJobName: \"real-name\"\n",
			},
			jobs: []string{"real-name"},
			wants: []want{
				{"LabelingJobName", spec.String, "real-name", "a.cue:3:27"},
			},
		},
		{
			name: "kinds: integers stay integers, floats are floats",
			files: map[string]string{
				"a.cue": `package specs

jobs: k: {
	I: 3
	Big: 123456789012345678901234567890
	N: -5
	F: 1.5
	G: 2.0
	B: true
	Z: null
	S: "600"
	Y: 'bytes'
	L: [1, "a"]
	_hidden: "not a member"
	#Def: "not a member"
	opt?: "not a member"
}
`,
			},
			jobs: []string{"k"},
			wants: []want{
				{"I", spec.Int, "3", "a.cue:4:5"},
				{"Big", spec.Int, "123456789012345678901234567890", "a.cue:5:7"},
				{"N", spec.Int, "-5", "a.cue:6:5"},
				{"F", spec.Float, "1.5", "a.cue:7:5"},
				{"G", spec.Float, "2.0", "a.cue:8:5"},
				{"B", spec.Bool, "true", "a.cue:9:5"},
				{"Z", spec.Null, "null", "a.cue:10:5"},
				{"S", spec.String, "600", "a.cue:11:5"},
				{"Y", spec.String, "bytes", "a.cue:12:5"},
				{"L", spec.Seq, "", "a.cue:13:5"},
			},
		},
		{
			name: "computed values and stdlib imports",
			files: map[string]string{
				"a.cue": `package specs

import "strings"

_team: "vision"
jobs: c: {
	LabelAttributeName: strings.ToLower("BIRDS")
	OutputConfig: S3OutputPath: "s3://acme-groundtruth/\(_team)/"
}
`,
			},
			jobs: []string{"c"},
			wants: []want{
				{"LabelAttributeName", spec.String, "birds", "a.cue:7:22"},
				{"OutputConfig.S3OutputPath", spec.String, "s3://acme-groundtruth/vision/", "a.cue:8:30"},
			},
		},
		{
			name: "several jobs in several files, in file order",
			files: map[string]string{
				"b.cue": "package specs\n\njobs: \"b-2\": {}\njobs: \"b-1\": {}\n",
				"a.cue": "package specs\n\njobs: \"a-1\": {}\n",
			},
			jobs: []string{"a-1", "b-2", "b-1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, files := writeDir(t, tt.files)
			docs, errs := Load(dir, files)
			for _, e := range errs {
				t.Errorf("unexpected error: %v", e)
			}
			var names []string
			for _, d := range docs {
				names = append(names, d.JobName())
				if !strings.HasPrefix(d.File, dir) {
					t.Errorf("document file %q is not in %s", d.File, dir)
				}
			}
			if strings.Join(names, ",") != strings.Join(tt.jobs, ",") {
				t.Fatalf("jobs = %v, want %v", names, tt.jobs)
			}
			for _, w := range tt.wants {
				n := docs[0].Root.Lookup(w.path)
				if n == nil {
					t.Errorf("%s: missing", w.path)
					continue
				}
				if n.Kind != w.kind || n.Value != w.value {
					t.Errorf("%s = %v %q, want %v %q", w.path, n.Kind, n.Value, w.kind, w.value)
				}
				if got := where(docs[0], n); got != w.at {
					t.Errorf("%s at %s, want %s", w.path, got, w.at)
				}
			}
			for _, n := range []string{"_hidden", "#Def", "opt"} {
				if docs[0].Root.Get(n) != nil {
					t.Errorf("%s became a member", n)
				}
			}
		})
	}
}

func TestLoadCUEDocumentIndex(t *testing.T) {
	dir, files := writeDir(t, map[string]string{
		"b.cue": "package specs\n\njobs: \"b-2\": {}\njobs: \"b-1\": {}\n",
		"a.cue": "package specs\n\njobs: \"a-1\": {}\n",
	})
	docs, errs := Load(dir, files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, d := range docs {
		got = append(got, fmt.Sprintf("%s#%d@%d", filepath.Base(d.File), d.Index, d.Root.Line))
	}
	want := "a.cue#0@3 b.cue#0@3 b.cue#1@4"
	if strings.Join(got, " ") != want {
		t.Errorf("documents = %v, want %s", got, want)
	}
}

func TestLoadCUEErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		// want lists "file:line:col job path substring" for every error.
		want []string
		jobs int // documents still read
	}{
		{
			name: "conflict between the job and a fixed default",
			files: map[string]string{
				"defaults.cue": defaults,
				"birds.cue":    "package specs\n\njobs: birds: RoleArn: \"arn:aws:iam::111122223333:role/Other\"\njobs: ok: {}\n",
			},
			want: []string{"birds.cue:3:23 birds RoleArn has conflicting values"},
			jobs: 1,
		},
		{
			name: "incomplete value",
			files: map[string]string{
				"defaults.cue": "package specs\n\njobs: [string]: {\n\tLabelAttributeName: string\n}\n",
				"birds.cue":    "package specs\n\njobs: birds: {}\n",
			},
			want: []string{"defaults.cue:4:22 birds LabelAttributeName has no concrete value (only string)"},
		},
		{
			name: "required field",
			files: map[string]string{
				"defaults.cue": "package specs\n\njobs: [string]: {\n\tRoleArn!: string\n}\n",
				"birds.cue":    "package specs\n\njobs: birds: {}\n",
			},
			want: []string{"defaults.cue:4:2 birds RoleArn is required"},
		},
		{
			name: "closed definition",
			files: map[string]string{
				"defaults.cue": "package specs\n\n#Job: {RoleArn?: string}\njobs: [string]: #Job\n",
				"birds.cue":    "package specs\n\njobs: birds: {RoleArm: \"x\"}\n",
			},
			want: []string{"birds.cue:3:15 birds RoleArm is not allowed"},
		},
		{
			name:  "syntax error",
			files: map[string]string{"a.cue": "package specs\n\njobs: x: {\n"},
			want:  []string{"a.cue:3:12 - - does not parse: expected '}'"},
		},
		{
			name:  "import outside the standard library",
			files: map[string]string{"a.cue": "package specs\n\nimport \"example.com/team/defaults\"\n\njobs: x: defaults.X\n"},
			want:  []string{"a.cue:3:8 - - import \"example.com/team/defaults\" is not allowed"},
		},
		{
			name:  "tool packages",
			files: map[string]string{"a.cue": "package specs\n\nimport \"tool/exec\"\n\njobs: x: {}\n"},
			want:  []string{"a.cue:3:8 - - import \"tool/exec\" is not allowed"},
		},
		{
			name: "files of different packages",
			files: map[string]string{
				"a.cue": "package specs\n\njobs: x: {}\n",
				"b.cue": "package other\n\njobs: y: {}\n",
			},
			want: []string{"b.cue:1:9 - - package other differs from package specs"},
		},
		{
			name:  "list literal longer than any request list",
			files: map[string]string{"a.cue": "package specs\n\njobs: x: Tags: [" + strings.Repeat(`{Key: "k", Value: "v"}, `, maxListElems+1) + "]\n"},
			want:  []string{"a.cue:3:16 - - a list literal of 4097 items; gtctl evaluates lists of at most 4096"},
		},
		{
			name: "more syntax than a spec",
			files: map[string]string{
				"a.cue": "package specs\n\njobs: x: {}\n" + strings.Repeat("_f: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n", maxSyntaxNodes/10),
				"b.cue": "package specs\n\njobs: y: {}\n",
			},
			want: []string{"a.cue:1:1 - - the file has more than 200000 syntax nodes"},
		},
		{
			name:  "no jobs",
			files: map[string]string{"a.cue": "package specs\n\njob: x: {}\n"},
			want:  []string{"a.cue:1:1 - - declares no jobs"},
		},
		{
			name:  "jobs is not a struct",
			files: map[string]string{"a.cue": "package specs\n\njobs: [1, 2]\n"},
			want:  []string{"a.cue:3:1 - - `jobs` must be a struct"},
		},
		{
			name:  "a job that is not a struct",
			files: map[string]string{"a.cue": "package specs\n\njobs: x: 3\n"},
			want:  []string{"a.cue:3:10 x - must be a struct of CreateLabelingJob members"},
		},
		{
			name:  "error outside the jobs",
			files: map[string]string{"a.cue": "package specs\n\n_shared: 1 & 2\njobs: x: {}\n"},
			want:  []string{"a.cue:3:14 - _shared `_shared` has conflicting values 2 and 1 (see also"},
			jobs:  1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, files := writeDir(t, tt.files)
			docs, errs := Load(dir, files)
			if len(docs) != tt.jobs {
				t.Errorf("%d documents, want %d", len(docs), tt.jobs)
			}
			var got []string
			for _, e := range errs {
				job, path := e.Job, e.Path
				if job == "" {
					job = "-"
				}
				if path == "" {
					path = "-"
				}
				got = append(got, fmt.Sprintf("%s:%d:%d %s %s %s", filepath.Base(e.File), e.Line, e.Col, job, path, e.Msg))
			}
			sort.Strings(got)
			if len(got) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) && !matchPrefix(got[i], w) {
					t.Errorf("error %d:\n got %s\nwant %s", i, got[i], w)
				}
			}
		})
	}
}

// matchPrefix matches "pos job path words" where words is a substring of
// the message.
func matchPrefix(got, want string) bool {
	wf := strings.SplitN(want, " ", 4)
	gf := strings.SplitN(got, " ", 4)
	if len(wf) < 4 || len(gf) < 4 {
		return false
	}
	return wf[0] == gf[0] && wf[1] == gf[1] && wf[2] == gf[2] && strings.Contains(gf[3], wf[3])
}

func TestDeclaresJobs(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"package specs\njobs: x: {}\n", true},
		{"package specs\n\"jobs\": x: {}\n", true},
		{"package specs\njobs: x: {\n", true}, // broken, but a spec package
		{"package policy\npolicies: ORG001: {}\n", false},
		{"package schema\n#Request: {jobs: string}\n", false},
	}
	for _, tt := range tests {
		if got := DeclaresJobs([]Source{{Name: "a.cue", Data: []byte(tt.src)}}); got != tt.want {
			t.Errorf("DeclaresJobs(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestLoadCUEExample(t *testing.T) {
	dir := filepath.Join("..", "..", "specs", "cue")
	files, err := Files(dir)
	if err != nil {
		t.Skip(err)
	}
	docs, errs := Load(dir, files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(docs) != 2 {
		t.Fatalf("%d jobs, want 2", len(docs))
	}
	for _, d := range docs {
		if d.Root.Get("RoleArn") == nil || d.Root.Lookup("HumanTaskConfig.WorkteamArn") == nil {
			t.Errorf("%s: defaults not applied", d.JobName())
		}
		if f := d.FileOf(d.Root.Get("RoleArn")); filepath.Base(f) != "defaults.cue" {
			t.Errorf("%s: RoleArn points at %s, want defaults.cue", d.JobName(), f)
		}
	}
}
