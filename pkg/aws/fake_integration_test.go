package aws_test

// Integration tests: the real SDK clients over HTTP against the in-process
// fake SageMaker endpoint (package fakesagemaker) on 127.0.0.1.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
)

// validRequest is the design document's example job, with every kind of
// member: nested structures, lists, enums, integers and tags.
func validRequest(name string) aws.Request {
	return aws.Request{
		"LabelingJobName":    name,
		"LabelAttributeName": "bird-boxes",
		"InputConfig": map[string]any{
			"DataSource": map[string]any{"S3DataSource": map[string]any{"ManifestS3Uri": "s3://acme-labels/input/birds.manifest"}},
			"DataAttributes": map[string]any{
				"ContentClassifiers": []any{"FreeOfPersonallyIdentifiableInformation", "FreeOfAdultContent"},
			},
		},
		"OutputConfig":             map[string]any{"S3OutputPath": "s3://acme-labels/output/"},
		"RoleArn":                  "arn:aws:iam::111122223333:role/GroundTruthExecution",
		"LabelCategoryConfigS3Uri": "s3://acme-labels/labels/birds.json",
		"StoppingConditions":       map[string]any{"MaxPercentageOfInputDatasetLabeled": int64(100)},
		"HumanTaskConfig": map[string]any{
			"WorkteamArn":           "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/birders",
			"UiConfig":              map[string]any{"UiTemplateS3Uri": "s3://acme-labels/templates/bounding-box.liquid.html"},
			"PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox",
			"AnnotationConsolidationConfig": map[string]any{
				"AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox",
			},
			"TaskTitle":                         "Draw a box around every bird",
			"TaskDescription":                   "Draw one tight box around each bird you see",
			"TaskKeywords":                      []any{"Images", "bounding box"},
			"NumberOfHumanWorkersPerDataObject": int64(3),
			"TaskTimeLimitInSeconds":            int64(600),
			"TaskAvailabilityLifetimeInSeconds": int64(864000),
			"MaxConcurrentTaskCount":            int64(1000),
		},
		"Tags": []any{map[string]any{"Key": "team", "Value": "birds"}},
	}
}

