package checks

import (
	"fmt"

	"github.com/gtctl/gtctl/pkg/spec"
)

// GT1250: two Tags[] items with the same Key (tag keys are unique per
// resource, and case-sensitive). Reported at each repeat after the first.
var _ = register(Check{
	Rules: []string{"GT1250"},
	Run: func(p *Pass) {
		tags := p.Root.Get("Tags")
		if tags == nil || tags.Kind != spec.Seq || p.Bad["Tags"] {
			return
		}
		first := map[string]int{}
		for i, item := range tags.Values {
			kp := fmt.Sprintf("Tags[%d].Key", i)
			if item == nil || item.Kind != spec.Map || p.Bad[fmt.Sprintf("Tags[%d]", i)] || p.Bad[kp] {
				continue
			}
			k := item.Get("Key")
			if k == nil || k.Kind != spec.String {
				continue
			}
			j, seen := first[k.Value]
			if !seen {
				first[k.Value] = i
				continue
			}
			p.ReportNode("GT1250", k, kp, "Tag key `%s` appears more than once (first at Tags[%d]); tag keys must be unique.", k.Value, j)
		}
	},
})
