package checks

import (
	"errors"
	"strings"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/rules"
)

// GT7160: with LabelingJobAlgorithmsConfig, the execution role's trust
// policy must let sagemaker.amazonaws.com sts:AssumeRole (an Allow
// statement naming the service, or "*"; conditions such as aws:SourceAccount
// are accepted), and the role must be allowed iam:PassRole on itself (IAM
// SimulatePrincipalPolicy on its own ARN). A trust statement with
// NotPrincipal/NotAction, or a PassRole decision depending on context keys
// (iam:PassedToService), is a warning to verify.
var _ = registerOnline(Check{
	Rules: []string{"GT7160"},
	Run: func(p *Pass) {
		if !p.Has(pathAlgorithms) {
			return
		}
		const path = "RoleArn"
		role, ok := p.policyRole("GT7160", path)
		if !ok {
			return
		}
		pol, ok := p.policies("GT7160", path)
		if !ok {
			return
		}
		var problems, unsure []string

		doc, err := pol.RoleTrustPolicy(p.ctx(), role.name)
		switch {
		case errors.Is(err, aws.ErrNotFound):
			p.onlineSkip("GT7160", path, "the role "+role.name+" does not exist (IAM GetRole: "+errText(err)+")")
			return
		case err != nil:
			p.onlineTrouble("GT7160", path, "iam:GetRole on role "+role.name, "iam:GetRole", err)
		default:
			switch trustAllowsSageMaker(doc) {
			case trustNo:
				problems = append(problems, "its trust policy does not allow sagemaker.amazonaws.com to sts:AssumeRole")
			case trustUnsure:
				unsure = append(unsure, "the trust policy (NotPrincipal/NotAction, or not readable) for sagemaker.amazonaws.com sts:AssumeRole")
			}
		}

		ds, err := pol.SimulatePrincipalPolicy(p.ctx(), role.arn, []string{"iam:PassRole"}, []string{role.arn})
		if err != nil {
			p.onlineTrouble("GT7160", path, "iam:SimulatePrincipalPolicy for role "+role.name+" (iam:PassRole on itself)", "iam:SimulatePrincipalPolicy", err)
		} else if d, found := ds["iam:PassRole"]; !found || (!d.Allowed && len(d.MissingContext) > 0) {
			why := "IAM returned no decision"
			if found {
				why = "the decision depends on " + strings.Join(d.MissingContext, ", ")
			}
			unsure = append(unsure, "iam:PassRole on "+role.arn+" ("+why+")")
		} else if !d.Allowed {
			problems = append(problems, "IAM's decision for iam:PassRole on its own ARN is "+d.Decision)
		}

		if len(problems) > 0 {
			p.Reportf("GT7160", path, "Automated labeling needs iam:PassRole on the execution role and a trust policy for sagemaker.amazonaws.com: for `%s`, %s.", role.arn, strings.Join(problems, "; "))
		}
		if len(unsure) > 0 {
			p.reportGraded(rules.Warning, "GT7160", Locate(p.Root, path), path,
				"GT7160 (%s): could not decide for `%s`: verify %s.", rules.MustGet("GT7160").Title, role.arn, strings.Join(unsure, "; "))
		}
	},
})

const (
	trustYes = iota
	trustNo
	trustUnsure
)

// trustAllowsSageMaker reads a trust policy: an unconditional-or-not Allow
// statement with Principal Service sagemaker.amazonaws.com (or "*") and an
// Action covering sts:AssumeRole.
func trustAllowsSageMaker(doc string) int {
	sts, err := parsePolicy(doc)
	if err != nil {
		return trustUnsure
	}
	verdict := trustNo
	for _, s := range sts {
		if !strings.EqualFold(s.Effect, "Allow") {
			continue
		}
		c, err := covers(s, "sts:AssumeRole")
		if err != nil {
			return trustUnsure
		}
		if !c {
			continue
		}
		if len(s.NotPrincipal) > 0 && string(s.NotPrincipal) != "null" || len(s.NotAction) > 0 && string(s.NotAction) != "null" {
			verdict = trustUnsure
			continue
		}
		vals, any, ok := principalValues(s.Principal, "Service")
		if !ok {
			return trustUnsure
		}
		if _, anyAWS, _ := principalValues(s.Principal, "AWS"); any || anyAWS {
			return trustYes
		}
		for _, v := range vals {
			if strings.EqualFold(strings.TrimSpace(v), "sagemaker.amazonaws.com") {
				return trustYes
			}
		}
	}
	return verdict
}