func startFake(t *testing.T, opts fakesagemaker.Options) *fakesagemaker.Server {
	t.Helper()
	srv := fakesagemaker.New(opts)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

func set(htc aws.Request, path string, v any) {
	parts := strings.Split(path, ".")
	m := htc
	for _, p := range parts[:len(parts)-1] {
		m = m[p].(map[string]any)
	}
	m[parts[len(parts)-1]] = v
}

func TestFakeCreateDescribeListDuplicate(t *testing.T) {
	t.Parallel()
	srv := startFake(t, fakesagemaker.Options{Workteams: []string{"birders"}})
	c := awstest.Clients(t, srv.URL(), "")
	ctx := context.Background()

	req := validRequest("Bird-Boxes-2026-11")
	arn, err := c.SageMaker.CreateLabelingJob(ctx, req)
	if err != nil {
		t.Fatalf("CreateLabelingJob: %v", err)
	}
	if want := "arn:aws:sagemaker:us-east-1:123456789012:labeling-job/bird-boxes-2026-11"; arn != want {
		t.Errorf("ARN = %q, want %q", arn, want)
	}

	job, err := c.SageMaker.DescribeLabelingJob(ctx, "Bird-Boxes-2026-11")
	if err != nil {
		t.Fatalf("DescribeLabelingJob: %v", err)
	}
	if job.Name != "Bird-Boxes-2026-11" || job.ARN != arn || job.Status != "InProgress" || job.CreationTime.IsZero() {
		t.Errorf("described %+v", job)
	}
	// The described request is the sent one, member for member, numbers
	// as int64.
	if diff := cmp.Diff(validRequest("Bird-Boxes-2026-11"), job.Request); diff != "" {
		t.Errorf("described request differs from the sent one (-sent +described):\n%s", diff)
	}

	tags, err := c.SageMaker.ListTags(ctx, arn)
	if err != nil {
		t.Fatalf("ListTags: %v", err)
	}
	if diff := cmp.Diff(map[string]string{"team": "birds"}, tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}

	// Names are unique case-insensitively.
	_, err = c.SageMaker.CreateLabelingJob(ctx, validRequest("bird-boxes-2026-11"))
	if !errors.Is(err, aws.ErrResourceInUse) {
		t.Fatalf("duplicate name in another case: err = %v, want ErrResourceInUse", err)
	}
	var apiErr *aws.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "ResourceInUse" || apiErr.Op != "CreateLabelingJob" ||
		!strings.Contains(apiErr.Message, "a job with this name already exists ("+arn+")") {
		t.Errorf("duplicate: %#v", apiErr)
	}

	_, err = c.SageMaker.DescribeLabelingJob(ctx, "no-such-job")
	if !errors.Is(err, aws.ErrNotFound) {
		t.Errorf("DescribeLabelingJob(unknown): err = %v, want ErrNotFound", err)
	}

	// Workteams.
	wt, err := c.SageMaker.DescribeWorkteam(ctx, "birders")
	if err != nil || wt.Name != "birders" || wt.ARN != "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/birders" {
		t.Errorf("DescribeWorkteam(birders) = %+v, %v", wt, err)
	}
	if _, err := c.SageMaker.DescribeWorkteam(ctx, "nobody"); !errors.Is(err, aws.ErrNotFound) {
		t.Errorf("DescribeWorkteam(unknown): err = %v, want ErrNotFound", err)
	}

	// Stop.
	if err := c.SageMaker.StopLabelingJob(ctx, "Bird-Boxes-2026-11"); err != nil {
		t.Fatalf("StopLabelingJob: %v", err)
	}
	if job, err := c.SageMaker.DescribeLabelingJob(ctx, "Bird-Boxes-2026-11"); err != nil || job.Status != "Stopped" {
		t.Errorf("after Stop: %v, %v", job.Status, err)
	}
	if err := c.SageMaker.StopLabelingJob(ctx, "no-such-job"); !errors.Is(err, aws.ErrNotFound) {
		t.Errorf("StopLabelingJob(unknown): err = %v, want ErrNotFound", err)
	}
}

func TestFakeListPaging(t *testing.T) {
	t.Parallel()
	// A clock that ticks one second per read keeps creation times distinct.
	var tick atomic.Int64
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return base.Add(time.Duration(tick.Add(1)) * time.Second) }
	srv := startFake(t, fakesagemaker.Options{Now: clock})
	c := awstest.Clients(t, srv.URL(), "")
	ctx := context.Background()

	const n = 250
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("job-%03d", i)
		if i%10 == 0 {
			name = fmt.Sprintf("Bird-%03d", i)
		}
		if _, err := c.SageMaker.CreateLabelingJob(ctx, validRequest(name)); err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
	}
	if err := srv.SetJobStatus("job-001", "Completed", ""); err != nil {
		t.Fatal(err)
	}
	var err error

	srv.ResetCalls()
	var pages []int
	var names []string
	err = c.SageMaker.ListLabelingJobs(ctx, aws.ListOptions{MaxResults: 100}, func(page []aws.JobSummary) error {
		pages = append(pages, len(page))
		for _, j := range page {
			names = append(names, j.Name)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ListLabelingJobs: %v", err)
	}
	if diff := cmp.Diff([]int{100, 100, 50}, pages); diff != "" {
		t.Errorf("page sizes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(srv.JobNames(), names); diff != "" {
		t.Errorf("listed names, oldest first (-want +got):\n%s", diff)
	}
	if got := srv.OperationCount("ListLabelingJobs"); got != 3 {
		t.Errorf("ListLabelingJobs calls = %d, want 3", got)
	}

	count := func(opts aws.ListOptions) int {
		t.Helper()
		total := 0
		if err := c.SageMaker.ListLabelingJobs(ctx, opts, func(p []aws.JobSummary) error { total += len(p); return nil }); err != nil {
			t.Fatalf("ListLabelingJobs(%+v): %v", opts, err)
		}
		return total
	}
	if got := count(aws.ListOptions{NameContains: "bIrD"}); got != 25 {
		t.Errorf("NameContains bIrD: %d jobs, want 25", got)
	}
	if got := count(aws.ListOptions{StatusEquals: "Completed"}); got != 1 {
		t.Errorf("StatusEquals Completed: %d jobs, want 1", got)
	}
	// Created after job 200: jobs 201 to 249.
	j200, err := c.SageMaker.DescribeLabelingJob(ctx, "Bird-200")
	if err != nil {
		t.Fatal(err)
	}
	if got := count(aws.ListOptions{CreatedAfter: j200.CreationTime, MaxResults: 7}); got != 49 {
		t.Errorf("CreatedAfter: %d jobs, want 49", got)
	}

	// fn's error stops the listing.
	stop := errors.New("enough")
	calls := 0
	err = c.SageMaker.ListLabelingJobs(ctx, aws.ListOptions{MaxResults: 10}, func([]aws.JobSummary) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("stop listing: err = %v after %d pages", err, calls)
	}
}

func TestFakeValidation(t *testing.T) {
	t.Parallel()
	srv := startFake(t, fakesagemaker.Options{})
	c := awstest.Clients(t, srv.URL(), "")
	ctx := context.Background()

	tests := []struct {
		name    string
		edit    func(aws.Request)
		message string
	}{
		{
			name: "name pattern",
			edit: func(r aws.Request) { r["LabelingJobName"] = "bird_boxes" },
			message: "1 validation error detected: Value 'bird_boxes' at 'labelingJobName' failed to satisfy constraint: " +
				"Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
		},
		{
			name: "workers range",
			edit: func(r aws.Request) { set(r, "HumanTaskConfig.NumberOfHumanWorkersPerDataObject", int64(10)) },
			message: "1 validation error detected: Value '10' at 'humanTaskConfig.numberOfHumanWorkersPerDataObject' " +
				"failed to satisfy constraint: Member must have value less than or equal to 9",
		},
		{
			name: "two errors, list member path",
			edit: func(r aws.Request) {
				set(r, "HumanTaskConfig.TaskKeywords", []any{"ok", "bad!"})
				set(r, "HumanTaskConfig.TaskTimeLimitInSeconds", int64(29))
			},
			message: "2 validation errors detected: " +
				"Value 'bad!' at 'humanTaskConfig.taskKeywords.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9]+( [A-Za-z0-9]+)*; " +
				"Value '29' at 'humanTaskConfig.taskTimeLimitInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 30",
		},
		{
			name:    "enum",
			edit:    func(r aws.Request) { set(r, "InputConfig.DataAttributes.ContentClassifiers", []any{"FreeOfPII"}) },
			message: "Value 'FreeOfPII' at 'inputConfig.dataAttributes.contentClassifiers.1.member' failed to satisfy constraint: Member must satisfy enum value set: [FreeOfPersonallyIdentifiableInformation, FreeOfAdultContent]",
		},
		{
			name: "length and pattern of one value",
			edit: func(r aws.Request) { r["LabelAttributeName"] = strings.Repeat("a", 127) + "-" },
			message: "2 validation errors detected: Value '" + strings.Repeat("a", 127) + "-' at 'labelAttributeName' failed to satisfy constraint: Member must have length less than or equal to 127; " +
				"Value '" + strings.Repeat("a", 127) + "-' at 'labelAttributeName'",
		},
		{
			name:    "list size",
			edit:    func(r aws.Request) { set(r, "HumanTaskConfig.TaskKeywords", []any{"a", "b", "c", "d", "e", "f"}) },
			message: "at 'humanTaskConfig.taskKeywords' failed to satisfy constraint: Member must have length less than or equal to 5",
		},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := validRequest(fmt.Sprintf("validation-%d", i))
			tt.edit(req)
			_, err := c.SageMaker.CreateLabelingJob(ctx, req)
			if !errors.Is(err, aws.ErrValidation) {
				t.Fatalf("err = %v, want ErrValidation", err)
			}
			var apiErr *aws.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != "ValidationException" {
				t.Fatalf("err = %#v, want a ValidationException", err)
			}
			if !strings.Contains(apiErr.Message, tt.message) {
				t.Errorf("message:\n got %s\nwant %s", apiErr.Message, tt.message)
			}
		})
	}
	if got := srv.JobNames(); len(got) != 0 {
		t.Errorf("invalid requests created jobs: %v", got)
	}

	// Required members are checked by the SDK before sending; unknown
	// members and non-integers by the conversion. Neither reaches the server.
	srv.ResetCalls()
	req := validRequest("missing-role")
	delete(req, "RoleArn")
	if _, err := c.SageMaker.CreateLabelingJob(ctx, req); !errors.Is(err, aws.ErrValidation) {
		t.Errorf("missing RoleArn: err = %v, want ErrValidation", err)
	}
	req = validRequest("unknown-member")
	req["LabellingJobName"] = "typo"
	if _, err := c.SageMaker.CreateLabelingJob(ctx, req); !errors.Is(err, aws.ErrValidation) || !strings.Contains(err.Error(), "LabellingJobName") {
		t.Errorf("unknown member: err = %v, want ErrValidation naming it", err)
	}
	req = validRequest("fraction")
	set(req, "HumanTaskConfig.TaskTimeLimitInSeconds", 600.5)
	if _, err := c.SageMaker.CreateLabelingJob(ctx, req); !errors.Is(err, aws.ErrValidation) {
		t.Errorf("fractional integer: err = %v, want ErrValidation", err)
	}
	if n := srv.TotalCalls(); n != 0 {
		t.Errorf("%d calls reached the server", n)
	}
}

