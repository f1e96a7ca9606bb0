// Package cuespec reads labeling-job specs written in CUE.
//
// The convention (docs/cue-specs.md): the .cue files of one directory form
// one CUE package; every field of its top-level `jobs` struct is one
// CreateLabelingJob request, typically unified with shared defaults that
// the team writes once in the same package:
//
//	// defaults.cue
//	package specs
//	#Defaults: {RoleArn: "arn:aws:iam::111122223333:role/GroundTruth", ...}
//	jobs: [string]: #Defaults
//
//	// birds.cue
//	package specs
//	jobs: "bird-boxes-2026-11": {LabelAttributeName: "bird-boxes", ...}
//
// The field name is the LabelingJobName unless the job sets one. Each job
// becomes a spec.Document whose nodes point at the .cue file, line and
// column that set each value: a value from the defaults file points there
// (spec.Node.File), so findings land where the fix belongs.
//
// Packages are built offline from the files alone: imports are limited to
// CUE's standard library (no modules, no network).
package cuespec

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"

	"github.com/gtctl/gtctl/pkg/spec"
)

// JobsField is the top-level field whose members are the jobs.
const JobsField = "jobs"

// maxErrorsPerJob bounds the CUE errors reported for one job: one
// conflict in the defaults can surface once per member that uses it.
const maxErrorsPerJob = 10

// Source is one .cue file: its name as shown in findings (relative to the
// working directory) and its content.
type Source struct {
	Name string
	Data []byte
}

// MaxFileBytes bounds what is read of one .cue file: a spec package is a
// few kilobytes, and a linter that runs on pull requests must not read a
// huge file whole.
const MaxFileBytes = 1 << 20

// ReadSources reads files.
func ReadSources(files []string) ([]Source, []*spec.Error) {
	var out []Source
	var errs []*spec.Error
	for _, f := range files {
		b, err := readLimited(f)
		if err != nil {
			errs = append(errs, &spec.Error{File: f, Index: -1, Line: 1, Col: 1, Msg: "cannot read file: " + err.Error()})
			continue
		}
		if len(b) > MaxFileBytes {
			errs = append(errs, &spec.Error{File: f, Index: -1, Line: 1, Col: 1, Msg: fmt.Sprintf("the file is larger than %d MiB; a CUE spec or policy is a few kilobytes, so it is not read", MaxFileBytes>>20)})
			continue
		}
		out = append(out, Source{Name: f, Data: b})
	}
	return out, errs
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
}

// stdlib lists the packages of CUE's standard library a spec or policy
// may import. The tool/... packages are left out: they only mean
// something to `cue cmd`.
var stdlib = map[string]bool{
	"crypto/ed25519": true, "crypto/hmac": true, "crypto/md5": true, "crypto/sha1": true,
	"crypto/sha256": true, "crypto/sha512": true, "encoding/base64": true, "encoding/csv": true,
	"encoding/hex": true, "encoding/json": true, "encoding/toml": true, "encoding/yaml": true,
	"html": true, "list": true, "math": true, "math/bits": true, "net": true, "path": true,
	"regexp": true, "strconv": true, "strings": true, "struct": true, "text/tabwriter": true,
	"text/template": true, "time": true, "uuid": true,
}

// Parse parses sources into one build instance (one CUE package) named
// dir. Every problem is returned with its position: syntax errors,
// imports outside CUE's standard library, files of different packages.
func Parse(dir string, srcs []Source) (*build.Instance, []*ast.File, []*spec.Error) {
	var errs []*spec.Error
	var files []*ast.File
	var pkgName, pkgFile string
	for _, s := range srcs {
		f, err := parser.ParseFile(s.Name, s.Data)
		if err != nil {
			// The parser's errors cascade: the first few say it.
			pe := fromCUE(err, s.Name, -1, "", "", "does not parse: ")
			errs = append(errs, pe[:min(len(pe), 3)]...)
			continue
		}
		if e := sizeError(f, s.Name); e != nil {
			errs = append(errs, e)
			continue
		}
		for imp := range f.ImportSpecs() {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				continue // the parser has already refused it
			}
			base, _, _ := strings.Cut(p, ":")
			if !stdlib[base] {
				errs = append(errs, errAt(imp.Path.Pos(), s.Name, fmt.Sprintf(
					"import %q is not allowed: gtctl builds each directory of .cue files on its own, offline, so only CUE's standard library (strings, list, math, regexp, ...) can be imported; put shared definitions in a .cue file of this directory", p)))
			}
		}
		name := f.PackageName()
		if pkgFile == "" {
			pkgName, pkgFile = name, s.Name
		}
		if name != pkgName {
			pos := f.Pos()
			if pc := packageClause(f); pc != nil {
				pos = pc.Name.Pos()
			}
			what := "no package clause"
			if name != "" {
				what = "package " + name
			}
			want := "no package clause"
			if pkgName != "" {
				want = "package " + pkgName
			}
			errs = append(errs, errAt(pos, s.Name, fmt.Sprintf("%s differs from %s in %s: all .cue files of a directory form one package", what, want, pkgFile)))
			continue
		}
		files = append(files, f)
	}
	if len(errs) > 0 {
		return nil, files, errs
	}
	inst := build.NewContext().NewInstance(dir, nil)
	for _, f := range files {
		if err := inst.AddSyntax(f); err != nil {
			errs = append(errs, fromCUE(err, f.Filename, -1, "", "", "")...)
		}
	}
	if inst.Err != nil {
		errs = append(errs, fromCUE(inst.Err, dir, -1, "", "", "")...)
	}
	if len(errs) > 0 {
		return nil, files, errs
	}
	return inst, files, nil
}

