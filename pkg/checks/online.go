package checks

// Plumbing of the online checks (RULES.md: rules marked "online" run only
// with `gtctl lint --online` and during plan/apply).
//
// An online check is registered with Check.Online set and reads AWS through
// Pass.AWS: the clients for the job Region, wrapped so that every read call
// goes through one cache per run (Online). Several specs naming the same
// role, bucket or work team make one call, also when concurrent workers ask
// at the same moment. Write calls (CreateLabelingJob, PutObject,
// StopLabelingJob) pass through uncached; no check makes them.
//
// A call that fails never crashes a check and never passes silently: access
// denied is a warning under the check's rule that names the permission
// gtctl lacks (onlineTrouble); any other failure is a warning that says why
// the check could not run. Throttling is retried by the SDK's retryer
// before it gets here.

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
)

// Online is one run's access to AWS: the clients per job Region, made on
// first use by the factory, and the cache of read calls. Safe for
// concurrent use.
type Online struct {
	factory func(region string) (*aws.Clients, error)

	mu      sync.Mutex
	regions map[string]*aws.Clients
	calls   map[string]*onlineCall
}

type onlineCall struct {
	done chan struct{}
	v    any
	err  error
}

// NewOnline returns the online state of a run. factory makes the clients of
// a Region (aws.New; callers may cache them too, for plan and apply); it is
// called at most once per Region.
func NewOnline(factory func(region string) (*aws.Clients, error)) *Online {
	return &Online{factory: factory, regions: map[string]*aws.Clients{}, calls: map[string]*onlineCall{}}
}

// For returns the cached clients of region, never nil: when the Region is
// unknown or its clients cannot be made, every call of the returned set
// fails with the reason, and each online check reports that it could not
// run.
func (o *Online) For(region string) *aws.Clients {
	o.mu.Lock()
	defer o.mu.Unlock()
	if c, ok := o.regions[region]; ok {
		return c
	}
	var c *aws.Clients
	switch {
	case region == "":
		c = unavailableClients("", errors.New("the job Region is unknown (no ARN in the spec carries one; use --region)"))
	case o.factory == nil:
		c = unavailableClients(region, errors.New("no AWS clients configured"))
	default:
		raw, err := o.factory(region)
		switch {
		case err != nil:
			c = unavailableClients(region, fmt.Errorf("AWS clients for %s: %w", region, err))
		case raw == nil:
			c = unavailableClients(region, fmt.Errorf("no AWS clients for %s", region))
		default:
			c = o.wrap(raw)
		}
	}
	o.regions[region] = c
	return c
}

var errCallPanicked = errors.New("the call panicked")

