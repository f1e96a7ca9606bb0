// Package apply carries out a plan: it uploads local artifacts under
// content-addressed keys and creates the missing jobs, concurrently and
// idempotently. Interrupted at any point and run again, every job ends up
// created exactly once and no object is written twice: objects are keyed
// by their SHA-256 and written only if absent, and a job name that turns
// out to exist is accepted when the existing job is the one we asked for.
package apply

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/plan"
)

// DefaultConcurrency is the number of uploads and CreateLabelingJob calls
// in flight when Options.Concurrency is 0 (gtctl's --concurrency default).
// It is high enough that the rate limit, not the service's latency, sets
// the pace: DefaultRateLimit requests per second at up to 800 ms each.
const DefaultConcurrency = 8

// DefaultRateLimit is gtctl's default --rate-limit: SageMaker requests per
// second that plan and apply send, retries included. Just under an account
// limit of 10 requests per second, so that a run is paced by gtctl's own
// limiter (no throttling, no retry back-off) and leaves a little room to
// other callers; bench/apply.sh measures it.
const DefaultRateLimit = 9

// Options shape a run.
type Options struct {
	// Concurrency bounds uploads and CreateLabelingJob calls in flight; 0
	// means DefaultConcurrency.
	Concurrency int
	// Progress receives one line per upload and per job; nil for none.
	Progress io.Writer
}

// Status of one job after apply.
type Status string

const (
	Created Status = "created"
	// Existing: the job was there already with the same request (an
	// earlier, interrupted run created it).
	Existing Status = "existing"
	Failed   Status = "failed"
	// Refused: the spec changed a job that exists; jobs cannot be updated.
	Refused Status = "refused"
)

// Outcome is what happened to one job.
type Outcome struct {
	Job    *plan.Job
	Status Status
	ARN    string
	Err    error
}

// Result sums up a run.
type Result struct {
	Uploaded, AlreadyUploaded int
	Outcomes                  []Outcome
}

// Failed counts jobs that did not end up as specified.
func (r *Result) Failed() int {
	n := 0
	for _, o := range r.Outcomes {
		if o.Status == Failed || o.Status == Refused {
			n++
		}
	}
	return n
}

type progress struct {
	mu    sync.Mutex
	w     io.Writer
	done  int
	total int
}

func (p *progress) printf(format string, args ...any) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	fmt.Fprintf(p.w, "[%*d/%d] ", len(fmt.Sprint(p.total)), p.done, p.total)
	fmt.Fprintf(p.w, format+"\n", args...)
}

// Run applies p. It returns an error only when it could not run at all;
// per-job failures are in the Result.
func Run(ctx context.Context, c *aws.Clients, p *plan.Plan, opts Options) (*Result, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	res := &Result{}
	var creates []*plan.Job
	artifacts := map[string]plan.Artifact{} // by key: one upload per content
	for _, j := range p.Jobs {
		switch j.Action {
		case plan.Create:
			creates = append(creates, j)
			for _, a := range j.Artifacts {
				artifacts[a.Bucket+"/"+a.Key] = a
			}
		case plan.Changed:
			res.Outcomes = append(res.Outcomes, Outcome{Job: j, Status: Refused,
				Err: fmt.Errorf("the spec changes %s, which exists (%s); labeling jobs cannot be updated: give the spec a new LabelingJobName such as %s", j.Name, j.Status, j.SuggestedName)})
		}
	}
	pr := &progress{w: opts.Progress, total: len(artifacts) + len(creates)}

	// Uploads first: a job must never point at an object that is not there.
	var uploadErr error
	var mu sync.Mutex
	uploads := sortedArtifacts(artifacts)
	runBounded(ctx, opts.Concurrency, len(uploads), func(i int) {
		a := uploads[i]
		created, err := upload(ctx, c.S3, a)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			uploadErr = errors.Join(uploadErr, fmt.Errorf("uploading %s to %s: %w", a.Local, a.URI, err))
			pr.printf("upload failed %s: %v", a.Local, err)
		case created:
			res.Uploaded++
			pr.printf("uploaded  %s -> %s", a.Local, a.URI)
		default:
			res.AlreadyUploaded++
			pr.printf("present   %s (%s)", a.Local, a.URI)
		}
	})
	if uploadErr != nil {
		return res, uploadErr
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}

	outcomes := make([]Outcome, len(creates))
	var failed atomic.Int64
	runBounded(ctx, opts.Concurrency, len(creates), func(i int) {
		j := creates[i]
		o := create(ctx, c.SageMaker, j)
		outcomes[i] = o
		switch o.Status {
		case Created:
			pr.printf("created   %s (%s)", j.Name, o.ARN)
		case Existing:
			pr.printf("exists    %s (created by an earlier run)", j.Name)
		default:
			failed.Add(1)
			pr.printf("FAILED    %s: %v", j.Name, o.Err)
		}
	})
	for i, o := range outcomes {
		if o.Job == nil { // not started: the context was cancelled
			outcomes[i] = Outcome{Job: creates[i], Status: Failed, Err: ctx.Err()}
		}
	}
	res.Outcomes = append(res.Outcomes, outcomes...)
	return res, nil
}

