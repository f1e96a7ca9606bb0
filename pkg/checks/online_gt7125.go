package checks

import (
	"errors"
	"strings"

	"github.com/gtctl/gtctl/pkg/aws"
)

// gt7125Actions are what the execution role needs of the output topic's
// customer managed key (RULES.md GT7125).
var gt7125Actions = []string{"kms:Decrypt", "kms:GenerateDataKey"}

// GT7125: the output topic (OutputConfig.SnsTopicArn) must not be
// encrypted with the AWS managed key alias/aws/sns (nor any AWS managed
// key, as DescribeKey tells), and its customer managed key must let the
// execution role Decrypt and GenerateDataKey (key policy, then IAM for
// account grants; see keyAccess). An unencrypted topic is fine here.
var _ = registerOnline(Check{
	Rules: []string{"GT7125"},
	Run: func(p *Pass) {
		const path = "OutputConfig.SnsTopicArn"
		topic, ok := p.Str(path)
		if !ok || !strings.HasPrefix(topic, "arn:") {
			return
		}
		pol, ok := p.policies("GT7125", path)
		if !ok {
			return
		}
		key, err := pol.TopicKMSKey(p.ctx(), topic)
		switch {
		case errors.Is(err, aws.ErrNotFound):
			p.onlineSkip("GT7125", path, "the topic "+topic+" does not exist (SNS GetTopicAttributes: "+errText(err)+")")
			return
		case err != nil:
			p.onlineTrouble("GT7125", path, "sns:GetTopicAttributes on topic "+topic, "sns:GetTopicAttributes", err)
			return
		case key == "":
			return
		}
		const msg = "Encrypt the SNS output topic with a customer managed key that the execution role may use, not alias/aws/sns"
		if key == "alias/aws/sns" || strings.HasSuffix(key, ":alias/aws/sns") {
			p.Reportf("GT7125", path, "%s: topic `%s` uses KmsMasterKeyId `%s`.", msg, topic, key)
			return
		}
		role, ok := p.policyRole("GT7125", path)
		if !ok {
			return
		}
		k, err := pol.KMSKey(p.ctx(), key)
		if err != nil {
			p.onlineTrouble("GT7125", path, kmsOp(err)+" on key "+key+" (KmsMasterKeyId of "+topic+")", kmsPerm(err), err)
			return
		}
		if k.AWSManaged {
			p.Reportf("GT7125", path, "%s: topic `%s` uses the AWS managed key `%s`.", msg, topic, key)
			return
		}
		if missing := p.keyAccess("GT7125", path, pol, k, role, gt7125Actions); len(missing) > 0 {
			p.Reportf("GT7125", path, "%s: the key `%s` of topic `%s` does not let `%s` use %s.", msg, key, topic, role.arn, strings.Join(missing, ", "))
		}
	},
})
