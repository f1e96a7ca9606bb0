package rules

// GT4xxx: workforce rules. The workforce type (Mechanical Turk, private or
// vendor) is read from the path of HumanTaskConfig.WorkteamArn; that
// classification (GT4000 in RULES.md) is not a rule of its own.
var _ = add(
	Rule{
		ID:       "GT4010",
		Severity: Error,
		Title:    "Malformed Mechanical Turk work team ARN",
		Source:   "gt/sms-workforce-management-public.md",
		Doc: `The WorkteamArn path starts with workteam/public-crowd/ but is not the one
Mechanical Turk ARN, which has account 394669845002 and team name default.
Use arn:aws:sagemaker:<region>:394669845002:workteam/public-crowd/default.`,
	},
	Rule{
		ID:       "GT4020",
		Severity: Warning,
		Title:    "Unrecognised work team type",
		Source:   "gt/sms-security-workforce-authentication.md",
		Doc: `The path after workteam/ in WorkteamArn is not public-crowd/, private-crowd/
or vendor-crowd/, so gtctl cannot tell the workforce type and assumes a
private team for the workforce rules. Check the ARN against the SageMaker
console.`,
	},
	Rule{
		ID:       "GT4030",
		Severity: Error,
		Title:    "Mechanical Turk for 3D point cloud or video-frame jobs",
		Source:   "gt/sms-workforce-management-public.md",
		Doc: `3D point cloud and video frame jobs can't use the Mechanical Turk workforce.
Use a private work team or a vendor team from AWS Marketplace.`,
	},
	Rule{
		ID:       "GT4040",
		Severity: Error,
		Title:    "Mechanical Turk job without a price",
		Source:   "gt/sms-create-labeling-job-api.md",
		Doc: `Mechanical Turk jobs must say what each worker is paid per task. Set
HumanTaskConfig.PublicWorkforceTaskPrice.AmountInUsd to a non-zero price
from the list for your task type (GT4050), for example Cents 3 and
TenthFractionsOfACent 6 for $0.036.`,
	},
	Rule{
		ID:       "GT4050",
		Severity: Error,
		Title:    "Price not in the allowed list for the task type",
		Source:   "model#PublicWorkforceTaskPrice",
		Doc: `Mechanical Turk prices come from a fixed list per task type. Bounding box:
$0.036, 0.048, 0.060, 0.072, 0.120, then 0.240 to 1.200 in steps of 0.120.
Classification and custom: $0.012 and 0.024 plus the bounding box list.
Semantic segmentation: $0.840, 0.960, 1.080 or 1.200. Pick the nearest
allowed price.`,
	},
	Rule{
		ID:       "GT4055",
		Severity: Warning,
		Title:    "Mechanical Turk price for a task type without a documented list",
		Source:   "model#PublicWorkforceTaskPrice",
		Doc: `No Mechanical Turk price list is documented for named entity recognition or
video clip classification. gtctl expects one of the classification/custom
prices ($0.012, 0.024, 0.036, 0.048, 0.060, 0.072, 0.120, then 0.240 to
1.200 in steps of 0.120); other prices may be rejected.`,
	},
	Rule{
		ID:       "GT4060",
		Severity: Error,
		Title:    "Mechanical Turk without the PII declaration",
		Source:   "gt/sms-workforce-management-public.md",
		Doc: `Mechanical Turk jobs fail unless you declare the data free of personally
identifiable information. Add FreeOfPersonallyIdentifiableInformation to
InputConfig.DataAttributes.ContentClassifiers, and only if it is true;
otherwise use a private or vendor work team.`,
	},
	Rule{
		ID:       "GT4065",
		Severity: Warning,
		Title:    "Mechanical Turk without the adult-content declaration",
		Source:   "gt/sms-workforce-management-public.md",
		Doc: `ContentClassifiers lacks FreeOfAdultContent. Without it SageMaker may show
the task to fewer Mechanical Turk workers, so labeling is slower. Add it if
your data really is free of adult content.`,
	},
	Rule{
		ID:       "GT4070",
		Severity: Warning,
		Title:    "Price set for a private or vendor work team",
		Source:   "api-docs",
		Doc: `PublicWorkforceTaskPrice is what Mechanical Turk workers are paid; it has no
effect for private or vendor work teams. Remove it, or switch WorkteamArn
to the public crowd if that was the intent.`,
	},
	Rule{
		ID:       "GT4080",
		Severity: Warning,
		Title:    "Mechanical Turk without TaskKeywords",
		Source:   "api-docs",
		Doc: `Mechanical Turk workers find tasks by keyword. Add 1–5 TaskKeywords such as
"image", "bounding box" or "birds" so your task is discovered.`,
	},
	Rule{
		ID:       "GT4090",
		Severity: Error,
		Title:    "Work team in another Region",
		Source:   "gt/sms-create-labeling-job-console.md",
		Doc: `The Region in WorkteamArn differs from the job Region. The work team, the
data and the other resources must be in the job's Region; use the team
created in that Region, or create the job there.`,
	},
	Rule{
		ID:       "GT4100",
		Severity: Warning,
		Title:    "Private work team from another account",
		Source:   "gt/sms-workforce-private.md",
		Doc: `The private work team's account differs from the execution role's account.
Each account has its own private workforce per Region, so a private team
from another account is usually a copy-paste mistake; use your own
account's team.`,
	},
	Rule{
		ID:       "GT4110",
		Severity: Error,
		Title:    "VPC automated labeling needs a private work team",
		Source:   "gt/samurai-vpc-labeling-job.md",
		Doc: `LabelingJobResourceConfig.VpcConfig runs the job in your VPC, and such jobs
must use a private work team. Switch WorkteamArn to a private team, or
remove VpcConfig.`,
	},
	Rule{
		ID:       "GT4120",
		Severity: Error,
		Title:    "Work team does not exist or is not subscribed",
		Online:   true,
		Source:   "gt/sms-workforce-management-vendor.md",
		Doc: `Online check: the private work team was not found by DescribeWorkteam, or
the vendor team is not among your subscribed work teams. Create the
private team in this account and Region, or subscribe to the vendor in the
SageMaker console (AWS Marketplace) first.`,
	},
)