func packageClause(f *ast.File) *ast.Package {
	for _, d := range f.Decls {
		if p, ok := d.(*ast.Package); ok {
			return p
		}
	}
	return nil
}

// maxSyntaxNodes and maxListElems bound a file's syntax before CUE
// evaluates it. The evaluator's time grows with the square of a list
// literal's length (a 524,000-item list in a 1 MiB file ran for minutes
// and 430 MB), while a spec or policy is a few kilobytes and no list in a
// request holds more than 256 items.
const (
	maxSyntaxNodes = 200_000
	maxListElems   = 4096
)

// sizeError refuses a file whose syntax exceeds those bounds.
func sizeError(f *ast.File, name string) *spec.Error {
	nodes := 0
	var bad *spec.Error
	ast.Walk(f, func(n ast.Node) bool {
		if bad != nil {
			return false
		}
		if nodes++; nodes > maxSyntaxNodes {
			bad = &spec.Error{File: name, Index: -1, Line: 1, Col: 1, Msg: fmt.Sprintf("the file has more than %d syntax nodes; a CUE spec or policy is a few kilobytes, so it is not evaluated", maxSyntaxNodes)}
			return false
		}
		if l, ok := n.(*ast.ListLit); ok && len(l.Elts) > maxListElems {
			bad = errAt(l.Pos(), name, fmt.Sprintf("a list literal of %d items; gtctl evaluates lists of at most %d (no list in a request holds more than 256)", len(l.Elts), maxListElems))
			return false
		}
		return true
	}, nil)
	return bad
}

// DeclaresJobs reports whether some file declares the top-level `jobs`
// field: a directory walk lints only such packages as specs, so CUE
// schemas and policy directories in the repository are left alone.
// Syntax errors do not matter here: a partial file counts.
func DeclaresJobs(srcs []Source) bool {
	for _, s := range srcs {
		f, _ := parser.ParseFile(s.Name, s.Data)
		if f == nil {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.Field); ok {
				if name, _, err := ast.LabelName(fd.Label); err == nil && name == JobsField {
					return true
				}
			}
		}
	}
	return false
}

// Load builds the CUE package made of files (the .cue files of directory
// dir) and returns one document per job. Problems that keep a job from
// being read (syntax, conflicting values, values left incomplete) are
// returned as errors with CUE's position; the other jobs are still read.
func Load(dir string, files []string) ([]*spec.Document, []*spec.Error) {
	srcs, errs := ReadSources(files)
	if len(srcs) == 0 {
		if len(errs) == 0 {
			errs = append(errs, &spec.Error{File: dir, Index: -1, Line: 1, Col: 1, Msg: "no .cue files"})
		}
		return nil, errs
	}
	docs, more := LoadSources(dir, srcs)
	return docs, append(errs, more...)
}

