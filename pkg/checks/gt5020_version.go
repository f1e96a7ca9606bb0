package checks

import (
	"github.com/gtctl/gtctl/pkg/artifacts"
)

// The version key: "document-version": "2018-11-28" in the standard format
// (GT5020, GT5025), "documentVersion": "2020-03-01" in the frame format
// (GT5030), where the 3D-2D tracking example's "document-version":
// "2020-03-01" is accepted (conflict C17).
var _ = register(Check{
	Rules: []string{"GT5020", "GT5025", "GT5030"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !c.known {
			return
		}
		hy := c.root.Get("document-version")
		camel := c.root.Get("documentVersion")
		if !c.frame {
			switch {
			case hy == nil && camel != nil:
				c.at("GT5025", c.root, "document-version", "Add `\"document-version\": \"2018-11-28\"` to the label category file; it has `documentVersion`, the spelling of the 3D point cloud / video frame format.")
			case hy == nil:
				c.at("GT5025", c.root, "document-version", "Add `\"document-version\": \"2018-11-28\"` to the label category file.")
			default:
				if s, ok := hy.Str(); !ok || s != "2018-11-28" {
					c.at("GT5020", hy, "document-version", "`document-version` must be \"2018-11-28\" (found %s).", lblKindPhrase(hy))
				}
			}
			return
		}
		switch {
		case camel != nil:
			if s, ok := camel.Str(); !ok || s != "2020-03-01" {
				c.at("GT5030", camel, "documentVersion", "3D point cloud / video frame label files use `\"documentVersion\": \"2020-03-01\"` (found %s).", lblKindPhrase(camel))
			}
		case hy != nil:
			if s, _ := hy.Str(); s == "2020-03-01" && c.is3D2D() {
				return
			}
			c.atKey("GT5030", hy, "document-version", "3D point cloud / video frame label files use `\"documentVersion\": \"2020-03-01\"` (camelCase, no hyphen); this file has `\"document-version\"`.")
		default:
			c.at("GT5030", c.root, "documentVersion", "3D point cloud / video frame label files use `\"documentVersion\": \"2020-03-01\"`; add it.")
		}
	},
})

// is3D2D reports whether the job is the 3D-2D object tracking variant:
// 3DPointCloudObjectTracking with a list-valued annotationType (§0.4).
func (c *labelCtx) is3D2D() bool {
	a := c.root.Get("annotationType")
	return c.key == "3DPointCloudObjectTracking" && a != nil && a.Kind == artifacts.ArrayValue
}
