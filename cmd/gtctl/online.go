package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/lint"
)

// onlineRateLimit is the SageMaker request rate of the online checks, the
// same default as plan and apply's --rate-limit.
const onlineRateLimit = 5

// regionClients makes the AWS clients of each job Region once, with
// aws.New and the run's profile. Safe for concurrent use: the lint workers
// ask for a Region's clients as they reach its first spec.
//
// lint --online uses one; plan and apply can share one between their lint
// (the online checks) and the plan, so that each Region's clients are made
// once per run.
type regionClients struct {
	profile   string
	rateLimit float64
	// newClients is aws.New; tests replace it.
	newClients func(context.Context, aws.Config) (*aws.Clients, error)

	mu   sync.Mutex
	m    map[string]*aws.Clients
	errs map[string]error
}

func newRegionClients(profile string, rateLimit float64) *regionClients {
	return &regionClients{profile: profile, rateLimit: rateLimit, newClients: aws.New,
		m: map[string]*aws.Clients{}, errs: map[string]error{}}
}

// Get returns the clients of region, making them on first use. It has the
// signature of lint.Options.Clients.
func (r *regionClients) Get(region string) (*aws.Clients, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.m[region]; ok {
		return c, nil
	}
	if err, ok := r.errs[region]; ok {
		return nil, err
	}
	// Loading the configuration reads files and the environment only; the
	// calls made with the clients carry the run's context.
	c, err := r.newClients(context.Background(), aws.Config{Profile: r.profile, Region: region, RateLimit: r.rateLimit})
	if err != nil {
		r.errs[region] = err
		return nil, err
	}
	r.m[region] = c
	return c, nil
}

// lintOptions turns the online checks on in o; a nil r leaves o as it is.
// deploy is set by plan and apply: they skip GT1035 (LabelingJobName
// already used), for there an existing job is what the plan compares with.
func (r *regionClients) lintOptions(o lint.Options, deploy bool) lint.Options {
	if r == nil {
		return o
	}
	o.Online = true
	o.Clients = r.Get
	o.SkipNameCheck = deploy
	return o
}

// startOnline prepares `gtctl lint --online`. When a Region is known
// before linting (--region, .gtctl.yaml, AWS_REGION), one STS
// GetCallerIdentity call checks the credentials first, so that missing or
// expired credentials are one clear error (exit 2) instead of a warning
// from every online check of every spec.
func startOnline(ctx context.Context, profile, region string) (*regionClients, error) {
	r := newRegionClients(profile, onlineRateLimit)
	if region == "" {
		return r, nil
	}
	c, err := r.Get(region)
	if err != nil {
		return nil, err
	}
	if _, _, err := c.STS.CallerIdentity(ctx); err != nil {
		return nil, fmt.Errorf("cannot use the AWS credentials (%s): %w", region, err)
	}
	return r, nil
}
