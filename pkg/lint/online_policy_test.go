package lint_test

// The policy checks (GT7110, GT7120, GT7125, GT7160) against moto_server
// through the real SDK clients (awstest.Clients: IAM, KMS, SNS and STS on
// moto). moto has no IAM SimulatePrincipalPolicy, so the IAM-simulation
// half of these rules (all of GT7110, PassRole in GT7160, account-root
// delegation in GT7120/GT7125) shows here as a "could not be checked"
// warning; it is tested against an in-memory fake in
// pkg/checks/online_policy_test.go.

import (
	"context"
	"strings"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

var policyRuleIDs = map[string]bool{"GT7110": true, "GT7120": true, "GT7125": true, "GT7160": true}

// lintPolicy lints specs (name → YAML) and returns the policy rules'
// findings per job name.
func lintPolicy(t *testing.T, clients *aws.Clients, specs map[string]string) map[string][]diag.Diagnostic {
	t.Helper()
	opts := lint.Options{Online: true, Clients: func(string) (*aws.Clients, error) { return clients, nil }}
	return lintKeeping(t, opts, specs, policyRuleIDs)
}

// policySpec is onlineSpec's YAML with extra OutputConfig members and
// top-level members.
func policySpec(name, role, output, top string) string {
	y := onlineSpec{Name: name, Role: role}.yaml()
	y = strings.Replace(y, "  S3OutputPath: s3://acme-out/birds/\n", "  S3OutputPath: s3://acme-out/birds/\n"+output, 1)
	return y + top
}

func TestOnlinePolicyIntegration(t *testing.T) {
	moto := awstest.StartMoto(t)
	clients := awstest.Clients(t, "", moto)
	ctx := context.Background()
	raw := awstest.RawConfig(moto)
	rawIAM, rawKMS, rawSNS := iam.NewFromConfig(raw), kms.NewFromConfig(raw), sns.NewFromConfig(raw)

	roleARN := func(name string) string {
		return "arn:aws:iam::" + onlineAccount + ":role/service-role/" + name
	}
	for name, service := range map[string]string{"gt-sm": "sagemaker.amazonaws.com", "gt-lambda": "lambda.amazonaws.com"} {
		trust := awstest.TrustPolicy(service)
		if _, err := rawIAM.CreateRole(ctx, &iam.CreateRoleInput{
			RoleName: sdkaws.String(name), Path: sdkaws.String("/service-role/"), AssumeRolePolicyDocument: sdkaws.String(trust),
		}); err != nil {
			t.Fatalf("CreateRole %s: %v", name, err)
		}
	}
	createKey := func(policy string) string {
		t.Helper()
		out, err := rawKMS.CreateKey(ctx, &kms.CreateKeyInput{Policy: sdkaws.String(policy)})
		if err != nil {
			t.Fatalf("CreateKey: %v", err)
		}
		return sdkaws.ToString(out.KeyMetadata.KeyId)
	}
	// A key whose policy names only an administrator, not the role.
	otherKey := createKey(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + onlineAccount + `:user/admin"},"Action":"kms:*","Resource":"*"}]}`)
	// A key whose policy grants the role what GT7120 and GT7125 need.
	roleKey := createKey(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + roleARN("gt-sm") + `"},"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*"}]}`)

	createTopic := func(name, key string) string {
		t.Helper()
		in := &sns.CreateTopicInput{Name: sdkaws.String(name)}
		if key != "" {
			in.Attributes = map[string]string{"KmsMasterKeyId": key}
		}
		out, err := rawSNS.CreateTopic(ctx, in)
		if err != nil {
			t.Fatalf("CreateTopic %s: %v", name, err)
		}
		return sdkaws.ToString(out.TopicArn)
	}
	awsKeyTopic := createTopic("out-aws-key", "alias/aws/sns")
	cmkTopic := createTopic("out-cmk", roleKey)
	otherTopic := createTopic("out-other-cmk", otherKey)
	plainTopic := createTopic("out-plain", "")

	alg := "LabelingJobAlgorithmsConfig:\n  LabelingJobAlgorithmSpecificationArn: arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/object-detection\n"
	specs := map[string]string{
		"trust":      policySpec("bad-trust", "gt-lambda", "", alg),
		"trust-ok":   policySpec("good-trust", "gt-sm", "", alg),
		"key-other":  policySpec("key-other", "gt-sm", "  KmsKeyId: "+otherKey+"\n", ""),
		"key-role":   policySpec("key-role", "gt-sm", "  KmsKeyId: "+roleKey+"\n", ""),
		"topic-aws":  policySpec("topic-aws", "gt-sm", "  SnsTopicArn: "+awsKeyTopic+"\n", ""),
		"topic-cmk":  policySpec("topic-cmk", "gt-sm", "  SnsTopicArn: "+cmkTopic+"\n", ""),
		"topic-oth":  policySpec("topic-other", "gt-sm", "  SnsTopicArn: "+otherTopic+"\n", ""),
		"topic-none": policySpec("topic-plain", "gt-sm", "  SnsTopicArn: "+plainTopic+"\n", ""),
	}
	got := lintPolicy(t, clients, specs)

	for _, c := range []struct {
		job, rule string
		parts     []string
	}{
		{"bad-trust", "GT7160", []string{"trust policy does not allow sagemaker.amazonaws.com", "gt-lambda"}},
		{"key-other", "GT7120", []string{otherKey, "kms:Encrypt", "kms:DescribeKey", "gt-sm"}},
		{"topic-aws", "GT7125", []string{"alias/aws/sns", awsKeyTopic}},
		{"topic-other", "GT7125", []string{otherKey, "kms:Decrypt", "kms:GenerateDataKey"}},
	} {
		if !has(got[c.job], c.rule, rules.Error, c.parts...) {
			t.Errorf("%s: want %s error mentioning %q, got%s", c.job, c.rule, c.parts, show(got[c.job]))
		}
	}
	for _, job := range []string{"key-role", "topic-cmk", "topic-plain"} {
		if len(got[job]) > 0 {
			t.Errorf("%s: want no policy finding, got%s", job, show(got[job]))
		}
	}
	// moto lacks SimulatePrincipalPolicy: the PassRole half of GT7160 is a
	// warning that says the simulation failed, never an error or silence.
	for _, job := range []string{"bad-trust", "good-trust"} {
		if !has(got[job], "GT7160", rules.Warning, "SimulatePrincipalPolicy") {
			t.Errorf("%s: want a GT7160 warning on the failed simulation, got%s", job, show(got[job]))
		}
	}
	for _, d := range got["good-trust"] {
		if d.Severity == rules.Error {
			t.Errorf("good-trust: the trust policy allows SageMaker; unexpected %s error: %s", d.Rule, d.Message)
		}
	}

	t.Run("GT7110 without SimulatePrincipalPolicy", func(t *testing.T) {
		vol := "LabelingJobAlgorithmsConfig:\n  LabelingJobAlgorithmSpecificationArn: arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/object-detection\n  LabelingJobResourceConfig:\n    VolumeKmsKeyId: " + roleKey + "\n"
		got := lintPolicy(t, clients, map[string]string{"vol": policySpec("vol", "gt-sm", "", vol)})
		if !has(got["vol"], "GT7110", rules.Warning, "could not be checked", "SimulatePrincipalPolicy") {
			t.Errorf("want a GT7110 warning, got%s", show(got["vol"]))
		}
		for _, d := range got["vol"] {
			if d.Severity == rules.Error {
				t.Errorf("unexpected error: %s %s", d.Rule, d.Message)
			}
		}
	})
}
