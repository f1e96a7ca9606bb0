package checks

import (
	"fmt"

	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

// GT1070, the Go half: a ContentClassifiers item listed more than once. The
// schema half (an item that is not one of the two declarations, or more
// than 256 items) is package lint's. The API model puts no uniqueness
// constraint on the list, so a repeat is not an error; it is redundant, and
// often a slip for the other declaration (two PII items where
// FreeOfAdultContent was meant). It is therefore reported as a warning, the
// catalog's grade for "a likely mistake that the documentation does not
// forbid outright", at each repeat after the first.
var _ = register(Check{
	Rules: []string{"GT1070"},
	Run: func(p *Pass) {
		const path = "InputConfig.DataAttributes.ContentClassifiers"
		list := p.Root.Lookup(path)
		if list == nil || list.Kind != spec.Seq || p.Bad[path] {
			return // over 256 items is already reported on the list
		}
		first := map[string]int{}
		for i, item := range list.Values {
			ip := fmt.Sprintf("%s[%d]", path, i)
			if item == nil || item.Kind != spec.String || p.Bad[ip] {
				continue
			}
			j, seen := first[item.Value]
			if !seen {
				first[item.Value] = i
				continue
			}
			p.reportGraded(rules.Warning, "GT1070", item, ip,
				"ContentClassifiers lists `%s` again (first as item %d); the repeat is redundant. Each declaration is listed once: `FreeOfPersonallyIdentifiableInformation` and/or `FreeOfAdultContent`.",
				item.Value, j)
		}
	},
})
