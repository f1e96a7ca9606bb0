package checks

import (
	"regexp"
	"unicode/utf8"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// lblAuditNameRE is model#LabelAttributeName's pattern (GT1040).
var lblAuditNameRE = regexp.MustCompile(`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,126}$`)

// lblFrameAudit reports the FRAME ∩ AUDIT task types (the Adjustment… video
// frame and 3D point cloud keys), which need auditLabelAttributeName.
func (p *Pass) lblFrameAudit() bool { return p.typeKnown() && p.Job.Type.Frame() && p.Job.Audit() }

// GT5280: auditLabelAttributeName must be a valid LabelAttributeName. It is
// checked where it belongs, on frame audit jobs; elsewhere GT2175 says to
// remove it. An absent or null value is GT2170's.
var _ = register(Check{
	Rules: []string{"GT5280"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !p.lblFrameAudit() {
			return
		}
		v := c.root.Get("auditLabelAttributeName")
		if v == nil || v.Kind == artifacts.NullValue {
			return
		}
		s, ok := v.Str()
		if ok && utf8.RuneCountInString(s) <= 127 && lblAuditNameRE.MatchString(s) {
			return
		}
		c.at("GT5280", v, "auditLabelAttributeName", "`auditLabelAttributeName` must be the LabelAttributeName of the audited job (a valid label attribute name: 1–127 letters, digits and hyphens, starting and ending with a letter or digit); found %s.", lblKindPhrase(v))
	},
})
