package checks

import (
	"github.com/gtctl/gtctl/pkg/spec"
)

// Dataset size rules, from the number of manifest lines, reported on
// ManifestS3Uri (the count is a property of the whole file):
//
//	GT6090  semantic segmentation (and its audits): at most 20,000 objects
//	GT6095  other task types: more than 100,000 exceeds the default quota
//	        (frame jobs have their own limits: GT6170, GT6230, GT6250)
//	GT6100  automated labeling needs at least 1,250 objects
//	GT6105  and AWS strongly suggests at least 5,000
//	GT6170  point-cloud frame manifests: at most 100,000 frames
var _ = mfRegister(mfDef{
	Rules: []string{"GT6090", "GT6095", "GT6100", "GT6105", "GT6170"},
	Report: func(p *Pass, s *mfScan) {
		n := int64(s.Lines)
		var key string
		if p.Job != nil {
			key = p.Job.TaskType
		}
		switch {
		case key == "SemanticSegmentation" || key == "VerificationSemanticSegmentation" || key == "AdjustmentSemanticSegmentation":
			if n > 20000 {
				p.Reportf("GT6090", PathManifest, "Semantic segmentation jobs are limited to 20,000 input objects (found %s in %s).", commaInt(n), s.Path)
			}
		case mfKind(p) == "point-cloud frame":
			if n > 100000 {
				p.Reportf("GT6170", PathManifest, "At most 100,000 point cloud frames per input manifest (found %s in %s).", commaInt(n), s.Path)
			}
		case p.Job != nil && p.Job.InGroup("FRAME"):
			// GT6230 and GT6250 (gt6200_sequence.go).
		default:
			if n > 100000 {
				p.Reportf("GT6095", PathManifest, "More than 100,000 input objects (%s in %s) exceeds the default dataset quota; request an increase.", commaInt(n), s.Path)
			}
		}
		if alg := p.Root.Get("LabelingJobAlgorithmsConfig"); alg != nil && alg.Kind == spec.Map {
			switch {
			case n < 1250:
				p.Reportf("GT6100", PathManifest, "Automated data labeling needs at least 1,250 input objects (found %s in %s).", commaInt(n), s.Path)
			case n < 5000:
				p.Reportf("GT6105", PathManifest, "AWS strongly suggests at least 5,000 objects for automated data labeling (found %s in %s).", commaInt(n), s.Path)
			}
		}
	},
})