// createAll creates n jobs with workers goroutines and returns the errors.
func createAll(ctx context.Context, c *aws.Clients, prefix string, n, workers int) []error {
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
	)
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if _, err := c.SageMaker.CreateLabelingJob(ctx, validRequest(fmt.Sprintf("%s-%03d", prefix, i))); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return errs
}

func TestFakeThrottlingWithRateLimit(t *testing.T) {
	t.Parallel()
	srv := startFake(t, fakesagemaker.Options{ThrottleRate: 10})
	c := awstest.Clients(t, srv.URL(), "", func(cfg *aws.Config) { cfg.RateLimit = 10 })
	start := time.Now()
	errs := createAll(context.Background(), c, "throttled", 50, 8)
	elapsed := time.Since(start)
	if len(errs) > 0 {
		t.Fatalf("%d of 50 creates failed, first: %v", len(errs), errs[0])
	}
	if got := len(srv.JobNames()); got != 50 {
		t.Errorf("%d jobs stored, want 50", got)
	}
	calls := srv.CallCount("CreateLabelingJob")
	t.Logf("50 creates at 10 rps against a 10 TPS endpoint: %v, %d calls (%d throttled)", elapsed.Round(time.Millisecond), calls, calls-50)
	if elapsed < 4*time.Second {
		t.Errorf("50 calls at 10 rps took only %v", elapsed)
	}
}

