package checks

// GT1085: an empty or placeholder OutputConfig.KmsKeyId. Both pass the
// GT1080 pattern but name no key; "" is the CLI skeleton's value and
// "string" the Boto3 documentation's (RULES.md §4.1 S10).
var _ = register(Check{
	Rules: []string{"GT1085"},
	Run: func(p *Pass) {
		const path = "OutputConfig.KmsKeyId"
		s, ok := p.Str(path)
		if !ok || (s != "" && s != "string") {
			return
		}
		what := "empty"
		if s != "" {
			what = "the placeholder `" + s + "`"
		}
		p.Reportf("GT1085", path, "OutputConfig.KmsKeyId is %s; omit it to use the default S3 key, or give a real key ID/ARN.", what)
	},
})
