package checks

import (
	"strconv"
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// The label file of 3D point cloud / video frame audit jobs (the
// Adjustment… keys, used for both adjustment and verification):
// auditLabelAttributeName is required there (GT2170) and nowhere else
// (GT2175), must differ from the job's own LabelAttributeName (GT2180),
// and a job named as a verification job must lock every label (GT2190).

// lblAuditName returns the label file's auditLabelAttributeName member, or
// nil when it is absent or null.
func lblAuditName(c *labelCtx) *artifacts.Value {
	v := c.root.Get("auditLabelAttributeName")
	if v == nil || v.Kind == artifacts.NullValue {
		return nil
	}
	return v
}

var _ = register(Check{
	Rules: []string{"GT2170", "GT2175"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !c.known {
			return
		}
		v := c.root.Get("auditLabelAttributeName")
		if p.lblFrameAudit() {
			if lblAuditName(c) == nil {
				c.at("GT2170", lblOr(v, c.root), "auditLabelAttributeName", "3D point cloud / video frame adjustment and verification jobs must set `auditLabelAttributeName` (the LabelAttributeName of the job being audited) in the label category file; this `%s` job's file has none.", c.key)
			}
			return
		}
		if v != nil {
			c.atKey("GT2175", v, "auditLabelAttributeName", "`auditLabelAttributeName` is only for 3D point cloud / video frame adjustment or verification jobs; remove it (this is a `%s` job).", c.key)
		}
	},
})

// GT2180 is reported on the spec's LabelAttributeName, the member to
// change.
var _ = register(Check{
	Rules: []string{"GT2180"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !p.lblFrameAudit() {
			return
		}
		audited, ok := lblAuditName(c).Str()
		if !ok {
			return
		}
		if name, ok := p.Str("LabelAttributeName"); ok && name == audited {
			p.Reportf("GT2180", "LabelAttributeName", "An adjustment/verification job must write to a different LabelAttributeName than the one it audits (`%s`, the label file's auditLabelAttributeName); use a new name such as `%s`.", name, lblSuggestAuditName(name))
		}
	},
})

// lblSuggestAuditName proposes a new LabelAttributeName, keeping a -ref
// suffix where the original had one.
func lblSuggestAuditName(name string) string {
	base, ref := strings.CutSuffix(name, "-ref")
	lower := strings.ToLower(base)
	if strings.Contains(lower, "adjust") || strings.Contains(lower, "verif") {
		base += "-v2"
	} else {
		base += "-adjusted"
	}
	if ref {
		base += "-ref"
	}
	return base
}

// GT2190: the job or label attribute name says "verif", so every labels[]
// entry needs "editsAllowed": "none"; otherwise the job adjusts.
var _ = register(Check{
	Rules: []string{"GT2190"},
	Run: func(p *Pass) {
		c := p.labelCtx()
		if c == nil || !p.lblFrameAudit() {
			return
		}
		named := ""
		for _, m := range []string{"LabelingJobName", "LabelAttributeName"} {
			if s, ok := p.Str(m); ok && strings.Contains(strings.ToLower(s), "verif") {
				named = m
				break
			}
		}
		l := c.labels()
		if named == "" || l == nil {
			return
		}
		first, n := -1, 0
		for i := range l.Kids {
			if s, _ := l.Kids[i].Get("editsAllowed").Str(); s != "none" {
				if first < 0 {
					first = i
				}
				n++
			}
		}
		if first < 0 {
			return
		}
		count := strconv.Itoa(n)
		if l.Len() > len(l.Kids) {
			count = "at least " + count // the entries past MaxKeptChildren are not built
		}
		c.at("GT2190", &l.Kids[first], artifacts.IndexPath("labels", first), "This looks like a verification job (its %s says \"verif\"): every `labels[]` entry needs `\"editsAllowed\": \"none\"`, otherwise it runs as an adjustment job; %s of the %d entries %s it, the first being labels[%d].", named, count, l.Len(), lblPlural(n, "lacks", "lack"), first)
	},
})
