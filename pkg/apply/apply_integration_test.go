package apply_test

// Integration tests and a benchmark of apply.Run: the real SDK clients over
// HTTP against the fake SageMaker endpoint (package fakesagemaker) and
// moto_server (S3) on 127.0.0.1. Specs are real files, linted and planned
// as gtctl apply does. moto_server missing: skipped, or failed with
// GTCTL_REQUIRE_MOTO=1.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/gtctl/gtctl/internal/testjob"
	"github.com/gtctl/gtctl/pkg/apply"
	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/plan"
	"github.com/gtctl/gtctl/pkg/report"
)

const bucket = "acme-groundtruth-artifacts"

// countingS3 counts the artifact calls apply makes, per key, and can act
// after each object written (to interrupt a run mid-upload).
type countingS3 struct {
	aws.S3
	mu       sync.Mutex
	heads    int
	puts     int
	written  map[string]int // key -> PutObject calls that created it
	afterPut func(written int)
}

func (c *countingS3) HeadObject(ctx context.Context, b, key string) (bool, error) {
	c.mu.Lock()
	c.heads++
	c.mu.Unlock()
	return c.S3.HeadObject(ctx, b, key)
}

func (c *countingS3) PutObject(ctx context.Context, b, key string, body []byte, ct string, ifNoneMatch bool) (bool, error) {
	created, err := c.S3.PutObject(ctx, b, key, body, ct, ifNoneMatch)
	c.mu.Lock()
	c.puts++
	if created {
		c.written[key]++
	}
	n, hook := 0, c.afterPut
	for _, v := range c.written {
		n += v
	}
	c.mu.Unlock()
	if hook != nil && created {
		hook(n)
	}
	return created, err
}

func (c *countingS3) counts() (heads, puts int, written map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := map[string]int{}
	for k, v := range c.written {
		w[k] = v
	}
	return c.heads, c.puts, w
}

func (c *countingS3) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.heads, c.puts = 0, 0
}

// env is one account: a fake SageMaker, moto's S3 with the artifact
// bucket, and a repository of specs.
type env struct {
	t       testing.TB
	fake    *fakesagemaker.Server
	clients *aws.Clients
	s3      *countingS3
	raw     *s3.Client
	repo    string
	prefix  string
}

// newEnv starts a fake SageMaker and uses moto (started by the test or
// benchmark given). Each env has its own artifact prefix in the bucket.
func newEnv(t testing.TB, moto string, fo fakesagemaker.Options, co ...func(*aws.Config)) *env {
	t.Helper()
	if fo.Workteams == nil {
		fo.Workteams = []string{"birders"}
	}
	fake := fakesagemaker.New(fo)
	fake.Start()
	t.Cleanup(fake.Close)
	return newEnvWith(t, moto, fake, fake.URL(), co...)
}

func newEnvWith(t testing.TB, moto string, fake *fakesagemaker.Server, smURL string, co ...func(*aws.Config)) *env {
	t.Helper()
	c := awstest.Clients(t, smURL, moto, co...)
	cs := &countingS3{S3: c.S3, written: map[string]int{}}
	c.S3 = cs
	raw := awstest.RawS3(moto)
	ctx := context.Background()
	if _, err := raw.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: sdkaws.String(bucket)}); err != nil {
		if _, err := raw.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: sdkaws.String(bucket)}); err != nil {
			t.Fatalf("CreateBucket: %v", err)
		}
	}
	repo := testjob.Repo(t, "")
	name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())
	return &env{t: t, fake: fake, clients: c, s3: cs, raw: raw, repo: repo,
		prefix: fmt.Sprintf("s3://%s/%s-%d", bucket, strings.ToLower(name), time.Now().UnixNano())}
}

func startMoto(t testing.TB) string { return awstest.StartMoto(t) }

// writeSpecs writes jobs job-000 ... with manifests shared round robin
// among the given number of distinct manifests.
func (e *env) writeSpecs(jobs, manifests int) []string {
	var names []string
	for m := range manifests {
		testjob.WriteFile(e.t, e.repo, fmt.Sprintf("specs/data/birds-%03d.manifest", m), testjob.Manifest(fmt.Sprintf("%03d", m)))
	}
	for i := range jobs {
		name := fmt.Sprintf("job-%03d", i)
		spec := testjob.Spec{Name: name, Manifest: fmt.Sprintf("./data/birds-%03d.manifest", i%manifests)}
		testjob.WriteFile(e.t, e.repo, "specs/"+name+".yaml", spec.YAML())
		names = append(names, name)
	}
	return names
}

