package checks

// Shared by the GT8xxx checks: the worker task template named by
// HumanTaskConfig.UiConfig.UiTemplateS3Uri, read once per pass, and the
// small facts about crowd elements the rules need.
//
// Every GT8 finding carries the member path of UiTemplateS3Uri. Findings
// about the template's content are reported in the template file, at the
// element, attribute, filter or variable concerned; findings about the
// template as a whole (no <crowd-form>, no crowd-html-elements script, no
// expected element) at its first line.

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// gt8Path is the member every GT8 finding names.
const gt8Path = PathUITemplate

// gt8Template returns the local template and its artifact, or nil when the
// GT8 rules do not run: no local template (absent, an s3:// URI, or a file
// that GT1050 reports), or a task type that uses a Ground Truth UI
// (HumanTaskUiArn) instead of a template.
func gt8Template(p *Pass) (*artifacts.Template, *Artifact) {
	if p.typeKnown() && p.Job.Type.UI != "template" {
		return nil, nil
	}
	if p.Bad[gt8Path] {
		return nil, nil
	}
	a := p.Local(gt8Path)
	if a == nil || a.Err != nil {
		return nil, nil
	}
	v := p.Memo("gt8.template", func() any {
		t, err := artifacts.ReadTemplate(a.Path)
		if err != nil {
			return (*artifacts.Template)(nil)
		}
		return t
	})
	t, _ := v.(*artifacts.Template)
	if t == nil {
		return nil, nil
	}
	return t, a
}

// gt8Report reports rule at a position in the template.
func gt8Report(p *Pass, a *Artifact, rule string, pos artifacts.TemplatePos, format string, args ...any) {
	p.ReportFile(rule, a.Path, pos.Line, pos.Col, gt8Path, format, args...)
}

// gt8Top is the position of template-wide findings: the first line.
var gt8Top = artifacts.TemplatePos{Line: 1, Col: 1}

// gt8Annotation lists the crowd elements that collect a worker's answer
// (they have a name that keys the output), as opposed to layout elements
// such as crowd-card, crowd-alert or crowd-tabs. These must sit inside
// <crowd-form> (GT8020), and the instruction regions belong to them
// (GT8065, GT8070).
var gt8Annotation = map[string]bool{
	"crowd-bounding-box": true, "crowd-checkbox": true, "crowd-classifier": true,
	"crowd-classifier-multi-select": true, "crowd-entity-annotation": true,
	"crowd-image-classifier": true, "crowd-image-classifier-multi-select": true,
	"crowd-input": true, "crowd-instance-segmentation": true, "crowd-keypoint": true,
	"crowd-line": true, "crowd-polygon": true, "crowd-polyline": true,
	"crowd-radio-group": true, "crowd-radio-button": true,
	"crowd-semantic-segmentation": true, "crowd-slider": true, "crowd-text-area": true,
	"crowd-toggle-button": true,
}

// gt8RegionsOf maps each annotation element to its regions by name: the
// full-instructions, short-instructions and classification-target
// elements whose nearest enclosing annotation element it is. One linear
// pass per template (parents come before their children), shared through
// the pass memo.
func gt8RegionsOf(p *Pass, t *artifacts.Template) map[*artifacts.HTMLElement]map[string][]*artifacts.HTMLElement {
	v := p.Memo("gt8.regions", func() any {
		owner := make([]*artifacts.HTMLElement, len(t.Elements))
		out := map[*artifacts.HTMLElement]map[string][]*artifacts.HTMLElement{}
		for i, e := range t.Elements {
			if par := e.Parent; par != nil {
				if gt8Annotation[par.Name] {
					owner[i] = par
				} else {
					owner[i] = owner[par.Index]
				}
			}
			switch e.Name {
			case "full-instructions", "short-instructions", "classification-target":
				if w := owner[i]; w != nil {
					if out[w] == nil {
						out[w] = map[string][]*artifacts.HTMLElement{}
					}
					out[w][e.Name] = append(out[w][e.Name], e)
				}
			}
		}
		return out
	})
	m, _ := v.(map[*artifacts.HTMLElement]map[string][]*artifacts.HTMLElement)
	return m
}

