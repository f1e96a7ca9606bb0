package checks

import "github.com/gtctl/gtctl/pkg/artifacts"

// GT2160: named entity recognition reads its worker instructions from the
// label category file: an "instructions" object with non-empty string
// shortInstruction and fullInstruction. One finding, at the first problem.
var _ = register(Check{
	Rules: []string{"GT2160"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || c.key != "NamedEntityRecognition" {
			return
		}
		const msg = "Named entity recognition jobs must define `instructions.shortInstruction` and `instructions.fullInstruction` in the label category configuration file; "
		in := c.root.Get("instructions")
		switch {
		case in == nil:
			c.at("GT2160", c.root, "instructions", msg+"it has no `instructions`.")
			return
		case in.Kind != artifacts.ObjectValue:
			c.at("GT2160", in, "instructions", msg+"`instructions` is %s, not an object.", lblKindPhrase(in))
			return
		}
		for _, k := range []string{"shortInstruction", "fullInstruction"} {
			path := artifacts.MemberPath("instructions", k)
			v := in.Get(k)
			switch {
			case v == nil:
				c.at("GT2160", in, path, msg+"`%s` is missing.", path)
			case v.Kind != artifacts.StringValue:
				c.at("GT2160", v, path, msg+"`%s` is %s, not a string.", path, lblKindPhrase(v))
			case v.Text == "":
				c.at("GT2160", v, path, msg+"`%s` is empty.", path)
			default:
				continue
			}
			return
		}
	},
})
