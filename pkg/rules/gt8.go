package rules

// GT8xxx: the worker task template (UiTemplateS3Uri), for task types that
// use a template rather than a Ground Truth UI. All are file rules.
var _ = add(
	Rule{
		ID:       "GT8010",
		Severity: Warning,
		Title:    "Template file extension",
		File:     true,
		Source:   "seed",
		Doc: `The UiTemplateS3Uri key does not end in .html or .liquid. Save worker task
templates as .html or .liquid; .liquid.html is recommended for custom
workflows.`,
	},
	Rule{
		ID:       "GT8020",
		Severity: Error,
		Title:    "No `<crowd-form>` wrapper",
		File:     true,
		Source:   "gt/sms-custom-templates-step2.md",
		Doc: `Worker task templates must wrap their content, including every annotation
crowd element, in <crowd-form> ... </crowd-form>; the form submits the
worker's answer. Add the wrapper or move the elements inside it.`,
	},
	Rule{
		ID:       "GT8030",
		Severity: Warning,
		Title:    "Missing crowd-html-elements script",
		File:     true,
		Source:   "gt/sms-custom-templates-step2.md",
		Doc: `The template does not load
<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>,
which defines the crowd-* elements. Every documented template includes it;
add it at the top.`,
	},
	Rule{
		ID:       "GT8040",
		Severity: Warning,
		Title:    "Built-in task type without its crowd element",
		File:     true,
		Source:   "gt/sms-bounding-box.md",
		Doc: `A built-in task type's template lacks the crowd element the documented
template uses, for example crowd-bounding-box for BoundingBox or
crowd-image-classifier for ImageMultiClass. The built-in Lambdas expect that
element's output: start from the documented template and change only the
header and instructions.`,
	},
	Rule{
		ID:       "GT8050",
		Severity: Warning,
		Title:    "Built-in template with changed data bindings",
		File:     true,
		Source:   "gt/sms-video-classification.md",
		Doc: `A built-in template's data bindings differ from the documented ones: labels
or categories should come from {{ task.input.labels | to_json | escape }},
and images and video from {{ task.input.taskObject | grant_read_access }}
(text from task.input.taskObject). Restore them; change only instructions
and header.`,
	},
	Rule{
		ID:       "GT8060",
		Severity: Error,
		Title:    "Required element attribute missing",
		File:     true,
		Source:   "gt/sms-ui-template-crowd-image-classifier.md",
		Doc: `A crowd element lacks a required attribute. crowd-image-classifier and
crowd-image-classifier-multi-select need categories, header, name and src;
crowd-classifier-multi-select needs categories, header and name;
crowd-bounding-box, crowd-semantic-segmentation and crowd-classifier need
name, the key of their output. Add the attribute.`,
	},
	Rule{
		ID:       "GT8065",
		Severity: Error,
		Title:    "`crowd-classifier` without its regions",
		File:     true,
		Source:   "gt/sms-custom-templates-step2.md",
		Doc: `crowd-classifier must contain three child regions: <classification-target>,
<full-instructions> and <short-instructions>. They may be empty, but must
be present; add the missing ones.`,
	},
	Rule{
		ID:       "GT8070",
		Severity: Warning,
		Title:    "`crowd-bounding-box` without instruction regions",
		File:     true,
		Source:   "gt/sms-ui-template-crowd-bounding-box.md",
		Doc: `crowd-bounding-box should contain <full-instructions> and
<short-instructions>; the element documents them as required regions. Add
them with guidance on how tight boxes should be and what to skip.`,
	},
	Rule{
		ID:       "GT8080",
		Severity: Error,
		Title:    "Unbalanced Liquid",
		File:     true,
		Source:   "gt/sms-custom-templates-step2.md",
		Doc: `The template has a Liquid syntax error: a {{ without }}, a {% without %}, or
a block tag (if, unless, for, case, capture, comment, raw) that is not
closed, or closed out of order. The task page fails to render; fix the
tag at the reported line.`,
	},
	Rule{
		ID:       "GT8090",
		Severity: Warning,
		Title:    "Unknown Liquid filter",
		File:     true,
		Source:   "gt/sms-custom-templates-step2.md",
		Doc: `A filter is neither a standard Liquid filter nor one of Ground Truth's
escape, escape_once, skip_autoescape, to_json and grant_read_access. It is
probably misspelled (for example tojson or grant_read); correct it.`,
	},
	Rule{
		ID:       "GT8100",
		Severity: Warning,
		Title:    "`skip_autoescape` used",
		File:     true,
		Source:   "gt/sms-custom-templates-step2.md",
		Doc: `skip_autoescape turns off HTML escaping for a value, so markup in the data is
rendered as is: a cross-site scripting risk in the worker UI. Use it only
on content you control, or drop it.`,
	},
	Rule{
		ID:       "GT8110",
		Severity: Warning,
		Title:    "S3 media shown without `grant_read_access`",
		File:     true,
		Source:   "gt/sms-custom-templates-step2.md",
		Doc: `A src attribute shows task.input data without the grant_read_access filter.
Workers can't open s3:// URIs; the filter turns them into short-lived HTTPS
links. Write src="{{ task.input.taskObject | grant_read_access }}".`,
	},
	Rule{
		ID:       "GT8120",
		Severity: Error,
		Title:    "Self-closed `crowd-input`",
		File:     true,
		Source:   "gt/sms-ui-template-crowd-input.md",
		Doc: `crowd-input can't be self-closed: <crowd-input ... /> breaks the page
layout. Write <crowd-input ...></crowd-input>.`,
	},
	Rule{
		ID:       "GT8130",
		Severity: Warning,
		Title:    "Template larger than 128,000 characters",
		File:     true,
		Source:   "web:https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UiTemplate.html",
		Doc: `The template is longer than 128,000 characters, the API limit for UI template
content. No limit is documented for UiTemplateS3Uri files, so this is a
warning. Host large assets (images, scripts) elsewhere and link to them.`,
	},
	Rule{
		ID:       "GT8140",
		Severity: Warning,
		Title:    "More labels than the element supports",
		File:     true,
		Source:   "gt/sms-ui-template-crowd-bounding-box.md",
		Doc: `The template uses crowd-bounding-box or crowd-image-classifier, which
document a limit of 10 labels or categories, and the label file has more.
Reduce the labels to 10 or split the work into several jobs.`,
	},
	Rule{
		ID:       "GT8150",
		Severity: Warning,
		Title:    "Short instructions larger than 100 KB",
		File:     true,
		Source:   "gt/sms-getting-started-step4.md",
		Doc: `<short-instructions> is larger than 100 KB (102,400 bytes), usually from
embedded base64 images. Host the images in S3 or on the web and link to
them instead.`,
	},
	Rule{
		ID:       "GT8160",
		Severity: Warning,
		Title:    "Template variable absent from the pass-through input",
		File:     true,
		Source:   "gt/sms-custom-templates-step2.md",
		Doc: `With PRE-PassThrough the template's task.input is the manifest line as is.
The template uses task.input.<key>, but no sampled manifest line has that
key, so it renders empty. Add the key to the manifest or fix the variable
name.`,
	},
	Rule{
		ID:       "GT8170",
		Severity: Warning,
		Title:    "Audit template does not show the prior labels",
		File:     true,
		Source:   "gt/sms-verification-data.md",
		Doc: `A bounding box or semantic segmentation verification/adjustment template
does not show the labels under review. Use initial-value on
crowd-bounding-box or crowd-semantic-segmentation, or overlay on
crowd-image-classifier, filled from task.input.`,
	},
)
