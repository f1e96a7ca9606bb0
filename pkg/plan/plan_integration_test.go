package plan_test

// Integration tests and benchmarks of plan.Build: the real SDK client over
// HTTP against the fake SageMaker endpoint (package fakesagemaker) on
// 127.0.0.1. Specs are real files, linted and resolved by plan.Desired.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/gtctl/gtctl/internal/testjob"
	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/plan"
	"github.com/gtctl/gtctl/pkg/report"
)

const itPrefix = "s3://acme-groundtruth-artifacts/gtctl"

// itJobs lints the specs (failing the test on any error) and returns the
// desired jobs, as gtctl plan does.
func itJobs(t testing.TB, paths ...string) []*plan.Job {
	t.Helper()
	l, err := lint.New(lint.Options{KeepDocuments: true, DefaultRegion: "us-east-1", Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := lint.Expand(paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	var jobs []*plan.Job
	err = l.Stream(context.Background(), inputs, func(r *lint.FileResult) error {
		if errs, _, _ := report.Counts(r.Diagnostics); errs > 0 {
			var b bytes.Buffer
			report.Write(&b, "text", &lint.Result{Diagnostics: r.Diagnostics}, report.Options{})
			t.Fatalf("lint errors in %s:\n%s", r.Path, b.String())
		}
		for _, s := range r.Specs {
			j, err := plan.Desired(s.Doc, itPrefix)
			if err != nil {
				return err
			}
			jobs = append(jobs, j)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return jobs
}

func itFake(t testing.TB, opts fakesagemaker.Options) (*fakesagemaker.Server, *aws.Clients) {
	t.Helper()
	srv := fakesagemaker.New(opts)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, awstest.Clients(t, srv.URL(), "")
}

// withTags is req with the managed tag (what apply sends) or other tags.
func withTags(req aws.Request, tags ...string) aws.Request {
	out := aws.Request{}
	for k, v := range req {
		out[k] = v
	}
	var list []any
	for i := 0; i+1 < len(tags); i += 2 {
		list = append(list, map[string]any{"Key": tags[i], "Value": tags[i+1]})
	}
	if list != nil {
		out["Tags"] = list
	}
	return out
}

func byName(p *plan.Plan) map[string]*plan.Job {
	m := map[string]*plan.Job{}
	for _, j := range p.Jobs {
		m[j.Name] = j
	}
	return m
}

// TestBuildAgainstFake covers create, unchanged, changed (field by field,
// with a free name suggested past the names taken), case-only renames,
// and "not in specs" (managed and active only), in both lookup modes: one
// filtered List call per spec, and the full listing. The plan's own call
// count must equal what the endpoint received.
func TestBuildAgainstFake(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name          string
		nameFilterMax int
	}{{"name filter", 0}, {"full listing", 1}} {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			srv, c := itFake(t, fakesagemaker.Options{Workteams: []string{"birders"}})
			ctx := context.Background()
			repo := testjob.Repo(t, itPrefix)
			for _, n := range []string{"fresh", "same", "edited", "recased"} {
				testjob.WriteFile(t, repo, "specs/"+n+".yaml", testjob.Spec{Name: "birds-" + n, Title: "Draw a box around every bird"}.YAML())
			}
			jobs := itJobs(t, filepath.Join(repo, "specs"))
			want := map[string]aws.Request{}
			for _, j := range jobs {
				want[j.Name] = j.Request
			}
			// The account: what an earlier apply created from the
			// specs, before "edited" was edited.
			for _, n := range []string{"birds-same", "birds-edited"} {
				if _, err := c.SageMaker.CreateLabelingJob(ctx, withTags(want[n], "team", "vision", plan.ManagedTagKey, plan.ManagedTagValue)); err != nil {
					t.Fatal(err)
				}
			}
			recased := withTags(want["birds-recased"], plan.ManagedTagKey, plan.ManagedTagValue)
			recased["LabelingJobName"] = "Birds-Recased"
			if _, err := c.SageMaker.CreateLabelingJob(ctx, recased); err != nil {
				t.Fatal(err)
			}
			// -v2 is taken (by an unrelated job), so -v3 is suggested.
			for _, n := range []string{"birds-edited-v2", "managed-orphan", "unmanaged-orphan", "managed-done"} {
				tags := []string{plan.ManagedTagKey, plan.ManagedTagValue}
				if n == "unmanaged-orphan" {
					tags = []string{"team", "other"}
				}
				req := withTags(want["birds-same"], tags...)
				req["LabelingJobName"] = n
				if _, err := c.SageMaker.CreateLabelingJob(ctx, req); err != nil {
					t.Fatal(err)
				}
			}
			if err := srv.SetJobStatus("managed-done", "Completed", ""); err != nil {
				t.Fatal(err)
			}
			srv.SetJobStatus("birds-edited-v2", "Completed", "")
			testjob.WriteFile(t, repo, "specs/edited.yaml", strings.Replace(
				testjob.Spec{Name: "birds-edited", Title: "Draw a box around every bird and owl"}.YAML(),
				"  MaxConcurrentTaskCount: 200\n", "  MaxConcurrentTaskCount: 200\n  TaskKeywords: [Images, Birds]\n", 1))
			jobs = itJobs(t, filepath.Join(repo, "specs"))

			srv.ResetCalls()
			p, err := plan.Build(ctx, c.SageMaker, jobs, plan.Options{NameFilterMax: mode.nameFilterMax})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(srv.Operations(), p.Calls); diff != "" {
				t.Errorf("plan.Calls differ from the calls the endpoint received (-endpoint +plan):\n%s", diff)
			}
			got := byName(p)
			actions := map[string]plan.Action{}
			for _, j := range p.Jobs {
				actions[j.Name] = j.Action
			}
			wantActions := map[string]plan.Action{
				"birds-fresh": plan.Create, "birds-same": plan.Unchanged, "birds-edited": plan.Changed,
				"birds-recased": plan.Changed, "managed-orphan": plan.NotInSpecs,
			}
			if diff := cmp.Diff(wantActions, actions); diff != "" {
				t.Errorf("actions (-want +got):\n%s", diff)
			}
			if j := got["birds-same"]; j != nil && (j.Status != "InProgress" || j.ARN != srv.JobARN("birds-same")) {
				t.Errorf("unchanged job: status %q ARN %q", j.Status, j.ARN)
			}
			if j := got["birds-edited"]; j != nil {
				wantChanges := []plan.Change{
					{Path: "HumanTaskConfig.TaskKeywords", Live: nil, Desired: []any{"Images", "Birds"}},
					{Path: "HumanTaskConfig.TaskTitle", Live: "Draw a box around every bird", Desired: "Draw a box around every bird and owl"},
				}
				if diff := cmp.Diff(wantChanges, j.Changes); diff != "" {
					t.Errorf("changes (-want +got):\n%s", diff)
				}
				if j.SuggestedName != "birds-edited-v3" {
					t.Errorf("suggested name %q, want birds-edited-v3 (-v2 is taken)", j.SuggestedName)
				}
			}
			if j := got["birds-recased"]; j != nil {
				if j.LiveName != "Birds-Recased" || len(j.Changes) != 1 || j.Changes[0].Path != "LabelingJobName" {
					t.Errorf("case-only rename: live name %q, changes %+v", j.LiveName, j.Changes)
				}
			}
			if s := p.Summary(); s != "1 to create, 1 unchanged, 2 changed, 1 not in specs" {
				t.Errorf("summary %q", s)
			}
			var text bytes.Buffer
			p.Sort()
			p.WriteText(&text)
			for _, line := range []string{
				"Plan: 1 to create, 1 unchanged, 2 changed, 1 not in specs.",
				"~ changed       birds-edited (InProgress)  " + filepath.Join(repo, "specs/edited.yaml") + ":1:18",
				"(suggested: birds-edited-v3)",
				`    HumanTaskConfig.TaskTitle: "Draw a box around every bird" -> "Draw a box around every bird and owl"`,
				`    HumanTaskConfig.TaskKeywords: (absent) -> ["Images","Birds"]`,
				"? not-in-specs  managed-orphan (InProgress)",
				fmt.Sprintf("%d SageMaker API calls.", srv.TotalOperations()),
			} {
				if !strings.Contains(text.String(), line) {
					t.Errorf("text plan lacks %q:\n%s", line, text.String())
				}
			}
			// Describe only the jobs that exist.
			if n := srv.OperationCount("DescribeLabelingJob"); n != 3 {
				t.Errorf("%d DescribeLabelingJob calls, want 3 (the existing jobs)", n)
			}
		})
	}
}

// TestBuildEmptyAccountCountsCalls: lookups that find nothing are calls
// too.
func TestBuildEmptyAccountCountsCalls(t *testing.T) {
	t.Parallel()
	srv, c := itFake(t, fakesagemaker.Options{})
	repo := testjob.Repo(t, itPrefix)
	for i := range 3 {
		testjob.WriteFile(t, repo, fmt.Sprintf("specs/%d.yaml", i), testjob.Spec{Name: fmt.Sprintf("job-%d", i), Title: "Boxes"}.YAML())
	}
	p, err := plan.Build(context.Background(), c.SageMaker, itJobs(t, filepath.Join(repo, "specs")), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.TotalCalls() != srv.TotalOperations() || p.TotalCalls() != 3+3 {
		t.Errorf("plan counted %d calls (%v); the endpoint received %d (%v); want 6: 3 lookups, 3 status listings",
			p.TotalCalls(), p.Calls, srv.TotalOperations(), srv.Operations())
	}
	if s := p.Summary(); s != "3 to create, 0 unchanged, 0 changed" {
		t.Errorf("summary %q", s)
	}
}

// TestDesiredArtifactOutsideRepo: a symlink that leaves the repository and
// a ../ path are refused before anything is uploaded.
func TestDesiredArtifactOutsideRepo(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	testjob.WriteFile(t, outside, "secret.json", `{"document-version":"2018-11-28","labels":[{"label":"a"},{"label":"b"}]}`)
	repo := testjob.Repo(t, itPrefix)
	if err := os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(repo, "specs", "labels", "link.json")); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(filepath.Join(repo, "specs"), filepath.Join(outside, "secret.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, ref := range map[string]string{"symlink": "./labels/link.json", "dotdot": filepath.ToSlash(rel)} {
		t.Run(name, func(t *testing.T) {
			spec := testjob.Spec{Name: "job-" + name, Title: "Boxes", Labels: ref}
			testjob.WriteFile(t, repo, "specs/"+name+".yaml", spec.YAML())
			l, err := lint.New(lint.Options{KeepDocuments: true, DefaultRegion: "us-east-1"})
			if err != nil {
				t.Fatal(err)
			}
			inputs, err := lint.Expand([]string{filepath.Join(repo, "specs", name+".yaml")}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var derr error
			var lintMsgs []string
			l.Stream(context.Background(), inputs, func(r *lint.FileResult) error {
				for _, d := range r.Diagnostics {
					lintMsgs = append(lintMsgs, d.Rule+" "+d.Message)
				}
				for _, s := range r.Specs {
					_, derr = plan.Desired(s.Doc, itPrefix)
				}
				return nil
			})
			if derr == nil || !strings.Contains(derr.Error(), "outside the repository") {
				t.Errorf("Desired: err = %v, want one saying the file is outside the repository", derr)
			}
			if !strings.Contains(strings.Join(lintMsgs, "\n"), "outside the repository") {
				t.Errorf("lint did not report the file outside the repository: %q", lintMsgs)
			}
		})
	}
}

// seedAccount stores jobs in the fake straight through its HTTP handler
// (no network, no client), fast enough for 10,000 jobs.
func seedAccount(tb testing.TB, srv *fakesagemaker.Server, reqs []aws.Request) {
	tb.Helper()
	for _, req := range reqs {
		body, err := json.Marshal(req)
		if err != nil {
			tb.Fatal(err)
		}
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set("X-Amz-Target", "SageMaker.CreateLabelingJob")
		r.Header.Set("Content-Type", "application/x-amz-json-1.1")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			tb.Fatalf("seeding %v: %d %s", req["LabelingJobName"], w.Code, w.Body.String())
		}
	}
}

// BenchmarkPlanLargeAccount plans 1,000 specs against an account of 10,000
// labeling jobs: 100 of the specs exist (created by gtctl, unchanged), the
// other 9,900 jobs are history (mostly Completed, Failed or Stopped) and 20
// active jobs no spec describes, 10 of them managed by gtctl. The plan
// lists the account once (100 pages of 100), describes only the 100
// existing jobs and reads the tags of the 20 active strangers: 220 calls,
// against 1,000 (a Describe per spec) or 10,000 (one per job) for naive
// plans. The client has no rate limit here; s-at-10rps is the time the
// same calls take at gtctl's default --rate-limit.
func BenchmarkPlanLargeAccount(b *testing.B) {
	const specs, existing, account, active = 1000, 100, 10000, 20
	srv := fakesagemaker.New(fakesagemaker.Options{Workteams: []string{"birders"}})
	srv.Start()
	defer srv.Close()
	var seed []aws.Request
	for i := range existing {
		seed = append(seed, withTags(testjob.Request(fmt.Sprintf("spec-%04d", i)), plan.ManagedTagKey, plan.ManagedTagValue))
	}
	for i := range account - existing {
		req := testjob.Request(fmt.Sprintf("hist-%05d", i))
		if i%2 == 0 {
			req = withTags(req, plan.ManagedTagKey, plan.ManagedTagValue)
		}
		seed = append(seed, req)
	}
	start := time.Now()
	seedAccount(b, srv, seed)
	for i := range account - existing - active {
		status := []string{"Completed", "Completed", "Completed", "Failed", "Stopped"}[i%5]
		if err := srv.SetJobStatus(fmt.Sprintf("hist-%05d", i), status, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("seeded %d jobs in %v", account, time.Since(start).Round(time.Millisecond))
	c := awstest.Clients(b, srv.URL(), "")
	desired := func() []*plan.Job {
		jobs := make([]*plan.Job, specs)
		for i := range jobs {
			name := fmt.Sprintf("spec-%04d", i)
			jobs[i] = &plan.Job{Name: name, Action: plan.Create, Request: testjob.Request(name)}
		}
		return jobs
	}

	var p *plan.Plan
	srv.ResetCalls()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		jobs := desired()
		b.StartTimer()
		var err error
		if p, err = plan.Build(context.Background(), c.SageMaker, jobs, plan.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runs := float64(b.N)
	calls := float64(srv.TotalOperations()) / runs
	b.ReportMetric(calls, "api-calls/op")
	b.ReportMetric(float64(srv.OperationCount("ListLabelingJobs"))/runs, "list-pages/op")
	b.ReportMetric(float64(srv.OperationCount("DescribeLabelingJob"))/runs, "describes/op")
	b.ReportMetric(float64(srv.OperationCount("ListTags"))/runs, "listtags/op")
	b.ReportMetric(calls/float64(account), "calls/account-job")
	b.ReportMetric(calls/10, "s-at-10rps")
	c0 := p.Counts()
	if c0[plan.Unchanged] != existing || c0[plan.Create] != specs-existing || c0[plan.NotInSpecs] != active/2 {
		b.Fatalf("plan: %s", p.Summary())
	}
	if got := float64(p.TotalCalls()); got != calls {
		b.Errorf("the plan counted %v calls, the endpoint received %v", got, calls)
	}
}
