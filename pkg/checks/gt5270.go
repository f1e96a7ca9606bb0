package checks

import (
	"unicode/utf8"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// GT5270: frame-format instructions are an object with string
// shortInstruction (under 255 characters) and fullInstruction (under
// 2,048). A member written with the 3D-2D example's spelling
// (shortIntroduction) is GT5275's, not reported missing here.
var _ = register(Check{
	Rules: []string{"GT5270"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !c.frame {
			return
		}
		in := c.root.Get("instructions")
		if in == nil {
			return
		}
		if in.Kind != artifacts.ObjectValue {
			c.at("GT5270", in, "instructions", "`instructions` needs `shortInstruction` (< 255 characters) and `fullInstruction` (< 2048 characters); it is %s, not an object.", lblKindPhrase(in))
			return
		}
		for _, m := range []struct {
			key, alias string
			limit      int
		}{{"shortInstruction", "shortIntroduction", 255}, {"fullInstruction", "fullIntroduction", 2048}} {
			path := artifacts.MemberPath("instructions", m.key)
			v := in.Get(m.key)
			switch {
			case v == nil && in.Get(m.alias) != nil:
			case v == nil:
				c.at("GT5270", in, path, "`instructions` needs `shortInstruction` (< 255 characters) and `fullInstruction` (< 2048 characters); `%s` is missing.", m.key)
			case v.Kind != artifacts.StringValue:
				c.at("GT5270", v, path, "`instructions` needs `shortInstruction` (< 255 characters) and `fullInstruction` (< 2048 characters); `%s` is %s, not a string.", m.key, lblKindPhrase(v))
			default:
				if n := utf8.RuneCountInString(v.Text); n >= m.limit {
					c.at("GT5270", v, path, "`instructions` needs `shortInstruction` (< 255 characters) and `fullInstruction` (< 2048 characters); `%s` has %s.", m.key, commaInt(int64(n)))
				}
			}
		}
		c.done()
	},
})
