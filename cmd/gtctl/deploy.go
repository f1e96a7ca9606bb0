package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/gtctl/gtctl/pkg/apply"
	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/plan"
	"github.com/gtctl/gtctl/pkg/report"
	"github.com/gtctl/gtctl/pkg/spec"
)

// deployFlags are the flags plan and apply share.
type deployFlags struct {
	region, profile, prefix, configFile, format string
	concurrency                                 int
	offline                                     bool
	rateLimit                                   float64
}

func (d *deployFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.region, "region", "", "Region for specs whose ARNs carry none (default: .gtctl.yaml, then AWS_REGION / the profile)")
	fs.StringVar(&d.profile, "profile", "", "AWS shared-config profile (default: AWS_PROFILE, then default)")
	fs.StringVar(&d.prefix, "artifact-prefix", "", "s3:// prefix for local artifacts (default: artifactPrefix in .gtctl.yaml)")
	fs.StringVar(&d.configFile, "config", "", "configuration file (default: .gtctl.yaml found upward)")
	fs.StringVar(&d.format, "format", "text", "output format: text or json")
	fs.IntVar(&d.concurrency, "concurrency", apply.DefaultConcurrency, "jobs created (and uploads made) in parallel")
	fs.Float64Var(&d.rateLimit, "rate-limit", apply.DefaultRateLimit, "SageMaker requests per second, retries included (0: no limit)")
	fs.BoolVar(&d.offline, "skip-online-checks", false, "skip the lint checks that read the account (role session length, objects, buckets, CORS, work team); the plan itself still reads it")
}

// session is what plan and apply have after linting: the plan per Region
// and the clients that made it.
type session struct {
	plan    *plan.Plan
	clients map[string]*aws.Clients
	perReg  map[string]*plan.Plan
}

// prepare lints the paths (refusing on errors), builds the desired jobs
// and plans them against the account, Region by Region.
func prepare(ctx context.Context, name string, d *deployFlags, paths []string, stdin io.Reader, stderr io.Writer) (*session, int) {
	cfg, err := loadConfig(d.configFile)
	if err != nil {
		fmt.Fprintf(stderr, "gtctl %s: configuration: %v\n", name, err)
		return nil, exitUsage
	}
	prefix := firstNonEmpty(d.prefix, cfg.ArtifactPrefix)
	defRegion := firstNonEmpty(cfg.Region, os.Getenv("AWS_REGION"), os.Getenv("AWS_DEFAULT_REGION"))
	inputs, err := lint.Expand(paths, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "gtctl %s: %v\n", name, err)
		return nil, exitUsage
	}
	// The online checks run during plan and apply (GT1035 aside: there an
	// existing job is what the plan compares with). One set of clients per
	// Region serves both the checks and the plan.
	rc := newRegionClients(d.profile, d.rateLimit)
	opts := lint.Options{Region: d.region, DefaultRegion: defRegion, KeepSources: true, KeepDocuments: true, Config: cfg}
	if !d.offline {
		opts = rc.lintOptions(opts, true)
	}
	l, err := lint.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "gtctl %s: %v\n", name, err)
		return nil, exitUsage
	}
	res, err := l.Run(ctx, inputs)
	if err != nil {
		fmt.Fprintf(stderr, "gtctl %s: %v\n", name, err)
		return nil, exitUsage
	}
	// Findings go to stderr, so that stdout holds only the plan.
	if errs, warns, _ := report.Counts(res.Diagnostics); errs > 0 || warns > 0 {
		_ = report.Write(stderr, "text", res, report.Options{})
		if errs > 0 {
			fmt.Fprintf(stderr, "gtctl %s: lint found %d errors; nothing was planned or changed\n", name, errs)
			return nil, exitFindings
		}
	}
	byRegion := map[string][]*plan.Job{}
	seen := map[string]string{}
	for _, s := range res.Specs {
		j, err := plan.Desired(s.Doc, prefix)
		if err != nil {
			fmt.Fprintf(stderr, "gtctl %s: %v\n", name, err)
			return nil, exitFindings
		}
		key := strings.ToLower(j.Name)
		if prev, dup := seen[key]; dup {
			fmt.Fprintf(stderr, "gtctl %s: %s:%d:%d: job %s is also defined in %s (names are case-insensitive)\n", name, j.File, j.Line, j.Column, j.Name, prev)
			return nil, exitFindings
		}
		seen[key] = fmt.Sprintf("%s:%d", j.File, j.Line)
		region := s.Region
		if region == "" {
			fmt.Fprintf(stderr, "gtctl %s: %s: cannot tell the Region of job %s: no ARN in the spec carries one; use --region\n", name, j.File, j.Name)
			return nil, exitUsage
		}
		byRegion[region] = append(byRegion[region], j)
	}
	sess := &session{plan: &plan.Plan{Calls: map[string]int{}}, clients: map[string]*aws.Clients{}, perReg: map[string]*plan.Plan{}}
	regions := make([]string, 0, len(byRegion))
	for r := range byRegion {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	for _, region := range regions {
		c, err := rc.Get(region)
		if err != nil {
			fmt.Fprintf(stderr, "gtctl %s: %v\n", name, err)
			return nil, exitUsage
		}
		p, err := plan.Build(ctx, c.SageMaker, byRegion[region], plan.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "gtctl %s: %s: %v\n", name, region, err)
			return nil, exitFindings
		}
		sess.clients[region] = c
		sess.perReg[region] = p
		sess.plan.Merge(p)
	}
	sess.plan.Sort()
	return sess, exitOK
}

