package checks

import (
	"strings"

	"github.com/gtctl/gtctl/pkg/rules"
)

// GT7110: with VolumeKmsKeyId set, the execution role needs kms:CreateGrant
// on the key: IAM SimulatePrincipalPolicy(RoleArn, kms:CreateGrant, key ARN).
// A key ID is simulated as the key ARN in the job Region and the role's
// account (a key ID names a key of the caller's account). A denial is
// forgiven when the key policy itself grants the role kms:CreateGrant
// without conditions (a key policy grant needs no IAM policy in the key's
// account). A denial that depends on condition keys the simulation had no
// value for (such as kms:GrantIsForAWSResource) is a warning.
var _ = registerOnline(Check{
	Rules: []string{"GT7110"},
	Run: func(p *Pass) {
		path := pathResourceConfig + ".VolumeKmsKeyId"
		key, ok := p.Str(path)
		if !ok || !kmsKeyForm(key, false) {
			return // absent, or GT7100's
		}
		role, ok := p.policyRole("GT7110", path)
		if !ok {
			return
		}
		pol, ok := p.policies("GT7110", path)
		if !ok {
			return
		}
		keyARN := key
		if !strings.HasPrefix(key, "arn:") {
			keyARN = "arn:" + role.partition + ":kms:" + p.AWS.Region + ":" + role.acct + ":key/" + key
		}
		const action = "kms:CreateGrant"
		ds, err := pol.SimulatePrincipalPolicy(p.ctx(), role.arn, []string{action}, []string{keyARN})
		if err != nil {
			p.onlineTrouble("GT7110", path, "iam:SimulatePrincipalPolicy for role "+role.name+" (kms:CreateGrant on "+keyARN+")", "iam:SimulatePrincipalPolicy", err)
			return
		}
		d, found := ds[action]
		if found && d.Allowed {
			return
		}
		if k, err := pol.KMSKey(p.ctx(), keyARN); err == nil && (k.Account == "" || k.Account == role.acct) {
			if g, err := evalKeyPolicy(k.Policy, role.arn, role.acct, []string{action}); err == nil && g[action] == grantRole {
				return
			}
		}
		if !found || len(d.MissingContext) > 0 {
			why := "IAM returned no decision"
			if found {
				why = "the policies depend on " + strings.Join(d.MissingContext, ", ")
			}
			p.reportGraded(rules.Warning, "GT7110", Locate(p.Root, path), path,
				"GT7110 (%s): could not decide whether the execution role `%s` may call kms:CreateGrant on `%s` (%s). Verify that the role's policy allows kms:CreateGrant on the key.",
				rules.MustGet("GT7110").Title, role.arn, keyARN, why)
			return
		}
		p.Reportf("GT7110", path,
			"The execution role needs kms:CreateGrant to use VolumeKmsKeyId: IAM's decision for `%s` on `%s` is %s. Add kms:CreateGrant on the key to the role's policy.",
			role.arn, keyARN, d.Decision)
	},
})
