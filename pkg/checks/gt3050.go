package checks

import (
	"fmt"
	"strings"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

// iamMaxSession is the largest MaxSessionDuration IAM allows (12 hours).
const iamMaxSession = 43200

// GT3050 (offline half) and GT3055. Above a task time limit T of 3,600 s
// the execution role's MaxSessionDuration must be at least R, where R = T,
// except for POINTCLOUD jobs with T > 28,800, where R = 28,800 (RULES.md
// GT3050, conflict C16).
//
// Offline the role's value is unknown, so GT3050 is an info finding that
// states R (the online half, an error, compares it with GetRole). When R
// exceeds what IAM allows, no role can satisfy it: GT3055 instead.
//
// Neither is reported when the task time is already an error for the task
// type (GT3010/GT3020): the value must change anyway. Above 28,800 the
// requirement depends on the task type, so nothing is reported while it is
// unknown.
var _ = register(Check{
	Rules: []string{"GT3050", "GT3055"},
	Run: func(p *Pass) {
		t, ok := p.Int(pathTaskTime)
		if !ok || t <= 3600 {
			return
		}
		if rule, _ := taskTimeBreach(p.Job, t); rule == "GT3010" || rule == "GT3020" {
			return
		}
		r := t
		if t > 28800 {
			if !p.typeKnown() {
				return
			}
			if p.Job.Type.Group == "POINTCLOUD" {
				r = 28800
			}
		}
		if r > iamMaxSession {
			p.Reportf("GT3055", pathTaskTime, "TaskTimeLimitInSeconds %s needs an execution-role MaxSessionDuration ≥ %s, but IAM allows at most 43,200 s (12 h); the docs only define the 8-hour relaxation for 3D point cloud jobs.", commaInt(t), commaInt(r))
			return
		}
		note := ""
		if r < t {
			note = " (for 3D point cloud jobs above 8 hours, 8 hours is enough)"
		}
		how := "check the role's MaxSessionDuration with `aws iam get-role` and raise it with `aws iam update-role --max-session-duration`"
		role := "the execution role"
		if s, ok := p.Str("RoleArn"); ok {
			role = "the execution role `" + s + "`"
			if a, ok := groundtruth.ParseARN(s); ok {
				name := a.Resource[strings.LastIndexByte(a.Resource, '/')+1:]
				how = fmt.Sprintf("check it with `aws iam get-role --role-name %s` and raise it with `aws iam update-role --role-name %s --max-session-duration %d`", name, name, r)
			}
		}
		p.reportGraded(rules.Info, "GT3050", Locate(p.Root, pathTaskTime), pathTaskTime,
			"TaskTimeLimitInSeconds is %s, so %s needs a MaxSessionDuration of at least %s s%s. gtctl cannot read the role offline: %s.",
			commaInt(t), role, commaInt(r), note, how)
	},
})

// reportGraded reports rule at node n with a severity other than the
// catalog's: GT3050's offline note is info, a repeated ContentClassifiers
// item (GT1070) a warning.
func (p *Pass) reportGraded(sev rules.Severity, rule string, n *spec.Node, path, format string, args ...any) {
	rules.MustGet(rule)
	d := diag.Diagnostic{
		Rule:     rule,
		Severity: sev,
		File:     p.Doc.File,
		Line:     1,
		Column:   1,
		Path:     path,
		Job:      p.Doc.JobName(),
		Message:  fmt.Sprintf(format, args...),
	}
	if n != nil {
		d.File, d.Line, d.Column = p.Doc.FileOf(n), n.Line, n.Col
	}
	p.out = append(p.out, d)
}
