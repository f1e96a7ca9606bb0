package checks

import "strings"

// GT8110: media shown from task.input without grant_read_access. Workers'
// browsers can't open s3:// URIs; the filter turns them into short-lived
// HTTPS links. The rule applies to image and video-clip task types, whose
// data objects are S3 objects, and otherwise to the task.input keys whose
// values in the sampled manifest lines are s3:// URIs.
var _ = register(Check{
	Rules: []string{"GT8110"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		media := p.typeKnown() && (p.Job.Type.Group == "IMAGE" || p.Job.Type.Group == "VIDEOCLIP")
		sample := gt8ManifestSample(p)
		if !media && sample == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8110"}
		for _, e := range t.Elements {
			if !strings.HasPrefix(e.Name, "crowd-") && e.Name != "img" && e.Name != "video" && e.Name != "source" {
				continue
			}
			src := e.Attr("src")
			if src == nil {
				continue
			}
			for _, o := range t.OutputsIn(src.ValueStart, src.ValueEnd) {
				if o.HasFilter("grant_read_access") {
					continue
				}
				for _, v := range o.Vars {
					if v.Key != "" && (media || sample.S3[v.Key]) {
						c.report(v.Pos, "`src` of `<%s>` shows `%s` without `grant_read_access`. Pipe S3 object references through `grant_read_access` so workers can load them.", e.Name, v.Path)
						break
					}
				}
			}
		}
		c.done()
	},
})
