package checks

// GT8160: with PRE-PassThrough, task.input is the manifest line as is
// (assumed, RULES.md §6.2), so every task.input.<key> the template reads
// should be a top-level key of the manifest lines. Only the first lines
// of a local manifest are sampled.
var _ = register(Check{
	Rules: []string{"GT8160"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil || !p.typeKnown() || p.Job.TaskType != "PassThrough" {
			return
		}
		s := gt8ManifestSample(p)
		if s == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8160"}
		for _, v := range t.TaskInputKeys() {
			if !s.Keys[v.Key] {
				c.report(v.Pos, "`task.input.%s` is used in the template but %s has `%s` (PRE-PassThrough passes the line through unchanged).", v.Key, s.which(), v.Key)
			}
		}
		c.done()
	},
})
