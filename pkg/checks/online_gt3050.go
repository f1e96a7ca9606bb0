package checks

import (
	"errors"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
)

// GT3050, online half. The offline half (gt3050.go) reports the duration R
// the execution role needs as an info note; online, IAM GetRole reads the
// role's MaxSessionDuration m and the note is replaced: by an error when
// m < R, by nothing when m ≥ R. When the role cannot be read the note stays,
// with a warning saying why GetRole could not answer.
//
// R is computed as in gt3050.go: T when T > 3,600, capped at 28,800 for
// POINTCLOUD jobs above 28,800; nothing when T is already over the task
// type's maximum (GT3010/GT3020), when R is above what IAM allows (GT3055
// says so), or when T > 28,800 and the task type is unknown.
var _ = registerOnline(Check{
	Rules: []string{"GT3050"},
	Run: func(p *Pass) {
		t, r, ok := gt3050Required(p)
		if !ok {
			return
		}
		s, ok := p.Str("RoleArn")
		if !ok {
			return
		}
		a, ok := groundtruth.ParseARN(s)
		if !ok || a.Service != "iam" {
			return
		}
		name := lastSegment(a)
		if name == "" {
			return
		}
		if acct := p.callerAccount(); acct != "" && a.Account != "" && acct != a.Account {
			p.onlineSkip("GT3050", "RoleArn", "the role is in account "+a.Account+" but the credentials are for account "+acct+", so its MaxSessionDuration cannot be read")
			return
		}
		role, err := p.AWS.IAM.GetRole(p.ctx(), name)
		switch {
		case errors.Is(err, aws.ErrNotFound):
			p.dropFindings("GT3050", rules.Info)
			p.reportGraded(rules.Warning, "GT3050", Locate(p.Root, "RoleArn"), "RoleArn",
				"The execution role `%s` does not exist in account %s (IAM GetRole: %s); CreateLabelingJob needs an existing role, and with TaskTimeLimitInSeconds %s its MaxSessionDuration must be at least %s s.",
				name, a.Account, errText(err), commaInt(t), commaInt(r))
			return
		case err != nil:
			p.onlineTrouble("GT3050", "RoleArn", "iam:GetRole on role "+name, "iam:GetRole", err)
			return
		}
		p.dropFindings("GT3050", rules.Info)
		if role.MaxSessionDuration >= r {
			return
		}
		note := ""
		if r < t {
			note = " (for 3D point cloud jobs above 8 hours, 8 hours is enough)"
		}
		p.Reportf("GT3050", pathTaskTime,
			"TaskTimeLimitInSeconds is %s; the execution role `%s` has MaxSessionDuration %s s but needs at least %s s%s. Raise it with `aws iam update-role --role-name %s --max-session-duration %d`.",
			commaInt(t), name, commaInt(role.MaxSessionDuration), commaInt(r), note, name, r)
	},
})

// gt3050Required returns the task time T and the MaxSessionDuration R the
// role needs, with ok false when GT3050 does not apply (see above).
func gt3050Required(p *Pass) (t, r int64, ok bool) {
	t, ok = p.Int(pathTaskTime)
	if !ok || t <= 3600 {
		return 0, 0, false
	}
	if rule, _ := taskTimeBreach(p.Job, t); rule == "GT3010" || rule == "GT3020" {
		return 0, 0, false
	}
	r = t
	if t > 28800 {
		if !p.typeKnown() {
			return 0, 0, false
		}
		if p.Job.Type.Group == "POINTCLOUD" {
			r = 28800
		}
	}
	if r > iamMaxSession {
		return 0, 0, false
	}
	return t, r, true
}
