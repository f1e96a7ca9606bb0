package checks

import (
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// GT8060, GT8065, GT8070 and GT8120: what the crowd elements themselves
// require, whatever the task type. GT8120 fires on <crowd-input … /> unless
// the end tag follows at once: HTML ignores the slash, so the element stays
// open and swallows what follows it.

// gt8Required lists each element's required attributes (GT8060).
var gt8Required = map[string][]string{
	"crowd-image-classifier":              {"categories", "header", "name", "src"},
	"crowd-image-classifier-multi-select": {"categories", "header", "name", "src"},
	"crowd-classifier-multi-select":       {"categories", "header", "name"},
	"crowd-bounding-box":                  {"name"},
	"crowd-semantic-segmentation":         {"name"},
	"crowd-classifier":                    {"name"},
}

var _ = register(Check{
	Rules: []string{"GT8060"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8060"}
		for _, e := range t.Elements {
			for _, attr := range gt8Required[e.Name] {
				if e.Attr(attr) == nil {
					c.report(e.Pos, "`<%s>` is missing required attribute `%s`.", e.Name, attr)
				}
			}
		}
		c.done()
	},
})

// gt8MissingRegions lists, as `<name>`, the regions of want that are not
// in regions.
func gt8MissingRegions(regions map[string][]*artifacts.HTMLElement, want ...string) string {
	var out []string
	for _, r := range want {
		if len(regions[r]) == 0 {
			out = append(out, "`<"+r+">`")
		}
	}
	return strings.Join(out, " or ")
}

var _ = register(Check{
	Rules: []string{"GT8065"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8065"}
		for _, e := range t.Named("crowd-classifier") {
			if missing := gt8MissingRegions(gt8RegionsOf(p, t)[e], "classification-target", "full-instructions", "short-instructions"); missing != "" {
				c.report(e.Pos, "`crowd-classifier` must contain `<classification-target>`, `<full-instructions>` and `<short-instructions>`; this one has no %s.", missing)
			}
		}
		c.done()
	},
})

var _ = register(Check{
	Rules: []string{"GT8070"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8070"}
		for _, e := range t.Named("crowd-bounding-box") {
			if missing := gt8MissingRegions(gt8RegionsOf(p, t)[e], "full-instructions", "short-instructions"); missing != "" {
				c.report(e.Pos, "`crowd-bounding-box` should contain `<full-instructions>` and `<short-instructions>`; this one has no %s.", missing)
			}
		}
		c.done()
	},
})

var _ = register(Check{
	Rules: []string{"GT8120"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8120"}
		for _, e := range t.Named("crowd-input") {
			// <crowd-input … /></crowd-input> (as in an AWS example) is
			// harmless: HTML ignores the slash and the end tag closes it.
			if e.SelfClosing && !(e.Closed && strings.TrimSpace(t.Src[e.TagEnd:e.End]) == "") {
				c.report(e.Pos, "`crowd-input` can't be self-closed; write `<crowd-input …></crowd-input>`.")
			}
		}
		c.done()
	},
})
