package checks

// The input manifest (ManifestS3Uri) when it is a local file: one streaming
// pass over it, shared by every GT6 check and GT2200 through
// p.Memo("manifest"). Each rule file registers its per-line function with
// mfRegister; the pass calls the functions of the rules that apply to the
// job for every line that is a JSON object, and keeps at most p.Cap()
// findings per rule and file (then one summary finding with the total), so
// a manifest of a million bad lines costs neither memory nor a million
// findings.
//
// GT6000 (UTF-8), GT6010 (JSON Lines) and GT6020 (line length) are found by
// the pass itself. A line that breaks GT6010 or GT6020 is not examined
// further: no other rule can read it.

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

// mfDef is the manifest half of a check: which jobs it applies to, what the
// scanner must record for it, and what it does per line and at the end.
type mfDef struct {
	Rules []string
	// Active reports whether the rules apply to this job (nil: always).
	Active func(p *Pass) bool
	// Begin prepares per-job state before the first line.
	Begin func(s *mfScan)
	// Options asks the scanner to record nested values.
	Options func(p *Pass, o *artifacts.ManifestOptions)
	// Line examines one line that is a JSON object.
	Line func(s *mfScan, l *artifacts.ManifestLine)
	// Report adds findings on the spec once the pass is done (counts).
	Report func(p *Pass, s *mfScan)
}

var mfDefs []*mfDef

// mfRegister registers a manifest check. Its Run reports the findings the
// pass kept for its rules (whichever function found them) and then calls
// Report.
func mfRegister(d mfDef) bool {
	def := &d
	mfDefs = append(mfDefs, def)
	return register(Check{
		Rules: d.Rules,
		Run: func(p *Pass) {
			s := mfGet(p)
			if s == nil {
				return
			}
			for _, id := range def.Rules {
				s.emit(p, id)
			}
			if def.Report != nil && s.active[def] {
				def.Report(p, s)
			}
		},
	})
}

// mfMaxBuckets bounds the distinct source-ref buckets remembered.
const mfMaxBuckets = 1000

// mfScan is the outcome of one pass over the local manifest; the value of
// p.Memo("manifest").
type mfScan struct {
	p *Pass
	// Path is the manifest as shown to the user.
	Path string
	// Lines counts the lines that hold something (blank lines do not
	// count; lines that are not valid JSON do). Objects counts the lines
	// that are JSON objects.
	Lines, Objects int
	// Buckets maps each distinct bucket named by an s3:// source-ref to the
	// first line naming it (at most mfMaxBuckets), for bucket rules.
	Buckets map[string]int

	cap    int
	found  map[mfKey]*mfFindings
	order  []mfKey
	active map[*mfDef]bool

	// State of the individual rules.
	typ            *groundtruth.TaskType
	labelAttr      string // GT2200
	labelCount     int
	labelLine      int
	auditName      string // GT6300, frame audits
	auditMeta      string
	auditWant      string // GT6300, image audits: the metadata type
	auditStreaming bool
	seqSeen        map[string]bool
}

type mfKey struct{ rule, file string }

type mfFinding struct {
	line, col int
	path, msg string
	warn      bool
}

type mfFindings struct {
	items    []mfFinding
	total    int
	overLine int // the first line past the cap
	warn     bool
}

// mfGet returns the shared pass over the local manifest, running it on
// first use; nil when there is no readable local manifest.
func mfGet(p *Pass) *mfScan {
	v := p.Memo("manifest", func() any {
		a := p.Local(PathManifest)
		if a == nil || a.Err != nil {
			return (*mfScan)(nil)
		}
		return mfRun(p, a)
	})
	s, _ := v.(*mfScan)
	return s
}

func mfRun(p *Pass, a *Artifact) *mfScan {
	s := &mfScan{p: p, Path: a.Path, cap: p.Cap(), found: map[mfKey]*mfFindings{}, active: map[*mfDef]bool{}}
	if p.Job != nil {
		s.typ = p.Job.Type
	}
	var opts artifacts.ManifestOptions
	var lineFns []func(*mfScan, *artifacts.ManifestLine)
	for _, d := range mfDefs {
		if d.Active != nil && !d.Active(p) {
			continue
		}
		s.active[d] = true
		if d.Begin != nil {
			d.Begin(s)
		}
		if d.Options != nil {
			d.Options(p, &opts)
		}
		if d.Line != nil {
			lineFns = append(lineFns, d.Line)
		}
	}
	f, err := os.Open(a.Path)
	if err != nil {
		s.add("GT6010", s.Path, 1, 1, "", false, "The input manifest %s cannot be read: %v.", s.Path, err)
		return s
	}
	defer f.Close()
	sc := artifacts.NewManifestScanner(f, opts)
	for sc.Next() {
		l := sc.Line()
		n := l.Num
		if l.TooLong {
			s.Lines++
			s.add("GT6020", s.Path, n, 1, "", false, "Line %d is %s characters; each manifest object can be at most 100,000 characters.", n, commaInt(int64(l.LineChars)))
			continue
		}
		if l.Blank {
			s.add("GT6010", s.Path, n, 1, "", false, "Line %d is blank; each manifest line must hold exactly one JSON object (JSON Lines), with no blank lines.", n)
			continue
		}
		s.Lines++
		if l.BadUTF8 >= 0 {
			s.add("GT6000", s.Path, n, l.Column(l.BadUTF8), "", false, "Line %d: the input manifest must be UTF-8 encoded (byte 0x%02x is not valid UTF-8).", n, l.Src[l.BadUTF8])
		}
		if !l.IsObject() {
			why := fmt.Sprintf("%s at column %d", l.SyntaxErr, l.Column(l.ErrOffset))
			col := l.Column(l.ErrOffset)
			switch {
			case l.NotObject:
				why, col = "it holds a JSON "+l.Root().Kind.String()+", not an object", 1
			case n == 1 && bytes.HasPrefix(l.Src, []byte("\xef\xbb\xbf")):
				why, col = "the file starts with a UTF-8 byte order mark; save it without one", 1
			}
			s.add("GT6010", s.Path, n, col, "", false, "Line %d is not a complete JSON object (%s); each manifest line must hold exactly one JSON object (JSON Lines).", n, why)
			continue
		}
		s.Objects++
		for _, fn := range lineFns {
			fn(s, l)
		}
	}
	if err := sc.Err(); err != nil {
		s.add("GT6010", s.Path, 1, 1, "", false, "The input manifest %s could not be read to the end: %v.", s.Path, err)
	}
	return s
}