func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func runPlan(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("plan", `Usage: gtctl plan [flags] [PATH...]   (alias: gtctl diff)

Lints the specs, then compares each job with the account: create,
unchanged, or changed (labeling jobs cannot be updated, so a changed job
needs a new name; one that is free is suggested). Jobs tagged as managed by
gtctl that no spec describes are listed as "not in specs". Read-only.

Exit status: 0 success (with --detailed-exitcode: no changes), 2 with
--detailed-exitcode when there are jobs to create or changed jobs, 1 lint
errors or an AWS failure.`, stderr)
	var d deployFlags
	d.register(fs)
	detailed := fs.Bool("detailed-exitcode", false, "exit 2 when the plan has changes, 0 when it has none")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	// With --detailed-exitcode, 2 means "changes": every failure is 1.
	failure := exitUsage
	if *detailed {
		failure = exitFindings
	}
	if err := checkFormat(d.format); err != nil {
		fmt.Fprintf(stderr, "gtctl plan: %v\n", err)
		return failure
	}
	ctx, stop := signalContext()
	defer stop()
	sess, code := prepare(ctx, "plan", &d, fs.Args(), stdin, stderr)
	if sess == nil {
		if code == exitUsage {
			return failure
		}
		return exitFindings
	}
	if err := writePlan(stdout, d.format, sess.plan); err != nil {
		fmt.Fprintf(stderr, "gtctl plan: %v\n", err)
		return failure
	}
	if *detailed && sess.plan.HasChanges() {
		return 2
	}
	return exitOK
}

// checkFormat refuses an unknown --format before any AWS call is made.
func checkFormat(format string) error {
	switch format {
	case "json", "text", "":
		return nil
	}
	return fmt.Errorf("unknown --format %q (want text or json)", format)
}

func writePlan(w io.Writer, format string, p *plan.Plan) error {
	switch format {
	case "json":
		return p.WriteJSON(w)
	case "text", "":
		return p.WriteText(w)
	}
	return fmt.Errorf("unknown --format %q (want text or json)", format)
}