// desired lints the specs (failing on any error) and resolves them, as
// gtctl apply does.
func (e *env) desired() []*plan.Job {
	e.t.Helper()
	l, err := lint.New(lint.Options{KeepDocuments: true, DefaultRegion: "us-east-1", Workers: 2})
	if err != nil {
		e.t.Fatal(err)
	}
	inputs, err := lint.Expand([]string{filepath.Join(e.repo, "specs")}, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	var jobs []*plan.Job
	err = l.Stream(context.Background(), inputs, func(r *lint.FileResult) error {
		if errs, _, _ := report.Counts(r.Diagnostics); errs > 0 {
			var b bytes.Buffer
			report.Write(&b, "text", &lint.Result{Diagnostics: r.Diagnostics}, report.Options{})
			return fmt.Errorf("lint errors in %s:\n%s", r.Path, b.String())
		}
		for _, s := range r.Specs {
			j, err := plan.Desired(s.Doc, e.prefix)
			if err != nil {
				return err
			}
			jobs = append(jobs, j)
		}
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return jobs
}

func (e *env) plan() *plan.Plan {
	e.t.Helper()
	p, err := plan.Build(context.Background(), e.clients.SageMaker, e.desired(), plan.Options{})
	if err != nil {
		e.t.Fatalf("plan: %v", err)
	}
	return p
}

type object struct {
	etag     string
	modified time.Time
}

// objects lists what is under the env's prefix in moto.
func (e *env) objects() map[string]object {
	e.t.Helper()
	_, prefix, _ := plan.SplitS3(e.prefix)
	out := map[string]object{}
	p := s3.NewListObjectsV2Paginator(e.raw, &s3.ListObjectsV2Input{Bucket: sdkaws.String(bucket), Prefix: sdkaws.String(prefix + "/")})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			e.t.Fatalf("ListObjectsV2: %v", err)
		}
		for _, o := range page.Contents {
			out[sdkaws.ToString(o.Key)] = object{sdkaws.ToString(o.ETag), sdkaws.ToTime(o.LastModified)}
		}
	}
	return out
}

func statuses(r *apply.Result) map[apply.Status]int {
	m := map[apply.Status]int{}
	for _, o := range r.Outcomes {
		m[o.Status]++
	}
	return m
}

// checkAccount: every job exists exactly once (the fake keeps names unique
// case-insensitively; the list must also match the specs one to one), and
// no object was written twice. (An upload whose answer an interrupted run
// never read is not counted as written: the objects listed are.)
func (e *env) checkAccount(names []string, wantObjects int) {
	e.t.Helper()
	got := e.fake.JobNames()
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(names, ",") {
		e.t.Errorf("jobs in the account:\n%v\nwant one per spec:\n%v", got, names)
	}
	_, _, written := e.s3.counts()
	for k, n := range written {
		if n != 1 {
			e.t.Errorf("object %s written %d times", k, n)
		}
	}
	if objs := e.objects(); len(objs) != wantObjects || len(written) > wantObjects {
		e.t.Errorf("%d objects in the bucket, %d written; want %d", len(objs), len(written), wantObjects)
	}
}

func TestApplyAgainstFakeAndMoto(t *testing.T) {
	t.Parallel()
	moto := startMoto(t)
	ctx := context.Background()

	t.Run("creates, uploads once, then has nothing to do", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, moto, fakesagemaker.Options{})
		names := e.writeSpecs(6, 3)
		p := e.plan()
		if s := p.Summary(); s != "6 to create, 0 unchanged, 0 changed" {
			t.Fatalf("first plan: %s", s)
		}
		var progress bytes.Buffer
		res, err := apply.Run(ctx, e.clients, p, apply.Options{Progress: &progress})
		if err != nil {
			t.Fatal(err)
		}
		// 3 manifests, the label file and the template: 5 objects for 6 jobs.
		if res.Uploaded != 5 || res.AlreadyUploaded != 0 || statuses(res)[apply.Created] != 6 || res.Failed() != 0 {
			t.Errorf("first apply: uploaded %d, present %d, outcomes %v\n%s", res.Uploaded, res.AlreadyUploaded, statuses(res), progress.String())
		}
		if !strings.Contains(progress.String(), "[11/11] ") {
			t.Errorf("progress has no line 11 of 11:\n%s", progress.String())
		}
		e.checkAccount(names, 5)
		for _, o := range res.Outcomes {
			live, err := e.clients.SageMaker.DescribeLabelingJob(ctx, o.Job.Name)
			if err != nil {
				t.Fatal(err)
			}
			tags, _ := e.clients.SageMaker.ListTags(ctx, live.ARN)
			if o.ARN != live.ARN || tags[plan.ManagedTagKey] != plan.ManagedTagValue || tags["team"] != "vision" {
				t.Errorf("%s: ARN %q (live %q), tags %v", o.Job.Name, o.ARN, live.ARN, tags)
			}
			// The job points at the uploaded objects.
			uri := live.Request["InputConfig"].(map[string]any)["DataSource"].(map[string]any)["S3DataSource"].(map[string]any)["ManifestS3Uri"].(string)
			b, k, _ := plan.SplitS3(uri)
			if _, ok := e.objects()[k]; !ok || b != bucket {
				t.Errorf("%s: manifest %s is not in the bucket", o.Job.Name, uri)
			}
		}
		before := e.objects()

		e.s3.reset()
		e.fake.ResetCalls()
		p = e.plan()
		if s := p.Summary(); s != "0 to create, 6 unchanged, 0 changed" {
			t.Errorf("second plan: %s", s)
		}
		res, err = apply.Run(ctx, e.clients, p, apply.Options{})
		if err != nil {
			t.Fatal(err)
		}
		heads, puts, _ := e.s3.counts()
		if res.Uploaded+res.AlreadyUploaded != 0 || len(res.Outcomes) != 0 || heads+puts != 0 || e.fake.CallCount("CreateLabelingJob") != 0 {
			t.Errorf("second apply did something: uploaded %d, present %d, outcomes %v, %d HeadObject, %d PutObject, %d CreateLabelingJob",
				res.Uploaded, res.AlreadyUploaded, statuses(res), heads, puts, e.fake.CallCount("CreateLabelingJob"))
		}
		if after := e.objects(); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("objects changed:\n%v\n%v", before, after)
		}
	})

	t.Run("cancelled after 5 creates, run again", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, moto, fakesagemaker.Options{Latency: 20 * time.Millisecond})
		names := e.writeSpecs(12, 12)
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var created atomic.Int64
		e.fake.SetAfterCreate(func(string) error {
			if created.Add(1) == 5 {
				cancel()
			}
			return nil
		})
		res, err := apply.Run(cctx, e.clients, e.plan(), apply.Options{Concurrency: 3})
		if err != nil {
			t.Fatal(err)
		}
		st := statuses(res)
		if st[apply.Created] < 1 || st[apply.Failed] < 1 || st[apply.Created]+st[apply.Failed] != 12 {
			t.Errorf("interrupted run: outcomes %v", st)
		}
		for _, o := range res.Outcomes {
			if o.Status == apply.Failed && !errors.Is(o.Err, context.Canceled) {
				t.Errorf("%s failed with %v, want context.Canceled", o.Job.Name, o.Err)
			}
		}
		e.fake.SetAfterCreate(nil)
		if n := len(e.fake.JobNames()); n < 5 || n >= 12 {
			t.Errorf("%d jobs after the interrupted run, want 5 to 11", n)
		}
		before := e.objects()

		p := e.plan()
		c := p.Counts()
		if c[plan.Unchanged] != len(e.fake.JobNames()) || c[plan.Create]+c[plan.Unchanged] != 12 {
			t.Errorf("plan after the interruption: %s", p.Summary())
		}
		// A create the server was still working on when the first run
		// gave up may land after the plan: then it is "existing".
		res, err = apply.Run(ctx, e.clients, p, apply.Options{Concurrency: 3})
		if st := statuses(res); err != nil || res.Failed() != 0 || st[apply.Created]+st[apply.Existing] != c[plan.Create] || res.Uploaded != 0 {
			t.Errorf("second run: err %v, outcomes %v, uploaded %d", err, st, res.Uploaded)
		}
		e.checkAccount(names, 14)
		for k, o := range e.objects() {
			if before[k] != o {
				t.Errorf("object %s rewritten: %v then %v", k, before[k], o)
			}
		}
	})

	t.Run("cancelled mid-upload, run again", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, moto, fakesagemaker.Options{})
		names := e.writeSpecs(10, 10)
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		e.s3.afterPut = func(n int) {
			if n == 4 {
				cancel()
			}
		}
		_, err := apply.Run(cctx, e.clients, e.plan(), apply.Options{Concurrency: 2})
		if err == nil {
			t.Errorf("interrupted upload: no error")
		}
		if len(e.fake.JobNames()) != 0 {
			t.Errorf("jobs created although uploads did not finish: %v", e.fake.JobNames())
		}
		e.s3.afterPut = nil
		partial := e.objects()
		if len(partial) < 4 || len(partial) >= 12 {
			t.Errorf("%d objects after the interrupted upload", len(partial))
		}
		// An upload the first run gave up on may still land in moto after
		// the listing above: it is then found present, not written again.
		res, err := apply.Run(ctx, e.clients, e.plan(), apply.Options{Concurrency: 2})
		if err != nil || res.Failed() != 0 || res.AlreadyUploaded < len(partial) || res.Uploaded+res.AlreadyUploaded != 12 {
			t.Errorf("second run: err %v, outcomes %v, uploaded %d, present %d (had %d)", err, statuses(res), res.Uploaded, res.AlreadyUploaded, len(partial))
		}
		e.checkAccount(names, 12)
		for k, o := range partial {
			if e.objects()[k] != o {
				t.Errorf("object %s rewritten", k)
			}
		}
	})

	t.Run("responses lost after commit", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, moto, fakesagemaker.Options{})
		names := e.writeSpecs(8, 2)
		e.fake.DropAfterCommit(3)
		res, err := apply.Run(ctx, e.clients, e.plan(), apply.Options{Concurrency: 2})
		if err != nil {
			t.Fatal(err)
		}
		// The SDK retries the call whose response was lost and gets
		// ResourceInUse for its own job: "existing", not a failure.
		if st := statuses(res); st[apply.Created] != 3 || st[apply.Existing] != 5 || res.Failed() != 0 {
			for _, o := range res.Outcomes {
				t.Logf("%s %s %v", o.Job.Name, o.Status, o.Err)
			}
			t.Errorf("outcomes %v, want 3 created and 5 existing", st)
		}
		if ops, reqs := e.fake.OperationCount("CreateLabelingJob"), e.fake.CallCount("CreateLabelingJob"); ops != 8 || reqs < 3+2*5 {
			t.Errorf("CreateLabelingJob: %d operations, %d requests; want 8 operations, 13 or more requests (5 retried once)", ops, reqs)
		}
		e.fake.DropAfterCommit(-1)
		e.checkAccount(names, 4)
		if s := e.plan().Summary(); s != "0 to create, 8 unchanged, 0 changed" {
			t.Errorf("plan after: %s", s)
		}
	})

	t.Run("outage after 4 creates, run again", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, moto, fakesagemaker.Options{}, func(c *aws.Config) { c.MaxAttempts = 1 })
		names := e.writeSpecs(9, 3)
		e.fake.FailCreatesAfter(4)
		res, err := apply.Run(ctx, e.clients, e.plan(), apply.Options{Concurrency: 1})
		if err != nil {
			t.Fatal(err)
		}
		if st := statuses(res); st[apply.Created] != 4 || st[apply.Failed] != 5 {
			t.Errorf("outcomes %v, want 4 created, 5 failed", st)
		}
		e.fake.FailCreatesAfter(-1)
		res, err = apply.Run(ctx, e.clients, e.plan(), apply.Options{})
		if err != nil || statuses(res)[apply.Created] != 5 || res.Failed() != 0 || res.Uploaded != 0 {
			t.Errorf("second run: err %v, outcomes %v, uploaded %d", err, statuses(res), res.Uploaded)
		}
		e.checkAccount(names, 5)
	})

	t.Run("a job AWS rejects", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, moto, fakesagemaker.Options{})
		names := e.writeSpecs(5, 1)
		const msg = "1 validation error detected: Value 'arn:aws:iam::111122223333:role/GroundTruthExecution' at 'roleArn' failed to satisfy constraint: role cannot be assumed"
		e.fake.SetBeforeCreate(func(name string) error {
			if name == "job-002" {
				return &fakesagemaker.Fault{Status: 400, Code: "ValidationException", Message: msg}
			}
			return nil
		})
		res, err := apply.Run(ctx, e.clients, e.plan(), apply.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range res.Outcomes {
			switch {
			case o.Job.Name == "job-002":
				if o.Status != apply.Failed || o.Err == nil || !strings.Contains(o.Err.Error(), "ValidationException: "+msg) || !errors.Is(o.Err, aws.ErrValidation) {
					t.Errorf("rejected job: %s %v", o.Status, o.Err)
				}
				if o.Job.Line != 1 || o.Job.Column != 18 || !strings.HasSuffix(o.Job.File, "job-002.yaml") {
					t.Errorf("rejected job's position %s:%d:%d", o.Job.File, o.Job.Line, o.Job.Column)
				}
			case o.Status != apply.Created:
				t.Errorf("%s: %s %v", o.Job.Name, o.Status, o.Err)
			}
		}
		if res.Failed() != 1 {
			t.Errorf("%d failed, want 1", res.Failed())
		}
		got := e.fake.JobNames()
		sort.Strings(got)
		if want := append(append([]string{}, names[:2]...), names[3:]...); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("jobs %v, want %v", got, want)
		}
	})

	t.Run("a changed job is refused", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, moto, fakesagemaker.Options{})
		e.writeSpecs(2, 1)
		if _, err := apply.Run(ctx, e.clients, e.plan(), apply.Options{}); err != nil {
			t.Fatal(err)
		}
		spec := filepath.Join(e.repo, "specs", "job-001.yaml")
		b, _ := os.ReadFile(spec)
		testjob.WriteFile(t, e.repo, "specs/job-001.yaml", strings.Replace(string(b), "TaskTimeLimitInSeconds: 600", "TaskTimeLimitInSeconds: 900", 1))
		e.fake.ResetCalls()
		res, err := apply.Run(ctx, e.clients, e.plan(), apply.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Outcomes) != 1 || res.Outcomes[0].Status != apply.Refused || !strings.Contains(res.Outcomes[0].Err.Error(), "such as job-001-v2") {
			t.Errorf("outcomes %+v", res.Outcomes)
		}
		if n := e.fake.CallCount("CreateLabelingJob"); n != 0 {
			t.Errorf("%d CreateLabelingJob calls", n)
		}
	})
}

