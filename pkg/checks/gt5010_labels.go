package checks

import (
	"fmt"
	"github.com/gtctl/gtctl/pkg/didyoumean"
	"strings"
	"unicode/utf8"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// The "labels" array: its presence (GT5010), the shape of its entries
// (GT5040), uniqueness (GT5050, GT5055), the label count per task type
// (GT5060, GT5070), name lengths (GT5080, GT5090) and the catch-all label
// of multi-label jobs (GT5300).

// GT5010: a top-level object with a "labels" array.
var _ = register(Check{
	Rules: []string{"GT5010"},
	Run: func(p *Pass) {
		d := p.LabelDoc()
		if d == nil || d.File == nil {
			return
		}
		r := p.lblReporter(d.Artifact.Path)
		root := d.File.Root
		if root.Kind != artifacts.ObjectValue {
			r.at("GT5010", root, "", "Label category file must be a JSON object with a `labels` array; its top level is %s.", lblKindPhrase(root))
			return
		}
		l := root.Get("labels")
		switch {
		case l == nil:
			hint := ""
			if k := lblLabelsNearMiss(root); k != nil {
				hint = fmt.Sprintf(" It has `%s`: did you mean `labels`?", k.Key)
			}
			r.at("GT5010", root, "labels", "Label category file must be a JSON object with a `labels` array; there is no `labels` member.%s", hint)
		case l.Kind != artifacts.ArrayValue:
			r.at("GT5010", l, "labels", "Label category file must be a JSON object with a `labels` array; `labels` is %s.", lblKindPhrase(l))
		}
	},
})

// lblLabelsNearMiss returns a top-level member that looks like a misspelled
// "labels" when "labels" itself is missing; GT5010 names it and GT5100
// leaves it alone.
func lblLabelsNearMiss(root *artifacts.Value) *artifacts.Value {
	if root.Get("labels") != nil {
		return nil
	}
	for i := range root.Kids {
		k := &root.Kids[i]
		if strings.EqualFold(k.Key, "labels") || didyoumean.Distance(strings.ToLower(k.Key), "labels") <= 2 {
			return k
		}
	}
	return nil
}

// lblKindPhrase names a JSON value's type for a message: "an array", "the
// string \"cat\"".
func lblKindPhrase(v *artifacts.Value) string {
	switch v.Kind {
	case artifacts.StringValue:
		return fmt.Sprintf("the string %s", lblQuote(v.Text))
	case artifacts.NumberValue:
		return "the number " + v.Text
	case artifacts.BoolValue:
		return v.Text
	case artifacts.NullValue:
		return "null"
	case artifacts.ObjectValue:
		return "an object"
	}
	return "an array"
}

// lblQuote quotes s for a message, shortening long text.
func lblQuote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		return fmt.Sprintf("%q…", string(r[:37]))
	}
	return fmt.Sprintf("%q", s)
}

func lblPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// lblEntry is one well-formed labels[] entry.
type lblEntry struct {
	i     int
	label *artifacts.Value // the "label" string
}

// path is the entry's label path, labels[i].label; built only for a
// finding, since a label file may hold a million entries.
func (e lblEntry) path() string { return lblLabelPath(e.i, "label") }

// lblLabelPath is labels[i] or labels[i].<member>.
func lblLabelPath(i int, member string) string {
	p := artifacts.IndexPath("labels", i)
	if member == "" {
		return p
	}
	return artifacts.MemberPath(p, member)
}

// lblGoodLabels returns the entries with a non-empty string "label".
func lblGoodLabels(l *artifacts.Value) []lblEntry {
	out := make([]lblEntry, 0, len(l.Kids))
	for i := range l.Kids {
		if v := l.Kids[i].Get("label"); v != nil && v.Kind == artifacts.StringValue && v.Text != "" {
			out = append(out, lblEntry{i, v})
		}
	}
	return out
}

// GT5040: each entry is an object with a non-empty string "label".
var _ = register(Check{
	Rules: []string{"GT5040"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil {
			return
		}
		l := c.labels()
		if l == nil {
			return
		}
		for i := range l.Kids {
			e := &l.Kids[i]
			if lv := e.Get("label"); lv != nil && lv.Kind == artifacts.StringValue && lv.Text != "" {
				continue
			}
			path := lblLabelPath(i, "")
			if e.Kind != artifacts.ObjectValue {
				fix := ""
				if e.Kind == artifacts.StringValue {
					fix = fmt.Sprintf(" Write {\"label\": %s}.", lblQuote(e.Text))
				}
				c.at("GT5040", e, path, "Each `labels[]` entry must be an object with a non-empty string `label`; `%s` is %s.%s", path, lblKindPhrase(e), fix)
				continue
			}
			lv := e.Get("label")
			switch {
			case lv == nil:
				c.at("GT5040", e, artifacts.MemberPath(path, "label"), "Each `labels[]` entry must be an object with a non-empty string `label`; `%s` has no `label`.", path)
			case lv.Kind != artifacts.StringValue:
				c.at("GT5040", lv, artifacts.MemberPath(path, "label"), "Each `labels[]` entry must be an object with a non-empty string `label`; `%s.label` is %s.", path, lblKindPhrase(lv))
			case lv.Text == "":
				c.at("GT5040", lv, artifacts.MemberPath(path, "label"), "Each `labels[]` entry must be an object with a non-empty string `label`; `%s.label` is empty.", path)
			}
		}
		c.done()
	},
})

