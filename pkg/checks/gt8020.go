package checks

// GT8020: the template must wrap its content in <crowd-form> …
// </crowd-form>: there must be a crowd-form with its end tag, and every
// annotation element (one that collects an answer) must sit inside one.
var _ = register(Check{
	Rules: []string{"GT8020"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		const must = "Worker task templates must wrap their content in `<crowd-form> … </crowd-form>`"
		forms := t.Named("crowd-form")
		if len(forms) == 0 {
			gt8Report(p, a, "GT8020", gt8Top, "%s; this template has no `<crowd-form>`.", must)
			return
		}
		c := gt8Count{p: p, a: a, rule: "GT8020"}
		for _, f := range forms {
			if !f.Closed {
				c.report(f.Pos, "%s; this `<crowd-form>` is never closed with `</crowd-form>`.", must)
			}
		}
		for _, e := range t.Elements {
			if gt8Annotation[e.Name] && e.Form == nil {
				c.report(e.Pos, "%s; `<%s>` is outside it.", must, e.Name)
			}
		}
		c.done()
	},
})
