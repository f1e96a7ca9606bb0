package checks

import (
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/spec"
)

// GT1025: both Lambdas are required (RULES.md conflict C14). The botocore
// model marks PreHumanTaskLambdaArn and AnnotationConsolidationConfig
// optional, so the schema does not require them; the developer guide does.
// One finding per missing member, at the mapping that should hold it. A
// present AnnotationConsolidationConfig without its Lambda is GT1020's.
var _ = register(Check{
	Rules: []string{"GT1025"},
	Run: func(p *Pass) {
		htc := p.Root.Get("HumanTaskConfig")
		if htc == nil || htc.Kind != spec.Map || p.Bad["HumanTaskConfig"] {
			return
		}
		const msg = "`PreHumanTaskLambdaArn` and `AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn` are required: use the Ground Truth ARNs for your task type, or your own Lambdas for a custom workflow (`%s` is missing)."
		if htc.KeyNode("PreHumanTaskLambdaArn") == nil {
			p.Reportf("GT1025", groundtruth.PathPreLambda, msg, groundtruth.PathPreLambda)
		}
		if htc.KeyNode("AnnotationConsolidationConfig") == nil {
			const path = "HumanTaskConfig.AnnotationConsolidationConfig"
			p.Reportf("GT1025", path, msg, path)
		}
	},
})
