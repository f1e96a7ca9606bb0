package checks

import (
	"fmt"
	"github.com/gtctl/gtctl/pkg/didyoumean"

	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/spec"
)

// UI rules: GT2060 (exactly one of UiTemplateS3Uri and HumanTaskUiArn),
// GT2070/GT2080 (the kind of UI the task type uses) and GT2090 (the Ground
// Truth UI for the task type).
//
// The catalog's conditions overlap on purpose and are followed as written:
// with both members set, GT2060 fires and so does GT2070 or GT2080 (the
// member the task type forbids is present); with neither set, GT2060 fires
// and so does GT2070 or GT2080 (the member the task type needs is absent).
// Each finding names a different fix.
//
// A misspelled member (`UiTemplateS3URI`) already has GT1010 with a "did you
// mean"; it counts here as the member it was meant to be, so one typo is
// one finding rather than GT1010 plus GT2060 plus GT2080.

const (
	gt2PathUiConfig = "HumanTaskConfig.UiConfig"
	gt2NameTemplate = "UiTemplateS3Uri"
	gt2NameHTUI     = "HumanTaskUiArn"
)

var _ = register(Check{
	Rules: []string{"GT2060", "GT2070", "GT2080", "GT2090"},
	Run: func(p *Pass) {
		ui := p.Root.Lookup(gt2PathUiConfig)
		if ui == nil || ui.Kind != spec.Map || p.Bad[gt2PathUiConfig] {
			return // missing or not a mapping: GT1020/GT1000
		}
		hasT, hasH := gt2UIMembers(p, ui)

		if hasT == hasH {
			p.Reportf("GT2060", gt2PathUiConfig, "UiConfig must contain exactly one of `UiTemplateS3Uri` or `HumanTaskUiArn`%s.",
				map[bool]string{true: " (it has both)", false: " (it has neither)"}[hasT])
		}

		if !p.typeKnown() {
			return
		}
		t := p.Job.Type
		key := p.Job.TaskType
		switch t.UI {
		case "htui":
			if !hasH || hasT {
				path := groundtruth.PathHumanTaskUI
				if hasT {
					path = groundtruth.PathUITemplate
				}
				p.Reportf("GT2070", path, "`%s` jobs must use `HumanTaskUiArn` (`%s`) and must not set `UiTemplateS3Uri`.", key, gt2UIArn(p, t, ""))
			}
		case "template":
			if !hasT || hasH {
				path := groundtruth.PathUITemplate
				if hasH {
					path = groundtruth.PathHumanTaskUI
				}
				p.Reportf("GT2080", path, "`%s` jobs must use `UiTemplateS3Uri` pointing to a worker task template in S3, not `HumanTaskUiArn`.", key)
			}
		}

		// GT2090: partition, account and UI name; the Region is GT2050's. A
		// partition other than aws is also warning GT2058.
		if t.HumanTaskUI == "" {
			return
		}
		s, ok := p.Str(groundtruth.PathHumanTaskUI)
		if !ok {
			return
		}
		a, parsed := groundtruth.ParseARN(s)
		if parsed && a.Partition == "aws" && a.Service == "sagemaker" && a.Account == p.Facts.UIAccount && a.Resource == "human-task-ui/"+t.HumanTaskUI {
			return
		}
		p.Reportf("GT2090", groundtruth.PathHumanTaskUI, "For `%s` use HumanTaskUiArn `%s` (got `%s`).", key, gt2UIArn(p, t, a.Region), s)
	},
})

// gt2UIMembers reports which UI members UiConfig holds, counting a member
// that GT1010 reported as a misspelling of one of them.
func gt2UIMembers(p *Pass, ui *spec.Node) (hasT, hasH bool) {
	names := []string{gt2NameTemplate, gt2NameHTUI}
	for _, k := range ui.Keys {
		name := k.Value
		if name != gt2NameTemplate && name != gt2NameHTUI && p.Bad[gt2PathUiConfig+"."+name] {
			name = didyoumean.Closest(name, names)
		}
		switch name {
		case gt2NameTemplate:
			hasT = true
		case gt2NameHTUI:
			hasH = true
		}
	}
	return hasT, hasH
}

// gt2UIArn is the Ground Truth UI ARN for the task type, in the job Region,
// else in fallback, else with a placeholder.
func gt2UIArn(p *Pass, t *groundtruth.TaskType, fallback string) string {
	r := p.Job.Region
	if r == "" {
		r = fallback
	}
	if r == "" {
		r = "<region>"
	}
	return fmt.Sprintf("arn:aws:sagemaker:%s:%s:human-task-ui/%s", r, p.Facts.UIAccount, t.HumanTaskUI)
}
