package checks

import (
	"errors"
	"regexp"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/groundtruth"
)

// GT4120: the work team must exist (private: DescribeWorkteam of the last
// path segment of WorkteamArn, in the job Region) or be subscribed
// (vendor). Mechanical Turk needs no call.
//
// Vendor teams would need ListSubscribedWorkteams, which the aws.SageMaker
// interface does not have (adding a method to it would break every other
// implementation of the interface); they get an info note saying they were
// not checked.
// workteamName is DescribeWorkteam's WorkteamName (RULES.md §0.5).
var workteamName = regexp.MustCompile(`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`)

var _ = registerOnline(Check{
	Rules: []string{"GT4120"},
	Run: func(p *Pass) {
		arn, ok := p.Str(groundtruth.PathWorkteam)
		if !ok {
			return
		}
		a, ok := groundtruth.ParseARN(arn)
		if !ok {
			return
		}
		switch p.Job.Workforce {
		case groundtruth.WorkforceVendor:
			p.onlineNote("GT4120", groundtruth.PathWorkteam, "Vendor work team `%s` was not checked: gtctl cannot list subscribed work teams yet (ListSubscribedWorkteams). Check its AWS Marketplace subscription in the SageMaker console.", arn)
			return
		case groundtruth.WorkforcePrivate:
		default:
			return
		}
		name := lastSegment(a)
		if !workteamName.MatchString(name) {
			return // a name no team can have: the offline rules report the ARN
		}
		if acct := p.callerAccount(); acct != "" && a.Account != "" && acct != a.Account {
			p.onlineSkip("GT4120", groundtruth.PathWorkteam, "the work team is in account "+a.Account+" but the credentials are for account "+acct)
			return
		}
		_, err := p.AWS.SageMaker.DescribeWorkteam(p.ctx(), name)
		switch {
		case errors.Is(err, aws.ErrNotFound):
			p.Reportf("GT4120", groundtruth.PathWorkteam, "Work team `%s` was not found in this account/Region (%s): no private work team `%s` exists. Create it, or correct WorkteamArn.", arn, p.AWS.Region, name)
		case err != nil:
			p.onlineTrouble("GT4120", groundtruth.PathWorkteam, "DescribeWorkteam on "+name, "sagemaker:DescribeWorkteam", err)
		}
	},
})