// throttleCounter serves the fake and counts the requests it throttled.
type throttleCounter struct {
	h         http.Handler
	throttled atomic.Int64
}

type sniff struct {
	http.ResponseWriter
	status int
	c      *throttleCounter
}

func (s *sniff) WriteHeader(code int) { s.status = code; s.ResponseWriter.WriteHeader(code) }
func (s *sniff) Write(b []byte) (int, error) {
	if s.status == http.StatusBadRequest && bytes.Contains(b, []byte(`"ThrottlingException"`)) {
		s.c.throttled.Add(1)
	}
	return s.ResponseWriter.Write(b)
}

func (t *throttleCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t.h.ServeHTTP(&sniff{ResponseWriter: w, status: 200, c: t}, r)
}

// throttledEnv is an env whose fake accepts rate requests per second,
// served through a throttleCounter.
func throttledEnv(tb testing.TB, moto string, rate, clientRate float64, latency time.Duration) (*env, *throttleCounter) {
	tb.Helper()
	fake := fakesagemaker.New(fakesagemaker.Options{Workteams: []string{"birders"}, ThrottleRate: rate, Latency: latency})
	tc := &throttleCounter{h: fake}
	srv := httptest.NewServer(tc)
	tb.Cleanup(srv.Close)
	return newEnvWith(tb, moto, fake, srv.URL, func(c *aws.Config) {
		c.RateLimit = clientRate
		c.MaxAttempts = aws.DefaultMaxAttempts
	}), tc
}

