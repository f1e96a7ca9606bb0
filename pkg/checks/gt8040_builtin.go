package checks

import (
	"slices"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// GT8040 and GT8050: a built-in, non-audit task type's template should be
// the documented one with new instructions and header: it uses the
// documented crowd element (GT8040) with the documented data bindings
// (GT8050). Audit types are GT8170's; custom types may use any element.

// gt8Builtin returns the expected element of a built-in non-audit task
// type, or "" when the rules do not apply.
func gt8Builtin(p *Pass) string {
	if !p.typeKnown() || p.Job.Audit() || p.Job.Type.Custom() {
		return ""
	}
	return p.Job.Type.CrowdElement
}

var _ = register(Check{
	Rules: []string{"GT8040"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		el := gt8Builtin(p)
		if t == nil || el == "" || len(t.Named(el)) > 0 {
			return
		}
		gt8Report(p, a, "GT8040", gt8Top, "`%s` templates should be based on the documented `%s` template (copy it and change only the instructions and header); this template has no `<%s>`.", p.Job.TaskType, el, el)
	},
})

const gt8Bindings = "Keep the documented bindings (`task.input.labels | to_json | escape`, `task.input.taskObject | grant_read_access`); only instructions and header should change."

var _ = register(Check{
	Rules: []string{"GT8050"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		el := gt8Builtin(p)
		if t == nil || el == "" {
			return
		}
		els := t.Named(el)
		if len(els) == 0 {
			return // GT8040
		}
		// An attribute GT8060 requires is GT8060's when it is missing.
		required := gt8Required[el]
		list := "categories"
		if el == "crowd-bounding-box" || el == "crowd-semantic-segmentation" {
			list = "labels"
		}
		group := p.Job.Type.Group
		for _, e := range els {
			switch at := e.Attr(list); {
			case at == nil && !slices.Contains(required, list):
				gt8Report(p, a, "GT8050", e.Pos, "`<%s>` has no `%s` attribute. %s", el, list, gt8Bindings)
			case at != nil && !gt8AttrReads(t, at, "task.input.labels", "to_json"):
				gt8Report(p, a, "GT8050", at.Pos, "`%s` of `<%s>` does not use `task.input.labels | to_json`. %s", list, el, gt8Bindings)
			}
			switch group {
			case "IMAGE":
				// Reading taskObject without grant_read_access is GT8110's.
				switch at := e.Attr("src"); {
				case at == nil && !slices.Contains(required, "src"):
					gt8Report(p, a, "GT8050", e.Pos, "`<%s>` has no `src` attribute. %s", el, gt8Bindings)
				case at != nil && !gt8AttrReads(t, at, "task.input.taskObject", ""):
					gt8Report(p, a, "GT8050", at.Pos, "`src` of `<%s>` does not use `task.input.taskObject | grant_read_access`. %s", el, gt8Bindings)
				}
			case "TEXT":
				targets := gt8RegionsOf(p, t)[e]["classification-target"]
				if len(targets) == 0 {
					if el != "crowd-classifier" { // GT8065 covers crowd-classifier
						gt8Report(p, a, "GT8050", e.Pos, "`<%s>` has no `<classification-target>` showing `task.input.taskObject`. %s", el, gt8Bindings)
					}
					continue
				}
				shown := false
				for _, tg := range targets {
					for _, o := range t.OutputsIn(tg.TagEnd, tg.End) {
						shown = shown || o.Reads("task.input.taskObject")
					}
				}
				if !shown {
					gt8Report(p, a, "GT8050", targets[0].Pos, "`<classification-target>` of `<%s>` does not show `{{ task.input.taskObject }}`. %s", el, gt8Bindings)
				}
			}
		}
		if group == "VIDEOCLIP" {
			// The documented template plays task.input.taskObject in a
			// <video> (its <source> elements).
			var video *artifacts.HTMLElement
			for _, v := range t.Elements {
				if v.Name != "video" && v.Name != "source" {
					continue
				}
				if video == nil && v.Name == "video" {
					video = v
				}
				if at := v.Attr("src"); at != nil && gt8AttrReads(t, at, "task.input.taskObject", "") {
					return
				}
			}
			pos := els[0].Pos
			if video != nil {
				pos = video.Pos
			}
			gt8Report(p, a, "GT8050", pos, "No `<video>` or `<source>` plays `task.input.taskObject | grant_read_access`. %s", gt8Bindings)
		}
	},
})

// gt8AttrReads reports whether an attribute value holds an output that
// reads path, through filter when filter is not "".
func gt8AttrReads(t *artifacts.Template, at *artifacts.HTMLAttr, path, filter string) bool {
	for _, o := range t.OutputsIn(at.ValueStart, at.ValueEnd) {
		if o.Reads(path) && (filter == "" || o.HasFilter(filter)) {
			return true
		}
	}
	return false
}
