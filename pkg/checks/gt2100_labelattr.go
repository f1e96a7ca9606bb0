package checks

import "strings"

// LabelAttributeName rules: the -ref suffix per task type (GT2100, GT2110,
// GT2120; conflict C4), -metadata (GT2130, GT2135; conflict C5) and the
// reserved manifest keys (GT2140). The suffix rules read the task type's
// labelRef fact: "must" is the GT2100 set, "mustNot" is
// VerificationSemanticSegmentation, "shouldNot" every other built-in type and
// "free" the CUSTOM types. The conditions are independent, so `source-ref`
// on a bounding-box job is both GT2140 and GT2120, as the catalog says.

const gt2PathLabelAttr = "LabelAttributeName"

var _ = register(Check{
	Rules: []string{"GT2100", "GT2110", "GT2120", "GT2130", "GT2135", "GT2140"},
	Run: func(p *Pass) {
		name, ok := p.Str(gt2PathLabelAttr)
		if !ok {
			return // absent or already GT1000/GT1040
		}
		ref := strings.HasSuffix(name, "-ref")

		if p.typeKnown() {
			key := p.Job.TaskType
			switch p.Job.Type.LabelRef {
			case "must":
				if !ref {
					p.Reportf("GT2100", gt2PathLabelAttr, "For `%s` jobs LabelAttributeName must end with `-ref` (for example `%s-ref`).", key, name)
				}
			case "mustNot":
				if ref {
					p.Reportf("GT2110", gt2PathLabelAttr, "%s jobs must not use a LabelAttributeName ending in `-ref` (got `%s`; for example `%s`).", key, name, strings.TrimSuffix(name, "-ref"))
				}
			case "shouldNot":
				if ref {
					p.Reportf("GT2120", gt2PathLabelAttr, "LabelAttributeName `%s` ends with `-ref`, which the docs reserve for semantic segmentation, video-frame and 3D tracking/segmentation jobs (this is a `%s` job).", name, key)
				}
			}
		}

		const meta = "-metadata"
		if base, found := strings.CutSuffix(name, meta); found {
			p.Reportf("GT2130", gt2PathLabelAttr, "LabelAttributeName `%s` can't end with `-metadata`: Ground Truth writes `<LabelAttributeName>-metadata` itself, so it would read as the metadata of `%s`.", name, base)
		}
		if strings.Contains(strings.TrimSuffix(name, meta), meta) {
			p.Reportf("GT2135", gt2PathLabelAttr, "Avoid `-metadata` anywhere in LabelAttributeName (`%s`).", name)
		}
		if name == "source" || name == "source-ref" {
			p.Reportf("GT2140", gt2PathLabelAttr, "`source` and `source-ref` are reserved manifest keys and can't be used as LabelAttributeName (got `%s`).", name)
		}
	},
})
