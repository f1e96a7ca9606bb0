package checks

import "github.com/gtctl/gtctl/pkg/artifacts"

// GT5230: 3D point cloud semantic segmentation ignores label category
// attributes (frame attributes are supported). Each place they appear is
// reported, at its key.
var _ = register(Check{
	Rules: []string{"GT5230"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !c.semSeg3D() {
			return
		}
		const msg = "Label category attributes are not supported for 3D point cloud semantic segmentation and will be ignored (frame attributes are supported); remove `%s`."
		if g := c.root.Get("categoryGlobalAttributes"); g != nil {
			c.atKey("GT5230", g, "categoryGlobalAttributes", msg, "categoryGlobalAttributes")
		}
		if l := c.labels(); l != nil {
			for i := range l.Kids {
				if a := l.Kids[i].Get("categoryAttributes"); a != nil {
					path := artifacts.MemberPath(artifacts.IndexPath("labels", i), "categoryAttributes")
					c.atKey("GT5230", a, path, msg, path)
				}
			}
		}
		c.done()
	},
})
