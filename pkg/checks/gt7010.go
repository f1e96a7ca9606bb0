package checks

import "github.com/gtctl/gtctl/pkg/spec"

const pathDataSource = "InputConfig.DataSource"

// GT7010: InputConfig.DataSource must name at least one source. A missing
// DataSource is GT1020's and a DataSource that is not a mapping GT1000's.
// A DataSource whose only members are misspelled ones (S3Datasource) already
// has a GT1010 finding that suggests the right name, so it is left to that.
var _ = register(Check{
	Rules: []string{"GT7010"},
	Run: func(p *Pass) {
		n := p.Root.Lookup(pathDataSource)
		if n == nil || n.Kind != spec.Map || p.Bad[pathDataSource] {
			return
		}
		if n.KeyNode("S3DataSource") != nil || n.KeyNode("SnsDataSource") != nil {
			return
		}
		for _, k := range n.Keys {
			if p.Bad[pathDataSource+"."+k.Value] {
				return
			}
		}
		p.Reportf("GT7010", pathDataSource, "InputConfig.DataSource needs S3DataSource (input manifest) and/or SnsDataSource (streaming input topic); it has neither.")
	},
})
