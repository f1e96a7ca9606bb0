package rules

// GT2xxx: task-type semantics. The task type comes from the PRE-/ACS- Lambda
// names (RULES.md §0.4).
var _ = add(
	Rule{
		ID:       "GT2010",
		Severity: Error,
		Title:    "Unknown or wrong built-in pre-annotation Lambda",
		Source:   "api-docs",
		Doc: `PreHumanTaskLambdaArn looks like a Ground Truth Lambda (its name starts with
PRE- or its account is a Ground Truth account) but is not one of the
documented ARNs: a misspelled or placeholder task type, another Region's
account, or a Region without Ground Truth Lambdas (such as us-west-1). Use
arn:aws:lambda:<region>:<account for region>:function:PRE-<TaskType>.`,
	},
	Rule{
		ID:       "GT2020",
		Severity: Error,
		Title:    "Unknown or wrong built-in consolidation Lambda",
		Source:   "api-docs",
		Doc: `AnnotationConsolidationLambdaArn looks like a Ground Truth Lambda (name
starts with ACS- or a Ground Truth account) but is not a documented ARN:
wrong task type, wrong account for the Region, or an unsupported Region. Use
arn:aws:lambda:<region>:<account for region>:function:ACS-<TaskType>, with
the same Region and task type as the pre-annotation Lambda.`,
	},
	Rule{
		ID:       "GT2030",
		Severity: Error,
		Title:    "PRE and ACS task types differ",
		Source:   "gt/sms-bounding-box.md",
		Doc: `The pre-annotation and consolidation Lambdas are for different task types,
for example PRE-BoundingBox with ACS-ImageMultiClass. Both must name the
same task type; pick the one you mean and change the other ARN to match.`,
	},
	Rule{
		ID:       "GT2035",
		Severity: Warning,
		Title:    "One built-in Lambda and one custom Lambda",
		Source:   "seed",
		Doc: `One Lambda is a Ground Truth built-in and the other is your own. Built-in
task types use both Ground Truth Lambdas; custom workflows use two custom
Lambdas. Make both built-in or both custom.`,
	},
	Rule{
		ID:       "GT2040",
		Severity: Error,
		Title:    "PRE/ACS function in the wrong field",
		Source:   "api-docs",
		Doc: `PreHumanTaskLambdaArn names an ACS- function, or
AnnotationConsolidationLambdaArn names a PRE- function. Pre-annotation
functions start with PRE- and consolidation functions with ACS-; swap the
two ARNs.`,
	},
	Rule{
		ID:       "GT2045",
		Severity: Warning,
		Title:    "Video classification Lambda names from the developer guide",
		Source:   "gt/sms-video-classification.md",
		Doc: `The developer guide names the video clip classification Lambdas
PRE-VideoClassification and ACS-VideoClassification, but the API's list of
Ground Truth Lambdas has PRE-VideoMultiClass and ACS-VideoMultiClass
instead. Use the VideoMultiClass names.`,
	},
	Rule{
		ID:       "GT2050",
		Severity: Error,
		Title:    "Region mismatch between ARNs",
		Source:   "gt/sms-video-object-detection.md",
		Doc: `A Region-bearing ARN (built-in Lambda, HumanTaskUiArn, input or output SNS
topic, algorithm ARN) is in a different Region from the job. The job Region
is the one most of the spec's ARNs agree on; a --region flag that contradicts
them is reported here too. Ground Truth resources are Regional: use the ARNs
for the job's Region throughout.`,
	},
	Rule{
		ID:       "GT2056",
		Severity: Warning,
		Title:    "KMS key or model ARN in another Region",
		Source:   "gt/sms-create-sns-input-topic.md",
		Doc: `A KMS key ARN (OutputConfig.KmsKeyId or VolumeKmsKeyId) or the
InitialActiveLearningModelArn names a Region other than the job's. Keys and
models are normally used in their own Region; use a key or model from the
job's Region.`,
	},
	Rule{
		ID:       "GT2057",
		Severity: Warning,
		Title:    "Custom Lambda in another Region",
		Source:   "gt/sms-custom-templates-step3-lambda-permissions.md",
		Doc: `A custom pre-annotation or consolidation Lambda is in a different Region from
the labeling job. The docs expect the Lambdas in the job's Region; deploy
the function there and update the ARN.`,
	},
	Rule{
		ID:       "GT2058",
		Severity: Warning,
		Title:    "Built-in ARNs outside the `aws` partition",
		Source:   "gt/sms-workforce-management-public.md",
		Doc: `A built-in Lambda, HumanTaskUiArn, Mechanical Turk work team or algorithm
ARN uses a partition other than aws (for example aws-cn or aws-us-gov). The
Ground Truth ARNs are documented only for the aws partition; check that the
resource exists in your partition before relying on it.`,
	},
	Rule{
		ID:       "GT2060",
		Severity: Error,
		Title:    "UiConfig must set exactly one UI",
		Source:   "model#UiConfig",
		Doc: `HumanTaskConfig.UiConfig must hold exactly one of UiTemplateS3Uri (a worker
task template in S3) or HumanTaskUiArn (a Ground Truth UI). Having neither
or both is rejected; keep the one your task type uses (GT2070, GT2080).`,
	},
	Rule{
		ID:       "GT2070",
		Severity: Error,
		Title:    "Task type requires HumanTaskUiArn",
		Source:   "model#UiConfig",
		Doc: `Named entity recognition, 3D point cloud and video frame jobs use a Ground
Truth UI: set HumanTaskUiArn to
arn:aws:sagemaker:<region>:394669845002:human-task-ui/<Name> and remove
UiTemplateS3Uri.`,
	},
	Rule{
		ID:       "GT2080",
		Severity: Error,
		Title:    "Task type requires UiTemplateS3Uri",
		Source:   "model#UiConfig",
		Doc: `Image, text classification, video clip classification and custom jobs use
a worker task template: set UiTemplateS3Uri to the template's S3 URI (or a
local path, which gtctl apply uploads) and remove HumanTaskUiArn.`,
	},
	Rule{
		ID:       "GT2090",
		Severity: Error,
		Title:    "HumanTaskUiArn does not match the task type",
		Source:   "api-docs",
		Doc: `HumanTaskUiArn must be in account 394669845002 and name the UI for the task
type: NamedEntityRecognition, PointCloudObjectDetection,
PointCloudObjectTracking, PointCloudSemanticSegmentation,
VideoObjectDetection or VideoObjectTracking. Adjustment jobs use the same UI
as the task they adjust; there is no "Adjustment..." UI.`,
	},
	Rule{
		ID:       "GT2100",
		Severity: Error,
		Title:    "LabelAttributeName must end with `-ref`",
		Source:   "api-docs",
		Doc: `Semantic segmentation, video frame detection and tracking, 3D point cloud
tracking and 3D point cloud segmentation jobs (and their adjustment jobs)
write a reference to a label file, so LabelAttributeName must end in -ref.
Append it, for example ot-labels-ref.`,
	},
	Rule{
		ID:       "GT2110",
		Severity: Error,
		Title:    "Semantic segmentation verification must not end with `-ref`",
		Source:   "api-docs",
		Doc: `VerificationSemanticSegmentation is the exception to the -ref rule: its
LabelAttributeName must not end in -ref. Drop the suffix, for example
seg-verified instead of seg-verified-ref.`,
	},
	Rule{
		ID:       "GT2120",
		Severity: Warning,
		Title:    "`-ref` suffix on a task type that does not take it",
		Source:   "gt/sms-data-output.md",
		Doc: `LabelAttributeName ends in -ref, but the task type stores its labels inline.
The output guide reserves -ref for semantic segmentation, video frame and 3D
tracking/segmentation jobs. The sources disagree, so this is a warning;
remove the suffix unless you know you need it.`,
	},
	Rule{
		ID:       "GT2130",
		Severity: Error,
		Title:    "LabelAttributeName ends with `-metadata`",
		Source:   "api-docs",
		Doc: `Ground Truth writes <LabelAttributeName>-metadata next to each label, so the
name itself can't end in -metadata. Choose another name.`,
	},
	Rule{
		ID:       "GT2135",
		Severity: Warning,
		Title:    "LabelAttributeName contains `-metadata`",
		Source:   "gt/sms-data-output.md",
		Doc: `LabelAttributeName contains -metadata in the middle. The output guide says
not to use -metadata anywhere in the name, since it is confusable with the
metadata key Ground Truth writes. Rename it.`,
	},
	Rule{
		ID:       "GT2140",
		Severity: Error,
		Title:    "Reserved LabelAttributeName",
		Source:   "gt/sms-reusing-data.md",
		Doc: `source and source-ref are the manifest keys that hold the data object, so
they can't be used as LabelAttributeName. Name the label after the task,
for example vehicle-boxes.`,
	},
	Rule{
		ID:       "GT2150",
		Severity: Error,
		Title:    "Exactly one worker per object (documented as must)",
		Source:   "gt/sms-video-object-detection.md",
		Doc: `Video frame object detection, video frame object tracking and 3D point
cloud object detection jobs must set NumberOfHumanWorkersPerDataObject to 1;
these tasks are not consolidated across workers. Set it to 1 and run an
adjustment job if you want a second pass.`,
	},
	Rule{
		ID:       "GT2155",
		Severity: Warning,
		Title:    "One worker per object (documented as should)",
		Source:   "gt/sms-point-cloud-object-tracking.md",
		Doc: `3D point cloud object tracking and semantic segmentation jobs, and the video
and 3D adjustment jobs, should use NumberOfHumanWorkersPerDataObject = 1:
annotation consolidation is not supported for these tasks, so extra workers
add cost without improving the result.`,
	},
	Rule{
		ID:       "GT2160",
		Severity: Error,
		Title:    "NER label file needs worker instructions",
		File:     true,
		Source:   "api-docs",
		Doc: `Named entity recognition jobs take their worker instructions from the label
category file. Add an "instructions" object with non-empty
"shortInstruction" and "fullInstruction" strings next to "labels".`,
	},
	Rule{
		ID:       "GT2170",
		Severity: Error,
		Title:    "Frame audit jobs need `auditLabelAttributeName`",
		File:     true,
		Source:   "api-docs",
		Doc: `3D point cloud and video frame adjustment or verification jobs must name the
labels they audit: set "auditLabelAttributeName" in the label category file
to the LabelAttributeName of the original job.`,
	},
	Rule{
		ID:       "GT2175",
		Severity: Warning,
		Title:    "`auditLabelAttributeName` on a non-audit job",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `The label category file sets "auditLabelAttributeName", but the job is not a
3D point cloud or video frame adjustment/verification job. The key is only
for audit jobs; remove it, or use the Adjustment... Lambdas if you meant to
audit existing labels.`,
	},
	Rule{
		ID:       "GT2180",
		Severity: Error,
		Title:    "Audit job reuses the audited LabelAttributeName",
		File:     true,
		Source:   "api-docs",
		Doc: `The audit job's LabelAttributeName equals the "auditLabelAttributeName" it
audits. An adjustment or verification job must write its results under a
new name; pick one such as <original>-adjusted-ref.`,
	},
	Rule{
		ID:       "GT2190",
		Severity: Warning,
		Title:    "Verification intent without `editsAllowed: \"none\"`",
		File:     true,
		Source:   "gt/sms-verification-data.md",
		Doc: `The job or label name says "verif", but not every labels[] entry in the label
file has "editsAllowed": "none". Video and 3D verification and adjustment
jobs share Lambdas; only editsAllowed "none" on each label makes it a
verification job. Add it to every label, or rename the job if it adjusts.`,
	},
	Rule{
		ID:       "GT2200",
		Severity: Error,
		Title:    "Audit job writes over existing labels in the manifest",
		File:     true,
		Source:   "gt/sms-verification-data.md",
		Doc: `A verification or adjustment job uses a LabelAttributeName that already
exists as a key in the input manifest, so it would overwrite the labels it
reviews. Choose a new LabelAttributeName.`,
	},
	Rule{
		ID:       "GT2210",
		Severity: Error,
		Title:    "Built-in task type without a label category file",
		Source:   "gt/sms-create-labeling-job-api.md",
		Doc: `Built-in task types read their labels from the label category configuration
file. Set LabelCategoryConfigS3Uri to that JSON file in S3 (or a local path,
which gtctl apply uploads).`,
	},
	Rule{
		ID:       "GT2215",
		Severity: Warning,
		Title:    "Custom task type without a label category file",
		Source:   "gt/sms-custom-templates-step3-lambda-requirements.md",
		Doc: `A custom workflow has no LabelCategoryConfigS3Uri, so the consolidation
Lambda receives no labelCategories. That is fine if your template and
Lambdas don't use labels; otherwise add the label category file.`,
	},
	Rule{
		ID:       "GT2220",
		Severity: Error,
		Title:    "Video-frame audit uses a different annotation type",
		Online:   true,
		Source:   "gt/sms-verification-data.md",
		Doc: `Online check for video frame adjustment jobs: the original job's label file
used a different annotationType (BoundingBox when absent) from this job's.
An audit must use the same annotation type as the labels it reviews; copy
annotationType from the original job's label file.`,
	},
	Rule{
		ID:       "GT2230",
		Severity: Error,
		Title:    "Audit label file drops original labels",
		Online:   true,
		Source:   "gt/sms-verification-data.md",
		Doc: `Online check: this verification or adjustment job's label file lacks labels
the original job used. Start from the original label category file; you
may add labels but not remove any.`,
	},
	Rule{
		ID:       "GT2240",
		Severity: Error,
		Title:    "Frame audit uses a different HumanTaskUiArn",
		Online:   true,
		Source:   "gt/sms-verification-data.md",
		Doc: `Online check for 3D point cloud and video frame audits: HumanTaskUiArn
differs from the original job's. Use the same human task UI ARN as the job
whose labels you are verifying or adjusting.`,
	},
)
