package checks

import "github.com/gtctl/gtctl/pkg/groundtruth"

// GT4030: Mechanical Turk is not available for video frame and 3D point
// cloud jobs (FRAME).
var _ = register(Check{
	Rules: []string{"GT4030"},
	Run: func(p *Pass) {
		if workforceForRules(p) != groundtruth.WorkforceMTurk || !p.Job.InGroup("FRAME") {
			return
		}
		p.Reportf("GT4030", groundtruth.PathWorkteam, "3D point cloud and video frame jobs can't use the Mechanical Turk workforce (task type `%s`); use a private or vendor work team.", p.Job.TaskType)
	},
})
