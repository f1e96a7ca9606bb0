package rules

// GT5xxx: the label category configuration file (LabelCategoryConfigS3Uri).
// All are file rules. 3D point cloud and video frame jobs use the "frame"
// format; every other task type uses the standard format.
var _ = add(
	Rule{
		ID:       "GT5000",
		Severity: Error,
		Title:    "Label file is not valid JSON",
		File:     true,
		Source:   "api-docs",
		Doc: `The label category file must be UTF-8 strict JSON. Common causes are a
missing comma after "document-version", trailing commas, "..." placeholders
copied from the docs, // comments and raw line breaks inside strings. Fix
the position the parser reports, or run the file through jq to find it.`,
	},
	Rule{
		ID:       "GT5010",
		Severity: Error,
		Title:    "Missing `labels` array",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `The label file must be a JSON object with a "labels" array holding one entry
per class. Wrap the labels as {"labels": [{"label": "cat"}, ...]}.`,
	},
	Rule{
		ID:       "GT5020",
		Severity: Error,
		Title:    "Wrong `document-version` (standard format)",
		File:     true,
		Source:   "api-docs",
		Doc: `In the standard label file format "document-version" must be the string
"2018-11-28". Other dates, or a number, are rejected; set it to
"2018-11-28".`,
	},
	Rule{
		ID:       "GT5025",
		Severity: Warning,
		Title:    "Missing `document-version` (standard format)",
		File:     true,
		Source:   "api-docs",
		Doc: `The standard label file has no "document-version". Add
"document-version": "2018-11-28". Note the hyphen: "documentVersion" is the
spelling of the 3D point cloud and video frame format.`,
	},
	Rule{
		ID:       "GT5030",
		Severity: Warning,
		Title:    "Version key for the frame format",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `3D point cloud and video frame label files use "documentVersion":
"2020-03-01" (camelCase, no hyphen). Add or correct it. The 3D-2D tracking
example's "document-version": "2020-03-01" is accepted too.`,
	},
	Rule{
		ID:       "GT5040",
		Severity: Error,
		Title:    "Malformed label entry",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `Every item of "labels" must be an object with a non-empty string "label".
Bare strings such as ["cat", "dog"] are not accepted; write
[{"label": "cat"}, {"label": "dog"}].`,
	},
	Rule{
		ID:       "GT5050",
		Severity: Error,
		Title:    "Duplicate label",
		File:     true,
		Source:   "api-docs",
		Doc: `The same label appears twice in "labels". Label categories must be unique;
delete the duplicate entry.`,
	},
	Rule{
		ID:       "GT5055",
		Severity: Warning,
		Title:    "Near-duplicate labels",
		File:     true,
		Source:   "gt/input-data-limits.md",
		Doc: `Two labels differ only in case or surrounding spaces, such as "Car" and
"car ". Workers see them as separate classes and the dataset gets split
between them. Keep one spelling.`,
	},
	Rule{
		ID:       "GT5060",
		Severity: Error,
		Title:    "Too few labels",
		File:     true,
		Source:   "api-docs",
		Doc: `Image and text classification jobs, single and multi-label, need at least 2
labels; every other task type needs at least 1. Add the missing classes
(for a yes/no question, list both answers).`,
	},
	Rule{
		ID:       "GT5070",
		Severity: Error,
		Title:    "Too many labels",
		File:     true,
		Source:   "gt/input-data-limits.md",
		Doc: `The label count is above the API quota for the task type: 50 for
multi-label image/text classification and bounding box (including
adjustment), 20 for semantic segmentation with automated labeling, 30 for
video classification and all 3D point cloud and video frame jobs. Merge
classes or split the work into several jobs.`,
	},
	Rule{
		ID:       "GT5080",
		Severity: Error,
		Title:    "Label name longer than 256 characters",
		File:     true,
		Source:   "gt/input-data-limits.md",
		Doc: `A label name is longer than 256 characters. Shorten it and put the
explanation in the worker instructions instead.`,
	},
	Rule{
		ID:       "GT5090",
		Severity: Error,
		Title:    "Frame-format label name length",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `3D point cloud and video frame label names must be 1–16 characters. Use
short names such as "Pedestrian" and describe details in the instructions
or in label category attributes.`,
	},
	Rule{
		ID:       "GT5100",
		Severity: Warning,
		Title:    "Unknown key in the label file",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `The label file has a key that its format does not define, often a typo
(for example "lables" or "shortInstructions"). Unknown keys are ignored or
rejected. Rename it to a documented key or delete it; "instructions" and
"shortDisplayName" are only for named entity recognition in the standard
format.`,
	},
	Rule{
		ID:       "GT5110",
		Severity: Error,
		Title:    "Invalid `editsAllowed`",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `"editsAllowed" on a label or attribute must be exactly "none" (workers can't
change it) or "any" (the default). Fix the value; true/false and other
strings are not accepted.`,
	},
	Rule{
		ID:       "GT5120",
		Severity: Error,
		Title:    "Attribute `name`/`type` missing or invalid",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `Every frame attribute and label category attribute needs a "name" of 1–16
characters and a "type" of "string" or "number". Add or correct them.`,
	},
	Rule{
		ID:       "GT5130",
		Severity: Error,
		Title:    "Frame attribute without description",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `Items of "frameAttributes" must have a "description"; workers see it as the
question for the whole frame. Add one of at most 128 characters.`,
	},
	Rule{
		ID:       "GT5140",
		Severity: Error,
		Title:    "Attribute description too long",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `An attribute "description" is longer than 128 characters. Shorten it and
move the details to the worker instructions.`,
	},
	Rule{
		ID:       "GT5150",
		Severity: Error,
		Title:    "Number attribute without bounds",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `An attribute of type "number" must have integer "minimum" and "maximum"
values. Add both, for example "minimum": 0, "maximum": 100; decimals are
not allowed.`,
	},
	Rule{
		ID:       "GT5155",
		Severity: Warning,
		Title:    "`minimum` greater than `maximum`",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `A numeric attribute's "minimum" is larger than its "maximum". The bounds are
inclusive, so no value could be entered; swap them.`,
	},
	Rule{
		ID:       "GT5160",
		Severity: Error,
		Title:    "Bounds or enum on the wrong attribute type",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `"minimum" and "maximum" are only for attributes of type "number", and
"enum" only for type "string". Change the type or remove the members that
don't belong to it.`,
	},
	Rule{
		ID:       "GT5170",
		Severity: Error,
		Title:    "`enum` size or value length",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `An "enum" must be a list of 1–10 strings, each 1–16 characters long. Shorten
the values or reduce the choices; use a free-text string attribute if you
need more options.`,
	},
	Rule{
		ID:       "GT5180",
		Severity: Error,
		Title:    "`isRequired` not a boolean",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `"isRequired" must be a JSON boolean: true or false without quotes. The
strings "true" and "false", or 1 and 0, are rejected.`,
	},
	Rule{
		ID:       "GT5190",
		Severity: Error,
		Title:    "Duplicate label-category attribute name",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `Label category attribute names must be unique: within
"categoryGlobalAttributes", within one label's "categoryAttributes", and
between a label's own attributes and the global ones. Rename one of the
two attributes.`,
	},
	Rule{
		ID:       "GT5195",
		Severity: Warning,
		Title:    "Duplicate frame attribute name",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `Two "frameAttributes" items have the same "name", so their answers can't
be told apart in the output. Rename or merge them.`,
	},
	Rule{
		ID:       "GT5200",
		Severity: Error,
		Title:    "More than 10 category attributes on a label",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `A label has more than 10 label category attributes, counting the global
attributes plus its own "categoryAttributes". Remove or merge attributes
until each label has at most 10.`,
	},
	Rule{
		ID:       "GT5210",
		Severity: Error,
		Title:    "More than 5 free-text category attributes on a label",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `A label has more than 5 free-text attributes (type "string" without
"enum"), counting global and own attributes. Turn some into enums or
numbers, or drop them, to get to at most 5.`,
	},
	Rule{
		ID:       "GT5220",
		Severity: Error,
		Title:    "Too many frame attributes",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `"frameAttributes" allows at most 10 items, and at most 5 of them free-text
(type "string" without "enum"). Remove attributes or give some an enum.`,
	},
	Rule{
		ID:       "GT5230",
		Severity: Warning,
		Title:    "Category attributes on 3D semantic segmentation",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `3D point cloud semantic segmentation does not support label category
attributes ("categoryGlobalAttributes" or "categoryAttributes"); they are
ignored. Remove them, or use "frameAttributes", which are supported.`,
	},
	Rule{
		ID:       "GT5240",
		Severity: Warning,
		Title:    "Frame-only keys in a standard-format job",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `The label file uses keys of the 3D point cloud / video frame format
("frameAttributes", "categoryGlobalAttributes", "categoryAttributes",
"annotationType", "editsAllowed", "auditLabelAttributeName") in a job of
another type, where they have no effect. Remove them, or check the task
type's Lambdas.`,
	},
	Rule{
		ID:       "GT5250",
		Severity: Error,
		Title:    "Invalid video-frame `annotationType`",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `For video frame jobs "annotationType" must be "BoundingBox", "Polyline",
"Polygon" or "Keypoint" (case-sensitive); it defaults to "BoundingBox" when
absent. Fix the spelling.`,
	},
	Rule{
		ID:       "GT5255",
		Severity: Warning,
		Title:    "`annotationType` on a 3D point cloud job",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `A string "annotationType" has an effect only in video frame jobs; 3D point
cloud jobs always draw cuboids (or paint points). Remove it. 3D-2D tracking
uses the list form instead (GT5260).`,
	},
	Rule{
		ID:       "GT5260",
		Severity: Error,
		Title:    "3D-2D `annotationType` list",
		File:     true,
		Source:   "gt/sms-point-cloud-3d-2d-object-tracking.md",
		Doc: `A list-valued "annotationType" marks a 3D-2D object tracking job. It is only
valid for 3DPointCloudObjectTracking, and the list must contain both
{"type": "BoundingBox"} and {"type": "Cuboid"}. Add the missing entry or
use the string form for other task types.`,
	},
	Rule{
		ID:       "GT5270",
		Severity: Error,
		Title:    "Frame-format instructions",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `In 3D point cloud / video frame label files, "instructions" must be an
object with string "shortInstruction" (under 255 characters) and
"fullInstruction" (under 2,048 characters). Shorten them or link to longer
documentation.`,
	},
	Rule{
		ID:       "GT5275",
		Severity: Warning,
		Title:    "3D-2D doc spellings",
		File:     true,
		Source:   "gt/sms-point-cloud-3d-2d-object-tracking.md",
		Doc: `The file uses "shortIntroduction"/"fullIntroduction" or a labels[]
"attributes" key, spellings copied from the 3D-2D tracking example. The
schema names are "shortInstruction", "fullInstruction" and
"categoryAttributes"; rename the keys.`,
	},
	Rule{
		ID:       "GT5280",
		Severity: Error,
		Title:    "`auditLabelAttributeName` format",
		File:     true,
		Source:   "gt/sms-label-cat-config-attributes.md",
		Doc: `"auditLabelAttributeName" must be the LabelAttributeName of the job being
audited, so it must be a valid label attribute name: 1–127 letters, digits
and hyphens, starting and ending with a letter or digit. Copy it from the
original job.`,
	},
	Rule{
		ID:       "GT5300",
		Severity: Warning,
		Title:    "Multi-label job without a catch-all label",
		File:     true,
		Source:   "gt/sms-image-classification-multilabel.md",
		Doc: `Multi-label image and text classification give workers no built-in "none"
choice, so objects that fit no class get a wrong label or none at all.
Consider a label such as "none" or "other".`,
	},
)
