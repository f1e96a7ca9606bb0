package checks

// Tests of the policy checks (GT7110, GT7120, GT7125, GT7160) that need no
// server: the key-policy and trust-policy evaluators, and the checks
// against an in-memory aws.Policies (moto has no SimulatePrincipalPolicy,
// so GT7110 and the IAM half of the others are tested here; the moto tests
// are in pkg/lint/online_policy_test.go).

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

const (
	tAcct = "111122223333"
	tRole = "arn:aws:iam::111122223333:role/service-role/GroundTruthExecution"
	tKey  = "1234abcd-12ab-34cd-56ef-1234567890ab"
	tKARN = "arn:aws:kms:us-east-1:111122223333:key/" + tKey
)

func stmt(s string) string { return `{"Version":"2012-10-17","Statement":[` + s + `]}` }

func TestEvalKeyPolicy(t *testing.T) {
	enc := []string{"kms:Encrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey", "kms:DescribeKey"}
	all := func(g keyGrant) map[string]keyGrant {
		m := map[string]keyGrant{}
		for _, a := range enc {
			m[a] = g
		}
		return m
	}
	for _, tc := range []struct {
		name, doc string
		want      map[string]keyGrant
		err       bool
	}{
		{"role kms:*", stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":"kms:*","Resource":"*"}`), all(grantRole), false},
		{"root kms:*", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + tAcct + `:root"},"Action":"kms:*","Resource":"*"}`), all(grantRoot), false},
		{"bare account id", stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tAcct + `"},"Action":"kms:*"}`), all(grantRoot), false},
		{"other account root", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"kms:*"}`), all(grantNone), false},
		{"other role", stmt(`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::` + tAcct + `:role/Other"]},"Action":"kms:*"}`), all(grantNone), false},
		{"everyone", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"*"}}`, all(grantRole), false},
		{"service principal only", stmt(`{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"kms:*"}`), all(grantNone), false},
		{"prefix wildcards", stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":["kms:Encrypt","kms:ReEncrypt*","kms:GenerateDataKey*","KMS:describekey"]}`), all(grantRole), false},
		{"partial", stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":["kms:Encrypt","kms:DescribeKey"]}`),
			map[string]keyGrant{"kms:Encrypt": grantRole, "kms:ReEncryptFrom": grantNone, "kms:GenerateDataKey": grantNone, "kms:DescribeKey": grantRole}, false},
		{"conditional", stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":"kms:*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}`), all(grantUnsure), false},
		{"deny beats allow", stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":"kms:*"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::` + tAcct + `:root"},"Action":"kms:Encrypt"}`),
			map[string]keyGrant{"kms:Encrypt": grantDenied, "kms:ReEncryptFrom": grantRole, "kms:GenerateDataKey": grantRole, "kms:DescribeKey": grantRole}, false},
		{"conditional deny", stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":"kms:*"},{"Effect":"Deny","Principal":"*","Action":"kms:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`), all(grantUnsure), false},
		{"NotAction", stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"NotAction":"kms:Encrypt"}`),
			map[string]keyGrant{"kms:Encrypt": grantNone, "kms:ReEncryptFrom": grantRole, "kms:GenerateDataKey": grantRole, "kms:DescribeKey": grantRole}, false},
		{"NotPrincipal allow", stmt(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::` + tAcct + `:role/Other"},"Action":"kms:*"}`), all(grantUnsure), false},
		{"NotPrincipal excludes role", stmt(`{"Effect":"Allow","NotPrincipal":{"AWS":"` + tRole + `"},"Action":"kms:*"}`), all(grantNone), false},
		{"no statement", `{"Version":"2012-10-17"}`, all(grantNone), false},
		{"not json", `{`, nil, true},
		{"bad effect", stmt(`{"Effect":"Maybe","Principal":"*","Action":"*"}`), nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := evalKeyPolicy(tc.doc, tRole, tAcct, enc)
			if tc.err {
				if err == nil {
					t.Fatalf("want an error, got %v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range enc {
				if got[a] != tc.want[a] {
					t.Errorf("%s: got %v, want %v", a, got[a], tc.want[a])
				}
			}
		})
	}
}

func TestWildcardMatch(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		want bool
	}{
		{"kms:*", "kms:encrypt", true}, {"*", "x", true}, {"kms:reencrypt*", "kms:reencryptfrom", true},
		{"kms:reencrypt*", "kms:encrypt", false}, {"kms:?ncrypt", "kms:encrypt", true}, {"kms:*key*", "kms:generatedatakey", true},
		{"kms:decrypt", "kms:decrypt2", false}, {"s3:*", "kms:encrypt", false},
	} {
		if got := wildcardMatch(tc.p, tc.s); got != tc.want {
			t.Errorf("wildcardMatch(%q, %q) = %v, want %v", tc.p, tc.s, got, tc.want)
		}
	}
}

