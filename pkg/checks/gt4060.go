package checks

import (
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/spec"
)

const pathClassifiers = "InputConfig.DataAttributes.ContentClassifiers"

// GT4060, GT4065: the Mechanical Turk content declarations. Without
// FreeOfPersonallyIdentifiableInformation the job fails (error); without
// FreeOfAdultContent fewer workers may see the tasks (warning). A
// ContentClassifiers that is not a list is GT1000's and not examined.
var _ = register(Check{
	Rules: []string{"GT4060", "GT4065"},
	Run: func(p *Pass) {
		if workforceForRules(p) != groundtruth.WorkforceMTurk {
			return
		}
		has := map[string]bool{}
		if n := p.Root.Lookup(pathClassifiers); n != nil {
			if n.Kind != spec.Seq || p.Bad[pathClassifiers] {
				return
			}
			for _, item := range n.Values {
				if item != nil && item.Kind == spec.String {
					has[item.Value] = true
				}
			}
		}
		if !has["FreeOfPersonallyIdentifiableInformation"] {
			p.reportAtMember("GT4060", pathClassifiers, "Mechanical Turk jobs fail unless InputConfig.DataAttributes.ContentClassifiers includes `FreeOfPersonallyIdentifiableInformation`.")
		}
		if !has["FreeOfAdultContent"] {
			p.reportAtMember("GT4065", pathClassifiers, "Add `FreeOfAdultContent` to InputConfig.DataAttributes.ContentClassifiers if true; otherwise fewer Mechanical Turk workers may see your tasks.")
		}
	},
})
