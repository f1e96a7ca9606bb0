package checks

import (
	"github.com/gtctl/gtctl/pkg/artifacts"
)

// GT2200: a verification or adjustment job whose LabelAttributeName is
// already a key in the input manifest would write over the labels it
// audits (gt/sms-verification-data.md: "you must use a different
// LabelAttributeName than the original labeling job"). One finding, on
// LabelAttributeName, which is what must change; the message names the
// first manifest line and how many lines have the key.
var _ = mfRegister(mfDef{
	Rules: []string{"GT2200"},
	Active: func(p *Pass) bool {
		name, ok := p.Str("LabelAttributeName")
		return ok && name != "" && p.Job != nil && p.Job.Type != nil && p.Job.Audit()
	},
	Begin: func(s *mfScan) { s.labelAttr, _ = s.p.Str("LabelAttributeName") },
	Line: func(s *mfScan, l *artifacts.ManifestLine) {
		if l.Get(l.Root(), s.labelAttr) != nil {
			s.labelCount++
			if s.labelLine == 0 {
				s.labelLine = l.Num
			}
		}
	},
	Report: func(p *Pass, s *mfScan) {
		if s.labelCount == 0 {
			return
		}
		where := "line " + commaInt(int64(s.labelLine))
		if s.labelCount > 1 {
			where += " and " + commaInt(int64(s.labelCount-1)) + " more"
		}
		p.Reportf("GT2200", "LabelAttributeName", "LabelAttributeName `%s` already exists in the input manifest (%s, %s); verification/adjustment jobs must use a new LabelAttributeName.", s.labelAttr, s.Path, where)
	},
})
