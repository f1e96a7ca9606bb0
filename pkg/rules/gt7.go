package rules

// GT7xxx: data source, output, streaming, encryption and automated labeling.
// A job is streaming when InputConfig.DataSource.SnsDataSource is present.
var _ = add(
	Rule{
		ID:       "GT7010",
		Severity: Error,
		Title:    "No data source",
		Source:   "api-docs",
		Doc: `InputConfig.DataSource has neither S3DataSource nor SnsDataSource. Add
S3DataSource.ManifestS3Uri for a batch job with an input manifest, or
SnsDataSource.SnsTopicArn for a streaming job (or both).`,
	},
	Rule{
		ID:       "GT7020",
		Severity: Error,
		Title:    "Automated labeling on a streaming job",
		Source:   "gt/sms-streaming-create-labeling-job-api.md",
		Doc: `Streaming labeling jobs (SnsDataSource) don't support automated data
labeling. Remove LabelingJobAlgorithmsConfig, or run a batch job from a
manifest if you need automated labeling.`,
	},
	Rule{
		ID:       "GT7030",
		Severity: Warning,
		Title:    "StoppingConditions on a streaming job",
		Source:   "gt/sms-streaming-create-labeling-job-api.md",
		Doc: `StoppingConditions are ignored for streaming jobs. A streaming job runs
until you call StopLabelingJob or it has been idle for 10 days. Remove the
stopping conditions.`,
	},
	Rule{
		ID:       "GT7040",
		Severity: Warning,
		Title:    "Output topic equals input topic",
		Source:   "gt/sms-streaming-labeling-job.md",
		Doc: `OutputConfig.SnsTopicArn is the job's own input topic, so every labeled
result would be fed back in as new input. Use a separate output topic; to
chain jobs, point it at another job's input topic.`,
	},
	Rule{
		ID:       "GT7050",
		Severity: Warning,
		Title:    "Same S3 location for input and output",
		Source:   "gt/sms-streaming-labeling-job.md",
		Doc: `In a streaming job, S3OutputPath overlaps the input location (the prefix of
ManifestS3Uri). Output objects written there can trigger S3 event
notifications and be ingested again as new input. Use separate prefixes or
buckets for input and output.`,
	},
	Rule{
		ID:       "GT7060",
		Severity: Warning,
		Title:    "SNS topic name outside the managed policy's scope",
		Source:   "gt/security-iam-awsmanpol-ground-truth.md",
		Doc: `The AmazonSageMakerGroundTruthExecution managed policy only covers SNS
topics whose name contains "groundtruth" or "sagemaker" (in the casings it
lists). This topic name does not; rename the topic, or grant the execution
role sns:Subscribe and sns:Publish on it explicitly.`,
	},
	Rule{
		ID:       "GT7065",
		Severity: Warning,
		Title:    "S3 bucket outside the managed policy's scope",
		Source:   "gt/security-iam-awsmanpol-ground-truth.md",
		Doc: `The AmazonSageMakerGroundTruthExecution managed policy only reaches S3
buckets whose name contains "groundtruth" or "sagemaker" (any case), or
objects tagged SageMaker=true. If the role relies on that policy, grant
s3:GetObject/PutObject on this bucket explicitly or tag the objects.`,
	},
	Rule{
		ID:       "GT7068",
		Severity: Warning,
		Title:    "Custom Lambda name outside the managed policy's scope",
		Source:   "gt/sms-custom-templates-step3-lambda-permissions.md",
		Doc: `The managed execution policy only lets Ground Truth invoke Lambdas whose
name contains GtRecipe, SageMaker, Sagemaker, sagemaker or
LabelingFunction. Rename the function, or add lambda:InvokeFunction for it
to the execution role.`,
	},
	Rule{
		ID:       "GT7070",
		Severity: Error,
		Title:    "Automated labeling for an unsupported task type",
		Source:   "gt/sms-automated-labeling.md",
		Doc: `Automated data labeling is only available for single-label image
classification, bounding box, semantic segmentation and single-label text
classification; custom and other task types don't support it. Remove
LabelingJobAlgorithmsConfig.`,
	},
	Rule{
		ID:       "GT7080",
		Severity: Error,
		Title:    "Unknown algorithm ARN",
		Source:   "api-docs",
		Doc: `LabelingJobAlgorithmSpecificationArn must be
arn:aws:sagemaker:<region>:027400017018:labeling-job-algorithm-specification/<algorithm>
where <algorithm> is image-classification, text-classification,
object-detection or semantic-segmentation. Copy the ARN for your Region.`,
	},
	Rule{
		ID:       "GT7090",
		Severity: Error,
		Title:    "Algorithm does not match the task type",
		Source:   "gt/sms-create-labeling-job-api.md",
		Doc: `The automated-labeling algorithm must match the task type: image-classification
for ImageMultiClass, text-classification for TextMultiClass,
object-detection for BoundingBox and semantic-segmentation for
SemanticSegmentation. Change the algorithm suffix of the ARN.`,
	},
	Rule{
		ID:       "GT7095",
		Severity: Error,
		Title:    "Automated labeling on an audit job",
		Source:   "gt/input-data-limits.md",
		Doc: `LabelingJobAlgorithmsConfig is set on an image audit job. For bounding box
and semantic segmentation verification it is an error: automated labeling
is not available. For the adjustment jobs it is a warning, since support is
not documented. Remove LabelingJobAlgorithmsConfig.`,
	},
	Rule{
		ID:       "GT7100",
		Severity: Warning,
		Title:    "KMS key id form",
		Source:   "api-docs",
		Doc: `VolumeKmsKeyId should be a key ID (a UUID such as 1234abcd-12ab-...) or a
key ARN (arn:aws:kms:<region>:<account>:key/<id>); OutputConfig.KmsKeyId may
also be an alias (alias/name) or alias ARN. Other values pass the format
check but name no key; copy the ID or ARN from the KMS console.`,
	},
	Rule{
		ID:       "GT7105",
		Severity: Error,
		Title:    "Resource settings without automated labeling",
		Source:   "api-docs",
		Doc: `LabelingJobResourceConfig (VolumeKmsKeyId or VpcConfig) is set but
LabelingJobAlgorithmSpecificationArn is not. These settings only apply to
the automated-labeling instances: add the algorithm ARN, or remove
LabelingJobResourceConfig.`,
	},
	Rule{
		ID:       "GT7110",
		Severity: Error,
		Title:    "Role cannot create grants for VolumeKmsKeyId",
		Online:   true,
		Source:   "gt/sms-security.md",
		Doc: `Online check: the execution role is not allowed kms:CreateGrant, which
SageMaker needs to encrypt the automated-labeling volumes with
VolumeKmsKeyId. Add kms:CreateGrant on that key to the role's policy.`,
	},
	Rule{
		ID:       "GT7120",
		Severity: Error,
		Title:    "Output key policy does not allow the role",
		Online:   true,
		Source:   "gt/sms-security-kms-permissions.md",
		Doc: `Online check: the key policy of OutputConfig.KmsKeyId does not let the
execution role use the key. Grant the role kms:Encrypt, kms:Decrypt,
kms:ReEncrypt*, kms:GenerateDataKey* and kms:DescribeKey in the key policy.`,
	},
	Rule{
		ID:       "GT7125",
		Severity: Error,
		Title:    "Output topic encrypted with the AWS managed SNS key",
		Online:   true,
		Source:   "gt/sms-create-sns-input-topic.md",
		Doc: `Online check: the SNS output topic is encrypted with the AWS managed key
alias/aws/sns, or with a customer managed key the execution role can't use.
Encrypt it with a customer managed key that allows the role kms:Decrypt and
kms:GenerateDataKey.`,
	},
	Rule{
		ID:       "GT7130",
		Severity: Warning,
		Title:    "https form of an S3 URI",
		Source:   "gt/sms-create-labeling-job-console.md",
		Doc: `An S3 location is given as an https:// URL. The API pattern accepts it, but
Ground Truth documents only the s3://bucket/key form. Rewrite it as
s3://bucket/key.`,
	},
	Rule{
		ID:       "GT7140",
		Severity: Error,
		Title:    "Output bucket in another Region",
		Online:   true,
		Source:   "gt/sms-create-labeling-job-console.md",
		Doc: `Online check: the S3OutputPath bucket is in a Region other than the job's.
The output bucket must be in the job's Region; use a bucket there.`,
	},
	Rule{
		ID:       "GT7150",
		Severity: Error,
		Title:    "Missing CORS on image input buckets",
		Online:   true,
		Source:   "gt/sms-cors-update.md",
		Doc: `Online check: a bucket holding the images has no CORS rule that allows GET
from origin * and exposes Access-Control-Allow-Origin. Without it the
worker UI can't load the images and the tasks fail. Add that CORS rule to
the bucket.`,
	},
	Rule{
		ID:       "GT7155",
		Severity: Error,
		Title:    "Missing CORS for frame jobs",
		Online:   true,
		Source:   "gt/sms-video-overview.md",
		Doc: `Online check: 3D point cloud and video frame jobs need a CORS rule on both
the input and the output bucket allowing GET, HEAD and PUT from origin *
and exposing Access-Control-Allow-Origin. Attach the documented CORS policy
to both buckets.`,
	},
	Rule{
		ID:       "GT7160",
		Severity: Error,
		Title:    "Role set-up for automated labeling",
		Online:   true,
		Source:   "gt/sms-security-permission-execution-role.md",
		Doc: `Online check for automated labeling: the execution role must trust
sagemaker.amazonaws.com (sts:AssumeRole) and be allowed iam:PassRole on
itself to SageMaker, because the training and inference jobs run as that
role. Update the trust policy and add the PassRole statement.`,
	},
)
