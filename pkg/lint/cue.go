package lint

// CUE specs (docs/cue-specs.md) and the team's CUE policies
// (docs/policies.md): the lint side of packages cuespec and policy.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/gtctl/gtctl/pkg/cuespec"
	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/didyoumean"
	"github.com/gtctl/gtctl/pkg/policy"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

// cueInput is the input for the CUE package in dir: all its .cue files,
// linted together (a job file alone lacks the defaults it unifies with).
func cueInput(dir string, fromDir bool) (Input, error) {
	files, err := cuespec.Files(dir)
	if err != nil {
		return Input{}, &PathError{dir, cleanErr(err)}
	}
	return Input{Path: filepath.Clean(dir), FromDir: fromDir, CUE: true, Files: files}, nil
}

// DefaultCUETimeout bounds how long CUE may take to evaluate one spec
// package, the policies, or the policies for one job. Each takes
// milliseconds, but a few lines (list.Repeat, list.Range, comprehensions
// over large lists) can ask CUE for millions of values, and CUE's
// evaluation cannot be cancelled.
const DefaultCUETimeout = 10 * time.Second

// cueHint is what a timeout finding tells the user to look for.
const cueHint = "look for list.Repeat, list.Range or comprehensions that build large lists"

// withDeadline runs f, or gives up waiting for it after timeout and
// reports false. An abandoned f runs on until the
// process exits: a lint run ends soon after, and the finding says what to
// fix. f must not share mutable state with the caller.
func withDeadline[T any](timeout time.Duration, f func() T) (T, bool) {
	done := make(chan T, 1)
	go func() { done <- f() }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case v := <-done:
		return v, true
	case <-t.C:
		var zero T
		return zero, false
	}
}

// loadCUE evaluates a CUE package within the CUE timeout.
func (w *worker) loadCUE(dir string, srcs []cuespec.Source) ([]*spec.Document, []*spec.Error) {
	type loaded struct {
		docs []*spec.Document
		errs []*spec.Error
	}
	r, ok := withDeadline(w.l.opts.CUETimeout, func() loaded {
		d, e := cuespec.LoadSources(dir, srcs) // recovers its own panics
		return loaded{d, e}
	})
	if !ok {
		return nil, []*spec.Error{{File: srcs[0].Name, Line: 1, Col: 1, Msg: fmt.Sprintf(
			"CUE did not finish evaluating this package in %v, so none of its jobs was linted: a spec package evaluates in milliseconds; %s", w.l.opts.CUETimeout, cueHint)}}
	}
	return r.docs, r.errs
}

// lintCUE lints a CUE package: each job is a document, and findings point
// into whichever .cue file set the value.
func (w *worker) lintCUE(in Input, r *FileResult) {
	defer func() {
		if p := recover(); p != nil {
			r.Diagnostics = append(r.Diagnostics, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: in.Path, Line: 1, Column: 1, Message: fmt.Sprintf("internal error while linting (please report): %v", p)})
		}
	}()
	srcs, errs := cuespec.ReadSources(in.Files)
	var docs []*spec.Document
	switch {
	case len(errs) == 0 && len(srcs) > 0 && !cuespec.DeclaresJobs(srcs):
		if in.FromDir {
			// A CUE schema or a policy directory in the repository, not
			// specs.
			r.Skipped = true
			return
		}
		errs = append(errs, &spec.Error{File: srcs[0].Name, Line: 1, Col: 1, Msg: "the CUE package declares no jobs: write each job as a field of the top-level `jobs` struct, such as `jobs: \"bird-boxes-2026-11\": {...}` (see docs/cue-specs.md)"})
	case len(srcs) > 0:
		d, e := w.loadCUE(in.Path, srcs)
		docs, errs = d, append(errs, e...)
	case len(errs) == 0:
		errs = append(errs, &spec.Error{File: in.Path, Line: 1, Col: 1, Msg: "no .cue files"})
	}
	var ds []diag.Diagnostic
	var owner []string // the spec file whose configuration applies
	for _, e := range errs {
		ds = append(ds, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: e.File, Line: e.Line, Column: e.Col, Path: e.Path, Job: e.Job, Message: sentence(e.Msg)})
		owner = append(owner, e.File)
	}
	for _, d := range docs {
		r.Jobs++
		found, job := w.lintDoc(d)
		for _, x := range found {
			ds = append(ds, x)
			owner = append(owner, d.File)
		}
		if w.l.opts.KeepDocuments {
			r.Specs = append(r.Specs, Spec{Doc: d, Region: job.Region, Type: job.TaskType})
		}
	}
	if !w.l.opts.NoIgnore {
		for _, s := range srcs {
			ds = suppress(s.Name, cueDirectives(s.Data), ds, func(line int) string {
				job := ""
				for _, d := range docs {
					if d.File == s.Name && d.Root.Line <= line {
						job = d.JobName()
					}
				}
				return job
			}, w.l.knownRule)
		}
	}
	for i, d := range ds {
		file := d.File
		if i < len(owner) {
			file = owner[i]
		}
		r.Diagnostics = append(r.Diagnostics, w.l.configure(file, []diag.Diagnostic{d})...)
	}
}

