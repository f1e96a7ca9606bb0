package rules

// GT3xxx: timing and session rules.
var _ = add(
	Rule{
		ID:       "GT3010",
		Severity: Error,
		Title:    "TaskTimeLimitInSeconds above 8 hours for image, text and custom jobs",
		Source:   "api-docs",
		Doc: `Image, text and custom labeling jobs allow at most 28,800 seconds (8 hours)
of TaskTimeLimitInSeconds per task. Lower the value; most image and text
tasks need minutes, not hours (the console defaults are 5 to 60 minutes).`,
	},
	Rule{
		ID:       "GT3015",
		Severity: Warning,
		Title:    "Video clip classification above 8 hours",
		Source:   "api-docs",
		Doc: `No maximum TaskTimeLimitInSeconds is documented for video clip
classification; gtctl assumes the 8-hour (28,800 s) cap of image and text
jobs. Values above it may be rejected, so stay at or below 28,800.`,
	},
	Rule{
		ID:       "GT3020",
		Severity: Error,
		Title:    "TaskTimeLimitInSeconds above 30 days for frame jobs",
		Source:   "api-docs",
		Doc: `3D point cloud and video frame jobs allow at most 2,592,000 seconds (30
days) of TaskTimeLimitInSeconds. (The API text misprints the number as
"2952,000".) Lower the value; the developer guide recommends at most 7 days
(GT3025).`,
	},
	Rule{
		ID:       "GT3025",
		Severity: Warning,
		Title:    "TaskTimeLimitInSeconds above 7 days for frame jobs",
		Source:   "gt/sms-point-cloud-object-detection.md",
		Doc: `TaskTimeLimitInSeconds is between 604,800 (7 days) and 2,592,000 (30 days)
for a 3D point cloud or video frame job. The API allows it, but the
developer guide caps these tasks at 7 days; stay at or below 604,800 unless
you have confirmed the longer limit works.`,
	},
	Rule{
		ID:       "GT3030",
		Severity: Error,
		Title:    "Mechanical Turk availability above 12 hours",
		Source:   "api-docs",
		Doc: `With the Mechanical Turk workforce TaskAvailabilityLifetimeInSeconds can be
at most 43,200 (12 hours); the default is 21,600 (6 hours). Lower the
value, or use a private or vendor work team for longer availability.`,
	},
	Rule{
		ID:       "GT3040",
		Severity: Error,
		Title:    "Private/vendor availability above 30 days",
		Source:   "api-docs",
		Doc: `With a private or vendor work team TaskAvailabilityLifetimeInSeconds can be
at most 2,592,000 (30 days), which is also the default. Lower the value or
omit it.`,
	},
	Rule{
		ID:       "GT3050",
		Severity: Error,
		Title:    "Execution role MaxSessionDuration too short",
		Online:   true,
		Source:   "seed",
		Doc: `When TaskTimeLimitInSeconds is above 3,600, the execution role's
MaxSessionDuration must be at least the task time limit (for 3D point cloud
jobs above 8 hours, at least 28,800). Offline, gtctl reports the required
duration as info; online it is an error when the role's value is shorter.
Raise it with aws iam update-role --max-session-duration <seconds>.`,
	},
	Rule{
		ID:       "GT3055",
		Severity: Warning,
		Title:    "Task time limit the MaxSessionDuration rule cannot meet",
		Source:   "web:https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html",
		Doc: `The task time limit needs a role MaxSessionDuration above 43,200 seconds,
but IAM allows 3,600–43,200 (1–12 hours). Only 3D point cloud jobs have a
documented 8-hour relaxation, so in practice this is a video frame job with
TaskTimeLimitInSeconds above 43,200. Keep the limit at or below 43,200.`,
	},
)
