package checks

import (
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// annotationType in the frame format: a string for video frame jobs
// (GT5250), nothing for 3D point cloud jobs (GT5255), and a list only for
// 3D-2D object tracking (GT5260). In a standard-format job the key is
// GT5240's.

var lblVideoAnnotationTypes = map[string]bool{"BoundingBox": true, "Polyline": true, "Polygon": true, "Keypoint": true}

var _ = register(Check{
	Rules: []string{"GT5250", "GT5255", "GT5260"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !c.frame {
			return
		}
		at := c.root.Get("annotationType")
		if at == nil {
			return
		}
		if at.Kind == artifacts.ArrayValue {
			if c.key != "3DPointCloudObjectTracking" {
				c.at("GT5260", at, "annotationType", "A list-valued `annotationType` is only for 3D-2D object tracking (3DPointCloudObjectTracking) and must contain `{\"type\":\"BoundingBox\"}` and `{\"type\":\"Cuboid\"}`; this is a `%s` job.", c.key)
				return
			}
			has := map[string]bool{}
			for i := range at.Kids {
				if s, ok := at.Kids[i].Get("type").Str(); ok {
					has[s] = true
				}
			}
			var missing []string
			for _, t := range []string{"BoundingBox", "Cuboid"} {
				if !has[t] {
					missing = append(missing, `{"type":"`+t+`"}`)
				}
			}
			if len(missing) > 0 {
				c.at("GT5260", at, "annotationType", "A list-valued `annotationType` is only for 3D-2D object tracking and must contain `{\"type\":\"BoundingBox\"}` and `{\"type\":\"Cuboid\"}`; add %s.", strings.Join(missing, " and "))
			}
			return
		}
		if p.Job.InGroup("VIDEOFRAME") {
			if s, ok := at.Str(); ok && lblVideoAnnotationTypes[s] {
				return
			}
			c.at("GT5250", at, "annotationType", "`annotationType` must be BoundingBox, Polyline, Polygon or Keypoint (case-sensitive; found %s).", lblKindPhrase(at))
			return
		}
		c.atKey("GT5255", at, "annotationType", "`annotationType` is only supported for video frame jobs; `%s` ignores it. Remove it.", c.key)
	},
})
