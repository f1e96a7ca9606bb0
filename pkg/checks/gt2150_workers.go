package checks

// Workers per data object for frame jobs: GT2150 where the developer guide
// says "must be 1" and GT2155 where it says "should be 1" (conflict C20).
// The task type's workers fact says which: "exactly1" or "should1". A value
// outside 1–9 is GT1190's and is not checked again.

const gt2PathWorkers = "HumanTaskConfig.NumberOfHumanWorkersPerDataObject"

var _ = register(Check{
	Rules: []string{"GT2150", "GT2155"},
	Run: func(p *Pass) {
		if !p.typeKnown() {
			return
		}
		n, ok := p.Int(gt2PathWorkers)
		if !ok || n == 1 {
			return
		}
		key := p.Job.TaskType
		switch p.Job.Type.Workers {
		case "exactly1":
			p.Reportf("GT2150", gt2PathWorkers, "`%s` jobs must use NumberOfHumanWorkersPerDataObject = 1 (got %d).", key, n)
		case "should1":
			why := ""
			if p.Job.Type.Group == "POINTCLOUD" {
				why = "; annotation consolidation is not supported for 3D point cloud tasks"
			}
			p.Reportf("GT2155", gt2PathWorkers, "`%s` jobs should use NumberOfHumanWorkersPerDataObject = 1 (got %d%s).", key, n, why)
		}
	},
})
