package checks

import "github.com/gtctl/gtctl/pkg/groundtruth"

// GT4110: automated labeling in a VPC needs a private work team. Reported
// for Mechanical Turk and vendor teams only: a work team whose type cannot
// be told gets GT4020 rather than a guessed error.
var _ = register(Check{
	Rules: []string{"GT4110"},
	Run: func(p *Pass) {
		const path = "LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VpcConfig"
		if p.Job == nil || !p.Has(path) {
			return
		}
		w := p.Job.Workforce
		if w != groundtruth.WorkforceMTurk && w != groundtruth.WorkforceVendor {
			return
		}
		p.reportAtMember("GT4110", path, "Labeling jobs launched in a VPC must use a private work team (WorkteamArn is a %s work team).", w)
	},
})
