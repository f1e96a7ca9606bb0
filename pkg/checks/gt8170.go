package checks

// GT8170: a bounding-box or semantic-segmentation verification/adjustment
// template should show the labels under review: initial-value on
// crowd-bounding-box or crowd-semantic-segmentation, or overlay on
// crowd-image-classifier.
var _ = register(Check{
	Rules: []string{"GT8170"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil || !p.typeKnown() {
			return
		}
		switch p.Job.TaskType {
		case "VerificationBoundingBox", "AdjustmentBoundingBox", "VerificationSemanticSegmentation", "AdjustmentSemanticSegmentation":
		default:
			return
		}
		for _, e := range t.Elements {
			switch e.Name {
			case "crowd-bounding-box", "crowd-semantic-segmentation":
				if e.Attr("initial-value") != nil {
					return
				}
			case "crowd-image-classifier":
				if e.Attr("overlay") != nil {
					return
				}
			}
		}
		gt8Report(p, a, "GT8170", gt8Top, "Verification/adjustment templates should show the previous labels (`initial-value` or `overlay`); this `%s` template has neither `initial-value` on `crowd-bounding-box`/`crowd-semantic-segmentation` nor `overlay` on `crowd-image-classifier`.", p.Job.TaskType)
	},
})
