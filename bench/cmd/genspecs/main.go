// Command genspecs writes N generated labeling-job specs, valid and invalid
// mixed, for the lint benchmarks. Deterministic for a given -seed.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
)

const valid = `LabelingJobName: job-%[1]d
LabelAttributeName: boxes
InputConfig:
  DataSource:
    S3DataSource:
      ManifestS3Uri: s3://acme-groundtruth-input/in/%[1]d.manifest
OutputConfig:
  S3OutputPath: s3://acme-groundtruth-output/out/
RoleArn: arn:aws:iam::111122223333:role/GroundTruthExecution
LabelCategoryConfigS3Uri: s3://acme-groundtruth-input/labels/%[1]d.json
HumanTaskConfig:
  WorkteamArn: arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team
  UiConfig:
    UiTemplateS3Uri: s3://acme-groundtruth-input/templates/bb.liquid.html
  PreHumanTaskLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox
  AnnotationConsolidationConfig:
    AnnotationConsolidationLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox
  TaskTitle: Draw boxes %[1]d
  TaskDescription: Draw one tight box around each object
  NumberOfHumanWorkersPerDataObject: 3
  TaskTimeLimitInSeconds: 600
Tags:
  - Key: team
    Value: vision
`

// Each invalid variant breaks one thing a different rule family catches.
var invalid = []string{
	`LabelingJobName: job_%[1]d
LabelAttributeName: boxes
InputConfig:
  DataSource:
    S3DataSource:
      ManifestS3Uri: s3://acme-groundtruth-input/in/%[1]d.manifest
OutputConfig:
  S3OutputPath: s3://acme-groundtruth-output/out/
RoleArn: arn:aws:iam::*:role/*
HumanTaskConfig:
  WorkteamArn: arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team
  UiConfig:
    UiTemplateS3Uri: s3://acme-groundtruth-input/templates/bb.liquid.html
  PreHumanTaskLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:PRE-tasktype
  AnnotationConsolidationConfig:
    AnnotationConsolidationLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:ACS-
  TaskTitle: Draw boxes
  TaskDescriptoin: Draw boxes
  NumberOfHumanWorkersPerDataObject: 13
  TaskTimeLimitInSeconds: 36000
  TaskKeywords: [Multi-label]
`,
	`LabelingJobName: job-%[1]d
LabelAttributeName: seg
InputConfig:
  DataSource:
    S3DataSource:
      ManifestS3Uri: s3://acme-groundtruth-input/in/%[1]d.manifest
OutputConfig:
  S3OutputPath: s3://acme-groundtruth-output/out/
RoleArn: arn:aws:iam::111122223333:role/GroundTruthExecution
HumanTaskConfig:
  WorkteamArn: arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default
  UiConfig:
    HumanTaskUiArn: arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/PointCloudObjectDetection
  PreHumanTaskLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:PRE-3DPointCloudObjectDetection
  AnnotationConsolidationConfig:
    AnnotationConsolidationLambdaArn: arn:aws:lambda:eu-west-1:568282634449:function:ACS-3DPointCloudObjectDetection
  TaskTitle: Boxes in point clouds
  TaskDescription: Draw cuboids
  NumberOfHumanWorkersPerDataObject: 3
  TaskTimeLimitInSeconds: "600"
`,
	"LabelingJobName: job-%[1]d\nHumanTaskConfig: [unclosed\n",
}

func main() {
	n := flag.Int("n", 10000, "number of specs")
	dir := flag.String("dir", "bench/out/specs", "output directory")
	invalidShare := flag.Float64("invalid", 0.3, "share of invalid specs")
	validOnly := flag.String("valid-dir", "", "also write only the valid specs here (for cue vet)")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	r := rand.New(rand.NewSource(*seed))
	bad := 0
	for _, d := range []string{*dir, *validOnly} {
		if d != "" {
			if err := os.MkdirAll(d, 0o755); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
	for i := 0; i < *n; i++ {
		text := valid
		ok := true
		if r.Float64() < *invalidShare {
			text = invalid[r.Intn(len(invalid))]
			ok = false
			bad++
		}
		name := fmt.Sprintf("job-%06d.yaml", i)
		body := []byte(fmt.Sprintf(text, i))
		if err := os.WriteFile(filepath.Join(*dir, name), body, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if ok && *validOnly != "" {
			if err := os.WriteFile(filepath.Join(*validOnly, name), body, 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
	// The benchmark checks that lint reported a finding in every invalid
	// file, and in no valid one.
	fmt.Println(bad)
}
