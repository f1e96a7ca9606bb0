package checks

// GT1225: MaxConcurrentTaskCount above the default quota of 1,000 (the
// model allows up to 5,000, RULES.md conflict C3). Values above 5,000 are
// GT1220's.
var _ = register(Check{
	Rules: []string{"GT1225"},
	Run: func(p *Pass) {
		const path = "HumanTaskConfig.MaxConcurrentTaskCount"
		n, ok := p.Int(path)
		if !ok || n <= 1000 || n > 5000 {
			return
		}
		p.Reportf("GT1225", path, "MaxConcurrentTaskCount is %s; values above 1,000 (the default quota) require a limit increase from AWS Support.", commaInt(n))
	},
})
