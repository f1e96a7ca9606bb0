// Package policy runs a team's own rules, written in CUE, over spec
// documents (docs/policies.md). A policy directory is one CUE package whose
// top-level `policies` struct holds one policy per rule ID:
//
//	package policy
//
//	policies: ORG001: {
//		severity:  "error"
//		message:   "MaxConcurrentTaskCount must be at most 500"
//		path:      "HumanTaskConfig.MaxConcurrentTaskCount"
//		violation: job.HumanTaskConfig.MaxConcurrentTaskCount > 500
//	}
//
// gtctl fills `job` with each spec document (the CreateLabelingJob request)
// and reports the policy when `violation` evaluates to true. A reference to
// a member the job does not have leaves `violation` incomplete, which does
// not fire; a policy that requires a member says so with a default, such as
// `(*job.Tags | [])`.
//
// Policies are compiled once by Load, to report mistakes with positions
// before any spec is read; a *cue.Context is not safe between goroutines,
// so each lint worker evaluates with its own Checker (Set.ForWorker).
package policy

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"

	"github.com/gtctl/gtctl/pkg/checks"
	"github.com/gtctl/gtctl/pkg/cuespec"
	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/didyoumean"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

// Field names of the policy format.
const (
	policiesField = "policies"
	jobField      = "job"
)

// members are the fields a policy may have; hidden fields (_x) are free
// for the author's helpers.
var members = []string{"severity", "message", "path", "violation", "title", "url"}

// IDPattern is what a policy ID looks like: letters, then digits (ORG001,
// SEC12). IDs starting with GT belong to gtctl's catalog.
var IDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*[0-9]+$`)

var pathPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(\[[0-9]+\])?(\.[A-Za-z][A-Za-z0-9]*(\[[0-9]+\])?)*$`)

// Policy is one rule of the team's: what `gtctl rules`, `explain` and SARIF
// show for it.
type Policy struct {
	ID       string
	Severity rules.Severity
	// Title is the policy's `title`, or its message when that does not
	// depend on the job.
	Title string
	// URL is the policy's `url`, a page that explains it ("" when none).
	URL string
	// Path is the member the finding points at, when it does not depend
	// on the job ("" is the request itself).
	Path string
	// File, Line and Col are where the policy is declared.
	File      string
	Line, Col int
}

// Set is the compiled policies of some directories. It is safe for
// concurrent use; evaluation happens in Checkers.
type Set struct {
	pkgs     []pkgSource
	policies []Policy // by ID
	byID     map[string]int
}

type pkgSource struct {
	dir  string
	srcs []cuespec.Source
	ids  []string
}

// Error is a problem in a policy file, at its position.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

func errAt(pos token.Pos, file, format string, args ...any) *Error {
	e := &Error{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf(format, args...)}
	if pos.IsValid() {
		e.File, e.Line, e.Col = pos.Filename(), pos.Line(), pos.Column()
	}
	return e
}

// Load compiles the policies of dirs (each one CUE package: the .cue
// files directly in it). Every mistake is returned, with its position.
func Load(dirs []string) (*Set, error) {
	s := &Set{byID: map[string]int{}}
	var errs []*Error
	ctx := cuecontext.New()
	for _, dir := range dirs {
		files, err := cuespec.Files(dir)
		if err != nil {
			errs = append(errs, &Error{File: dir, Line: 1, Col: 1, Msg: "policy directory cannot be read: " + cleanErr(err)})
			continue
		}
		if len(files) == 0 {
			errs = append(errs, &Error{File: dir, Line: 1, Col: 1, Msg: "policy directory holds no .cue files"})
			continue
		}
		srcs, rerrs := cuespec.ReadSources(files)
		for _, e := range rerrs {
			errs = append(errs, &Error{e.File, e.Line, e.Col, e.Msg})
		}
		if len(rerrs) > 0 {
			continue
		}
		v, cerrs := compile(ctx, dir, srcs)
		if len(cerrs) > 0 {
			errs = append(errs, cerrs...)
			continue
		}
		pol, perrs := s.read(v, srcs[0].Name)
		errs = append(errs, perrs...)
		p := pkgSource{dir: dir, srcs: srcs}
		for _, x := range pol {
			if i, dup := s.byID[x.ID]; dup {
				first := s.policies[i]
				errs = append(errs, &Error{x.File, x.Line, x.Col, fmt.Sprintf("policy %s is declared twice (first at %s:%d:%d)", x.ID, first.File, first.Line, first.Col)})
				continue
			}
			s.byID[x.ID] = len(s.policies)
			s.policies = append(s.policies, x)
			p.ids = append(p.ids, x.ID)
		}
		s.pkgs = append(s.pkgs, p)
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			a, b := errs[i], errs[j]
			if a.File != b.File {
				return a.File < b.File
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Col < b.Col
		})
		out := make([]error, len(errs))
		for i, e := range errs {
			out[i] = e
		}
		return nil, errors.Join(out...)
	}
	sort.Slice(s.policies, func(i, j int) bool { return s.policies[i].ID < s.policies[j].ID })
	for i, p := range s.policies {
		s.byID[p.ID] = i
	}
	return s, nil
}