// do runs f once per key; callers asking for a key in flight wait for it.
// Results, errors included, are kept for the run.
func (o *Online) do(ctx context.Context, key string, f func() (any, error)) (any, error) {
	o.mu.Lock()
	if c, ok := o.calls[key]; ok {
		o.mu.Unlock()
		select {
		case <-c.done:
			return c.v, c.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	c := &onlineCall{done: make(chan struct{}), err: errCallPanicked}
	o.calls[key] = c
	o.mu.Unlock()
	defer close(c.done)
	c.v, c.err = f()
	return c.v, c.err
}

// wrap puts the cache in front of a client set's read calls.
func (o *Online) wrap(c *aws.Clients) *aws.Clients {
	w := &aws.Clients{Region: c.Region}
	if c.SageMaker != nil {
		w.SageMaker = &cachedSageMaker{SageMaker: c.SageMaker, o: o, region: c.Region}
	}
	if c.S3 != nil {
		w.S3 = &cachedS3{S3: c.S3, o: o, region: c.Region}
	}
	if c.IAM != nil {
		w.IAM = &cachedIAM{IAM: c.IAM, o: o}
	}
	if c.STS != nil {
		w.STS = &cachedSTS{STS: c.STS, o: o}
	}
	// policy checks (GT7110–GT7160): cachedPolicies is in online_gt7120.go
	if c.Policies != nil {
		w.Policies = &cachedPolicies{p: c.Policies, o: o, region: c.Region}
	}
	return w
}

// cachedSageMaker caches the read calls. The values returned are shared
// between callers: read them, never change them.
type cachedSageMaker struct {
	aws.SageMaker
	o      *Online
	region string
}

func (c *cachedSageMaker) DescribeLabelingJob(ctx context.Context, name string) (*aws.LabelingJob, error) {
	v, err := c.o.do(ctx, "sagemaker|"+c.region+"|DescribeLabelingJob|"+name, func() (any, error) {
		return c.SageMaker.DescribeLabelingJob(ctx, name)
	})
	j, _ := v.(*aws.LabelingJob)
	return j, err
}

// ListLabelingJobs lists every page once and replays them.
func (c *cachedSageMaker) ListLabelingJobs(ctx context.Context, opts aws.ListOptions, fn func(page []aws.JobSummary) error) error {
	key := fmt.Sprintf("sagemaker|%s|ListLabelingJobs|%q|%d|%q|%d", c.region, opts.NameContains, opts.CreatedAfter.UnixNano(), opts.StatusEquals, opts.MaxResults)
	v, err := c.o.do(ctx, key, func() (any, error) {
		var pages [][]aws.JobSummary
		err := c.SageMaker.ListLabelingJobs(ctx, opts, func(page []aws.JobSummary) error {
			pages = append(pages, append([]aws.JobSummary(nil), page...))
			return nil
		})
		return pages, err
	})
	if err != nil {
		return err
	}
	pages, _ := v.([][]aws.JobSummary)
	for _, p := range pages {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

func (c *cachedSageMaker) DescribeWorkteam(ctx context.Context, name string) (*aws.Workteam, error) {
	v, err := c.o.do(ctx, "sagemaker|"+c.region+"|DescribeWorkteam|"+name, func() (any, error) {
		return c.SageMaker.DescribeWorkteam(ctx, name)
	})
	w, _ := v.(*aws.Workteam)
	return w, err
}

func (c *cachedSageMaker) ListTags(ctx context.Context, arn string) (map[string]string, error) {
	v, err := c.o.do(ctx, "sagemaker|"+c.region+"|ListTags|"+arn, func() (any, error) {
		return c.SageMaker.ListTags(ctx, arn)
	})
	m, _ := v.(map[string]string)
	return m, err
}

type cachedS3 struct {
	aws.S3
	o      *Online
	region string
}

type headResult struct{ ok bool }

func (c *cachedS3) HeadObject(ctx context.Context, bucket, key string) (bool, error) {
	v, err := c.o.do(ctx, "s3|"+c.region+"|HeadObject|"+bucket+"|"+key, func() (any, error) {
		ok, err := c.S3.HeadObject(ctx, bucket, key)
		return headResult{ok}, err
	})
	r, _ := v.(headResult)
	return r.ok, err
}

func (c *cachedS3) GetObject(ctx context.Context, bucket, key string, maxBytes int64) ([]byte, error) {
	v, err := c.o.do(ctx, fmt.Sprintf("s3|%s|GetObject|%s|%s|%d", c.region, bucket, key, maxBytes), func() (any, error) {
		return c.S3.GetObject(ctx, bucket, key, maxBytes)
	})
	b, _ := v.([]byte)
	return b, err
}

func (c *cachedS3) BucketRegion(ctx context.Context, bucket string) (string, error) {
	v, err := c.o.do(ctx, "s3|"+c.region+"|BucketRegion|"+bucket, func() (any, error) {
		return c.S3.BucketRegion(ctx, bucket)
	})
	r, _ := v.(string)
	return r, err
}

func (c *cachedS3) BucketCORS(ctx context.Context, bucket string) ([]aws.CORSRule, error) {
	v, err := c.o.do(ctx, "s3|"+c.region+"|BucketCORS|"+bucket, func() (any, error) {
		return c.S3.BucketCORS(ctx, bucket)
	})
	r, _ := v.([]aws.CORSRule)
	return r, err
}

// IAM and STS answer the same in every Region: one call per run.
type cachedIAM struct {
	aws.IAM
	o *Online
}

func (c *cachedIAM) GetRole(ctx context.Context, name string) (*aws.Role, error) {
	v, err := c.o.do(ctx, "iam|GetRole|"+name, func() (any, error) {
		return c.IAM.GetRole(ctx, name)
	})
	r, _ := v.(*aws.Role)
	return r, err
}

type cachedSTS struct {
	aws.STS
	o *Online
}

type identity struct{ account, arn string }

func (c *cachedSTS) CallerIdentity(ctx context.Context) (string, string, error) {
	v, err := c.o.do(ctx, "sts|CallerIdentity", func() (any, error) {
		a, arn, err := c.STS.CallerIdentity(ctx)
		return identity{a, arn}, err
	})
	id, _ := v.(identity)
	return id.account, id.arn, err
}

// unavailable answers every call with err: the clients of a Region that
// cannot be made.
type unavailable struct{ err error }

func unavailableClients(region string, err error) *aws.Clients {
	u := unavailable{err}
	return &aws.Clients{Region: region, SageMaker: u, S3: u, IAM: u, STS: u}
}

func (u unavailable) CreateLabelingJob(context.Context, aws.Request) (string, error) {
	return "", u.err
}
func (u unavailable) DescribeLabelingJob(context.Context, string) (*aws.LabelingJob, error) {
	return nil, u.err
}
func (u unavailable) ListLabelingJobs(context.Context, aws.ListOptions, func([]aws.JobSummary) error) error {
	return u.err
}
func (u unavailable) StopLabelingJob(context.Context, string) error { return u.err }
func (u unavailable) DescribeWorkteam(context.Context, string) (*aws.Workteam, error) {
	return nil, u.err
}
func (u unavailable) ListTags(context.Context, string) (map[string]string, error) {
	return nil, u.err
}
func (u unavailable) HeadObject(context.Context, string, string) (bool, error) { return false, u.err }
func (u unavailable) PutObject(context.Context, string, string, []byte, string, bool) (bool, error) {
	return false, u.err
}
func (u unavailable) GetObject(context.Context, string, string, int64) ([]byte, error) {
	return nil, u.err
}
func (u unavailable) BucketRegion(context.Context, string) (string, error) { return "", u.err }
func (u unavailable) BucketCORS(context.Context, string) ([]aws.CORSRule, error) {
	return nil, u.err
}
func (u unavailable) GetRole(context.Context, string) (*aws.Role, error) { return nil, u.err }
func (u unavailable) CallerIdentity(context.Context) (string, string, error) {
	return "", "", u.err
}

// ---- helpers for the online checks ----

// registerOnline registers an online check.
func registerOnline(c Check) bool {
	c.Online = true
	return register(c)
}

// ctx is the context of the pass's calls.
func (p *Pass) ctx() context.Context {
	if p.Ctx != nil {
		return p.Ctx
	}
	return context.Background()
}

// onlineTrouble reports that rule could not run because call failed: a
// warning under the rule at path. perm is the IAM action the call needs,
// named when access was denied.
func (p *Pass) onlineTrouble(rule, path, call, perm string, err error) {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return // the run was interrupted; nothing to say about the spec
	}
	n := Locate(p.Root, path)
	title := rules.MustGet(rule).Title
	if errors.Is(err, aws.ErrAccessDenied) {
		p.reportGraded(rules.Warning, rule, n, path,
			"%s (%s) could not be checked: access denied to %s (%s). Grant the credentials gtctl runs with %s, or ignore this warning.",
			rule, title, call, errText(err), perm)
		return
	}
	p.reportGraded(rules.Warning, rule, n, path, "%s (%s) could not be checked: %s failed: %s.", rule, title, call, errText(err))
}

// onlineSkip reports that rule could not run, and why: a warning at path.
func (p *Pass) onlineSkip(rule, path, why string) {
	p.reportGraded(rules.Warning, rule, Locate(p.Root, path), path, "%s (%s) could not be checked: %s.", rule, rules.MustGet(rule).Title, why)
}

// onlineNote is an info finding under rule: what an online check could
// not determine, when that is no fault of the spec or the credentials.
func (p *Pass) onlineNote(rule, path, format string, args ...any) {
	p.reportGraded(rules.Info, rule, Locate(p.Root, path), path, format, args...)
}

func errText(err error) string {
	return strings.TrimSuffix(err.Error(), ".")
}

// callerAccount is the account of the credentials, or "" when STS cannot
// tell (the checks then go ahead without comparing accounts).
func (p *Pass) callerAccount() string {
	if p.AWS == nil || p.AWS.STS == nil {
		return ""
	}
	a, _, err := p.AWS.STS.CallerIdentity(p.ctx())
	if err != nil {
		return ""
	}
	return a
}

// dropFindings removes what the pass reported for rule with severity sev
// (the offline GT3050 note, once the online check knows the answer).
func (p *Pass) dropFindings(rule string, sev rules.Severity) {
	out := p.out[:0]
	for _, d := range p.out {
		if d.Rule == rule && d.Severity == sev {
			continue
		}
		out = append(out, d)
	}
	p.out = out
}

// lastSegment is what follows the last '/' of an ARN's resource: the role
// name of a role ARN (the path dropped), the team of a workteam ARN.
func lastSegment(a groundtruth.ARN) string {
	return a.Resource[strings.LastIndexByte(a.Resource, '/')+1:]
}

// corsAllows reports whether one CORS rule allows every method from any
// origin ("*") and exposes Access-Control-Allow-Origin (gt/sms-cors-update.md,
// gt/sms-video-overview.md).
func corsAllows(rs []aws.CORSRule, methods ...string) bool {
	for _, r := range rs {
		if !containsFold(r.AllowedOrigins, "*") || !containsFold(r.ExposeHeaders, "Access-Control-Allow-Origin") {
			continue
		}
		ok := true
		for _, m := range methods {
			if !containsFold(r.AllowedMethods, m) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), s) {
			return true
		}
	}
	return false
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