func runApply(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("apply", `Usage: gtctl apply [flags] [PATH...]

Lints the specs (refusing on any error), uploads local artifacts to the
artifact prefix under <prefix>/<sha256>/<name> (skipping objects already
there), and creates the jobs that do not exist yet, tagged as managed by
gtctl. Safe to run again after any failure or interruption: jobs are
created once, objects written once. Changed jobs are refused: labeling jobs
cannot be updated.

Exit status: 0 every job exists as specified, 1 a job failed or was
refused, lint errors, or an AWS failure, 2 usage error.`, stderr)
	var d deployFlags
	d.register(fs)
	dryRun := fs.Bool("dry-run", false, "print the plan and stop")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if err := checkFormat(d.format); err != nil {
		fmt.Fprintf(stderr, "gtctl apply: %v\n", err)
		return exitUsage
	}
	ctx, stop := signalContext()
	defer stop()
	sess, code := prepare(ctx, "apply", &d, fs.Args(), stdin, stderr)
	if sess == nil {
		if code == exitUsage {
			return exitUsage
		}
		return exitFindings
	}
	if *dryRun {
		if err := writePlan(stdout, d.format, sess.plan); err != nil {
			fmt.Fprintf(stderr, "gtctl apply: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	fmt.Fprintf(stdout, "Plan: %s.\n", sess.plan.Summary())
	failed := 0
	regions := make([]string, 0, len(sess.perReg))
	for r := range sess.perReg {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	for _, region := range regions {
		res, err := apply.Run(ctx, sess.clients[region], sess.perReg[region], apply.Options{Concurrency: d.concurrency, Progress: stdout})
		if res != nil {
			for _, o := range res.Outcomes {
				if o.Status == apply.Failed || o.Status == apply.Refused {
					failed++
					fmt.Fprintf(stderr, "%s:%d:%d: error: %s: %v\n", o.Job.File, o.Job.Line, o.Job.Column, o.Job.Name, o.Err)
				}
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "gtctl apply: %s: %v\n", region, err)
			return exitFindings
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "gtctl apply: %d job(s) not created; run again after fixing (jobs already created are kept)\n", failed)
		return exitFindings
	}
	fmt.Fprintln(stdout, "Apply complete.")
	return exitOK
}

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", `Usage: gtctl import [flags] NAME...

Writes a spec (YAML) for each existing labeling job, from
DescribeLabelingJob and ListTags, so that the job is kept as code from now
on; "gtctl plan" then reports it as unchanged. Existing files are not
overwritten unless --force.`, stderr)
	region := fs.String("region", "", "Region of the jobs (default: .gtctl.yaml, then AWS_REGION / the profile)")
	profile := fs.String("profile", "", "AWS shared-config profile")
	out := fs.String("out", ".", "directory to write <name>.yaml into")
	force := fs.Bool("force", false, "overwrite existing files")
	configFile := fs.String("config", "", "configuration file (default: .gtctl.yaml found upward)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	cfg, err := loadConfig(*configFile)
	if err != nil {
		fmt.Fprintf(stderr, "gtctl import: configuration: %v\n", err)
		return exitUsage
	}
	ctx, stop := signalContext()
	defer stop()
	c, err := aws.New(ctx, aws.Config{Profile: *profile, Region: firstNonEmpty(*region, cfg.Region)})
	if err != nil {
		fmt.Fprintf(stderr, "gtctl import: %v\n", err)
		return exitUsage
	}
	l, err := lint.New(lint.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "gtctl import: %v\n", err)
		return exitUsage
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "gtctl import: %v\n", err)
		return exitUsage
	}
	failed := 0
	for _, name := range fs.Args() {
		file, err := importJob(ctx, c, l, name, *out, *force)
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "gtctl import: %s: %v\n", name, err)
			continue
		}
		fmt.Fprintf(stdout, "wrote %s\n", file)
	}
	if failed > 0 {
		return exitFindings
	}
	return exitOK
}

func importJob(ctx context.Context, c *aws.Clients, l *lint.Linter, name, dir string, force bool) (string, error) {
	job, err := c.SageMaker.DescribeLabelingJob(ctx, name)
	if err != nil {
		return "", err
	}
	req := job.Request
	tags, err := c.SageMaker.ListTags(ctx, job.ARN)
	if err != nil && !errors.Is(err, aws.ErrAccessDenied) {
		return "", err
	}
	// The spec's tags are the job's, less gtctl's own and AWS's: from
	// ListTags, or from the description when ListTags is denied; never the
	// description's list as it is, which carries the managed tag too.
	described, _ := req["Tags"].([]any)
	delete(req, "Tags")
	if err != nil {
		tags = map[string]string{}
		for _, t := range described {
			if m, ok := t.(map[string]any); ok {
				k, _ := m["Key"].(string)
				v, _ := m["Value"].(string)
				tags[k] = v
			}
		}
	}
	var tagList []any
	keys := make([]string, 0, len(tags))
	for k := range tags {
		if k != plan.ManagedTagKey && !strings.HasPrefix(k, "aws:") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		tagList = append(tagList, map[string]any{"Key": k, "Value": tags[k]})
	}
	if len(tagList) > 0 {
		req["Tags"] = tagList
	}
	header := fmt.Sprintf("Imported by gtctl from %s (%s).", job.ARN, job.Status)
	data, err := spec.EncodeYAML(req, l.Members, header)
	if err != nil {
		return "", err
	}
	file := filepath.Join(dir, job.Name+".yaml")
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(file, flags, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return "", fmt.Errorf("%s exists; use --force to overwrite it", file)
		}
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", err
	}
	return file, f.Close()
}