func TestTrustAllowsSageMaker(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      int
	}{
		{"sagemaker", stmt(`{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}`), trustYes},
		{"list and condition", stmt(`{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","sagemaker.amazonaws.com"]},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:SourceAccount":"` + tAcct + `"}}}`), trustYes},
		{"sts wildcard", stmt(`{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:*"}`), trustYes},
		{"lambda only", stmt(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`), trustNo},
		{"wrong action", stmt(`{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:TagSession"}`), trustNo},
		{"deny", stmt(`{"Effect":"Deny","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}`), trustNo},
		{"NotPrincipal", stmt(`{"Effect":"Allow","NotPrincipal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`), trustUnsure},
		{"garbage", `nope`, trustUnsure},
	} {
		if got := trustAllowsSageMaker(tc.doc); got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.name, got, tc.want)
		}
	}
}

// fakePolicies is an in-memory aws.Policies.
type fakePolicies struct {
	sim    map[string]aws.Decision // action → decision (absent: implicitDeny)
	simErr error
	trust  string
	keys   map[string]*aws.KMSKey
	topics map[string]string
}

func (f *fakePolicies) SimulatePrincipalPolicy(_ context.Context, principal string, actions, resources []string) (map[string]aws.Decision, error) {
	if f.simErr != nil {
		return nil, f.simErr
	}
	out := map[string]aws.Decision{}
	for _, a := range actions {
		d, ok := f.sim[a]
		if !ok {
			d = aws.Decision{Decision: "implicitDeny"}
		}
		out[a] = d
	}
	return out, nil
}

func (f *fakePolicies) RoleTrustPolicy(context.Context, string) (string, error) { return f.trust, nil }

func (f *fakePolicies) KMSKey(_ context.Context, id string) (*aws.KMSKey, error) {
	if k, ok := f.keys[id]; ok {
		return k, nil
	}
	return nil, &aws.APIError{Op: "DescribeKey", Code: "NotFoundException", Kind: aws.ErrNotFound}
}

func (f *fakePolicies) TopicKMSKey(_ context.Context, arn string) (string, error) {
	return f.topics[arn], nil
}

var policyRules = map[string]bool{"GT7110": true, "GT7120": true, "GT7125": true, "GT7160": true}

// runPolicy runs only the policy checks over a spec with the given extra
// members, against clients (nil Policies allowed).
func runPolicy(t *testing.T, clients *aws.Clients, extra string) []diag.Diagnostic {
	t.Helper()
	f, err := groundtruth.Load()
	if err != nil {
		t.Fatal(err)
	}
	y := fmt.Sprintf(`LabelingJobName: birds
LabelAttributeName: birds
InputConfig:
  DataSource:
    S3DataSource:
      ManifestS3Uri: s3://acme/in.manifest
RoleArn: %s
LabelCategoryConfigS3Uri: s3://acme/labels.json
HumanTaskConfig:
  WorkteamArn: arn:aws:sagemaker:us-east-1:%s:workteam/private-crowd/birders
  UiConfig:
    UiTemplateS3Uri: s3://acme/t.liquid.html
  PreHumanTaskLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox
  AnnotationConsolidationConfig:
    AnnotationConsolidationLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox
  TaskTitle: Boxes
  TaskDescription: Draw boxes
  NumberOfHumanWorkersPerDataObject: 3
  TaskTimeLimitInSeconds: 600
%s`, tRole, tAcct, extra)
	docs, perrs := spec.Parse("t.yaml", []byte(y))
	if len(perrs) > 0 || len(docs) != 1 {
		t.Fatalf("parse: %v", perrs)
	}
	p := NewPass(docs[0], f.Resolve(docs[0].Root, "", ""), f, map[string]bool{})
	p.Skip = map[string]bool{}
	for _, r := range rules.All() {
		if !policyRules[r.ID] {
			p.Skip[r.ID] = true
		}
	}
	o := NewOnline(func(string) (*aws.Clients, error) { return clients, nil })
	p.AWS = o.For("us-east-1")
	var out []diag.Diagnostic
	for _, d := range p.Run() {
		if policyRules[d.Rule] {
			out = append(out, d)
		}
	}
	return out
}

func findings(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "\n  %s %s %s: %s", d.Rule, d.Severity, d.Path, d.Message)
	}
	return b.String()
}

func expectOne(t *testing.T, ds []diag.Diagnostic, rule string, sev rules.Severity, parts ...string) {
	t.Helper()
	if len(ds) != 1 || ds[0].Rule != rule || ds[0].Severity != sev {
		t.Fatalf("want one %s %v, got%s", rule, sev, findings(ds))
	}
	for _, s := range parts {
		if !strings.Contains(ds[0].Message, s) {
			t.Errorf("message %q lacks %q", ds[0].Message, s)
		}
	}
}

