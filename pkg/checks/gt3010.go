package checks

import "github.com/gtctl/gtctl/pkg/groundtruth"

// pathTaskTime is the member the GT3010–GT3055 rules read.
const pathTaskTime = "HumanTaskConfig.TaskTimeLimitInSeconds"

// GT3010, GT3015, GT3020, GT3025: the per-task-type maximum of
// TaskTimeLimitInSeconds, read from the facts table
// (maxTaskTimeSeconds / warnTaskTimeSeconds):
//   - IMAGE, TEXT, CUSTOM: above 28,800 is an error (GT3010);
//   - VIDEOCLIP (VideoMultiClass): above 28,800 is a warning (GT3015); no
//     maximum is documented, so no value is an error;
//   - FRAME: above 2,592,000 is an error (GT3020), above 604,800 a
//     warning (GT3025).
//
// Nothing is reported while the task type is unknown.
var _ = register(Check{
	Rules: []string{"GT3010", "GT3015", "GT3020", "GT3025"},
	Run: func(p *Pass) {
		if !p.typeKnown() {
			return
		}
		t, ok := p.Int(pathTaskTime)
		if !ok {
			return
		}
		switch rule, limit := taskTimeBreach(p.Job, t); rule {
		case "GT3010":
			p.Reportf(rule, pathTaskTime, "TaskTimeLimitInSeconds for `%s` jobs can be at most %s (8 hours); got %s.", p.Job.TaskType, commaInt(limit), commaInt(t))
		case "GT3015":
			p.Reportf(rule, pathTaskTime, "No documented maximum for video classification; values above %s s may be rejected (got %s).", commaInt(limit), commaInt(t))
		case "GT3020":
			p.Reportf(rule, pathTaskTime, "TaskTimeLimitInSeconds for 3D point cloud / video frame jobs can be at most %s (30 days); got %s for `%s`.", commaInt(limit), commaInt(t), p.Job.TaskType)
		case "GT3025":
			p.Reportf(rule, pathTaskTime, "The developer guide caps 3D point cloud / video frame task time at 7 days (%s s); got %s for `%s`.", commaInt(limit), commaInt(t), p.Job.TaskType)
		}
	},
})

// taskTimeBreach returns the rule a task time t breaks for the job's task
// type, and the limit it exceeds; "" when it is within the limits.
func taskTimeBreach(j *groundtruth.Job, t int64) (string, int64) {
	if j == nil || j.Type == nil {
		return "", 0
	}
	tt := j.Type
	switch {
	case tt.Frame():
		if t > tt.MaxTaskTimeSeconds {
			return "GT3020", tt.MaxTaskTimeSeconds
		}
		if tt.WarnTaskTimeSeconds > 0 && t > tt.WarnTaskTimeSeconds {
			return "GT3025", tt.WarnTaskTimeSeconds
		}
	case tt.Group == "VIDEOCLIP":
		if tt.WarnTaskTimeSeconds > 0 && t > tt.WarnTaskTimeSeconds {
			return "GT3015", tt.WarnTaskTimeSeconds
		}
	default: // IMAGE, TEXT, CUSTOM
		if t > tt.MaxTaskTimeSeconds {
			return "GT3010", tt.MaxTaskTimeSeconds
		}
	}
	return "", 0
}
