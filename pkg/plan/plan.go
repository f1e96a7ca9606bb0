// Package plan compares the jobs the specs describe with the jobs in the
// account. Labeling jobs cannot be updated or deleted, so a job is either
// to be created, unchanged, or changed — and a changed job needs a new
// name. Jobs that exist are found by paging ListLabelingJobs, not by one
// Describe call per spec, so an account with 10,000 jobs stays cheap.
package plan

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/checks"
	"github.com/gtctl/gtctl/pkg/spec"
)

// Action is what apply would do with a job.
type Action string

const (
	Create     Action = "create"
	Unchanged  Action = "unchanged"
	Changed    Action = "changed"
	NotInSpecs Action = "not-in-specs"
)

// ManagedTagKey marks the jobs gtctl created.
const (
	ManagedTagKey   = "gtctl:managed-by"
	ManagedTagValue = "gtctl"
)

// Artifact is a local file a spec names, and where apply uploads it.
type Artifact struct {
	Member string // the spec member, e.g. LabelCategoryConfigS3Uri
	Local  string // the file, as shown to the user
	SHA256 string
	Size   int64
	Bucket string
	Key    string // <prefix>/<sha256>/<file name>
	URI    string // s3://Bucket/Key
	// ContentType is sent with the upload.
	ContentType string
}

// Change is one member that differs between the account and the spec.
type Change struct {
	Path    string `json:"path"`
	Live    any    `json:"live"`
	Desired any    `json:"desired"`
}