func cleanErr(err error) string {
	var pe interface{ Unwrap() error }
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return pe.Unwrap().Error()
	}
	return err.Error()
}

// compile builds one policy package in ctx, with `job: _` declared so that
// policies may refer to the job without declaring it.
func compile(ctx *cue.Context, dir string, srcs []cuespec.Source) (cue.Value, []*Error) {
	var errs []*Error
	inst, files, serrs := cuespec.Parse(dir, srcs)
	for _, e := range serrs {
		errs = append(errs, &Error{e.File, e.Line, e.Col, e.Msg})
	}
	if len(errs) > 0 {
		return cue.Value{}, errs
	}
	src := "job: _\n"
	if len(files) > 0 && files[0].PackageName() != "" {
		src = "package " + files[0].PackageName() + "\n\n" + src
	}
	jf, err := parser.ParseFile("gtctl-job.cue", src)
	if err == nil {
		err = inst.AddSyntax(jf)
	}
	if err != nil {
		return cue.Value{}, []*Error{{dir, 1, 1, "internal error: " + err.Error()}}
	}
	v := ctx.BuildInstance(inst)
	if err := v.Validate(); err != nil {
		return cue.Value{}, fromCUE(err, srcs[0].Name)
	}
	return v, nil
}

func fromCUE(err error, file string) []*Error {
	var out []*Error
	for _, e := range cueerrors.Errors(err) {
		format, args := e.Msg()
		msg := fmt.Sprintf(format, args...)
		if strings.Contains(msg, "errors in empty disjunction") {
			continue
		}
		pos := e.Position()
		if !pos.IsValid() {
			if ps := e.InputPositions(); len(ps) > 0 {
				pos = ps[0]
			}
		}
		if p := e.Path(); len(p) > 0 {
			msg = strings.Join(p, ".") + ": " + msg
		}
		out = append(out, errAt(pos, file, "%s", msg))
	}
	if len(out) == 0 {
		out = append(out, &Error{file, 1, 1, err.Error()})
	}
	return out
}

// labelPos is where a field is declared: the label of its first conjunct
// that is a field.
func labelPos(v cue.Value) token.Pos {
	parts := []cue.Value{v}
	if op, ps := v.Expr(); op == cue.AndOp && len(ps) > 1 {
		parts = ps
	}
	for _, p := range parts {
		if f, ok := p.Source().(*ast.Field); ok {
			if _, pattern := f.Label.(*ast.ListLit); !pattern && f.Label.Pos().IsValid() {
				return f.Label.Pos()
			}
		}
	}
	return v.Pos()
}

