// Package lint runs the schema and the rules over spec files and produces
// diagnostics. Files flow through a bounded pool of workers; each worker
// owns its CUE context, because a *cue.Context is not safe to share between
// goroutines.
package lint

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"

	"github.com/gtctl/gtctl/pkg/checks"
	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
	"github.com/gtctl/gtctl/schema"
)

// Options configure a run.
type Options struct {
	// Region is --region or the configured default; the spec's ARNs win.
	Region string
	// Workers bounds concurrency; 0 means one per CPU.
	Workers int
	// KeepSources keeps the content of files with findings, for reports
	// that show the offending line.
	KeepSources bool
	// MaxFindingsPerFile caps findings per referenced file (manifests);
	// 0 means 100.
	MaxFindingsPerFile int
}

// Result is the outcome of a run, in the shape of the JSON contract.
type Result struct {
	Files       int
	Jobs        int
	Diagnostics []diag.Diagnostic
	// Sources holds the content of files with findings (KeepSources).
	Sources map[string][]byte
}

// Linter lints specs. It is safe for concurrent use by Run calls.
type Linter struct {
	opts  Options
	facts *groundtruth.Facts
	req   *shape
	homes map[string][]string
}

// New compiles the embedded schema once to read its shape and facts.
func New(opts Options) (*Linter, error) {
	f, err := groundtruth.Load()
	if err != nil {
		return nil, err
	}
	v, err := groundtruth.Compile(cuecontext.New())
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
	return &Linter{opts: opts, facts: f, req: req, homes: homes(req)}, nil
}

// Input is one file to lint: a path, or content already read (stdin).
type Input struct {
	Path string
	Data []byte // nil: read Path
	// FromDir is set for files found by walking a directory, as opposed to
	// named on the command line.
	FromDir bool
}

// anySpec reports whether some document looks like a request: it has at
// least one CreateLabelingJob member, or no label-file marker.
func anySpec(docs []*spec.Document) bool {
	for _, d := range docs {
		for _, k := range d.Root.Keys {
			switch k.Value {
			case "LabelingJobName", "LabelAttributeName", "InputConfig", "OutputConfig", "RoleArn", "HumanTaskConfig":
				return true
			}
		}
		if d.Root.Get("labels") == nil && d.Root.Get("document-version") == nil && d.Root.Get("documentVersion") == nil {
			return true
		}
	}
	return false
}

// worker holds one goroutine's CUE state.
type worker struct {
	l   *Linter
	ctx *cue.Context
	def cue.Value
}

func (l *Linter) newWorker() (*worker, error) {
	ctx := cuecontext.New()
	v, err := groundtruth.Compile(ctx)
	if err != nil {
		return nil, err
	}
	return &worker{l: l, ctx: ctx, def: v.LookupPath(cue.ParsePath(schema.RequestDef))}, nil
}

type fileResult struct {
	skipped bool
	jobs    int
	diags   []diag.Diagnostic
	data    []byte
}

// Run lints the inputs. Findings come back sorted by file and position.
func (l *Linter) Run(ctx context.Context, inputs []Input) (*Result, error) {
	results := make([]fileResult, len(inputs))
	jobs := make(chan int)
	errc := make(chan error, l.opts.Workers)
	var wg sync.WaitGroup
	n := min(l.opts.Workers, max(len(inputs), 1))
	for range n {
		w, err := l.newWorker()
		if err != nil {
			return nil, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = w.lintFile(inputs[i])
			}
		}()
	}
feed:
	for i := range inputs {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	close(errc)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{}
	if l.opts.KeepSources {
		res.Sources = map[string][]byte{}
	}
	for i, r := range results {
		if r.skipped {
			continue
		}
		res.Files++
		res.Jobs += r.jobs
		res.Diagnostics = append(res.Diagnostics, r.diags...)
		if l.opts.KeepSources && len(r.diags) > 0 {
			res.Sources[inputs[i].Path] = r.data
		}
	}
	diag.Sort(res.Diagnostics)
	return res, nil
}

