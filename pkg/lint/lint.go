// Package lint runs the schema and the rules over spec files and produces
// diagnostics. Files flow through a bounded pool of workers; each worker
// owns its CUE context, because a *cue.Context is not safe to share between
// goroutines.
package lint

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/checks"
	"github.com/gtctl/gtctl/pkg/config"
	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/policy"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
	"github.com/gtctl/gtctl/schema"
)

// Options configure a run.
type Options struct {
	// Region is an explicit --region: the spec's ARNs still decide, and a
	// --region that contradicts them is a finding (GT2050).
	Region string
	// DefaultRegion (AWS_REGION, configuration) fills in silently when no
	// ARN in a spec carries a Region.
	DefaultRegion string
	// Workers bounds concurrency; 0 means one per CPU.
	Workers int
	// KeepSources keeps the content of files with findings, for reports
	// that show the offending line.
	KeepSources bool
	// MaxFindingsPerFile caps findings per referenced file (manifests);
	// 0 means 100.
	MaxFindingsPerFile int
	// Config switches rules off or re-grades them per path.
	Config *config.Config
	// NoIgnore shows every finding: inline suppressions and rules switched
	// off in the configuration are not applied.
	NoIgnore bool
	// KeepDocuments returns each file's parsed documents (FileResult.Specs).
	KeepDocuments bool
	// CUETimeout bounds CUE's evaluation of one spec package, of the
	// policies, and of the policies for one job; 0 means DefaultCUETimeout.
	CUETimeout time.Duration

	// Online runs the online checks (lint --online, plan, apply) with the
	// clients Clients makes for each job Region; it is called at most once
	// per Region and run, and its clients are wrapped in the run's call
	// cache. SkipNameCheck leaves out GT1035 (LabelingJobName already
	// used): plan and apply set it, for there the job existing is normal.
	Online        bool
	Clients       func(region string) (*aws.Clients, error)
	SkipNameCheck bool
}

// Result is the outcome of a run, in the shape of the JSON contract.
type Result struct {
	Files int
	Jobs  int
	// JobNames has one entry per document, "" when it has no
	// LabelingJobName (JUnit names its test cases with them).
	JobNames    []string
	Diagnostics []diag.Diagnostic
	// Sources holds the content of files with findings (KeepSources).
	Sources map[string][]byte
	// Specs holds every parsed document, in input order (KeepDocuments).
	Specs []Spec
}

// Linter lints specs. It is safe for concurrent use by Run calls.
type Linter struct {
	opts  Options
	facts *groundtruth.Facts
	req   *shape
	homes map[string][]string

	top map[string]bool // the request's top-level members

	online *checks.Online // the online checks' clients and call cache; nil offline

	policies *policy.Set // the team's CUE policies (Config.Policies); nil: none
	// policiesStalled is set once the policies did not finish for a job
	// within the CUE timeout: the jobs after it are not held up as well.
	policiesStalled atomic.Bool

	mu    sync.Mutex
	spare *worker // a compiled worker not in use
}