// read checks the policies of a compiled package.
func (s *Set) read(v cue.Value, file string) ([]Policy, []*Error) {
	var errs []*Error
	pv := v.LookupPath(cue.MakePath(cue.Str(policiesField)))
	if !pv.Exists() {
		return nil, []*Error{{file, 1, 1, "the policy package declares no policies: write each as `policies: ORG001: {severity: ..., message: ..., path: ..., violation: ...}` (see docs/policies.md)"}}
	}
	if pv.IncompleteKind() != cue.StructKind {
		return nil, []*Error{errAt(labelPos(pv), file, "`policies` must be a struct of policies keyed by ID (got %v)", pv.IncompleteKind())}
	}
	it, err := pv.Fields()
	if err != nil {
		return nil, fromCUE(err, file)
	}
	var out []Policy
	for it.Next() {
		id := it.Selector().Unquoted()
		v := it.Value()
		pos := labelPos(v)
		fail := func(at token.Pos, format string, args ...any) {
			if !at.IsValid() {
				at = pos
			}
			errs = append(errs, errAt(at, file, "policy %s: %s", id, fmt.Sprintf(format, args...)))
		}
		if !IDPattern.MatchString(id) {
			fail(pos, "a policy ID is capital letters then digits, such as ORG001")
			continue
		}
		if strings.HasPrefix(id, "GT") {
			fail(pos, "IDs starting with GT belong to gtctl's rule catalog; pick another prefix, such as ORG")
			continue
		}
		if v.IncompleteKind() != cue.StructKind {
			fail(pos, "a policy must be a struct with severity, message, path and violation")
			continue
		}
		p := Policy{ID: id, Severity: rules.Error}
		if pos.IsValid() {
			p.File, p.Line, p.Col = pos.Filename(), pos.Line(), pos.Column()
		} else {
			p.File, p.Line, p.Col = file, 1, 1
		}
		ok := true
		fit, err := v.Fields(cue.Optional(true))
		if err != nil {
			errs = append(errs, fromCUE(err, file)...)
			continue
		}
		for fit.Next() {
			name := fit.Selector().Unquoted()
			if !contains(members, name) {
				hint := ""
				if c := didyoumean.Closest(name, members); c != "" {
					hint = fmt.Sprintf(" (did you mean %q?)", c)
				}
				fail(labelPos(fit.Value()), "unknown member %q%s; a policy has %s", name, hint, strings.Join(members, ", "))
				ok = false
			}
		}
		get := func(name string) cue.Value { return v.LookupPath(cue.MakePath(cue.Str(name))) }
		if sv := get("severity"); sv.Exists() {
			str, err := sv.String()
			sev, perr := rules.ParseSeverity(str)
			if err != nil || perr != nil {
				fail(labelPos(sv), "severity must be \"error\", \"warning\" or \"info\" and must not depend on the job")
				ok = false
			}
			p.Severity = sev
		}
		vv := get("violation")
		switch {
		case !vv.Exists():
			fail(pos, "no `violation`: the boolean expression that is true when a job breaks the policy, such as `violation: job.HumanTaskConfig.MaxConcurrentTaskCount > 500`")
			ok = false
		case !may(vv, cue.BoolKind):
			fail(labelPos(vv), "`violation` must be a boolean expression (it is %v)", vv.IncompleteKind())
			ok = false
		}
		mv := get("message")
		switch {
		case !mv.Exists():
			fail(pos, "no `message`: what the finding says")
			ok = false
		case !may(mv, cue.StringKind):
			fail(labelPos(mv), "`message` must be a string (it is %v)", mv.IncompleteKind())
			ok = false
		default:
			if m, err := mv.String(); err == nil {
				p.Title = m
			}
		}
		if pth := get("path"); pth.Exists() {
			if !may(pth, cue.StringKind) {
				fail(labelPos(pth), "`path` must be a member path string such as \"HumanTaskConfig.MaxConcurrentTaskCount\"")
				ok = false
			} else if str, err := pth.String(); err == nil {
				if str != "" && !pathPattern.MatchString(str) {
					fail(labelPos(pth), "`path` %q is not a member path: API member names joined by dots, list items as [i], such as \"Tags[0].Key\"", str)
					ok = false
				}
				p.Path = str
			}
		}
		for _, name := range []string{"title", "url"} {
			fv := get(name)
			if !fv.Exists() {
				continue
			}
			str, err := fv.String()
			if err != nil {
				fail(labelPos(fv), "`%s` must be a string that does not depend on the job", name)
				ok = false
				continue
			}
			if name == "title" {
				p.Title = str
			} else {
				p.URL = str
			}
		}
		if ok {
			out = append(out, p)
		}
	}
	return out, errs
}

// may reports whether v can still become a value of kind k. A value that
// depends on the job is incomplete until a job is filled in: its kind is
// not known at load time, and only a value known to be of another kind is
// refused (`violation: "yes"`). Check catches the rest per job.
func may(v cue.Value, k cue.Kind) bool {
	ik := v.IncompleteKind()
	if ik&k != 0 {
		return true
	}
	return ik == cue.BottomKind && v.Validate() == nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Policies lists the policies, ordered by ID.
func (s *Set) Policies() []Policy {
	if s == nil {
		return nil
	}
	return append([]Policy(nil), s.policies...)
}

// Get returns the policy with the given ID.
func (s *Set) Get(id string) (Policy, bool) {
	if s == nil {
		return Policy{}, false
	}
	i, ok := s.byID[id]
	if !ok {
		return Policy{}, false
	}
	return s.policies[i], true
}

// Len is the number of policies.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.policies)
}

// Checker evaluates the policies for one goroutine: it owns its
// *cue.Context.
type Checker struct {
	set  *Set
	ctx  *cue.Context
	pkgs []cue.Value // parallel to set.pkgs
}

// ForWorker compiles the policies in a new *cue.Context for use by one
// goroutine at a time.
func (s *Set) ForWorker() (*Checker, error) {
	c := &Checker{set: s, ctx: cuecontext.New()}
	for _, p := range s.pkgs {
		v, errs := compile(c.ctx, p.dir, p.srcs)
		if len(errs) > 0 {
			return nil, errs[0]
		}
		c.pkgs = append(c.pkgs, v)
	}
	return c, nil
}

