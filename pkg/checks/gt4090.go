package checks

import "github.com/gtctl/gtctl/pkg/groundtruth"

// GT4090: the work team must be in the job Region (RULES.md §0.4 step 6:
// the most common Region among the Region-bearing ARNs, else --region).
// The ARN is read even when it fails the WorkteamArn pattern (GT1130): the
// seed's arn:aws:sagemaker:region:*:workteam/private-crowd/* has two
// mistakes, a placeholder account and a Region that is not the job's
// (RULES.md §4.1 S6), and both are reported.
var _ = register(Check{
	Rules: []string{"GT4090"},
	Run: func(p *Pass) {
		if p.Job == nil || p.Job.Region == "" {
			return
		}
		arn, _, ok := p.Root.Str(groundtruth.PathWorkteam)
		if !ok {
			return
		}
		a, ok := groundtruth.ParseARN(arn)
		if !ok || a.Region == p.Job.Region {
			return
		}
		if a.Region == "" {
			p.Reportf("GT4090", groundtruth.PathWorkteam, "Work team `%s` names no Region but the job is in `%s`; the work team must be in the job's Region.", arn, p.Job.Region)
			return
		}
		p.Reportf("GT4090", groundtruth.PathWorkteam, "Work team `%s` is in `%s` but the job is in `%s`; the work team must be in the job's Region.", arn, a.Region, p.Job.Region)
	},
})
