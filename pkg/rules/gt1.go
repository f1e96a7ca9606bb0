package rules

// GT1xxx: request structure, from the SageMaker API model.
var _ = add(
	Rule{
		ID:       "GT1000",
		Severity: Error,
		Title:    "Value types must match the model",
		Source:   "validate.py",
		Doc: `Every member must have the YAML type the API model gives it: a mapping for a
structure, a sequence for a list, a string for a string and a plain integer
for an integer. "3600", 3600.0 and true are not integers. A spec that is not
valid YAML, or whose root is not a mapping, is reported here too. Fix the
value's type; the AWS CLI rejects the request before sending it otherwise.`,
	},
	Rule{
		ID:       "GT1010",
		Severity: Error,
		Title:    "Unknown or misspelled member",
		Source:   "validate.py",
		Doc: `Every key must be a member of the structure it sits in, spelled exactly as in
the API (PascalCase, case-sensitive): HumanTaskUIArn or UiTemplateS3URI are
unknown. The finding suggests the closest valid name; rename the key or move
it to the structure it belongs to.`,
	},
	Rule{
		ID:       "GT1020",
		Severity: Error,
		Title:    "Required member missing",
		Source:   "model#CreateLabelingJobRequest",
		Doc: `A required member is absent. At the top level these are LabelingJobName,
LabelAttributeName, InputConfig, OutputConfig, RoleArn and HumanTaskConfig;
nested structures have their own (for example WorkteamArn, UiConfig,
TaskTitle, TaskDescription, NumberOfHumanWorkersPerDataObject and
TaskTimeLimitInSeconds in HumanTaskConfig). Add the member the finding names.`,
	},
	Rule{
		ID:       "GT1025",
		Severity: Error,
		Title:    "Pre-annotation and consolidation Lambdas missing",
		Source:   "seed",
		Doc: `HumanTaskConfig needs both PreHumanTaskLambdaArn and
AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn. The current
API model marks them optional, but the developer guide requires them. Use
the Ground Truth PRE-/ACS- ARNs for your task type and Region, or your own
two Lambdas for a custom workflow.`,
	},
	Rule{
		ID:       "GT1030",
		Severity: Error,
		Title:    "LabelingJobName format",
		Source:   "model#LabelingJobName",
		Doc: `Job names are 1–63 letters, digits and hyphens, and start and end with a
letter or digit. A name can be used once per account and Region, forever:
pick one that says what and when, such as bird-boxes-2026-11.`,
	},
	Rule{
		ID:       "GT1035",
		Severity: Error,
		Title:    "LabelingJobName already used (case-insensitive)",
		Online:   true,
		Source:   "api-docs",
		Doc: `Online check: a labeling job with this name already exists in the account
and Region. Names compare without regard to case, so Example-job and
example-job collide, and names of finished or failed jobs stay taken.
Choose a new name, for example with a date or version suffix.`,
	},
	Rule{
		ID:       "GT1040",
		Severity: Error,
		Title:    "LabelAttributeName format",
		Source:   "model#LabelAttributeName",
		Doc: `LabelAttributeName is the key Ground Truth writes labels under in the output
manifest. It must be 1–127 letters, digits and hyphens, starting and ending
with a letter or digit; underscores, dots, spaces and $ are not allowed.
Replace them with hyphens, for example bird-boxes instead of bird_boxes.`,
	},
	Rule{
		ID:       "GT1050",
		Severity: Error,
		Title:    "S3 URI members",
		Source:   "model#S3Uri",
		Doc: `ManifestS3Uri, S3OutputPath, LabelCategoryConfigS3Uri and UiTemplateS3Uri
must be S3 URIs of at most 1,024 characters, such as s3://bucket/key. A
relative local path in the three artifact fields is allowed: gtctl reads the
local file and checks it with the file rules instead.`,
	},
	Rule{
		ID:       "GT1060",
		Severity: Error,
		Title:    "SNS topic ARN format",
		Source:   "model#SnsTopicArn",
		Doc: `The input and output SNS topics must be full topic ARNs of at most 2,048
characters: arn:aws:sns:<region>:<12-digit account>:<topic>. Topic names
use letters, digits, hyphens, underscores and dots. Copy the ARN from the
SNS console or from aws sns list-topics.`,
	},
	Rule{
		ID:       "GT1070",
		Severity: Error,
		Title:    "ContentClassifiers values",
		Source:   "model#ContentClassifier",
		Doc: `InputConfig.DataAttributes.ContentClassifiers takes at most 256 items, each
exactly FreeOfPersonallyIdentifiableInformation or FreeOfAdultContent.
Pseudo-code copied from the docs, such as the two names joined with "|", is
not a value: list each declaration as its own item, once.`,
	},
	Rule{
		ID:       "GT1080",
		Severity: Error,
		Title:    "KMS key id format",
		Source:   "model#KmsKeyId",
		Doc: `OutputConfig.KmsKeyId and LabelingJobResourceConfig.VolumeKmsKeyId may
contain only letters, digits, ":", "/", "_" and "-", up to 2,048 characters.
Use a key ID, key ARN or alias as shown in the KMS console, without spaces
or quotes.`,
	},
	Rule{
		ID:       "GT1085",
		Severity: Warning,
		Title:    "Empty or placeholder KmsKeyId",
		Source:   "api-docs",
		Doc: `OutputConfig.KmsKeyId is empty or the placeholder "string". Both pass the
format check but name no key. Remove the member to let SageMaker use the
default AWS managed S3 key, or set a real key ID or ARN.`,
	},
	Rule{
		ID:       "GT1090",
		Severity: Error,
		Title:    "RoleArn format",
		Source:   "model#RoleArn",
		Doc: `RoleArn must be an IAM role ARN of 20–2,048 characters:
arn:aws:iam::<12-digit account>:role/<name>. Placeholders such as
arn:aws:iam::*:role/* or account-id fail. Use the ARN of the SageMaker
execution role that Ground Truth will assume.`,
	},
	Rule{
		ID:       "GT1100",
		Severity: Error,
		Title:    "StoppingConditions ranges",
		Source:   "model#MaxPercentageOfInputDatasetLabeled",
		Doc: `StoppingConditions.MaxHumanLabeledObjectCount must be at least 1, and
MaxPercentageOfInputDatasetLabeled must be 1–100. To label everything, omit
the stopping conditions instead of setting 0.`,
	},
	Rule{
		ID:       "GT1110",
		Severity: Error,
		Title:    "Automated-labeling ARN formats",
		Source:   "model#ModelArn",
		Doc: `LabelingJobAlgorithmSpecificationArn must be an ARN (at most 2,048
characters), and InitialActiveLearningModelArn must be a SageMaker model ARN
of 20–2,048 characters: arn:aws:sagemaker:<region>:<account>:model/<name>.
Take the model ARN from a previous job's FinalActiveLearningModelArn.`,
	},
	Rule{
		ID:       "GT1120",
		Severity: Error,
		Title:    "VpcConfig lists",
		Source:   "model#VpcSecurityGroupIds",
		Doc: `VpcConfig needs 1–5 SecurityGroupIds and 1–16 Subnets. Each ID is at most
32 characters of letters, digits and hyphens, such as sg-0123abcd or
subnet-0123abcd. Remove extra entries or whitespace.`,
	},
	Rule{
		ID:       "GT1130",
		Severity: Error,
		Title:    "WorkteamArn format",
		Source:   "model#WorkteamArn",
		Doc: `WorkteamArn must be a SageMaker work team ARN of at most 256 characters:
arn:aws:sagemaker:<region>:<12-digit account>:workteam/<type>-crowd/<name>.
Placeholders with "*" or "account-id" fail. Copy the ARN from the Labeling
workforces page of the SageMaker console.`,
	},
	Rule{
		ID:       "GT1140",
		Severity: Error,
		Title:    "HumanTaskUiArn format",
		Source:   "model#HumanTaskUiArn",
		Doc: `HumanTaskUiArn must be a human task UI ARN of at most 1,024 characters with a
non-empty Region: arn:aws:sagemaker:<region>:394669845002:human-task-ui/<Name>
for the Ground Truth UIs. Fill in the Region of your job.`,
	},
	Rule{
		ID:       "GT1150",
		Severity: Error,
		Title:    "Lambda ARN format",
		Source:   "model#LambdaFunctionArn",
		Doc: `PreHumanTaskLambdaArn and AnnotationConsolidationLambdaArn must be Lambda
function ARNs of at most 2,048 characters:
arn:aws:lambda:<region>:<12-digit account>:function:<name>. ARNs with the
Region or account left out fail; copy the full ARN for your Region.`,
	},
	Rule{
		ID:       "GT1160",
		Severity: Error,
		Title:    "TaskKeywords",
		Source:   "model#TaskKeyword",
		Doc: `TaskKeywords, when present, holds 1–5 keywords of 1–30 characters each.
A keyword is ASCII letters and digits, with words separated by single
spaces: no hyphens, punctuation, or leading, trailing or double spaces.
Write "Multi label" rather than "Multi-label".`,
	},
	Rule{
		ID:       "GT1170",
		Severity: Error,
		Title:    "TaskTitle",
		Source:   "model#TaskTitle",
		Doc: `TaskTitle must be 1–128 printable characters. Control characters other than
tab, carriage return and line feed are rejected. Workers see the title in
their task list, so keep it short and specific.`,
	},
	Rule{
		ID:       "GT1180",
		Severity: Error,
		Title:    "TaskDescription",
		Source:   "model#TaskDescription",
		Doc: `TaskDescription must be 1–255 characters on a single line; any line break,
such as one from a YAML "|" block, fails the pattern. Use a plain or folded
(">") YAML scalar and put longer guidance in the worker instructions.`,
	},
	Rule{
		ID:       "GT1190",
		Severity: Error,
		Title:    "NumberOfHumanWorkersPerDataObject range",
		Source:   "model#NumberOfHumanWorkersPerDataObject",
		Doc: `NumberOfHumanWorkersPerDataObject must be 1–9. More workers per object
improve consolidated label quality but multiply cost; the console defaults
are 3 for classification and 5 for bounding boxes.`,
	},
	Rule{
		ID:       "GT1200",
		Severity: Error,
		Title:    "TaskTimeLimitInSeconds minimum",
		Source:   "model#TaskTimeLimitInSeconds",
		Doc: `TaskTimeLimitInSeconds, the time a worker has for one task, must be at
least 30 seconds. The maximum depends on the task type (GT3010–GT3025).`,
	},
	Rule{
		ID:       "GT1210",
		Severity: Error,
		Title:    "TaskAvailabilityLifetimeInSeconds minimum",
		Source:   "model#TaskAvailabilityLifetimeInSeconds",
		Doc: `TaskAvailabilityLifetimeInSeconds, how long a task stays on offer to
workers, must be at least 60 seconds. The maximum depends on the workforce
(GT3030, GT3040).`,
	},
	Rule{
		ID:       "GT1220",
		Severity: Error,
		Title:    "MaxConcurrentTaskCount range",
		Source:   "model#MaxConcurrentTaskCount",
		Doc: `MaxConcurrentTaskCount, the number of data objects sent to workers at once,
must be 1–5,000. Omit it to use the default of 1,000.`,
	},
	Rule{
		ID:       "GT1225",
		Severity: Warning,
		Title:    "MaxConcurrentTaskCount above the default quota",
		Source:   "api-docs",
		Doc: `MaxConcurrentTaskCount is between 1,001 and 5,000. The default quota is
1,000 concurrent objects; higher values need a limit increase from AWS
Support first. Lower the value or request the increase before creating
the job.`,
	},
	Rule{
		ID:       "GT1230",
		Severity: Error,
		Title:    "Price member ranges",
		Source:   "model#Dollars",
		Doc: `PublicWorkforceTaskPrice.AmountInUsd allows Dollars 0–2, Cents 0–99 and
TenthFractionsOfACent 0–9. $0.036 is written Dollars 0, Cents 3,
TenthFractionsOfACent 6. The allowed prices per task type are checked by
GT4050.`,
	},
	Rule{
		ID:       "GT1240",
		Severity: Error,
		Title:    "Tags format",
		Source:   "model#TagList",
		Doc: `Tags holds at most 50 items. Each Key is 1–128 characters and each Value
0–256 characters, made of letters, digits, spaces and _ . : / = + - @.
Remove other punctuation or move the information elsewhere.`,
	},
	Rule{
		ID:       "GT1250",
		Severity: Error,
		Title:    "Duplicate tag keys",
		Source:   "api-docs",
		Doc: `Two Tags items have the same Key. A key can appear only once on a labeling
job, so the request is rejected. Merge the values into one tag or rename a
key.`,
	},
)