func TestFakeThrottlingRetried(t *testing.T) {
	t.Parallel()
	// Without the client-side limiter the SDK's retries (backoff from 1s
	// for throttling) still get 20 creates through a 10 TPS endpoint.
	srv := startFake(t, fakesagemaker.Options{ThrottleRate: 10})
	c := awstest.Clients(t, srv.URL(), "", func(cfg *aws.Config) { cfg.MaxAttempts = 8 })
	errs := createAll(context.Background(), c, "burst", 20, 20)
	if len(errs) > 0 {
		t.Fatalf("%d of 20 creates failed, first: %v", len(errs), errs[0])
	}
	if calls := srv.CallCount("CreateLabelingJob"); calls <= 20 {
		t.Errorf("CreateLabelingJob calls = %d; a burst of 20 should have been throttled", calls)
	}

	// A call whose attempts all fail is ErrThrottled.
	srv.SetThrottleRate(0.001)
	c1 := awstest.Clients(t, srv.URL(), "", func(cfg *aws.Config) { cfg.MaxAttempts = 1 })
	c1.SageMaker.DescribeLabelingJob(context.Background(), "burst-000") // takes the bucket's one token
	_, err := c1.SageMaker.DescribeLabelingJob(context.Background(), "burst-000")
	if !errors.Is(err, aws.ErrThrottled) {
		t.Errorf("err = %v, want ErrThrottled", err)
	}
}

func TestFakeServerErrorsRetried(t *testing.T) {
	t.Parallel()
	srv := startFake(t, fakesagemaker.Options{FaultRate: 0.1, Seed: 42})
	c := awstest.Clients(t, srv.URL(), "")
	errs := createAll(context.Background(), c, "flaky", 50, 4)
	if len(errs) > 0 {
		t.Fatalf("%d of 50 creates failed, first: %v", len(errs), errs[0])
	}
	calls := srv.CallCount("CreateLabelingJob")
	t.Logf("50 creates with 10%% InternalFailure: %d calls", calls)
	if calls <= 50 {
		t.Errorf("CreateLabelingJob calls = %d, want retries (> 50)", calls)
	}
}

