package lint

import "github.com/gtctl/gtctl/pkg/checks"

// checksRules lists the rule IDs the registered checks may report.
func checksRules() []string {
	var out []string
	for _, c := range checks.All() {
		out = append(out, c.Rules...)
	}
	return out
}
