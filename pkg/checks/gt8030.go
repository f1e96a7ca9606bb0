package checks

import "strings"

// GT8030: every documented template loads the crowd-html-elements script,
// which defines the crowd-* elements.
var _ = register(Check{
	Rules: []string{"GT8030"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		for _, e := range t.Named("script") {
			if src := e.Attr("src"); src != nil && gt8CrowdScript(src.Value) {
				return
			}
		}
		gt8Report(p, a, "GT8030", gt8Top, "Add `<script src=\"https://assets.crowd.aws/crowd-html-elements.js\"></script>` (every documented template includes it); this template does not load it.")
	},
})

// gt8CrowdScript reports whether a script src is the crowd-html-elements
// script (with or without a scheme).
func gt8CrowdScript(src string) bool {
	s := strings.ToLower(strings.TrimSpace(src))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https:"), "http:")
	return s == "//assets.crowd.aws/crowd-html-elements.js"
}