const (
	volKey = `LabelingJobAlgorithmsConfig:
  LabelingJobAlgorithmSpecificationArn: arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/object-detection
  LabelingJobResourceConfig:
    VolumeKmsKeyId: ` + tKey + "\n"
	outKey = "OutputConfig:\n  S3OutputPath: s3://acme/out/\n  KmsKeyId: " + tKey + "\n"
)

var (
	trustOK       = stmt(`{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}`)
	passRoleOK    = aws.Decision{Allowed: true, Decision: "allowed"}
	rootKeyPolicy = stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + tAcct + `:root"},"Action":"kms:*","Resource":"*"}`)
)

func TestGT7110Fake(t *testing.T) {
	c := func(f *fakePolicies) *aws.Clients { return &aws.Clients{Region: "us-east-1", Policies: f} }
	allowed := map[string]aws.Decision{"kms:CreateGrant": {Allowed: true, Decision: "allowed"}, "iam:PassRole": passRoleOK}

	if ds := runPolicy(t, c(&fakePolicies{sim: allowed, trust: trustOK}), volKey); len(ds) != 0 {
		t.Errorf("allowed: want nothing, got%s", findings(ds))
	}
	ds := runPolicy(t, c(&fakePolicies{sim: map[string]aws.Decision{"iam:PassRole": passRoleOK}, trust: trustOK}), volKey)
	expectOne(t, ds, "GT7110", rules.Error, "kms:CreateGrant", tKARN, "implicitDeny")
	if ds[0].Path != "LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VolumeKmsKeyId" {
		t.Errorf("path %s", ds[0].Path)
	}

	// The key policy grants the role directly: no IAM policy needed.
	direct := &fakePolicies{sim: map[string]aws.Decision{"iam:PassRole": passRoleOK}, trust: trustOK,
		keys: map[string]*aws.KMSKey{tKARN: {ARN: tKARN, Account: tAcct,
			Policy: stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":"kms:CreateGrant"}`)}}}
	if ds := runPolicy(t, c(direct), volKey); len(ds) != 0 {
		t.Errorf("key policy grant: want nothing, got%s", findings(ds))
	}

	missingCtx := map[string]aws.Decision{"iam:PassRole": passRoleOK,
		"kms:CreateGrant": {Decision: "implicitDeny", MissingContext: []string{"kms:GrantIsForAWSResource"}}}
	ds = runPolicy(t, c(&fakePolicies{sim: missingCtx, trust: trustOK}), volKey)
	expectOne(t, ds, "GT7110", rules.Warning, "kms:GrantIsForAWSResource", "Verify")

	// Access denied to the simulation: warnings naming the permission (GT7110, GT7160).
	ds = runPolicy(t, c(&fakePolicies{simErr: &aws.APIError{Op: "SimulatePrincipalPolicy", Code: "AccessDenied", Kind: aws.ErrAccessDenied}, trust: trustOK}), volKey)
	if len(ds) != 2 || ds[0].Severity != rules.Warning || ds[1].Severity != rules.Warning ||
		!strings.Contains(ds[0].Message, "iam:SimulatePrincipalPolicy") || !strings.Contains(ds[1].Message, "iam:SimulatePrincipalPolicy") {
		t.Errorf("access denied: want two warnings naming iam:SimulatePrincipalPolicy, got%s", findings(ds))
	}

	// No policy reader: a warning per applicable rule.
	ds = runPolicy(t, &aws.Clients{Region: "us-east-1"}, volKey)
	if len(ds) != 2 {
		t.Fatalf("nil Policies: want 2 warnings, got%s", findings(ds))
	}
	for _, d := range ds {
		if d.Severity != rules.Warning || !strings.Contains(d.Message, "no policy reader") {
			t.Errorf("nil Policies: %s %v %s", d.Rule, d.Severity, d.Message)
		}
	}
}

func TestGT7160Fake(t *testing.T) {
	c := func(f *fakePolicies) *aws.Clients { return &aws.Clients{Region: "us-east-1", Policies: f} }
	alg := "LabelingJobAlgorithmsConfig:\n  LabelingJobAlgorithmSpecificationArn: arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/object-detection\n"
	ok := map[string]aws.Decision{"iam:PassRole": passRoleOK}
	if ds := runPolicy(t, c(&fakePolicies{sim: ok, trust: trustOK}), alg); len(ds) != 0 {
		t.Errorf("fine role: got%s", findings(ds))
	}
	if ds := runPolicy(t, c(&fakePolicies{sim: ok, trust: trustOK}), ""); len(ds) != 0 {
		t.Errorf("no algorithms config: got%s", findings(ds))
	}
	ds := runPolicy(t, c(&fakePolicies{trust: trustOK}), alg)
	expectOne(t, ds, "GT7160", rules.Error, "iam:PassRole", "implicitDeny")
	lambda := stmt(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`)
	ds = runPolicy(t, c(&fakePolicies{sim: ok, trust: lambda}), alg)
	expectOne(t, ds, "GT7160", rules.Error, "trust policy does not allow sagemaker.amazonaws.com")
	ds = runPolicy(t, c(&fakePolicies{sim: map[string]aws.Decision{"iam:PassRole": {Decision: "implicitDeny", MissingContext: []string{"iam:PassedToService"}}}, trust: trustOK}), alg)
	expectOne(t, ds, "GT7160", rules.Warning, "iam:PassedToService")
}

func TestGT7120Fake(t *testing.T) {
	c := func(f *fakePolicies) *aws.Clients { return &aws.Clients{Region: "us-east-1", Policies: f} }
	key := func(policy string) map[string]*aws.KMSKey {
		return map[string]*aws.KMSKey{tKey: {ARN: tKARN, Account: tAcct, Policy: policy}}
	}
	allKMS := map[string]aws.Decision{}
	for _, a := range gt7120Actions {
		allKMS[a] = aws.Decision{Allowed: true, Decision: "allowed"}
	}
	// Account root grant, IAM allows: fine.
	if ds := runPolicy(t, c(&fakePolicies{sim: allKMS, keys: key(rootKeyPolicy)}), outKey); len(ds) != 0 {
		t.Errorf("root+IAM: got%s", findings(ds))
	}
	// Account root grant, IAM denies: error naming what is missing.
	ds := runPolicy(t, c(&fakePolicies{keys: key(rootKeyPolicy)}), outKey)
	expectOne(t, ds, "GT7120", rules.Error, tKey, "kms:Encrypt", "kms:DescribeKey")
	// Role granted directly: no IAM needed.
	direct := stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"]}`)
	if ds := runPolicy(t, c(&fakePolicies{keys: key(direct)}), outKey); len(ds) != 0 {
		t.Errorf("direct: got%s", findings(ds))
	}
	// Conditional grant: a warning, not an error.
	cond := stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":"kms:*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}`)
	ds = runPolicy(t, c(&fakePolicies{keys: key(cond)}), outKey)
	expectOne(t, ds, "GT7120", rules.Warning, "Verify")
	// Key in another account: skipped with a warning.
	other := "OutputConfig:\n  S3OutputPath: s3://acme/out/\n  KmsKeyId: arn:aws:kms:us-east-1:999999999999:key/" + tKey + "\n"
	ds = runPolicy(t, c(&fakePolicies{}), other)
	expectOne(t, ds, "GT7120", rules.Warning, "999999999999")
}

func TestGT7125Fake(t *testing.T) {
	c := func(f *fakePolicies) *aws.Clients { return &aws.Clients{Region: "us-east-1", Policies: f} }
	topic := "arn:aws:sns:us-east-1:" + tAcct + ":birds-out"
	out := "OutputConfig:\n  S3OutputPath: s3://acme/out/\n  SnsTopicArn: " + topic + "\n"
	if ds := runPolicy(t, c(&fakePolicies{}), out); len(ds) != 0 {
		t.Errorf("unencrypted: got%s", findings(ds))
	}
	ds := runPolicy(t, c(&fakePolicies{topics: map[string]string{topic: "alias/aws/sns"}}), out)
	expectOne(t, ds, "GT7125", rules.Error, "alias/aws/sns")
	ds = runPolicy(t, c(&fakePolicies{topics: map[string]string{topic: tKey}, keys: map[string]*aws.KMSKey{tKey: {ARN: tKARN, Account: tAcct, AWSManaged: true}}}), out)
	expectOne(t, ds, "GT7125", rules.Error, "AWS managed key")
	// Customer managed key granting the role only Decrypt.
	dec := stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":"kms:Decrypt"}`)
	ds = runPolicy(t, c(&fakePolicies{topics: map[string]string{topic: tKey}, keys: map[string]*aws.KMSKey{tKey: {ARN: tKARN, Account: tAcct, Policy: dec}}}), out)
	expectOne(t, ds, "GT7125", rules.Error, "kms:GenerateDataKey")
	both := stmt(`{"Effect":"Allow","Principal":{"AWS":"` + tRole + `"},"Action":["kms:Decrypt","kms:GenerateDataKey*"]}`)
	if ds := runPolicy(t, c(&fakePolicies{topics: map[string]string{topic: tKey}, keys: map[string]*aws.KMSKey{tKey: {ARN: tKARN, Account: tAcct, Policy: both}}}), out); len(ds) != 0 {
		t.Errorf("granted CMK: got%s", findings(ds))
	}
}
