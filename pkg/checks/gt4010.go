package checks

import (
	"strings"

	"github.com/gtctl/gtctl/pkg/groundtruth"
)

// GT4010, GT4020: the work team ARN's type (GT4000 classification,
// groundtruth.Resolve). A public-crowd path must be the one Mechanical Turk
// ARN; a path that is none of public-crowd/, private-crowd/, vendor-crowd/
// leaves the workforce unknown, and the workforce rules then assume a
// private team (workforceForRules). A WorkteamArn that already fails the
// schema (GT1130) is not examined again.
var _ = register(Check{
	Rules: []string{"GT4010", "GT4020"},
	Run: func(p *Pass) {
		arn, ok := p.Str(groundtruth.PathWorkteam)
		if !ok {
			return
		}
		a, ok := groundtruth.ParseARN(arn)
		if !ok {
			return
		}
		rest, isTeam := strings.CutPrefix(a.Resource, "workteam/")
		if !isTeam {
			return
		}
		switch {
		case strings.HasPrefix(rest, "public-crowd/"):
			if a.Account != p.Facts.UIAccount || rest != "public-crowd/default" {
				region := ""
				if p.Job != nil {
					region = p.Job.Region
				}
				if region == "" {
					region = a.Region
				}
				if region == "" {
					region = "<region>"
				}
				p.Reportf("GT4010", groundtruth.PathWorkteam, "The Mechanical Turk work team ARN is `arn:aws:sagemaker:%s:%s:workteam/public-crowd/default` (got `%s`).", region, p.Facts.UIAccount, arn)
			}
		case strings.HasPrefix(rest, "private-crowd/"), strings.HasPrefix(rest, "vendor-crowd/"):
		default:
			p.Reportf("GT4020", groundtruth.PathWorkteam, "Cannot tell the workforce type from WorkteamArn `%s` (expected `workteam/private-crowd/…`, `workteam/vendor-crowd/…` or `workteam/public-crowd/default`); gtctl assumes a private work team.", arn)
		}
	},
})

// workforceForRules is the workforce the workforce-dependent rules
// (GT3030/GT3040, GT4030–GT4080) use: the resolved one, or private when the
// WorkteamArn is an ARN whose work team type cannot be told (GT4020).
// Unknown when there is no usable WorkteamArn at all.
func workforceForRules(p *Pass) groundtruth.Workforce {
	if p.Job == nil {
		return groundtruth.WorkforceUnknown
	}
	if w := p.Job.Workforce; w != groundtruth.WorkforceUnknown {
		return w
	}
	if strings.HasPrefix(p.Job.Workteam.Resource, "workteam/") {
		return groundtruth.WorkforcePrivate
	}
	return groundtruth.WorkforceUnknown
}
