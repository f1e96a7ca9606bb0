package checks

// GT8130 and GT8150: template and short-instruction sizes.

// gt8MaxChars is the UiTemplate.Content limit of the API.
const gt8MaxChars = 128_000

var _ = register(Check{
	Rules: []string{"GT8130"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		switch {
		case t.Truncated:
			gt8Report(p, a, "GT8130", gt8Top, "Template is more than %s characters; SageMaker UI templates are limited to 128,000.", commaInt(int64(t.Chars)))
		case t.Chars > gt8MaxChars:
			gt8Report(p, a, "GT8130", gt8Top, "Template is %s characters; SageMaker UI templates are limited to 128,000.", commaInt(int64(t.Chars)))
		}
	},
})

// gt8MaxShort is the short-instructions quota: 100 KB.
const gt8MaxShort = 100 * 1024

var _ = register(Check{
	Rules: []string{"GT8150"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8150"}
		for _, e := range t.Named("short-instructions") {
			if n := e.End - e.TagEnd; n > gt8MaxShort {
				c.report(e.Pos, "Short instructions are %s bytes, over the 100 KB (102,400 bytes) quota; host images and link to them instead of embedding.", commaInt(int64(n)))
			}
		}
		c.done()
	},
})