func sortedArtifacts(m map[string]plan.Artifact) []plan.Artifact {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]plan.Artifact, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// runBounded calls fn(0..n-1) with at most limit calls in flight, and
// starts no new call once ctx is done.
func runBounded(ctx context.Context, limit, n int, fn func(i int)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, limit)
	for i := 0; i < n; i++ {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return
		}
		if ctx.Err() != nil {
			<-sem
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			fn(i)
		}()
	}
	wg.Wait()
}

// upload writes an artifact unless an object is already at its key. The
// key holds the content's SHA-256, so an existing object has our content;
// the file is re-hashed before upload so a file edited since planning is
// never uploaded under the old hash.
func upload(ctx context.Context, s3 aws.S3, a plan.Artifact) (bool, error) {
	exists, err := s3.HeadObject(ctx, a.Bucket, a.Key)
	if err != nil {
		return false, err
	}
	if exists {
		return false, nil
	}
	data, err := os.ReadFile(a.Local)
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != a.SHA256 {
		return false, fmt.Errorf("%s changed since the plan was made; run again", a.Local)
	}
	return s3.PutObject(ctx, a.Bucket, a.Key, bytes.Clone(data), a.ContentType, true)
}

// create sends CreateLabelingJob with the managed tag. A ResourceInUse
// answer is not a failure when the existing job is the one we asked for:
// an earlier run (or a retry after a lost response) created it.
func create(ctx context.Context, sm aws.SageMaker, j *plan.Job) Outcome {
	req := withManagedTag(j.Request)
	arn, err := sm.CreateLabelingJob(ctx, req)
	if err == nil {
		return Outcome{Job: j, Status: Created, ARN: arn}
	}
	if !errors.Is(err, aws.ErrResourceInUse) {
		return Outcome{Job: j, Status: Failed, Err: err}
	}
	live, derr := sm.DescribeLabelingJob(ctx, j.Name)
	if derr != nil {
		return Outcome{Job: j, Status: Failed, Err: fmt.Errorf("%w (and describing it failed: %v)", err, derr)}
	}
	if changes := plan.Diff(live.Request, req); len(changes) > 0 || live.Name != j.Name {
		return Outcome{Job: j, Status: Failed, ARN: live.ARN, Err: fmt.Errorf("a different job named %s already exists (%s); choose a new LabelingJobName", live.Name, live.Status)}
	}
	return Outcome{Job: j, Status: Existing, ARN: live.ARN}
}

func withManagedTag(req aws.Request) aws.Request {
	out := make(aws.Request, len(req)+1)
	for k, v := range req {
		out[k] = v
	}
	tags, _ := req["Tags"].([]any)
	for _, t := range tags {
		if m, ok := t.(map[string]any); ok && m["Key"] == plan.ManagedTagKey {
			return out
		}
	}
	out["Tags"] = append(append([]any{}, tags...), map[string]any{"Key": plan.ManagedTagKey, "Value": plan.ManagedTagValue})
	return out
}
