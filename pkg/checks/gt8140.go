package checks

// GT8140: crowd-bounding-box and crowd-image-classifier document a limit
// of 10 labels or categories (conflict C10: the API quota is GT5070's
// error; this is the element's warning). The label count comes from the
// local label category file.
var _ = register(Check{
	Rules: []string{"GT8140"},
	Run: func(p *Pass) {
		t, a := gt8Template(p)
		if t == nil {
			return
		}
		n := gt8LabelCount(p)
		if n <= 10 {
			return
		}
		for _, el := range []string{"crowd-bounding-box", "crowd-image-classifier"} {
			if es := t.Named(el); len(es) > 0 {
				gt8Report(p, a, "GT8140", es[0].Pos, "`%s` documents a limit of 10 labels/categories; the label file has %d.", el, n)
			}
		}
	},
})