// LoadSources is Load for content already read.
func LoadSources(dir string, srcs []Source) (docs []*spec.Document, errs []*spec.Error) {
	defer func() {
		// CUE must not take the run down on hostile input.
		if p := recover(); p != nil {
			docs = nil
			errs = append(errs, &spec.Error{File: srcs[0].Name, Index: -1, Line: 1, Col: 1, Msg: fmt.Sprintf("CUE evaluation failed (please report): %v", p)})
		}
	}()
	inst, files, perrs := Parse(dir, srcs)
	if len(perrs) > 0 {
		return nil, perrs
	}
	known := map[string]bool{}
	for _, f := range files {
		known[f.Filename] = true
	}
	ctx := cuecontext.New()
	root := ctx.BuildInstance(inst)
	jobs := root.LookupPath(cue.MakePath(cue.Str(JobsField)))
	if !jobs.Exists() {
		if err := root.Validate(); err != nil {
			return nil, fromCUE(err, srcs[0].Name, -1, "", "", "")
		}
		return nil, []*spec.Error{{File: srcs[0].Name, Index: -1, Line: 1, Col: 1, Msg: "the CUE package declares no jobs: write each job as a field of the top-level `jobs` struct, such as `jobs: \"bird-boxes-2026-11\": {...}` (see docs/cue-specs.md)"}}
	}
	// Errors outside jobs (in the shared definitions) are reported once
	// here; errors inside a job are reported with that job.
	if err := root.Validate(); err != nil {
		var outside []cueerrors.Error
		for _, e := range cueerrors.Errors(err) {
			if p := e.Path(); len(p) > 0 && p[0] == JobsField {
				continue
			}
			outside = append(outside, e)
		}
		if len(outside) > 0 {
			errs = append(errs, fromCUE(joinErrs(outside), srcs[0].Name, -1, "", "", "")...)
		}
	}
	// A job with errors makes `jobs` an error too; its fields still
	// iterate, so only a `jobs` that is something else is refused.
	if k := jobs.IncompleteKind(); k != cue.StructKind && k != cue.BottomKind {
		return nil, append(errs, errAt(jobs.Pos(), srcs[0].Name, fmt.Sprintf("`jobs` must be a struct of jobs keyed by name (got %v)", jobs.IncompleteKind())))
	}
	it, err := jobs.Fields()
	if err != nil {
		return nil, append(errs, fromCUE(err, srcs[0].Name, -1, "", "", "")...)
	}
	perFile := map[string]int{}
	for it.Next() {
		name := it.Selector().Unquoted()
		jv := it.Value()
		file, label := declaration(jv, known)
		if file == "" {
			file = srcs[0].Name
		}
		if err := jv.Validate(cue.Concrete(true)); err != nil {
			errs = append(errs, fromCUE(err, file, perFile[file], name, name, "")...)
			continue
		}
		c := &converter{doc: file, known: known}
		at := loc{line: 1, col: 1}
		if l, ok := c.loc(label); ok {
			at = l
		}
		rootNode := c.node(jv, at, 0)
		if c.err != "" {
			errs = append(errs, &spec.Error{File: file, Index: perFile[file], Line: max(label.Line(), 1), Col: max(label.Column(), 1), Msg: c.err, Job: name})
			continue
		}
		if rootNode.Kind != spec.Map {
			errs = append(errs, &spec.Error{File: file, Index: perFile[file], Line: rootNode.Line, Col: rootNode.Col, Msg: fmt.Sprintf("job %q must be a struct of CreateLabelingJob members (got a %s)", name, rootNode.Kind), Job: name})
			continue
		}
		if label.IsValid() {
			rootNode.Line, rootNode.Col, rootNode.File = label.Line(), label.Column(), ""
		}
		if rootNode.Get("LabelingJobName") == nil {
			// The field name is the job name: findings about it point at
			// the label.
			k := &spec.Node{Kind: spec.String, Value: "LabelingJobName", Line: rootNode.Line, Col: rootNode.Col}
			v := &spec.Node{Kind: spec.String, Value: name, Quoted: true, Line: rootNode.Line, Col: rootNode.Col}
			rootNode.Keys = append([]*spec.Node{k}, rootNode.Keys...)
			rootNode.Values = append([]*spec.Node{v}, rootNode.Values...)
		}
		docs = append(docs, &spec.Document{File: file, Index: perFile[file], Root: rootNode})
		perFile[file]++
	}
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i], docs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Root.Line < b.Root.Line
	})
	// Index counts jobs in file order.
	idx := map[string]int{}
	for _, d := range docs {
		d.Index = idx[d.File]
		idx[d.File]++
	}
	return docs, errs
}

func joinErrs(es []cueerrors.Error) cueerrors.Error {
	var out cueerrors.Error
	for _, e := range es {
		out = cueerrors.Append(out, e)
	}
	return out
}

// declaration finds where a job is declared: the label of the first
// field conjunct that is not a pattern constraint (`[string]: #Defaults`
// applies to every job and declares none).
func declaration(jv cue.Value, known map[string]bool) (string, token.Pos) {
	var best token.Pos
	for _, c := range conjuncts(jv) {
		f, ok := c.Source().(*ast.Field)
		if !ok {
			continue
		}
		if _, pattern := f.Label.(*ast.ListLit); pattern {
			continue
		}
		p := f.Label.Pos()
		if !p.IsValid() || !known[p.Filename()] {
			continue
		}
		if !best.IsValid() || p.Filename() < best.Filename() || p.Filename() == best.Filename() && p.Offset() < best.Offset() {
			best = p
		}
	}
	if best.IsValid() {
		return best.Filename(), best
	}
	if p := jv.Pos(); p.IsValid() && known[p.Filename()] {
		return p.Filename(), p
	}
	return "", token.NoPos
}

// conjuncts returns the values a field is the unification of (itself when
// it has one).
func conjuncts(v cue.Value) []cue.Value {
	if op, parts := v.Expr(); op == cue.AndOp && len(parts) > 1 {
		return parts
	}
	return []cue.Value{v}
}

