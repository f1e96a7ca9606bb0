package main

// TestLintOnline runs `gtctl lint --online` end to end: aws.New with the
// standard configuration, pointed by AWS_ENDPOINT_URL_<SERVICE> at
// moto_server (IAM, S3, STS) and the in-process SageMaker endpoint, both on
// 127.0.0.1. Skipped without moto_server unless GTCTL_REQUIRE_MOTO=1.

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
)

const onlineTestSpec = `LabelingJobName: online-cli-job
LabelAttributeName: birds
InputConfig:
  DataSource:
    S3DataSource:
      ManifestS3Uri: s3://acme-cli/birds.manifest
OutputConfig:
  S3OutputPath: s3://acme-cli/output/
RoleArn: arn:aws:iam::123456789012:role/gt-cli
HumanTaskConfig:
  WorkteamArn: arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/birders
  UiConfig:
    HumanTaskUiArn: arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/PointCloudObjectDetection
  PreHumanTaskLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:PRE-3DPointCloudObjectDetection
  AnnotationConsolidationConfig:
    AnnotationConsolidationLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:ACS-3DPointCloudObjectDetection
  TaskTitle: Draw a cuboid around every car
  TaskDescription: Draw one tight cuboid around each car
  NumberOfHumanWorkersPerDataObject: 1
  TaskTimeLimitInSeconds: 7200
`

func TestLintOnline(t *testing.T) {
	moto := awstest.StartMoto(t)
	sm := fakesagemaker.New(fakesagemaker.Options{Workteams: []string{"birders"}})
	smURL := sm.Start()
	t.Cleanup(sm.Close)

	if _, err := iam.NewFromConfig(awstest.RawConfig(moto)).CreateRole(context.Background(), &iam.CreateRoleInput{
		RoleName: sdkaws.String("gt-cli"), AssumeRolePolicyDocument: sdkaws.String(awstest.TrustPolicy("sagemaker.amazonaws.com")), MaxSessionDuration: sdkaws.Int32(3600),
	}); err != nil {
		t.Fatal(err)
	}

	setAWSEnv(t, map[string]string{
		"AWS_SESSION_TOKEN":          "testing",
		"AWS_REGION":                 awstest.Region,
		"AWS_MAX_ATTEMPTS":           "2",
		"AWS_ENDPOINT_URL_SAGEMAKER": smURL,
		"AWS_ENDPOINT_URL_S3":        moto,
		"AWS_ENDPOINT_URL_IAM":       moto,
		"AWS_ENDPOINT_URL_STS":       moto,
	})

	dir := t.TempDir()
	spec := filepath.Join(dir, "job.yaml")
	if err := os.WriteFile(spec, []byte(onlineTestSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"lint", "--online", "--format", "json", spec}, strings.NewReader(""), &stdout, &stderr)
	t.Logf("stdout: %s\nstderr: %s", stdout.String(), stderr.String())
	var out struct {
		Diagnostics []struct {
			Rule, Severity, Message string
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("exit %d, output is not JSON: %v\nstdout: %s\nstderr: %s", code, err, stdout.String(), stderr.String())
	}
	want := map[string]string{
		"GT3050": "MaxSessionDuration 3,600 s but needs at least 7,200 s",
		"GT6400": "s3://acme-cli/birds.manifest",
		"GT7140": "acme-cli",
	}
	for _, d := range out.Diagnostics {
		if m, ok := want[d.Rule]; ok && d.Severity == "error" && strings.Contains(d.Message, m) {
			delete(want, d.Rule)
		}
	}
	if len(want) > 0 || code != exitFindings {
		t.Errorf("exit %d (want 1); missing errors %v in\n%s\nstderr: %s", code, want, stdout.String(), stderr.String())
	}
}