// TestApplyThrottled200: 200 jobs against an account that accepts 10
// SageMaker requests per second, with gtctl's default client rate limit
// and concurrency: every job is created, each once, none fails.
func TestApplyThrottled200(t *testing.T) {
	t.Parallel()
	moto := startMoto(t)
	e, tc := throttledEnv(t, moto, 10, apply.DefaultRateLimit, 0)
	names := e.writeSpecs(200, 10)
	start := time.Now()
	p := e.plan()
	res, err := apply.Run(context.Background(), e.clients, p, apply.Options{})
	if err != nil {
		t.Fatal(err)
	}
	wall := time.Since(start)
	if st := statuses(res); st[apply.Created] != 200 || res.Failed() != 0 {
		for _, o := range res.Outcomes {
			if o.Status != apply.Created {
				t.Logf("%s: %s %v", o.Job.Name, o.Status, o.Err)
			}
		}
		t.Errorf("outcomes %v, want 200 created", st)
	}
	e.checkAccount(names, 12)
	calls := e.fake.TotalCalls()
	accepted := calls - int(tc.throttled.Load())
	t.Logf("200 jobs: %v wall, %d SageMaker requests (%d throttled), bound %.1fs at 10/s",
		wall.Round(time.Millisecond), calls, tc.throttled.Load(), float64(accepted)/10)
}