// errAt makes an error at pos, or at the start of file when pos is unknown.
func errAt(pos token.Pos, file, msg string) *spec.Error {
	e := &spec.Error{File: file, Index: -1, Line: 1, Col: 1, Msg: msg}
	if pos.IsValid() {
		e.File, e.Line, e.Col = pos.Filename(), pos.Line(), pos.Column()
	}
	return e
}

// fromCUE turns CUE errors into spec errors with plain messages. The
// member path is relative to the job when job is set (jobPrefix is the
// job's field name under `jobs`).
func fromCUE(err error, file string, index int, job, jobPrefix, prefix string) []*spec.Error {
	var out []*spec.Error
	seen := map[string]bool{}
	for _, e := range cueerrors.Errors(err) {
		format, args := e.Msg()
		msg := fmt.Sprintf(format, args...)
		if strings.Contains(msg, "errors in empty disjunction") {
			continue // a summary; its parts are reported on their own
		}
		path := e.Path()
		if jobPrefix != "" && len(path) >= 2 && path[0] == JobsField {
			path = path[2:]
		}
		member := memberPath(path)
		positions := positionsOf(e, file)
		se := &spec.Error{File: file, Index: index, Line: 1, Col: 1, Path: member, Job: job}
		if len(positions) > 0 {
			p := positions[0]
			se.File, se.Line, se.Col = p.Filename(), p.Line(), p.Column()
		}
		se.Msg = prefix + plain(msg, member, positions, job != "")
		// One finding per member: a conflict under a default (*600 | int)
		// is reported once for each disjunct, and the first says it.
		key := member
		if member == "" {
			key = fmt.Sprintf("%s:%d:%d:%s", se.File, se.Line, se.Col, se.Msg)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, se)
		if job != "" && len(out) >= maxErrorsPerJob {
			break
		}
	}
	if len(out) == 0 {
		out = append(out, &spec.Error{File: file, Index: index, Line: 1, Col: 1, Msg: prefix + strings.TrimSpace(err.Error()), Job: job})
	}
	return out
}

// positionsOf lists an error's positions without duplicates: its own
// first, then those in file (the job's), then the others.
func positionsOf(e cueerrors.Error, file string) []token.Pos {
	var out []token.Pos
	seen := map[token.Pos]bool{}
	add := func(p token.Pos) {
		if p.IsValid() && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	add(e.Position())
	inputs := e.InputPositions()
	for _, p := range inputs {
		if p.Filename() == file {
			add(p)
		}
	}
	for _, p := range inputs {
		add(p)
	}
	return out
}

// plain rewrites CUE's terse messages into sentences that say what to do.
func plain(msg, member string, positions []token.Pos, inJob bool) string {
	subject := "the job"
	if member != "" {
		subject = "`" + member + "`"
	}
	also := ""
	if len(positions) > 1 {
		var ps []string
		for _, p := range positions[1:] {
			ps = append(ps, fmt.Sprintf("%s:%d:%d", p.Filename(), p.Line(), p.Column()))
		}
		also = " (see also " + strings.Join(ps, ", ") + ")"
	}
	switch {
	case strings.HasPrefix(msg, "conflicting values") && inJob:
		return subject + " has " + msg + "; a job can override only the defaults marked with *" + also
	case strings.HasPrefix(msg, "conflicting values"):
		return subject + " has " + msg + also
	case strings.HasPrefix(msg, "incomplete value"):
		what := strings.TrimSpace(strings.TrimPrefix(msg, "incomplete value"))
		return subject + " has no concrete value (only " + what + "): set it in the job or in the shared defaults" + also
	case strings.Contains(msg, "is required but not present"):
		return subject + " is required by the definitions the job unifies with, but the job does not set it" + also
	case msg == "field not allowed":
		return subject + " is not allowed by the closed definition the job unifies with (a #Definition allows only the members it declares)" + also
	}
	if member != "" {
		return subject + ": " + msg + also
	}
	return msg + also
}

// memberPath joins a CUE path the way findings name members:
// HumanTaskConfig.TaskKeywords[0].
func memberPath(path []string) string {
	var b strings.Builder
	for _, p := range path {
		if _, err := strconv.Atoi(p); err == nil {
			b.WriteString("[" + p + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		if uq, err := strconv.Unquote(p); err == nil {
			p = uq
		}
		b.WriteString(p)
	}
	return b.String()
}

// Files lists the .cue files directly in dir (not in subdirectories,
// which are packages of their own), skipping hidden files.
func Files(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || !e.Type().IsRegular() || !strings.EqualFold(filepath.Ext(name), ".cue") {
			continue
		}
		out = append(out, filepath.Join(dir, name))
	}
	sort.Strings(out)
	return out, nil
}
