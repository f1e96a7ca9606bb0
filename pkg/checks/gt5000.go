package checks

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// LabelDoc is the local label category file of a pass, read and parsed
// once (p.Memo("labels")) and shared by every rule that reads it: the
// GT5xxx family, the GT2 file rules, and template rules that count labels.
type LabelDoc struct {
	Artifact *Artifact
	// File is the parsed file; nil when it could not be read or is not
	// strict JSON (Err says why, and GT5000 reports it).
	File *artifacts.JSONFile
	Err  error
}

// LabelDoc returns the label category file named by LabelCategoryConfigS3Uri
// when that is a usable local path, or nil: absent, an s3:// URI (file
// rules don't run offline), or a path GT1050 reports.
func (p *Pass) LabelDoc() *LabelDoc {
	v := p.Memo("labels", func() any {
		a := p.Local(PathLabelFile)
		if a == nil || a.Err != nil {
			return (*LabelDoc)(nil)
		}
		f, err := artifacts.ReadLabels(a.Path)
		return &LabelDoc{Artifact: a, File: f, Err: err}
	})
	d, _ := v.(*LabelDoc)
	return d
}

// LabelRoot returns the parsed label file's top-level value, or nil when
// there is no parsed local label file.
func (p *Pass) LabelRoot() *artifacts.Value {
	d := p.LabelDoc()
	if d == nil || d.File == nil {
		return nil
	}
	return d.File.Root
}

// LabelEntries returns the items of the label file's "labels" array, or
// nil when there is no parsed local file or no such array (GT5010).
func (p *Pass) LabelEntries() []artifacts.Value {
	l := p.LabelRoot().Get("labels")
	if l == nil || l.Kind != artifacts.ArrayValue {
		return nil
	}
	return l.Kids
}

// lblReporter reports findings inside one referenced file, at most
// p.Cap() per rule, then one summary finding with the total.
type lblReporter struct {
	p     *Pass
	file  string
	count map[string]int
	order []string
}

func (p *Pass) lblReporter(file string) *lblReporter {
	return &lblReporter{p: p, file: file, count: map[string]int{}}
}

func (r *lblReporter) report(rule string, pos artifacts.Pos, path, format string, args ...any) {
	n := r.count[rule]
	if n == 0 {
		r.order = append(r.order, rule)
	}
	r.count[rule] = n + 1
	if n < r.p.Cap() {
		r.p.ReportFile(rule, r.file, pos.Line, pos.Col, path, format, args...)
	}
}

// at reports at the start of value v (the object that should hold a
// missing member, when path names that member).
func (r *lblReporter) at(rule string, v *artifacts.Value, path, format string, args ...any) {
	r.report(rule, v.ValuePos(), path, format, args...)
}

// atKey reports at the key of member v.
func (r *lblReporter) atKey(rule string, v *artifacts.Value, path, format string, args ...any) {
	r.report(rule, v.KeyPos(), path, format, args...)
}

// done adds the summary findings for rules past the cap.
func (r *lblReporter) done() {
	for _, rule := range r.order {
		if n := r.count[rule]; n > r.p.Cap() {
			r.p.ReportFile(rule, r.file, 1, 1, "", "%s more %s findings in this file are not shown (%s in all).", commaInt(int64(n-r.p.Cap())), rule, commaInt(int64(n)))
		}
	}
}

// labelCtx is what a label-file rule works with: the parsed top-level
// object, the format that applies and a capped reporter.
type labelCtx struct {
	*lblReporter
	root *artifacts.Value
	// known: the task type is resolved, so the format is known. frame:
	// the 3D point cloud / video frame format (§0.4 FRAME).
	known, frame bool
	key          string
}

// labelCtx returns the context for label-file rules, or nil when there is
// no parsed label file whose top level is an object (GT5000/GT5010).
func (p *Pass) labelCtx() *labelCtx {
	d := p.LabelDoc()
	if d == nil || d.File == nil || d.File.Root.Kind != artifacts.ObjectValue {
		return nil
	}
	c := &labelCtx{lblReporter: p.lblReporter(d.Artifact.Path), root: d.File.Root}
	if p.typeKnown() {
		c.known, c.frame, c.key = true, p.Job.Type.Frame(), p.Job.TaskType
	}
	return c
}

// labels returns the labels array, or nil (GT5010).
func (c *labelCtx) labels() *artifacts.Value {
	l := c.root.Get("labels")
	if l == nil || l.Kind != artifacts.ArrayValue {
		return nil
	}
	return l
}

// GT5000: the label category file must be strict JSON. Repeated keys are
// reported here too: RFC 8259 says names SHOULD be unique, parsers differ
// in which value they keep, and in a label file a repeat silently drops
// data (a second "labels" array, a label's second "label").
var _ = register(Check{
	Rules: []string{"GT5000"},
	Run: func(p *Pass) {
		d := p.LabelDoc()
		if d == nil {
			return
		}
		if d.Err != nil {
			var se *artifacts.JSONError
			if errors.As(d.Err, &se) {
				p.ReportFile("GT5000", d.Artifact.Path, se.Line, se.Col, se.Path, "Label category file is not valid JSON: %s (line %d, column %d).", se.Msg, se.Line, se.Col)
				return
			}
			p.ReportNode("GT5000", d.Artifact.Node, PathLabelFile, "Label category file %s cannot be read: %v.", d.Artifact.Path, d.Err)
			return
		}
		r := p.lblReporter(d.Artifact.Path)
		for _, dup := range d.File.Duplicates {
			where := "at the top level"
			if parent := lblParentPath(dup.Path); parent != "" {
				where = fmt.Sprintf("in `%s`", parent)
			}
			r.report("GT5000", dup.Pos, dup.Path, "Label category file is not valid JSON for Ground Truth: the key `%s` appears twice %s (first at %d:%d); parsers keep only one of the values, so the other is silently lost. Remove or rename one.", dup.Key, where, dup.First.Line, dup.First.Col)
		}
		r.done()
	},
})

// lblParentPath strips the last segment of a JSON path.
func lblParentPath(path string) string {
	if strings.HasSuffix(path, "\"]") {
		if i := strings.LastIndex(path, "[\""); i >= 0 {
			return path[:i]
		}
	}
	for i := len(path) - 1; i >= 0; i-- {
		switch path[i] {
		case '.':
			return path[:i]
		case '[':
			if i > 0 || path[len(path)-1] == ']' {
				return path[:i]
			}
		}
	}
	return ""
}