// Job is one line of the plan.
type Job struct {
	Name   string `json:"name"`
	Action Action `json:"action"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	// Status is the live job's status, for existing jobs.
	Status string `json:"status,omitempty"`
	// LiveName is the existing job's name when it differs in case.
	LiveName      string     `json:"liveName,omitempty"`
	ARN           string     `json:"arn,omitempty"`
	Changes       []Change   `json:"changes,omitempty"`
	SuggestedName string     `json:"suggestedName,omitempty"`
	Artifacts     []Artifact `json:"-"`
	// Request is the CreateLabelingJob request apply would send (artifact
	// URIs resolved, the managed tag added).
	Request aws.Request `json:"-"`
}

// Plan is the outcome of Build.
type Plan struct {
	Jobs []*Job
	// Calls counts the SageMaker API calls made to build the plan.
	Calls map[string]int
}

// Counts tallies the jobs per action.
func (p *Plan) Counts() map[Action]int {
	out := map[Action]int{}
	for _, j := range p.Jobs {
		out[j.Action]++
	}
	return out
}

// Summary is the one line that comes first, for pull-request comments.
func (p *Plan) Summary() string {
	c := p.Counts()
	s := fmt.Sprintf("%d to create, %d unchanged, %d changed", c[Create], c[Unchanged], c[Changed])
	if n := c[NotInSpecs]; n > 0 {
		s += fmt.Sprintf(", %d not in specs", n)
	}
	return s
}

// HasChanges reports whether apply would do anything (or refuse to).
func (p *Plan) HasChanges() bool {
	c := p.Counts()
	return c[Create] > 0 || c[Changed] > 0
}

// Options shape Build.
type Options struct {
	// ArtifactPrefix is where local artifacts go: s3://bucket/prefix.
	ArtifactPrefix string
	// Concurrency bounds Describe calls; 0 means 8.
	Concurrency int
	// NameFilterMax is the number of specs up to which existing jobs are
	// looked up by name (one filtered List call each) instead of listing
	// the whole account; 0 means 20.
	NameFilterMax int
}

// ErrNoArtifactPrefix is returned when a spec names a local file and no
// artifact prefix is configured.
var ErrNoArtifactPrefix = errors.New("specs name local files but no artifact prefix is set (artifactPrefix in .gtctl.yaml or --artifact-prefix)")

// Desired turns a linted spec document into the job apply would create.
func Desired(doc *spec.Document, prefix string) (*Job, error) {
	name := doc.JobName()
	j := &Job{Name: name, Action: Create, File: doc.File}
	if n := doc.Root.Get("LabelingJobName"); n != nil {
		j.Line, j.Column = n.Line, n.Col
	}
	req, ok := doc.Root.Data().(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a mapping", doc.File)
	}
	for _, member := range []string{checks.PathManifest, checks.PathLabelFile, checks.PathUITemplate} {
		v, n, ok := doc.Root.Str(member)
		if !ok || !checks.IsLocal(v) {
			continue
		}
		if prefix == "" {
			return nil, fmt.Errorf("%s:%d:%d: %w", doc.File, n.Line, n.Col, ErrNoArtifactPrefix)
		}
		a, err := localArtifact(doc.File, member, v, prefix)
		if err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %s: %w", doc.File, n.Line, n.Col, member, err)
		}
		setPath(req, member, a.URI)
		j.Artifacts = append(j.Artifacts, *a)
	}
	j.Request = req
	return j, nil
}

func localArtifact(specFile, member, rel, prefix string) (*Artifact, error) {
	shown, err := checks.ResolveLocal(specFile, rel)
	if errors.Is(err, checks.ErrOutsideRepo) {
		return nil, fmt.Errorf("%s resolves outside the repository; it is never uploaded", shown)
	}
	if err != nil {
		return nil, err
	}
	abs, err := filepath.EvalSymlinks(shown)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	hexsum := hex.EncodeToString(sum[:])
	bucket, keyPrefix, err := SplitS3(prefix)
	if err != nil {
		return nil, err
	}
	key := strings.Trim(keyPrefix, "/")
	if key != "" {
		key += "/"
	}
	key += hexsum + "/" + filepath.Base(abs)
	return &Artifact{
		Member: member, Local: shown, SHA256: hexsum, Size: int64(len(data)),
		Bucket: bucket, Key: key, URI: "s3://" + bucket + "/" + key,
		ContentType: contentType(abs),
	}, nil
}

func contentType(file string) string {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json":
		return "application/json"
	case ".html", ".liquid":
		return "text/html; charset=utf-8"
	}
	return "application/octet-stream"
}

// SplitS3 splits s3://bucket/key into its parts.
func SplitS3(uri string) (bucket, key string, err error) {
	rest, ok := strings.CutPrefix(uri, "s3://")
	if !ok || rest == "" {
		return "", "", fmt.Errorf("%q is not an s3:// URI", uri)
	}
	bucket, key, _ = strings.Cut(rest, "/")
	if bucket == "" {
		return "", "", fmt.Errorf("%q has no bucket", uri)
	}
	return bucket, key, nil
}

func setPath(m map[string]any, path string, v any) {
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			return
		}
		m = next
	}
	m[parts[len(parts)-1]] = v
}

// counting wraps SageMaker to count calls per operation.
type counting struct {
	aws.SageMaker
	mu    sync.Mutex
	calls map[string]int
}

func (c *counting) count(op string) {
	c.mu.Lock()
	c.calls[op]++
	c.mu.Unlock()
}

func (c *counting) DescribeLabelingJob(ctx context.Context, name string) (*aws.LabelingJob, error) {
	c.count("DescribeLabelingJob")
	return c.SageMaker.DescribeLabelingJob(ctx, name)
}

// ListLabelingJobs counts one call per page. The client hands over only
// pages with jobs in them, so a listing that found nothing still counts
// the one call it took (empty pages before the last one, which a filtered
// listing can return, go uncounted).
func (c *counting) ListLabelingJobs(ctx context.Context, o aws.ListOptions, fn func([]aws.JobSummary) error) error {
	pages := 0
	err := c.SageMaker.ListLabelingJobs(ctx, o, func(page []aws.JobSummary) error {
		pages++
		c.count("ListLabelingJobs")
		return fn(page)
	})
	if pages == 0 {
		c.count("ListLabelingJobs")
	}
	return err
}

func (c *counting) ListTags(ctx context.Context, arn string) (map[string]string, error) {
	c.count("ListTags")
	return c.SageMaker.ListTags(ctx, arn)
}

// activeStatuses are the statuses whose jobs "not in specs" reports: a
// running job nobody tracks is what a reviewer needs to see; finished ones
// are history.
var activeStatuses = []string{"Initializing", "InProgress", "Stopping"}

// Build plans the desired jobs against the account.
func Build(ctx context.Context, sm aws.SageMaker, desired []*Job, opts Options) (*Plan, error) {
	cs := &counting{SageMaker: sm, calls: map[string]int{}}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.NameFilterMax <= 0 {
		opts.NameFilterMax = 20
	}
	known := map[string]aws.JobSummary{} // lower-case name -> job
	fullListing := len(desired) > opts.NameFilterMax
	if fullListing {
		err := cs.ListLabelingJobs(ctx, aws.ListOptions{}, func(page []aws.JobSummary) error {
			for _, s := range page {
				known[strings.ToLower(s.Name)] = s
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("listing labeling jobs: %w", err)
		}
	} else {
		for _, j := range desired {
			err := cs.ListLabelingJobs(ctx, aws.ListOptions{NameContains: j.Name}, func(page []aws.JobSummary) error {
				for _, s := range page {
					known[strings.ToLower(s.Name)] = s
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("looking up %s: %w", j.Name, err)
			}
		}
	}

	// Describe only the jobs that exist, with bounded concurrency.
	var (
		wg   sync.WaitGroup
		sem  = make(chan struct{}, opts.Concurrency)
		mu   sync.Mutex
		errs []error
	)
	for _, j := range desired {
		s, ok := known[strings.ToLower(j.Name)]
		if !ok {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			live, err := cs.DescribeLabelingJob(ctx, s.Name)
			if err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("describing %s: %w", s.Name, err))
				mu.Unlock()
				return
			}
			compare(j, live)
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	inSpecs := map[string]bool{}
	for _, j := range desired {
		inSpecs[strings.ToLower(j.Name)] = true
	}
	var orphans []aws.JobSummary
	if fullListing {
		for _, s := range known {
			if !inSpecs[strings.ToLower(s.Name)] && isActive(s.Status) {
				orphans = append(orphans, s)
			}
		}
	} else {
		for _, st := range activeStatuses {
			err := cs.ListLabelingJobs(ctx, aws.ListOptions{StatusEquals: st}, func(page []aws.JobSummary) error {
				for _, s := range page {
					if !inSpecs[strings.ToLower(s.Name)] {
						orphans = append(orphans, s)
					}
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("listing %s labeling jobs: %w", st, err)
			}
		}
	}
	sort.Slice(orphans, func(a, b int) bool { return orphans[a].Name < orphans[b].Name })
	p := &Plan{Jobs: desired}
	for _, s := range orphans {
		tags, err := cs.ListTags(ctx, s.ARN)
		if err != nil {
			if errors.Is(err, aws.ErrAccessDenied) {
				continue
			}
			return nil, fmt.Errorf("reading tags of %s: %w", s.Name, err)
		}
		if tags[ManagedTagKey] == ManagedTagValue {
			p.Jobs = append(p.Jobs, &Job{Name: s.Name, Action: NotInSpecs, Status: s.Status, ARN: s.ARN})
		}
	}

	// A changed job needs a name that is free.
	for _, j := range desired {
		if j.Action == Changed {
			name, err := freeName(ctx, cs, j.Name, known, fullListing)
			if err != nil {
				return nil, err
			}
			j.SuggestedName = name
		}
	}
	p.Calls = cs.calls
	return p, nil
}

func isActive(status string) bool {
	for _, s := range activeStatuses {
		if s == status {
			return true
		}
	}
	return false
}

// compare sets the job's action from the live job.
func compare(j *Job, live *aws.LabelingJob) {
	j.Status = live.Status
	j.ARN = live.ARN
	if live.Name != j.Name {
		j.LiveName = live.Name
	}
	// The name is compared on its own, once: names are case-insensitive
	// to AWS, so a spec that changes only the case names the same job,
	// and AWS would refuse it as a new one.
	j.Changes = Diff(withoutName(live.Request), withoutName(j.Request))
	if live.Name != j.Name {
		j.Changes = append([]Change{{Path: "LabelingJobName", Live: live.Name, Desired: j.Name}}, j.Changes...)
	}
	if len(j.Changes) == 0 {
		j.Action = Unchanged
	} else {
		j.Action = Changed
	}
}

func withoutName(req aws.Request) aws.Request {
	out := make(aws.Request, len(req))
	for k, v := range req {
		if k != "LabelingJobName" {
			out[k] = v
		}
	}
	return out
}

// freeName suggests base-v2, base-v3, ... (after stripping an existing
// -vN), the first that no job uses.
func freeName(ctx context.Context, sm aws.SageMaker, name string, known map[string]aws.JobSummary, complete bool) (string, error) {
	base := name
	if i := strings.LastIndex(base, "-v"); i > 0 && isDigits(base[i+2:]) {
		base = base[:i]
	}
	taken := func(cand string) (bool, error) {
		if _, ok := known[strings.ToLower(cand)]; ok {
			return true, nil
		}
		if complete {
			return false, nil
		}
		found := false
		err := sm.ListLabelingJobs(ctx, aws.ListOptions{NameContains: cand}, func(page []aws.JobSummary) error {
			for _, s := range page {
				known[strings.ToLower(s.Name)] = s
				if strings.EqualFold(s.Name, cand) {
					found = true
				}
			}
			return nil
		})
		return found, err
	}
	for n := 2; n < 1000; n++ {
		cand := fmt.Sprintf("%s-v%d", base, n)
		if len(cand) > 63 {
			cand = fmt.Sprintf("%s-v%d", base[:63-len(fmt.Sprintf("-v%d", n))], n)
		}
		t, err := taken(cand)
		if err != nil {
			return "", err
		}
		if !t {
			return cand, nil
		}
	}
	return "", fmt.Errorf("no free name found for %s", name)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
