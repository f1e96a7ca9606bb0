package lint

import (
	"context"
	"testing"
)

func TestSuppression(t *testing.T) {
	spec := []byte(`LabelingJobName: cat-or-dog-2026-11
LabelAttributeName: species
InputConfig:
  DataSource:
    S3DataSource:
      ManifestS3Uri: s3://acme-groundtruth/input/pets.manifest
  DataAttributes:
    ContentClassifiers: [FreeOfPersonallyIdentifiableInformation, FreeOfAdultContent]
OutputConfig:
  S3OutputPath: s3://acme-groundtruth/output/
RoleArn: arn:aws:iam::111122223333:role/GroundTruthExecution
LabelCategoryConfigS3Uri: s3://acme-groundtruth/input/pets-labels.json
HumanTaskConfig: # gtctl:ignore GT4080 -- reached through a direct link
  WorkteamArn: arn:aws:sagemaker:us-west-2:394669845002:workteam/public-crowd/default
  UiConfig:
    UiTemplateS3Uri: s3://acme-groundtruth/templates/image-classification.liquid.html
  PreHumanTaskLambdaArn: arn:aws:lambda:us-west-2:081040173940:function:PRE-ImageMultiClass
  AnnotationConsolidationConfig:
    AnnotationConsolidationLambdaArn: arn:aws:lambda:us-west-2:081040173940:function:ACS-ImageMultiClass
  TaskTitle: Is it a cat or a dog
  TaskDescription: Choose the animal you see in the picture
  # gtctl:ignore GT1190 -- five workers agreed with the vendor
  NumberOfHumanWorkersPerDataObject: 13
  TaskTimeLimitInSeconds: 300
  PublicWorkforceTaskPrice:
    AmountInUsd: {Dollars: 0, Cents: 1, TenthFractionsOfACent: 2}
`)
	for _, tc := range []struct {
		noIgnore        bool
		shown, silenced int
	}{
		{false, 0, 2},
		{true, 2, 0},
	} {
		l, err := New(Options{NoIgnore: tc.noIgnore})
		if err != nil {
			t.Fatal(err)
		}
		res, err := l.Run(context.Background(), []Input{{Path: "spec.yaml", Data: spec}})
		if err != nil {
			t.Fatal(err)
		}
		shown, silenced := 0, 0
		for _, d := range res.Diagnostics {
			if d.Suppressed != "" {
				silenced++
				if d.Rule != "GT4080" && d.Rule != "GT1190" {
					t.Errorf("unexpected suppressed %s", d.Rule)
				}
				continue
			}
			shown++
			if d.Rule != "GT4080" && d.Rule != "GT1190" {
				t.Errorf("unexpected finding %s %s", d.Rule, d.Message)
			}
		}
		if shown != tc.shown || silenced != tc.silenced {
			t.Errorf("noIgnore=%v: %d shown, %d suppressed; want %d, %d", tc.noIgnore, shown, silenced, tc.shown, tc.silenced)
		}
	}
}
