package testjob_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gtctl/gtctl/internal/testjob"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/plan"
	"github.com/gtctl/gtctl/pkg/report"
)

// TestSpecLintsClean: the tests that build on the spec take a lint error
// for a failure of what they test, so the spec must have none, with its
// artifacts local (in a Repo) and in S3, and no warning either.
func TestSpecLintsClean(t *testing.T) {
	repo := testjob.Repo(t, "s3://acme-groundtruth-artifacts/gtctl")
	specs := map[string]testjob.Spec{
		"local.yaml": {Name: "local-boxes", Title: "Boxes"},
		"s3.yaml":    {Name: "s3-boxes", Manifest: testjob.S3Manifest, Labels: testjob.S3Labels, Template: testjob.S3Template},
	}
	var inputs []lint.Input
	for file, s := range specs {
		testjob.WriteFile(t, repo, "specs/"+file, s.YAML())
		inputs = append(inputs, lint.Input{Path: filepath.Join(repo, "specs", file)})
	}
	l, err := lint.New(lint.Options{DefaultRegion: "us-east-1", KeepDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), inputs)
	if err != nil {
		t.Fatal(err)
	}
	if errs, warns, _ := report.Counts(res.Diagnostics); errs+warns > 0 {
		var b bytes.Buffer
		report.Write(&b, "text", res, report.Options{})
		t.Errorf("%d errors, %d warnings:\n%s", errs, warns, b.String())
	}
}

// TestRequestIsTheSpec: Request is what plan.Desired makes of the spec
// with its artifacts in S3, but for the tags.
func TestRequestIsTheSpec(t *testing.T) {
	dir := t.TempDir()
	s := testjob.Spec{Name: "console-boxes", Manifest: testjob.S3Manifest, Labels: testjob.S3Labels, Template: testjob.S3Template}
	testjob.WriteFile(t, dir, "job.yaml", s.YAML())
	l, err := lint.New(lint.Options{DefaultRegion: "us-east-1", KeepDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	var jobs []*plan.Job
	err = l.Stream(context.Background(), []lint.Input{{Path: filepath.Join(dir, "job.yaml")}}, func(r *lint.FileResult) error {
		for _, s := range r.Specs {
			j, err := plan.Desired(s.Doc, "")
			if err != nil {
				return err
			}
			jobs = append(jobs, j)
		}
		return nil
	})
	if err != nil || len(jobs) != 1 {
		t.Fatalf("want one job, got %d (%v)", len(jobs), err)
	}
	j := jobs[0]
	delete(j.Request, "Tags")
	if diff := cmp.Diff(plan.Normalize(j.Request), plan.Normalize(testjob.Request("console-boxes"))); diff != "" {
		t.Errorf("Request differs from the spec (-spec +Request):\n%s", diff)
	}
}

// TestSpecLayout: tests assert positions in the spec and append to its
// tags; the values a test varies must not move them.
func TestSpecLayout(t *testing.T) {
	for _, s := range []testjob.Spec{{}, {Name: "a-much-longer-job-name-than-the-default", Manifest: "files/big.manifest", Title: "T"}} {
		lines := strings.Split(s.YAML(), "\n")
		if !strings.HasPrefix(lines[0], "LabelingJobName: ") || !strings.HasPrefix(lines[5], "      ManifestS3Uri: ") {
			t.Errorf("name not at line 1 or manifest not at line 6:\n%s", s.YAML())
		}
		if !strings.HasSuffix(s.YAML(), "\nTags:\n  - Key: team\n    Value: vision\n") {
			t.Errorf("the spec does not end with its tags:\n%s", s.YAML())
		}
	}
}

func TestManifestsDiffer(t *testing.T) {
	if a, b := testjob.Manifest("0"), testjob.Manifest("1"); a == b || strings.Count(a, "\n") != 3 {
		t.Errorf("manifests %q and %q", a, b)
	}
}
