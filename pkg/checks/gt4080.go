package checks

import "github.com/gtctl/gtctl/pkg/groundtruth"

// GT4080: Mechanical Turk workers find tasks by their keywords.
var _ = register(Check{
	Rules: []string{"GT4080"},
	Run: func(p *Pass) {
		const path = "HumanTaskConfig.TaskKeywords"
		if workforceForRules(p) != groundtruth.WorkforceMTurk || p.Has(path) {
			return
		}
		p.Reportf("GT4080", path, "Add HumanTaskConfig.TaskKeywords so Mechanical Turk workers can find your task.")
	},
})