// Check evaluates every policy for doc and returns a finding for each
// policy whose violation is true, at the member its path names (or the
// nearest mapping that holds it when the member is missing).
func (c *Checker) Check(doc *spec.Document) (out []diag.Diagnostic) {
	if c == nil || len(c.pkgs) == 0 || doc == nil || doc.Root == nil {
		return nil
	}
	defer func() {
		// A policy must not take a lint run down; findings so far stand.
		if p := recover(); p != nil {
			out = append(out, diag.Diagnostic{Rule: "GT1000", Severity: rules.Error, File: doc.File, Line: max(doc.Root.Line, 1), Column: max(doc.Root.Col, 1), Job: doc.JobName(), Message: fmt.Sprintf("Internal error while evaluating policies (please report): %v.", p)})
		}
	}()
	job := c.ctx.BuildExpr(expr(doc.Root))
	if job.Err() != nil {
		return nil
	}
	name := doc.JobName()
	for i, p := range c.set.pkgs {
		v := c.pkgs[i].FillPath(cue.MakePath(cue.Str(jobField)), job)
		for _, id := range p.ids {
			pol := c.set.policies[c.set.byID[id]]
			pv := v.LookupPath(cue.MakePath(cue.Str(policiesField), cue.Str(id)))
			fires, bad := verdict(pv.LookupPath(cue.MakePath(cue.Str("violation"))))
			if bad != "" {
				// The policy is broken, not the job: say so rather than
				// pass silently.
				out = append(out, diag.Diagnostic{Rule: id, Severity: pol.Severity, File: pol.File, Line: pol.Line, Column: pol.Col, Job: name,
					Message: fmt.Sprintf("Policy %s is broken: its violation is %s for job %q, not a boolean; fix the policy.", id, bad, name)})
				continue
			}
			if !fires {
				continue
			}
			msg := str(pv.LookupPath(cue.MakePath(cue.Str("message"))), pol.Title)
			if msg == "" {
				msg = "The job breaks policy " + id
			}
			path := str(pv.LookupPath(cue.MakePath(cue.Str("path"))), pol.Path)
			if path != "" && !pathPattern.MatchString(path) {
				path = ""
			}
			n := checks.Locate(doc.Root, path)
			d := diag.Diagnostic{Rule: id, Severity: pol.Severity, File: doc.File, Line: 1, Column: 1, Path: path, Job: name, Message: sentence(msg)}
			if n != nil {
				d.File, d.Line, d.Column = doc.FileOf(n), n.Line, n.Col
			}
			out = append(out, d)
		}
	}
	return out
}

// verdict reports whether v evaluates to true. An error or an incomplete
// value (a member the job does not have) does not fire; a concrete value
// that is not a boolean is a broken policy, described in bad.
func verdict(v cue.Value) (fires bool, bad string) {
	if d, ok := v.Default(); ok {
		v = d
	}
	if b, err := v.Bool(); err == nil {
		return b, ""
	}
	if v.IsConcrete() && v.Err() == nil {
		return false, fmt.Sprintf("%v %v", v.Kind(), v)
	}
	return false, ""
}

// str is v's string value, or def when v is absent or not concrete.
func str(v cue.Value, def string) string {
	if d, ok := v.Default(); ok {
		v = d
	}
	if s, err := v.String(); err == nil {
		return s
	}
	return def
}

// sentence ends a message with a full stop, like the catalog's messages.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// expr turns a spec node into a CUE expression: the job as policies see
// it, with the request's own member names and kinds.
func expr(n *spec.Node) ast.Expr {
	if n == nil {
		return ast.NewNull()
	}
	switch n.Kind {
	case spec.Map:
		st := &ast.StructLit{}
		for i, k := range n.Keys {
			st.Elts = append(st.Elts, &ast.Field{Label: ast.NewString(k.Value), Value: expr(n.Values[i])})
		}
		return st
	case spec.Seq:
		l := &ast.ListLit{}
		for _, v := range n.Values {
			l.Elts = append(l.Elts, expr(v))
		}
		return l
	case spec.Null:
		return ast.NewNull()
	case spec.Bool:
		return ast.NewBool(n.Value == "true")
	case spec.Int:
		if s, neg := strings.CutPrefix(n.Value, "-"); neg {
			return &ast.UnaryExpr{Op: token.SUB, X: &ast.BasicLit{Kind: token.INT, Value: s}}
		}
		return &ast.BasicLit{Kind: token.INT, Value: n.Value}
	case spec.Float:
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return ast.NewString(n.Value) // .inf and .nan have no CUE number
		}
		lit := func(f float64) ast.Expr {
			s := strconv.FormatFloat(f, 'g', -1, 64)
			if !strings.ContainsAny(s, ".eE") {
				s += ".0"
			}
			return &ast.BasicLit{Kind: token.FLOAT, Value: s}
		}
		if f < 0 {
			return &ast.UnaryExpr{Op: token.SUB, X: lit(-f)}
		}
		return lit(f)
	}
	return ast.NewString(n.Value)
}