// GT5050 and GT5055: labels are unique, also after folding case and
// trimming spaces. Each entry gets at most one of the two findings, at the
// later of the pair.
var _ = register(Check{
	Rules: []string{"GT5050", "GT5055"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil {
			return
		}
		l := c.labels()
		if l == nil {
			return
		}
		// One map on the folded form; exact repeats are told apart only
		// within a group that folds together, which is rare.
		good := lblGoodLabels(l)
		folded := make(map[string]int, len(good))
		var exact map[string]int
		for gi, e := range good {
			s := e.label.Text
			f := strings.ToLower(strings.TrimSpace(s))
			fi, ok := folded[f]
			if !ok {
				folded[f] = gi
				continue
			}
			first := good[fi]
			if first.label.Text == s {
				c.at("GT5050", e.label, e.path(), "Label %s is listed more than once (first as labels[%d]); label categories must be unique.", lblQuote(s), first.i)
				continue
			}
			if exact == nil {
				exact = map[string]int{}
			}
			if j, ok := exact[s]; ok {
				c.at("GT5050", e.label, e.path(), "Label %s is listed more than once (first as labels[%d]); label categories must be unique.", lblQuote(s), j)
				continue
			}
			exact[s] = e.i
			c.at("GT5055", e.label, e.path(), "Labels %s (labels[%d]) and %s differ only in case or spacing; workers would see two classes for one thing.", lblQuote(first.label.Text), first.i, lblQuote(s))
		}
		c.done()
	},
})

// GT5060 and GT5070: the label count is within the task type's API quota
// (§1; with automated labeling, semantic segmentation allows 20).
var _ = register(Check{
	Rules: []string{"GT5060", "GT5070"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !c.known {
			return
		}
		l := c.labels()
		if l == nil {
			return
		}
		t := p.Job.Type
		n := l.Len()
		if n < t.LabelsMin {
			c.at("GT5060", l, "labels", "`%s` needs at least %d label %s (found %d).", c.key, t.LabelsMin, lblPlural(t.LabelsMin, "category", "categories"), n)
			return
		}
		max, adl := t.LabelsMax, false
		if p.Has("LabelingJobAlgorithmsConfig") && t.LabelsMaxWithADL > 0 && (max == 0 || t.LabelsMaxWithADL < max) {
			max, adl = t.LabelsMaxWithADL, true
		}
		if max > 0 && n > max {
			with := ""
			if adl {
				with = " with automated data labeling (LabelingJobAlgorithmsConfig)"
			}
			c.at("GT5070", l, "labels", "`%s` allows at most %d label categories through the API%s (found %s).", c.key, max, with, commaInt(int64(n)))
		}
	},
})

// GT5080 and GT5090: label name lengths, in characters. A frame-format
// label gets only GT5090 (1–16), which a name over 256 breaks as well.
var _ = register(Check{
	Rules: []string{"GT5080", "GT5090"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil {
			return
		}
		l := c.labels()
		if l == nil {
			return
		}
		for _, e := range lblGoodLabels(l) {
			n := utf8.RuneCountInString(e.label.Text)
			switch {
			case c.frame && n > 16:
				c.at("GT5090", e.label, e.path(), "3D point cloud / video frame label names must be 1–16 characters (%s has %d).", lblQuote(e.label.Text), n)
			case !c.frame && n > 256:
				c.at("GT5080", e.label, e.path(), "Label names can't exceed 256 characters (%s has %d).", lblQuote(e.label.Text), n)
			}
		}
		c.done()
	},
})

// lblCatchAll are the label names GT5300 accepts as a "none" choice.
var lblCatchAll = map[string]bool{"none": true, "other": true, "none of the above": true, "n/a": true}

// GT5300: multi-label classification offers no built-in "none".
var _ = register(Check{
	Rules: []string{"GT5300"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || c.key != "ImageMultiClassMultiLabel" && c.key != "TextMultiClassMultiLabel" {
			return
		}
		l := c.labels()
		if l == nil || l.Len() > len(l.Kids) {
			return // past MaxKeptChildren the labels are not all there to look at
		}
		good := lblGoodLabels(l)
		if len(good) == 0 {
			return
		}
		for _, e := range good {
			if lblCatchAll[strings.ToLower(strings.TrimSpace(e.label.Text))] {
				return
			}
		}
		c.at("GT5300", l, "labels", "Ground Truth provides no \"none\" option for multi-label jobs; consider adding a label like \"none\" or \"other\" (`%s` has %d %s and none of them is a catch-all).", c.key, len(good), lblPlural(len(good), "label", "labels"))
	},
})