// add keeps a finding unless the cap for its rule and file is reached;
// every finding counts towards the total.
func (s *mfScan) add(rule, file string, line, col int, path string, warn bool, format string, args ...any) {
	k := mfKey{rule, file}
	f := s.found[k]
	if f == nil {
		f = &mfFindings{}
		s.found[k] = f
		s.order = append(s.order, k)
	}
	f.total++
	if len(f.items) < s.cap {
		f.items = append(f.items, mfFinding{line: line, col: col, path: path, msg: fmt.Sprintf(format, args...), warn: warn})
		return
	}
	if f.total == s.cap+1 {
		f.overLine, f.warn = line, warn
	}
}

// at is add for a value on a manifest line.
func (s *mfScan) at(rule string, l *artifacts.ManifestLine, n *artifacts.TreeNode, path string, format string, args ...any) {
	col := 1
	if n != nil {
		col = l.Column(int(n.Start))
	}
	s.add(rule, s.Path, l.Num, col, path, false, format, args...)
}

// emit reports what the pass kept for rule.
func (s *mfScan) emit(p *Pass, rule string) {
	for _, k := range s.order {
		if k.rule != rule {
			continue
		}
		f := s.found[k]
		for _, it := range f.items {
			p.ReportFile(rule, k.file, it.line, it.col, it.path, "%s", it.msg)
			if it.warn {
				mfDowngrade(p)
			}
		}
		if more := f.total - len(f.items); more > 0 {
			what := "lines"
			if k.file != s.Path {
				what = "findings"
			}
			p.ReportFile(rule, k.file, f.overLine, 1, "", "%s: %s more %s in this file (%s in total); only the first %d are reported.",
				rules.MustGet(rule).Title, commaInt(int64(more)), what, commaInt(int64(f.total)), len(f.items))
			if f.warn {
				mfDowngrade(p)
			}
		}
	}
}

// mfDowngrade makes the finding just reported a warning: for rules whose
// severity depends on the case (GT6300 is an error for frame jobs and a
// warning for image jobs).
func mfDowngrade(p *Pass) {
	if out := p.Findings(); len(out) > 0 {
		out[len(out)-1].Severity = rules.Warning
	}
}

// Helpers on the job, kept apart from other files' names.

func mfKind(p *Pass) string {
	if p.Job == nil || p.Job.Type == nil {
		return ""
	}
	return p.Job.Type.ManifestKind
}

func mfStreaming(p *Pass) bool {
	n := p.Root.Lookup("InputConfig.DataSource.SnsDataSource")
	return n != nil && n.Kind == spec.Map
}

func mfSequence(p *Pass) bool {
	k := mfKind(p)
	return k == "point-cloud sequence" || k == "video-frame sequence"
}

// mfS3 splits an s3://bucket/key URI; ok is false unless both parts are
// non-empty.
func mfS3(uri []byte) (bucket, key []byte, ok bool) {
	const scheme = "s3://"
	if len(uri) < len(scheme) || string(uri[:len(scheme)]) != scheme {
		return nil, nil, false
	}
	rest := uri[len(scheme):]
	i := 0
	for i < len(rest) && rest[i] != '/' {
		i++
	}
	if i == 0 || i >= len(rest)-1 {
		return nil, nil, false
	}
	return rest[:i], rest[i+1:], true
}

// mfHasExt reports whether name ends with one of exts, ignoring case.
func mfHasExt(name []byte, exts ...string) bool {
	for _, e := range exts {
		if len(name) >= len(e) && strings.EqualFold(string(name[len(name)-len(e):]), e) {
			return true
		}
	}
	return false
}

// GT6000, GT6010, GT6020: found by the pass itself.
var _ = mfRegister(mfDef{Rules: []string{"GT6000", "GT6010", "GT6020"}})
