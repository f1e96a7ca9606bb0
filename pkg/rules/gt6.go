package rules

// GT6xxx: the input manifest (ManifestS3Uri) and, for sequence task types,
// the sequence files its lines point to. All are file rules.
var _ = add(
	Rule{
		ID:       "GT6000",
		Severity: Error,
		Title:    "Manifest not UTF-8",
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `The input manifest contains bytes that are not valid UTF-8. Re-encode the
file as UTF-8 (for example with iconv, or encoding="utf-8" when writing it
from Python).`,
	},
	Rule{
		ID:       "GT6010",
		Severity: Error,
		Title:    "Not JSON Lines",
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `Each manifest line must be exactly one complete JSON object (JSON Lines).
Pretty-printed objects, a top-level array, blank lines in the middle,
trailing commas and comments all fail; a single final newline is fine.
Write one json.dumps(obj) per line.`,
	},
	Rule{
		ID:       "GT6020",
		Severity: Error,
		Title:    "Line longer than 100,000 characters",
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `A manifest line is longer than 100,000 characters. Keep large content in S3
and reference it with source-ref instead of embedding it in the line.`,
	},
	Rule{
		ID:       "GT6030",
		Severity: Error,
		Title:    "Attribute longer than 20,000 characters",
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `A single top-level attribute of a manifest line is longer than 20,000
characters when serialized. Split long text into several objects, or store
it in S3 and use source-ref.`,
	},
	Rule{
		ID:       "GT6040",
		Severity: Error,
		Title:    "Attribute name starts with `$`",
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `A top-level key of a manifest line starts with "$", which is not allowed.
Rename the key.`,
	},
	Rule{
		ID:       "GT6050",
		Severity: Error,
		Title:    "Line without a data-object key",
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `Every manifest line needs the data object under "source-ref" (an S3 URI of
a file) or "source" (the text itself). Add the key the task type reads.`,
	},
	Rule{
		ID:       "GT6055",
		Severity: Warning,
		Title:    "Line with both keys",
		File:     true,
		Source:   "api-docs",
		Doc: `A manifest line has both "source-ref" and "source"; only one of them is
used. Keep the one your task type reads and drop the other.`,
	},
	Rule{
		ID:       "GT6060",
		Severity: Error,
		Title:    "Key does not match the task type",
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `Text classification and named entity recognition read the text from
"source"; image, video and 3D point cloud jobs read an S3 object from
"source-ref". A line uses the other key. Rewrite the manifest with the key
the task type expects (custom task types are exempt).`,
	},
	Rule{
		ID:       "GT6070",
		Severity: Error,
		Title:    "`source-ref` is not an S3 URI",
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `"source-ref" must be an S3 URI of an object, s3://bucket/key with a
non-empty key. Local paths, https URLs and bucket-only URIs fail; upload
the data and use the s3:// URI.`,
	},
	Rule{
		ID:       "GT6075",
		Severity: Warning,
		Title:    "Empty `source` value",
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `"source" holds the text to label, and on this line it is not a string or is
empty or whitespace. Workers would get a blank task; remove the line or
fill in the text.`,
	},
	Rule{
		ID:       "GT6080",
		Severity: Warning,
		Title:    "Unsupported file extension",
		File:     true,
		Source:   "gt/sms-supported-data-formats.md",
		Doc: `The "source-ref" file extension is not a supported format for the task
type: .jpg, .jpeg or .png for images, .mp4, .ogg or .webm for video clips,
.json for sequence files, .bin or .txt for point cloud frames (unless
source-ref-metadata gives the format). The content can't be checked
offline, so this is a warning; convert the files if needed.`,
	},
	Rule{
		ID:       "GT6090",
		Severity: Error,
		Title:    "More than 20,000 objects for semantic segmentation",
		File:     true,
		Source:   "gt/input-data-limits.md",
		Doc: `Semantic segmentation jobs, including verification and adjustment, are
limited to 20,000 input objects. Split the manifest into several jobs of at
most 20,000 lines.`,
	},
	Rule{
		ID:       "GT6095",
		Severity: Warning,
		Title:    "More than 100,000 objects",
		File:     true,
		Source:   "gt/input-data-limits.md",
		Doc: `The manifest has more than 100,000 lines, the default dataset quota for
labeling jobs. The quota can be raised: request an increase, or split the
data into several jobs.`,
	},
	Rule{
		ID:       "GT6100",
		Severity: Error,
		Title:    "Too few objects for automated labeling",
		File:     true,
		Source:   "gt/sms-automated-labeling.md",
		Doc: `Automated data labeling (LabelingJobAlgorithmsConfig) needs at least 1,250
input objects. Add data, or remove LabelingJobAlgorithmsConfig and label
everything by hand.`,
	},
	Rule{
		ID:       "GT6105",
		Severity: Warning,
		Title:    "Fewer than 5,000 objects for automated labeling",
		File:     true,
		Source:   "gt/sms-automated-labeling.md",
		Doc: `Automated data labeling runs with 1,250–4,999 objects, but AWS strongly
suggests at least 5,000: with fewer, the model labels little and the extra
training cost rarely pays off. Add data or drop automated labeling.`,
	},
	Rule{
		ID:       "GT6110",
		Severity: Error,
		Title:    "Point-cloud frame line without metadata",
		File:     true,
		Source:   "gt/sms-point-cloud-single-frame-input-data.md",
		Doc: `In single-frame 3D point cloud manifests (object detection and semantic
segmentation, and their adjustments) each line needs a "source-ref-metadata"
object with a numeric "unix-timestamp" for the frame. Add it to every
line.`,
	},
	Rule{
		ID:       "GT6120",
		Severity: Error,
		Title:    "Invalid point-cloud `format`",
		File:     true,
		Source:   "gt/sms-point-cloud-single-frame-input-data.md",
		Doc: `A point cloud frame's "format" must be one of binary/xyz, binary/xyzi,
binary/xyzrgb, binary/xyzirgb, text/xyz, text/xyzi, text/xyzrgb or
text/xyzirgb. Use the value that matches how the points are stored.`,
	},
	Rule{
		ID:       "GT6130",
		Severity: Error,
		Title:    "Bad `prefix` (point cloud and video frame)",
		File:     true,
		Source:   "gt/sms-point-cloud-single-frame-input-data.md",
		Doc: `A "prefix" in source-ref-metadata or in a sequence file must be an S3 URI
that ends with "/", for example s3://bucket/frames/. Add the trailing
slash; frame paths are appended to it as is.`,
	},
	Rule{
		ID:       "GT6140",
		Severity: Error,
		Title:    "Camera images",
		File:     true,
		Source:   "gt/sms-point-cloud-single-frame-input-data.md",
		Doc: `A point cloud frame may list at most 8 camera images, and each needs
image-path, unix-timestamp, fx, fy, cx, cy, position {x, y, z} and heading
{qx, qy, qz, qw}, all numbers except the path. Remove extra cameras or fill
in the missing calibration.`,
	},
	Rule{
		ID:       "GT6150",
		Severity: Error,
		Title:    "Invalid `camera-model`",
		File:     true,
		Source:   "gt/sms-point-cloud-single-frame-input-data.md",
		Doc: `"camera-model" must be "pinhole" (the default) or "fisheye". Fix the value
or omit it for pinhole cameras.`,
	},
	Rule{
		ID:       "GT6160",
		Severity: Error,
		Title:    "Incomplete pose",
		File:     true,
		Source:   "gt/sms-point-cloud-single-frame-input-data.md",
		Doc: `"ego-vehicle-pose" needs a position {x, y, z} and a heading quaternion
{qx, qy, qz, qw}, all as numbers. Add the missing components or remove the
pose.`,
	},
	Rule{
		ID:       "GT6170",
		Severity: Error,
		Title:    "Too many point-cloud frames",
		File:     true,
		Source:   "gt/sms-point-cloud-single-frame-input-data.md",
		Doc: `A single-frame 3D point cloud manifest may hold at most 100,000 frames
(lines). Split it into several jobs.`,
	},
	Rule{
		ID:       "GT6200",
		Severity: Error,
		Title:    "Sequence manifest line",
		File:     true,
		Source:   "gt/sms-video-manual-data-setup.md",
		Doc: `Video frame jobs and 3D point cloud object tracking read sequences: each
manifest line must be {"source-ref": "s3://.../seq.json"} pointing to a
sequence file, not a single frame with source-ref-metadata. Write one
sequence file per clip and list those.`,
	},
	Rule{
		ID:       "GT6210",
		Severity: Error,
		Title:    "Sequence file header",
		File:     true,
		Source:   "gt/sms-video-manual-data-setup.md",
		Doc: `A sequence file needs integer "seq-no", string "prefix", integer
"number-of-frames" and a "frames" list, and number-of-frames must equal the
length of frames. Add the missing fields or correct the count.`,
	},
	Rule{
		ID:       "GT6220",
		Severity: Error,
		Title:    "Point-cloud sequence frames",
		File:     true,
		Source:   "gt/sms-point-cloud-multi-frame-input-data.md",
		Doc: `Each frame of a 3D point cloud sequence needs a string "frame" and a numeric
"unix-timestamp", and timestamps must strictly increase in list order (no
two equal); they drive cuboid interpolation. Sort the frames by time and
fix duplicate timestamps.`,
	},
	Rule{
		ID:       "GT6230",
		Severity: Error,
		Title:    "Point-cloud sequence limits",
		File:     true,
		Source:   "gt/sms-point-cloud-multi-frame-input-data.md",
		Doc: `A 3D point cloud sequence may hold at most 500 frames, and a manifest at
most 100,000 sequences. Split long sequences or large manifests.`,
	},
	Rule{
		ID:       "GT6240",
		Severity: Error,
		Title:    "Video-frame sequence frames",
		File:     true,
		Source:   "gt/sms-video-manual-data-setup.md",
		Doc: `Each frame of a video frame sequence needs an integer "frame-no" and a
string "frame" (the image file name); the optional "unix-timestamp" must be
an integer. Add the missing fields or fix their types.`,
	},
	Rule{
		ID:       "GT6250",
		Severity: Error,
		Title:    "Video-frame limits",
		File:     true,
		Source:   "gt/input-data-limits.md",
		Doc: `Video frame jobs allow at most 2,000 frames per sequence and 10 sequence
files per manifest. Split long videos into shorter sequences and large
manifests into several jobs.`,
	},
	Rule{
		ID:       "GT6255",
		Severity: Warning,
		Title:    "Frame names that sort wrongly",
		File:     true,
		Source:   "gt/sms-point-cloud-video-input-data.md",
		Doc: `Frames are shown to workers in UTF-8 byte order of their names, so
frame10.jpg comes before frame2.jpg. Zero-pad the numbers (frame0002.jpg).
Frames should also be .jpg, .jpeg or .png images.`,
	},
	Rule{
		ID:       "GT6260",
		Severity: Error,
		Title:    "Video frames at the bucket root",
		File:     true,
		Source:   "gt/sms-point-cloud-video-input-data.md",
		Doc: `A video frame sequence's prefix is the bucket root (s3://bucket/). Each
sequence's frames must live under their own key prefix; move them to, for
example, s3://bucket/clip-0001/.`,
	},
	Rule{
		ID:       "GT6300",
		Severity: Error,
		Title:    "Audit manifest without the labels to audit",
		File:     true,
		Source:   "gt/sms-verification-data.md",
		Doc: `A verification or adjustment job reads the labels it reviews from the input
manifest, and a line lacks them. For 3D point cloud and video frame audits
(an error) each line needs <auditLabelAttributeName> and its -metadata key.
For image audits this is a warning: a line has no bounding box or semantic
segmentation label. Use the output manifest of the original job as input.`,
	},
	Rule{
		ID:       "GT6310",
		Severity: Error,
		Title:    "Semantic-segmentation audit without hex colours",
		File:     true,
		Source:   "gt/sms-verification-data.md",
		Doc: `Semantic segmentation verification and adjustment need the label colours as
hexadecimal RGB, "#RRGGBB", in the audited label's internal-color-map
metadata. Use the output manifest of the original job, which has them, or
add hex-color entries.`,
	},
	Rule{
		ID:       "GT6400",
		Severity: Error,
		Title:    "Data or manifest outside the job Region, or missing",
		Online:   true,
		File:     true,
		Source:   "gt/sms-input-data-input-manifest.md",
		Doc: `Online check: the manifest or a sampled data object is in a bucket outside
the job Region, or can't be read. Input data must be in the job's Region;
copy it there, and check the key and the execution role's S3 access.`,
	},
	Rule{
		ID:       "GT6410",
		Severity: Error,
		Title:    "Streaming deduplication key or ID",
		File:     true,
		Source:   "gt/sms-streaming-labeling-job.md",
		Doc: `In streaming input, "dataset-objectid-attribute-name" names the key used
for deduplication. That key may be up to 140 characters of letters, digits
and hyphens (a leading $ is allowed), and its value up to 1,024 characters
as an s3:// or https:// URI. Shorten or reformat the key or value.`,
	},
)