var cueDirectiveRE = regexp.MustCompile(`//(\s*gtctl:ignore\b)`)

// cueDirectives lets the YAML suppression parser read CUE comments: each
// `// gtctl:ignore` becomes `# gtctl:ignore`, at the same columns.
func cueDirectives(data []byte) []byte {
	if !strings.Contains(string(data), "gtctl:ignore") {
		return data
	}
	return cueDirectiveRE.ReplaceAll(data, []byte("# $1"))
}

// policyFindings evaluates the team's policies for d with the worker's
// own evaluator.
func (w *worker) policyFindings(d *spec.Document) []diag.Diagnostic {
	if w.l.policies.Len() == 0 {
		return nil
	}
	at := func(msg string) []diag.Diagnostic {
		return []diag.Diagnostic{{Rule: "GT1000", Severity: rules.Error, File: d.File, Line: d.Root.Line, Column: d.Root.Col, Job: d.JobName(), Message: sentence(msg)}}
	}
	if w.l.policiesStalled.Load() {
		return at(fmt.Sprintf("The team's policies were not evaluated for this job: for an earlier job they did not finish in %v", w.l.opts.CUETimeout))
	}
	// Compiling the worker's checker evaluates the policies as well, so it
	// runs under the deadline too.
	pol := w.pol
	out, ok := withDeadline(w.l.opts.CUETimeout, func() []diag.Diagnostic {
		if pol == nil {
			c, err := w.l.policies.ForWorker()
			if err != nil {
				return at("cannot evaluate the policies: " + err.Error())
			}
			pol = c
		}
		return pol.Check(d)
	})
	if ok {
		w.pol = pol // written before the result was sent
	} else {
		// The checker belongs to the abandoned evaluation, and the next job
		// would most likely stall the same way.
		w.pol = nil
		w.l.policiesStalled.Store(true)
		return at(fmt.Sprintf("The team's policies did not finish evaluating for this job in %v, so no policy was checked for it or for the jobs after it; %s in the policy files", w.l.opts.CUETimeout, cueHint))
	}
	return out
}

// loadPolicies compiles the policy directories and checks that each
// policy's path names a request member.
func loadPolicies(dirs []string, req *shape, timeout time.Duration) (*policy.Set, error) {
	shown := make([]string, len(dirs))
	wd, _ := os.Getwd()
	for i, d := range dirs {
		shown[i] = d
		if rel, err := filepath.Rel(wd, d); err == nil && wd != "" && !strings.HasPrefix(rel, "..") {
			shown[i] = rel
		}
	}
	type loaded struct {
		set *policy.Set
		err error
	}
	r, ok := withDeadline(timeout, func() loaded {
		set, err := policy.Load(shown)
		return loaded{set, err}
	})
	if !ok {
		return nil, fmt.Errorf("policies: CUE did not finish compiling %s in %v; %s", strings.Join(shown, ", "), timeout, cueHint)
	}
	set, err := r.set, r.err
	if err != nil {
		return nil, fmt.Errorf("policies:\n%w", err)
	}
	var bad []string
	for _, p := range set.Policies() {
		if msg := memberProblem(req, p.Path); msg != "" {
			bad = append(bad, fmt.Sprintf("%s:%d:%d: policy %s: path %q %s", p.File, p.Line, p.Col, p.ID, p.Path, msg))
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("policies:\n%s", strings.Join(bad, "\n"))
	}
	return set, nil
}

// memberProblem says why path does not name a member of the request ("" when
// it does).
func memberProblem(req *shape, path string) string {
	if path == "" {
		return ""
	}
	s := req
	for _, part := range strings.Split(path, ".") {
		name, idx, _ := strings.Cut(part, "[")
		if s.kind != spec.Map {
			return "goes inside a value that has no members"
		}
		f, ok := s.byName[name]
		if !ok {
			hint := ""
			if c := didyoumean.Closest(name, s.memberNames()); c != "" {
				hint = fmt.Sprintf(" (did you mean %s?)", c)
			}
			return fmt.Sprintf("is not a CreateLabelingJob member: no %s%s", name, hint)
		}
		s = f.shape
		if idx != "" {
			if s.kind != spec.Seq {
				return fmt.Sprintf("indexes %s, which is not a list", name)
			}
			s = s.elem
		}
	}
	return ""
}

// Policies lists the team's policies loaded from the configuration, for
// reports that describe rules (SARIF rule descriptors, `gtctl rules`):
// their IDs are not in the rule catalog.
func (l *Linter) Policies() []policy.Policy { return l.policies.Policies() }