func TestFakeHooks(t *testing.T) {
	t.Parallel()
	srv := startFake(t, fakesagemaker.Options{})
	c := awstest.Clients(t, srv.URL(), "")
	ctx := context.Background()

	// A connection reset after the job was stored: the SDK retries, and the
	// retry finds the name taken. The caller must check (Describe) whether
	// the existing job is its own.
	srv.DropAfterCommit(0)
	_, err := c.SageMaker.CreateLabelingJob(ctx, validRequest("crash-after-commit"))
	if !errors.Is(err, aws.ErrResourceInUse) {
		t.Fatalf("err = %v, want ErrResourceInUse from the retried call", err)
	}
	if ops, reqs := srv.OperationCount("CreateLabelingJob"), srv.CallCount("CreateLabelingJob"); ops != 1 || reqs < 2 {
		t.Errorf("CreateLabelingJob: %d operations, %d requests; want 1 operation, 2 or more requests (reset, then retried)", ops, reqs)
	}
	job, err := c.SageMaker.DescribeLabelingJob(ctx, "crash-after-commit")
	if err != nil || job.Request["RoleArn"] != validRequest("x")["RoleArn"] {
		t.Errorf("the job was stored: %v, %v", job, err)
	}
	srv.DropAfterCommit(-1)

	// An outage after two creates: later calls fail (retried, then given up).
	srv.FailCreatesAfter(2)
	c1 := awstest.Clients(t, srv.URL(), "", func(cfg *aws.Config) { cfg.MaxAttempts = 2 })
	for i := 0; i < 3; i++ {
		_, err := c1.SageMaker.CreateLabelingJob(ctx, validRequest(fmt.Sprintf("outage-%d", i)))
		if (err == nil) != (i < 2) {
			t.Errorf("create %d: err = %v", i, err)
		}
		if i == 2 {
			var apiErr *aws.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != "InternalFailure" {
				t.Errorf("create 2: err = %#v, want InternalFailure", err)
			}
		}
	}
	srv.FailCreatesAfter(-1)

	// A hook chooses the answer.
	srv.SetBeforeCreate(func(string) error { return fakesagemaker.ResourceLimitExceeded() })
	if _, err := c.SageMaker.CreateLabelingJob(ctx, validRequest("limit")); !errors.Is(err, aws.ErrLimitExceeded) {
		t.Errorf("err = %v, want ErrLimitExceeded", err)
	}
	srv.SetBeforeCreate(nil)
}

func TestFakeLatencyAndCancel(t *testing.T) {
	t.Parallel()
	srv := startFake(t, fakesagemaker.Options{Latency: 2 * time.Second})
	c := awstest.Clients(t, srv.URL(), "")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.SageMaker.DescribeLabelingJob(ctx, "slow")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("cancelled call took %v", d)
	}
	srv.SetLatency(0)
	if _, err := c.SageMaker.DescribeLabelingJob(context.Background(), "slow"); !errors.Is(err, aws.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

func TestFakeRateLimitPerAttempt(t *testing.T) {
	t.Parallel()
	// Every attempt, retries included, takes a token of the limiter.
	srv := startFake(t, fakesagemaker.Options{FaultRate: 1})
	c := awstest.Clients(t, srv.URL(), "", func(cfg *aws.Config) { cfg.RateLimit = 5; cfg.MaxAttempts = 3 })
	start := time.Now()
	_, err := c.SageMaker.DescribeLabelingJob(context.Background(), "x")
	elapsed := time.Since(start)
	var apiErr *aws.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "InternalFailure" {
		t.Fatalf("err = %v, want InternalFailure", err)
	}
	if got := srv.CallCount("DescribeLabelingJob"); got != 3 {
		t.Errorf("attempts = %d, want 3", got)
	}
	if elapsed < 350*time.Millisecond {
		t.Errorf("3 attempts at 5 rps took %v, want at least 400ms", elapsed)
	}
}
