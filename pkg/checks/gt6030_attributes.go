package checks

import (
	"github.com/gtctl/gtctl/pkg/artifacts"
)

// GT6030: a top-level attribute longer than 20,000 characters (its JSON
// text as written). GT6040: a top-level key starting with `$`.
// (gt/sms-input-data-input-manifest.md: "No single attribute within an
// object can be larger than 20,000 characters. Attribute names can't begin
// with $ (dollar sign).")
var _ = mfRegister(mfDef{
	Rules: []string{"GT6030", "GT6040"},
	Line: func(s *mfScan, l *artifacts.ManifestLine) {
		for c := l.Child(l.Root()); c != nil; c = l.Next(c) {
			if int(c.End-c.Start) > artifacts.MaxAttrChars {
				if n := l.Chars(c); n > artifacts.MaxAttrChars {
					key := string(l.Key(c))
					s.at("GT6030", l, c, key, "Line %d: attribute `%s` is %s characters; the maximum is 20,000.", l.Num, key, commaInt(int64(n)))
				}
			}
			if key := l.Key(c); len(key) > 0 && key[0] == '$' {
				s.at("GT6040", l, c, string(key), "Line %d: attribute names can't begin with `$` (`%s`).", l.Num, key)
			}
		}
	},
})