// BenchmarkApplyThrottled: plan and apply 200 specs against an account
// that accepts 10 SageMaker requests per second (ThrottlingException
// beyond), with gtctl's default --rate-limit and --concurrency, at 50 ms
// and at 300 ms of service latency per request (and, for comparison,
// with no client-side limit). bound-s is the least time the throttle allows for
// the SageMaker requests that got through (the plan's and apply's):
// accepted/10; wall/bound is the target metric (≤ 1.25), failed-jobs must
// be 0.
func BenchmarkApplyThrottled(b *testing.B) {
	moto := startMoto(b)
	for _, c := range []struct {
		latency time.Duration
		limit   float64
	}{
		{50 * time.Millisecond, apply.DefaultRateLimit},
		{300 * time.Millisecond, apply.DefaultRateLimit},
		// For comparison: no client-side limit, the SDK's retries alone.
		{50 * time.Millisecond, 0},
	} {
		name := fmt.Sprintf("latency=%v/rate-limit=%v", c.latency, c.limit)
		b.Run(name, func(b *testing.B) { benchApplyThrottled(b, moto, c.latency, c.limit) })
	}
}

func benchApplyThrottled(b *testing.B, moto string, latency time.Duration, limit float64) {
	const jobs, rate = 200, 10.0
	b.ResetTimer()
	var wall, bound, throttled, failed, calls, creates float64
	for i := range b.N {
		b.StopTimer()
		e, tc := throttledEnv(b, moto, rate, limit, latency)
		e.writeSpecs(jobs, 10)
		desired := e.desired()
		e.fake.SetThrottleRate(rate) // a full bucket, as an idle account has
		b.StartTimer()
		start := time.Now()
		p, err := plan.Build(context.Background(), e.clients.SageMaker, desired, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := apply.Run(context.Background(), e.clients, p, apply.Options{})
		if err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		b.StopTimer()
		n := e.fake.TotalCalls()
		th := int(tc.throttled.Load())
		wall += d.Seconds()
		bound += float64(n-th) / rate
		throttled += float64(th)
		failed += float64(res.Failed() + jobs - statuses(res)[apply.Created])
		calls += float64(n)
		creates += float64(e.fake.CallCount("CreateLabelingJob"))
		b.Logf("run %d: %v wall, %d SageMaker requests (%d CreateLabelingJob, %d throttled), bound %.1fs",
			i+1, d.Round(time.Millisecond), n, e.fake.CallCount("CreateLabelingJob"), th, float64(n-th)/rate)
		b.StartTimer()
	}
	runs := float64(b.N)
	b.ReportMetric(wall/runs, "wall-s")
	b.ReportMetric(bound/runs, "bound-s")
	b.ReportMetric(wall/bound, "wall/bound")
	b.ReportMetric(failed/runs, "failed-jobs")
	b.ReportMetric(calls/runs, "sm-requests")
	b.ReportMetric(creates/runs, "creates")
	b.ReportMetric(throttled/runs, "throttled")
}
