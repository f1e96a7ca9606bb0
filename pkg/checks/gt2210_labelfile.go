package checks

// GT2210/GT2215: LabelCategoryConfigS3Uri is needed by built-in task types
// and optional, but usually wanted, for custom ones (Custom and
// PassThrough).

var _ = register(Check{
	Rules: []string{"GT2210", "GT2215"},
	Run: func(p *Pass) {
		if !p.typeKnown() || p.Has(PathLabelFile) {
			return
		}
		if p.Job.Type.Custom() {
			p.Reportf("GT2215", PathLabelFile, "No LabelCategoryConfigS3Uri: the post-annotation Lambda will receive no `labelCategories`.")
			return
		}
		p.Reportf("GT2210", PathLabelFile, "Built-in task types need LabelCategoryConfigS3Uri (the label category configuration file); `%s` jobs read their labels from it.", p.Job.TaskType)
	},
})
