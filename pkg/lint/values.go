package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gtctl/gtctl/pkg/spec"
)

// valueRule turns a CUE constraint failure at a member path into the
// catalog's rule and a plain message with the value involved. Raw CUE
// errors ("out of bound <=9") never reach the user.
type valueRule struct {
	rule string
	msg  func(path string, n *spec.Node) string
}

func got(n *spec.Node) string {
	switch n.Kind {
	case spec.Seq:
		return fmt.Sprintf("%d items", len(n.Values))
	case spec.String:
		v := n.Value
		if r := []rune(v); len(r) > 80 {
			v = string(r[:77]) + "..."
		}
		return fmt.Sprintf("%q, %d characters", v, len([]rune(n.Value)))
	}
	return n.Value
}

var (
	s3URI = valueRule{"GT1050", func(p string, n *spec.Node) string {
		return fmt.Sprintf("`%s` must be an S3 URI such as `s3://bucket/key` (max 1024 characters); got %s.", p, got(n))
	}}
	snsARN = valueRule{"GT1060", func(p string, n *spec.Node) string {
		return fmt.Sprintf("`%s` must be an SNS topic ARN `arn:aws:sns:<region>:<12-digit account>:<topic>`; got %s.", p, got(n))
	}}
	kmsKey = valueRule{"GT1080", func(p string, n *spec.Node) string {
		return fmt.Sprintf("`%s` may contain only letters, digits, `:`, `/`, `_` and `-` (max 2048); got %s.", p, got(n))
	}}
	lambdaARN = valueRule{"GT1150", func(p string, n *spec.Node) string {
		return fmt.Sprintf("`%s` must be a Lambda function ARN `arn:aws:lambda:<region>:<12-digit account>:function:<name>`; got %s.", p, got(n))
	}}
	vpc = valueRule{"GT1120", func(p string, n *spec.Node) string {
		return fmt.Sprintf("VpcConfig needs 1–5 SecurityGroupIds and 1–16 Subnets, each ≤ 32 characters of `[-0-9a-zA-Z]`; `%s` is %s.", p, got(n))
	}}
	stopping = valueRule{"GT1100", func(p string, n *spec.Node) string {
		return fmt.Sprintf("MaxHumanLabeledObjectCount must be ≥ 1 and MaxPercentageOfInputDatasetLabeled must be 1–100 (got %s).", got(n))
	}}
	price = valueRule{"GT1230", func(p string, n *spec.Node) string {
		return fmt.Sprintf("AmountInUsd: Dollars 0–2, Cents 0–99, TenthFractionsOfACent 0–9 (`%s` is %s).", p, got(n))
	}}
	tags = valueRule{"GT1240", func(p string, n *spec.Node) string {
		return fmt.Sprintf("Tags: at most 50; keys 1–128 and values 0–256 characters of letters, digits, spaces and `_.:/=+-@` (`%s` is %s).", p, got(n))
	}}
	algoARN = valueRule{"GT1110", func(p string, n *spec.Node) string {
		return fmt.Sprintf("`%s` is not a valid ARN of the required form (got %s).", p, got(n))
	}}
)

