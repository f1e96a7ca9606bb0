package checks

import (
	"github.com/gtctl/gtctl/pkg/artifacts"
)

// GT8080, GT8090 and GT8100: the template's Liquid.

var _ = register(Check{
	Rules: []string{"GT8080"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8080"}
		for _, e := range t.Errors {
			c.report(e.Pos, "Liquid syntax error at line %d: %s.", e.Pos.Line, e.Msg)
		}
		c.n += t.ErrorCount - len(t.Errors)
		c.done()
	},
})

var _ = register(Check{
	Rules: []string{"GT8090"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8090"}
		for _, f := range t.Filters {
			if artifacts.KnownLiquidFilter(f.Name) {
				continue
			}
			if s := gt8SuggestFilter(f.Name); s != "" {
				c.report(f.Pos, "Unknown Liquid filter `%s`; did you mean `%s`?", f.Name, s)
			} else {
				c.report(f.Pos, "Unknown Liquid filter `%s`.", f.Name)
			}
		}
		c.done()
	},
})

// gt8SuggestFilter returns the known filter closest to name (at most two
// edits away, ignoring underscores and case), or "".
func gt8SuggestFilter(name string) string {
	norm := func(s string) []rune {
		var out []rune
		for _, r := range s {
			switch {
			case r == '_' || r == '-':
			case r >= 'A' && r <= 'Z':
				out = append(out, r+'a'-'A')
			default:
				out = append(out, r)
			}
		}
		return out
	}
	if len(name) > 64 {
		return ""
	}
	n := norm(name)
	best, bestD := "", 3
	for _, f := range artifacts.LiquidFilterNames() {
		if d := gt8Distance(n, norm(f)); d < bestD {
			best, bestD = f, d
		}
	}
	return best
}

// gt8Distance is the Levenshtein distance between a and b.
func gt8Distance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var _ = register(Check{
	Rules: []string{"GT8100"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8100"}
		for _, f := range t.Filters {
			if f.Name == "skip_autoescape" {
				c.report(f.Pos, "`skip_autoescape` disables HTML escaping; only use it on trusted content (XSS risk).")
			}
		}
		c.done()
	},
})