// gt8Count caps findings of one rule in one template.
type gt8Count struct {
	p    *Pass
	a    *Artifact
	rule string
	n    int
}

func (c *gt8Count) report(pos artifacts.TemplatePos, format string, args ...any) {
	c.n++
	if c.n <= c.p.Cap() {
		gt8Report(c.p, c.a, c.rule, pos, format, args...)
	}
}

// done reports the findings past the cap as one summary.
func (c *gt8Count) done() {
	if c.n > c.p.Cap() {
		gt8Report(c.p, c.a, c.rule, gt8Top, "%s more %s findings in this template are not shown (%s in all).", commaInt(int64(c.n-c.p.Cap())), c.rule, commaInt(int64(c.n)))
	}
}

// ---- the label category file (GT8140) -----------------------------------

// gt8LabelCount is the number of entries in the local label category
// file's `labels` array, or -1 when it cannot be told (no local file, or
// not a JSON object with a `labels` array: GT5000/GT5010 report those).
func gt8LabelCount(p *Pass) int {
	root := p.LabelRoot()
	if root == nil {
		return -1
	}
	if l := root.Get("labels"); l == nil || l.Kind != artifacts.ArrayValue {
		return -1
	}
	return len(p.LabelEntries())
}

// gt8ReadPrefix reads at most limit bytes of a file.
func gt8ReadPrefix(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// ---- the manifest sample (GT8110, GT8160) --------------------------------

// gt8Sample is what the GT8 rules know of the input manifest: the
// top-level keys of its first lines, and which of them hold s3:// URIs.
type gt8Sample struct {
	Lines int             // lines that parsed as JSON objects
	Keys  map[string]bool // top-level keys seen
	S3    map[string]bool // keys with an s3:// string value on some line
	// Read is the number of lines read, and Whole whether that is the
	// whole manifest.
	Read  int
	Whole bool
}

// which names the lines sampled, for messages.
func (s *gt8Sample) which() string {
	if s.Whole {
		return "no manifest line"
	}
	return "none of the first " + commaInt(int64(s.Read)) + " manifest lines"
}

// Bounds of the sample: the first lines of the manifest only.
const (
	gt8SampleBytes = 4 << 20
	gt8SampleLines = 1000
)

// gt8ManifestSample reads the first lines of the local manifest, or
// returns nil when there is none (an s3:// URI, a streaming job, a file
// GT1050 reports) or no line parses.
func gt8ManifestSample(p *Pass) *gt8Sample {
	v := p.Memo("gt8.manifestsample", func() any {
		a := p.Local(PathManifest)
		if a == nil || a.Err != nil {
			return (*gt8Sample)(nil)
		}
		b, err := gt8ReadPrefix(a.Path, gt8SampleBytes+1)
		if err != nil {
			return (*gt8Sample)(nil)
		}
		s := &gt8Sample{Keys: map[string]bool{}, S3: map[string]bool{}, Whole: len(b) <= gt8SampleBytes}
		if len(b) > gt8SampleBytes {
			// Drop the last, probably partial, line.
			b = b[:gt8SampleBytes]
			if k := bytes.LastIndexByte(b, '\n'); k >= 0 {
				b = b[:k]
			}
		}
		b = bytes.TrimSuffix(b, []byte("\n"))
		for len(b) > 0 {
			if s.Read == gt8SampleLines {
				s.Whole = false
				break
			}
			line := b
			if k := bytes.IndexByte(b, '\n'); k >= 0 {
				line, b = b[:k], b[k+1:]
			} else {
				b = nil
			}
			s.Read++
			var obj map[string]json.RawMessage
			if json.Unmarshal(bytes.TrimSpace(line), &obj) != nil || obj == nil {
				continue
			}
			s.Lines++
			for k, raw := range obj {
				s.Keys[k] = true
				var str string
				if json.Unmarshal(raw, &str) == nil && strings.HasPrefix(str, "s3://") {
					s.S3[k] = true
				}
			}
		}
		if s.Lines == 0 {
			return (*gt8Sample)(nil)
		}
		return s
	})
	s, _ := v.(*gt8Sample)
	return s
}