func (w *worker) lintFile(in Input) (r fileResult) {
	data := in.Data
	if data == nil {
		b, err := os.ReadFile(in.Path)
		if err != nil {
			r.diags = append(r.diags, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: in.Path, Line: 1, Column: 1, Message: "cannot read file: " + err.Error()})
			return r
		}
		data = b
	}
	r.data = data
	defer func() {
		// A bug in one check must not take the run down with it; the file
		// gets a finding that says so instead of a silent pass.
		if p := recover(); p != nil {
			r.diags = append(r.diags, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: in.Path, Line: 1, Column: 1, Message: fmt.Sprintf("internal error while linting (please report): %v", p)})
		}
	}()
	docs, perrs := spec.Parse(in.Path, data)
	if in.FromDir && len(perrs) == 0 && !anySpec(docs) {
		// A label category file or other JSON beside the specs: not a
		// request, so not linted as one (it is checked through the spec
		// that references it).
		r.skipped = true
		return r
	}
	for _, e := range perrs {
		r.diags = append(r.diags, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: e.File, Line: e.Line, Column: e.Col, Message: e.Msg})
	}
	for _, d := range docs {
		r.jobs++
		r.diags = append(r.diags, w.lintDoc(d)...)
	}
	return r
}

// LintDocument lints one parsed document; used by tests and fuzzing.
func (l *Linter) LintDocument(d *spec.Document) ([]diag.Diagnostic, error) {
	w, err := l.newWorker()
	if err != nil {
		return nil, err
	}
	return w.lintDoc(d), nil
}

func (w *worker) lintDoc(d *spec.Document) []diag.Diagnostic {
	st := &structure{homes: w.l.homes, emitted: map[string]*spec.Node{}, bad: map[string]bool{}, locals: map[string]*spec.Node{}}
	expr := st.walk(d.Root, w.l.req, "")
	if expr != nil {
		w.values(st, expr)
	}
	job := d.JobName()
	var out []diag.Diagnostic
	for _, f := range st.findings {
		r := rules.MustGet(f.rule)
		out = append(out, diag.Diagnostic{Rule: f.rule, Severity: r.Severity, File: d.File, Line: f.node.Line, Column: f.node.Col, Path: f.path, Job: job, Message: f.msg})
	}
	jr := w.l.facts.Resolve(d.Root, w.l.opts.Region)
	p := checks.NewPass(d, jr, w.l.facts, st.bad)
	p.MaxFindingsPerFile = w.l.opts.MaxFindingsPerFile
	out = append(out, p.Run()...)
	return out
}

// values unifies the well-typed part of the document with the schema and
// maps each constraint failure to its rule.
func (w *worker) values(st *structure, expr ast.Expr) {
	v := w.ctx.BuildExpr(expr)
	if err := v.Err(); err != nil {
		st.findings = append(st.findings, finding{"GT1000", st.emitted[""], "", "internal error building the document: " + err.Error()})
		return
	}
	u := w.def.Unify(v)
	err := u.Validate(cue.All())
	if err == nil {
		return
	}
	seen := map[string]bool{}
	for _, e := range cueerrors.Errors(err) {
		path := cuePath(e.Path())
		n, ok := st.emitted[path]
		if !ok || seen[path] || st.bad[path] {
			continue // a missing member (GT1020's job) or already reported
		}
		seen[path] = true
		vr, ok := valueRules[patternOf(path)]
		if !ok {
			// Every constrained member has a rule; an unmapped path is a gap
			// in this table, so say what CUE said rather than pass silently.
			msg, args := e.Msg()
			st.findings = append(st.findings, finding{"GT1000", n, path, fmt.Sprintf("`%s`: %s.", path, fmt.Sprintf(msg, args...))})
			continue
		}
		st.findings = append(st.findings, finding{vr.rule, n, path, vr.msg(path, n)})
		st.bad[path] = true
	}
}

func cuePath(sel []string) string {
	var b strings.Builder
	for _, s := range sel {
		if strings.HasPrefix(s, "#") {
			continue // the definition the document was unified with
		}
		if _, err := strconv.Atoi(s); err == nil {
			b.WriteString("[" + s + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strings.Trim(s, `"`))
	}
	return b.String()
}