// valueRules maps member paths (list items as []) to their rule.
var valueRules = map[string]valueRule{
	"LabelingJobName": {"GT1030", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("LabelingJobName must be 1–63 characters of letters, digits and hyphens, starting and ending with a letter or digit (got %s).", got(n))
	}},
	"LabelAttributeName": {"GT1040", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("LabelAttributeName must be 1–127 letters, digits and hyphens, starting and ending with a letter or digit (got %s).", got(n))
	}},
	"InputConfig.DataSource.S3DataSource.ManifestS3Uri": s3URI,
	"OutputConfig.S3OutputPath":                         s3URI,
	"LabelCategoryConfigS3Uri":                          s3URI,
	"HumanTaskConfig.UiConfig.UiTemplateS3Uri":          s3URI,
	"InputConfig.DataSource.SnsDataSource.SnsTopicArn":  snsARN,
	"OutputConfig.SnsTopicArn":                          snsARN,
	"InputConfig.DataAttributes.ContentClassifiers": {"GT1070", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("ContentClassifiers may have at most 256 items (got %s); only two values exist, so repeats are redundant.", got(n))
	}},
	"InputConfig.DataAttributes.ContentClassifiers[]": {"GT1070", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("ContentClassifiers items must be `FreeOfPersonallyIdentifiableInformation` or `FreeOfAdultContent` (got %q).", n.Value)
	}},
	"OutputConfig.KmsKeyId": kmsKey,
	"LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VolumeKmsKeyId": kmsKey,
	"RoleArn": {"GT1090", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("RoleArn must be an IAM role ARN `arn:aws:iam::<12-digit account>:role/<name>` (got %s).", got(n))
	}},
	"StoppingConditions.MaxHumanLabeledObjectCount":                                      stopping,
	"StoppingConditions.MaxPercentageOfInputDatasetLabeled":                              stopping,
	"LabelingJobAlgorithmsConfig.LabelingJobAlgorithmSpecificationArn":                   algoARN,
	"LabelingJobAlgorithmsConfig.InitialActiveLearningModelArn":                          algoARN,
	"LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VpcConfig.SecurityGroupIds":   vpc,
	"LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VpcConfig.SecurityGroupIds[]": vpc,
	"LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VpcConfig.Subnets":            vpc,
	"LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VpcConfig.Subnets[]":          vpc,
	"HumanTaskConfig.WorkteamArn": {"GT1130", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("WorkteamArn must be `arn:aws:sagemaker:<region>:<12-digit account>:workteam/<type>-crowd/<name>` (got %s).", got(n))
	}},
	"HumanTaskConfig.UiConfig.HumanTaskUiArn": {"GT1140", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("HumanTaskUiArn must be `arn:aws:sagemaker:<region>:394669845002:human-task-ui/<Name>` (got %s).", got(n))
	}},
	"HumanTaskConfig.PreHumanTaskLambdaArn":                                          lambdaARN,
	"HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn": lambdaARN,
	"HumanTaskConfig.TaskKeywords": {"GT1160", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("TaskKeywords: 1–5 keywords, each 1–30 characters of letters and digits separated by single spaces (got %s).", got(n))
	}},
	"HumanTaskConfig.TaskKeywords[]": {"GT1160", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("TaskKeywords: 1–5 keywords, each 1–30 characters of letters and digits separated by single spaces (`%s` is invalid).", n.Value)
	}},
	"HumanTaskConfig.TaskTitle": {"GT1170", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("TaskTitle must be 1–128 printable characters (got %s).", got(n))
	}},
	"HumanTaskConfig.TaskDescription": {"GT1180", func(_ string, n *spec.Node) string {
		msg := "TaskDescription must be 1–255 characters on a single line"
		if strings.ContainsAny(n.Value, "\n\r") {
			msg += " (it contains a line break; use a plain or folded `>-` YAML scalar)"
		} else {
			msg += fmt.Sprintf(" (got %d characters)", len([]rune(n.Value)))
		}
		return msg + "."
	}},
	"HumanTaskConfig.NumberOfHumanWorkersPerDataObject": {"GT1190", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("NumberOfHumanWorkersPerDataObject must be 1–9 (got %s).", n.Value)
	}},
	"HumanTaskConfig.TaskTimeLimitInSeconds": {"GT1200", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("TaskTimeLimitInSeconds must be at least 30 (got %s).", n.Value)
	}},
	"HumanTaskConfig.TaskAvailabilityLifetimeInSeconds": {"GT1210", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("TaskAvailabilityLifetimeInSeconds must be at least 60 (got %s).", n.Value)
	}},
	"HumanTaskConfig.MaxConcurrentTaskCount": {"GT1220", func(_ string, n *spec.Node) string {
		return fmt.Sprintf("MaxConcurrentTaskCount must be 1–5000 (got %s).", n.Value)
	}},
	"HumanTaskConfig.PublicWorkforceTaskPrice.AmountInUsd.Dollars":               price,
	"HumanTaskConfig.PublicWorkforceTaskPrice.AmountInUsd.Cents":                 price,
	"HumanTaskConfig.PublicWorkforceTaskPrice.AmountInUsd.TenthFractionsOfACent": price,
	"Tags":         tags,
	"Tags[].Key":   tags,
	"Tags[].Value": tags,
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// patternOf turns "Tags[3].Key" into "Tags[].Key".
func patternOf(path string) string { return indexRE.ReplaceAllString(path, "[]") }
