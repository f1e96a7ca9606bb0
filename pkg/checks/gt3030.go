package checks

import "github.com/gtctl/gtctl/pkg/groundtruth"

// GT3030, GT3040: TaskAvailabilityLifetimeInSeconds maxima per workforce:
// 43,200 (12 hours) for Mechanical Turk, 2,592,000 (30 days) for private
// and vendor work teams. A work team whose type cannot be told counts as
// private (GT4020).
var _ = register(Check{
	Rules: []string{"GT3030", "GT3040"},
	Run: func(p *Pass) {
		const path = "HumanTaskConfig.TaskAvailabilityLifetimeInSeconds"
		a, ok := p.Int(path)
		if !ok {
			return
		}
		switch workforceForRules(p) {
		case groundtruth.WorkforceMTurk:
			if a > 43200 {
				p.Reportf("GT3030", path, "With the Mechanical Turk workforce TaskAvailabilityLifetimeInSeconds can be at most 43,200 (12 hours); got %s.", commaInt(a))
			}
		case groundtruth.WorkforcePrivate, groundtruth.WorkforceVendor:
			if a > 2592000 {
				p.Reportf("GT3040", path, "With a private or vendor workforce TaskAvailabilityLifetimeInSeconds can be at most 2,592,000 (30 days); got %s.", commaInt(a))
			}
		}
	},
})