// New compiles the embedded schema once to read its shape and facts; the
// first worker reuses that compilation, so linting one file (a pre-commit
// hook) compiles the schema once.
func New(opts Options) (*Linter, error) {
	ctx := cuecontext.New()
	v, err := groundtruth.CompileStructure(ctx)
	if err != nil {
		return nil, err
	}
	f, err := groundtruth.Load()
	if err != nil {
		return nil, err
	}
	req, err := buildShape(v.LookupPath(cue.ParsePath(schema.RequestDef)), 0)
	if err != nil {
		return nil, err
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.CUETimeout <= 0 {
		opts.CUETimeout = DefaultCUETimeout
	}
	l := &Linter{opts: opts, facts: f, req: req, homes: homes(req), top: map[string]bool{}}
	for _, m := range req.memberNames() {
		l.top[m] = true
	}
	if opts.Config != nil && len(opts.Config.Policies) > 0 {
		if l.policies, err = loadPolicies(opts.Config.Policies, req, opts.CUETimeout); err != nil {
			return nil, err
		}
	}
	if opts.Online {
		l.online = checks.NewOnline(opts.Clients)
	}
	l.spare = l.workerFor(ctx, v)
	return l, nil
}

// Input is one file to lint: a path, or content already read (stdin).
type Input struct {
	Path string
	Data []byte // nil: read Path
	// FromDir is set for files found by walking a directory, as opposed to
	// named on the command line.
	FromDir bool
	// CUE marks a CUE package: Path is its directory and Files its .cue
	// files, linted together (docs/cue-specs.md).
	CUE   bool
	Files []string
}

// onlyNotMapping reports whether every parse problem is a document that is
// not a mapping (a JSON list, a plain string): data, not a broken spec.
func onlyNotMapping(errs []*spec.Error) bool {
	for _, e := range errs {
		if !e.NotMapping {
			return false
		}
	}
	return true
}

// anySpec reports whether some document looks like a request: it has at
// least one member of CreateLabelingJob at its top level. A directory walk
// skips other YAML and JSON (label files, manifests' sequence files,
// docker-compose.yml) rather than drown the run in findings about files
// that are not specs; files named on the command line are always linted.
func anySpec(docs []*spec.Document, members map[string]bool) bool {
	for _, d := range docs {
		for _, k := range d.Root.Keys {
			if members[k.Value] {
				return true
			}
		}
	}
	return false
}

// worker holds one goroutine's CUE state.
type worker struct {
	l    *Linter
	ctx  *cue.Context
	cons map[string]cue.Value
	// verdicts memoises constraint results by member and value: specs in
	// one repository repeat the same role, work team, Lambda and bucket
	// values, and a CUE unification costs far more than a map lookup.
	verdicts map[string]bool
	runCtx   context.Context // the Stream's context, for the online checks' calls
	pol      *policy.Checker // the team's policies, compiled on first use
}

// maxVerdicts bounds the memo; past it the memo starts over.
const maxVerdicts = 1 << 13

func (l *Linter) newWorker() (*worker, error) {
	l.mu.Lock()
	w := l.spare
	l.spare = nil
	l.mu.Unlock()
	if w != nil {
		return w, nil
	}
	ctx := cuecontext.New()
	v, err := groundtruth.CompileStructure(ctx)
	if err != nil {
		return nil, err
	}
	return l.workerFor(ctx, v), nil
}

// release hands a worker back for the next run; one is kept.
func (l *Linter) release(w *worker) {
	w.runCtx = nil
	l.mu.Lock()
	if l.spare == nil {
		l.spare = w
	}
	l.mu.Unlock()
}

func (l *Linter) workerFor(ctx *cue.Context, v cue.Value) *worker {
	cons := map[string]cue.Value{}
	constraints(v.LookupPath(cue.ParsePath(schema.RequestDef)), "", cons, 0)
	return &worker{l: l, ctx: ctx, cons: cons, verdicts: map[string]bool{}}
}

// FileResult is the outcome for one input file. Diagnostics are sorted;
// they may name files the spec references (label file, manifest).
type FileResult struct {
	Path string
	// Skipped is set for a file found in a directory that is not a spec
	// (a label category file beside the specs).
	Skipped bool
	Jobs    int
	// JobNames has one entry per document, "" when it has no
	// LabelingJobName (JUnit names its test cases with them).
	JobNames    []string
	Diagnostics []diag.Diagnostic
	// Data is the file's content when Options.KeepSources is set and the
	// file has findings.
	Data []byte
	// Specs are the file's documents when Options.KeepDocuments is set,
	// for plan and apply.
	Specs []Spec
}

// Spec is a linted document with what lint resolved about it.
type Spec struct {
	Doc    *spec.Document
	Region string // the job Region (RULES.md §0.4)
	Type   string // the task type key, "" when unknown
}

// Stream lints the inputs and hands each file's result to sink in input
// order, as soon as it and all before it are done. Memory stays bounded
// however many files there are: at most a few results per worker wait for
// their turn.
func (l *Linter) Stream(ctx context.Context, inputs []Input, sink func(*FileResult) error) error {
	n := min(l.opts.Workers, max(len(inputs), 1))
	workers := make([]*worker, n)
	for i := range workers {
		w, err := l.newWorker()
		if err != nil {
			return err
		}
		workers[i] = w
	}
	type done struct {
		i int
		r *FileResult
	}
	jobs := make(chan int)
	results := make(chan done, n)
	window := make(chan struct{}, 4*n) // results in flight or waiting
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for _, w := range workers {
		w.runCtx = ctx // online checks' calls end with the run; release clears it
	}
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- done{i, w.lintFile(inputs[i])}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range inputs {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	defer func() {
		for _, w := range workers {
			l.release(w)
		}
	}()
	pending := map[int]*FileResult{}
	next := 0
	var sinkErr error
	for d := range results {
		pending[d.i] = d.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if sinkErr == nil {
				if sinkErr = sink(r); sinkErr != nil {
					cancel()
				}
			}
		}
	}
	if sinkErr != nil {
		return sinkErr
	}
	return ctx.Err()
}

// Run lints the inputs and collects every result; Stream is the choice
// for large runs.
func (l *Linter) Run(ctx context.Context, inputs []Input) (*Result, error) {
	res := &Result{}
	if l.opts.KeepSources {
		res.Sources = map[string][]byte{}
	}
	err := l.Stream(ctx, inputs, func(r *FileResult) error {
		if r.Skipped {
			return nil
		}
		res.Files++
		res.Jobs += r.Jobs
		res.Diagnostics = append(res.Diagnostics, r.Diagnostics...)
		if r.Data != nil {
			res.Sources[r.Path] = r.Data
		}
		res.Specs = append(res.Specs, r.Specs...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (w *worker) lintFile(in Input) *FileResult {
	r := &FileResult{Path: in.Path}
	w.lintInto(in, r)
	diag.Sort(r.Diagnostics)
	if !w.l.opts.KeepSources || len(r.Diagnostics) == 0 {
		r.Data = nil
	}
	return r
}

func (w *worker) lintInto(in Input, r *FileResult) {
	if in.CUE {
		w.lintCUE(in, r)
		return
	}
	data := in.Data
	if data == nil {
		b, err := readSpec(in.Path)
		if err != nil {
			r.Diagnostics = append(r.Diagnostics, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: in.Path, Line: 1, Column: 1, Message: "cannot read file: " + err.Error()})
			return
		}
		data = b
	}
	if len(data) > MaxSpecBytes {
		if in.FromDir && !bytes.Contains(data, []byte("LabelingJobName")) {
			r.Skipped = true // large JSON data beside the specs, not a request
			return
		}
		r.Diagnostics = append(r.Diagnostics, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: in.Path, Line: 1, Column: 1, Message: fmt.Sprintf("The file is larger than %d MiB; a spec is a few kilobytes, so it is not read.", MaxSpecBytes>>20)})
		return
	}
	r.Data = data
	defer func() {
		// A bug in one check must not take the run down with it; the file
		// gets a finding that says so instead of a silent pass.
		if p := recover(); p != nil {
			r.Diagnostics = append(r.Diagnostics, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: in.Path, Line: 1, Column: 1, Message: fmt.Sprintf("internal error while linting (please report): %v", p)})
		}
	}()
	docs, perrs := spec.Parse(in.Path, data)
	if in.FromDir && !anySpec(docs, w.l.top) && onlyNotMapping(perrs) {
		// A label category file or other JSON beside the specs: not a
		// request, so not linted as one (it is checked through the spec
		// that references it).
		r.Skipped = true
		return
	}
	for _, e := range perrs {
		r.Diagnostics = append(r.Diagnostics, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: e.File, Line: e.Line, Column: e.Col, Message: sentence(e.Msg)})
	}
	for _, d := range docs {
		r.Jobs++
		r.JobNames = append(r.JobNames, d.JobName())
		ds, job := w.lintDoc(d)
		r.Diagnostics = append(r.Diagnostics, ds...)
		if w.l.opts.KeepDocuments {
			r.Specs = append(r.Specs, Spec{Doc: d, Region: job.Region, Type: job.TaskType})
		}
	}
	if !w.l.opts.NoIgnore {
		r.Diagnostics = suppress(in.Path, data, r.Diagnostics, func(line int) string {
			job := ""
			for _, d := range docs {
				if d.Root.Line <= line {
					job = d.JobName()
				}
			}
			return job
		}, w.l.knownRule)
	}
	r.Diagnostics = w.l.configure(in.Path, r.Diagnostics)
}

// LintDocument lints one parsed document; used by tests and fuzzing.
func (l *Linter) LintDocument(d *spec.Document) ([]diag.Diagnostic, error) {
	w, err := l.newWorker()
	if err != nil {
		return nil, err
	}
	defer l.release(w)
	ds, _ := w.lintDoc(d)
	return ds, nil
}

func (w *worker) lintDoc(d *spec.Document) ([]diag.Diagnostic, *groundtruth.Job) {
	st := &structure{homes: w.l.homes, bad: map[string]bool{}, locals: map[string]*spec.Node{}}
	st.walk(d.Root, w.l.req, "", d.Root)
	w.values(st)
	job := d.JobName()
	var out []diag.Diagnostic
	for _, f := range st.findings {
		r := rules.MustGet(f.rule)
		out = append(out, diag.Diagnostic{Rule: f.rule, Severity: r.Severity, File: d.FileOf(f.node), Line: f.node.Line, Column: f.node.Col, Path: f.path, Job: job, Message: f.msg})
	}
	jr := w.l.facts.Resolve(d.Root, w.l.opts.Region, w.l.opts.DefaultRegion)
	p := checks.NewPass(d, jr, w.l.facts, st.bad)
	p.MaxFindingsPerFile = w.l.opts.MaxFindingsPerFile
	if w.l.online != nil {
		p.AWS, p.Ctx = w.l.online.For(jr.Region), w.runCtx
		if w.l.opts.SkipNameCheck {
			p.Skip = map[string]bool{"GT1035": true}
		}
	}
	out = append(out, p.Run()...)
	out = append(out, w.policyFindings(d)...)
	return out, jr
}

// values checks each leaf of the document against its member's CUE
// constraint and maps each failure to its rule. Unifying leaf by leaf,
// rather than the whole document with the request definition, gives the
// same verdicts (the schema has no constraint that spans members: those are
// the Go checks) at a fraction of the cost, and every failure keeps its
// exact path.
// listProbe bounds the length of the list built to check a list's item
// counts. CUE unifies a list literal in time quadratic in its length (a
// 37,805-item Tags list took 11 s), and every list.MaxItems in the schema
// is far below the bound (TestListProbeAboveMaxItems), so a longer list
// fails its constraint just as the whole list would.
const listProbe = 1024

func (w *worker) values(st *structure) {
	for _, lf := range st.leaves {
		pat := patternOf(lf.path)
		c, ok := w.cons[pat]
		if !ok {
			continue
		}
		var expr ast.Expr
		key := pat + "\x00" + lf.node.Kind.String() + "\x00" + lf.node.Value
		if lf.node.Kind == spec.Seq {
			// Only the list's own constraints (item counts) here; items are
			// leaves of their own.
			n := min(len(lf.node.Values), listProbe)
			list := &ast.ListLit{Elts: make([]ast.Expr, n)}
			for i := range list.Elts {
				list.Elts[i] = ast.NewIdent("_")
			}
			expr = list
			key = pat + "\x00len\x00" + strconv.Itoa(n)
		} else {
			expr = scalarExpr(lf.node)
		}
		valid, seen := w.verdicts[key]
		var err error
		if !seen || !valid {
			err = c.Unify(w.ctx.BuildExpr(expr)).Validate()
			if len(w.verdicts) >= maxVerdicts {
				clear(w.verdicts)
			}
			w.verdicts[key] = err == nil
		}
		if err == nil || st.bad[lf.path] {
			continue
		}
		vr, ok := valueRules[pat]
		if !ok {
			// Every constrained member has a rule; an unmapped path is a gap
			// in this table, so say what CUE said rather than pass silently.
			msg, args := cueerrors.Errors(err)[0].Msg()
			st.findings = append(st.findings, finding{"GT1000", lf.node, lf.path, fmt.Sprintf("`%s`: %s.", lf.path, fmt.Sprintf(msg, args...))})
			continue
		}
		st.findings = append(st.findings, finding{vr.rule, lf.node, lf.path, vr.msg(lf.path, lf.node)})
		st.bad[lf.path] = true
	}
}

// constraints indexes the schema's member constraints by path pattern
// ("HumanTaskConfig.TaskKeywords", "Tags[].Key").
func constraints(v cue.Value, path string, out map[string]cue.Value, depth int) {
	if depth > 32 {
		return
	}
	switch v.IncompleteKind() {
	case cue.StructKind:
		it, err := v.Fields(cue.Optional(true))
		if err != nil {
			return
		}
		for it.Next() {
			if it.Selector().IsString() {
				constraints(it.Value(), joinPath(path, it.Selector().Unquoted()), out, depth+1)
			}
		}
	case cue.ListKind:
		out[path] = v
		constraints(v.LookupPath(cue.MakePath(cue.AnyIndex)), path+"[]", out, depth+1)
	default:
		out[path] = v
	}
}

// knownRule reports whether id is a built-in rule or one of the team's
// policies.
func (l *Linter) knownRule(id string) bool {
	if _, ok := rules.Get(id); ok {
		return true
	}
	_, ok := l.policies.Get(id)
	return ok
}

// configure applies the configuration's rule settings: findings of rules
// switched off for their file are dropped, re-graded ones change severity.
// Globs match the spec's path, also for findings in the files it references.
func (l *Linter) configure(specFile string, ds []diag.Diagnostic) []diag.Diagnostic {
	c := l.opts.Config
	if c == nil || l.opts.NoIgnore {
		return ds
	}
	out := ds[:0]
	for _, d := range ds {
		if s, ok := c.Setting(d.Rule, specFile); ok {
			if s.Off {
				continue
			}
			d.Severity = s.Severity
		}
		out = append(out, d)
	}
	return out
}

// sentence capitalises a message and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[size:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
