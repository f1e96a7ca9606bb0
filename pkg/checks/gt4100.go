package checks

import "github.com/gtctl/gtctl/pkg/groundtruth"

// GT4100: a private work team belongs to the account's own workforce, so its
// account should be the execution role's. Only for an explicit
// private-crowd ARN; vendor teams live in other accounts by design.
var _ = register(Check{
	Rules: []string{"GT4100"},
	Run: func(p *Pass) {
		if p.Job == nil || p.Job.Workforce != groundtruth.WorkforcePrivate {
			return
		}
		team, ok := p.Str(groundtruth.PathWorkteam)
		if !ok {
			return
		}
		role, ok := p.Str("RoleArn")
		if !ok {
			return
		}
		t, ok1 := groundtruth.ParseARN(team)
		r, ok2 := groundtruth.ParseARN(role)
		if !ok1 || !ok2 || t.Account == r.Account {
			return
		}
		p.Reportf("GT4100", groundtruth.PathWorkteam, "Private work teams belong to your own account's workforce; `%s` is in account %s but RoleArn is in %s.", team, t.Account, r.Account)
	},
})
