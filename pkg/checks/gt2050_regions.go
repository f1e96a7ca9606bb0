package checks

import (
	"github.com/gtctl/gtctl/pkg/groundtruth"
)

// Region and partition rules: GT2050 (Ground Truth ARNs, UI and SNS topics
// in another Region, and a --region that contradicts the spec), GT2056 (KMS
// key or model ARN in another Region), GT2057 (custom Lambda in another
// Region) and GT2058 (built-in ARNs outside the aws partition). The work
// team's Region is GT4090's.

const (
	gt2PathOutputKMS = "OutputConfig.KmsKeyId"
	gt2PathVolumeKMS = "LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VolumeKmsKeyId"
	gt2PathModel     = "LabelingJobAlgorithmsConfig.InitialActiveLearningModelArn"
)

var _ = register(Check{
	Rules: []string{"GT2050", "GT2056", "GT2057", "GT2058"},
	Run: func(p *Pass) {
		j := p.Job
		if j == nil {
			return
		}
		lambdas := map[string]groundtruth.Lambda{groundtruth.PathPreLambda: j.Pre, groundtruth.PathACSLambda: j.ACS}

		// arnAt parses the ARN at path unless the member is absent, not a
		// string or already structurally wrong.
		arnAt := func(path string) (groundtruth.ARN, bool) {
			s, ok := p.Str(path)
			if !ok {
				return groundtruth.ARN{}, false
			}
			return groundtruth.ParseARN(s)
		}

		if j.Region != "" {
			// GT2050: the built-in Lambdas (custom ones are GT2057's), the UI,
			// both SNS topics and the algorithm ARN.
			for _, path := range []string{groundtruth.PathPreLambda, groundtruth.PathACSLambda, groundtruth.PathHumanTaskUI, groundtruth.PathInputSNS, groundtruth.PathOutputSNS, groundtruth.PathAlgorithm} {
				if l, isLambda := lambdas[path]; isLambda && !l.Builtin {
					continue
				}
				a, ok := arnAt(path)
				if !ok || a.Region == "" || a.Region == j.Region {
					continue
				}
				p.Reportf("GT2050", path,
					"`%s` is in `%s` but the job is in `%s`; all Ground Truth ARNs, UIs and SNS topics must be in the job's Region.",
					path, a.Region, j.Region)
			}

			// GT2050, RULES.md preamble: a --region that contradicts the
			// Region the spec's ARNs give is a finding, not a silent
			// override. It sits on the ARN the job Region was read from.
			if j.RegionFlag != "" && j.RegionPath != "" && j.RegionFlag != j.Region {
				p.Reportf("GT2050", j.RegionPath,
					"`--region` is `%s` but the spec's ARNs put the job in `%s` (`%s`); all Ground Truth ARNs, UIs and SNS topics must be in the job's Region.",
					j.RegionFlag, j.Region, j.RegionPath)
			}

			// GT2056: KMS key ARNs (key or alias; key IDs and alias names
			// carry no Region) and the initial model ARN.
			for _, path := range []string{gt2PathOutputKMS, gt2PathVolumeKMS, gt2PathModel} {
				a, ok := arnAt(path)
				if !ok || a.Region == "" || a.Region == j.Region {
					continue
				}
				if path != gt2PathModel && a.Service != "kms" {
					continue
				}
				p.Reportf("GT2056", path, "`%s` refers to Region `%s` but the job runs in `%s`.", path, a.Region, j.Region)
			}

			// GT2057: custom Lambdas.
			for _, path := range []string{groundtruth.PathPreLambda, groundtruth.PathACSLambda} {
				l := lambdas[path]
				if !l.Parsed || l.Builtin || p.Bad[path] || l.ARN.Region == "" || l.ARN.Region == j.Region {
					continue
				}
				p.Reportf("GT2057", path, "Custom Lambda `%s` is in `%s` while the job runs in `%s`.", gt2ARNString(l.ARN), l.ARN.Region, j.Region)
			}
		}

		// GT2058: built-in Lambdas, the human task UI, the Mechanical Turk
		// work team and the algorithm ARN outside the aws partition.
		for _, path := range []string{groundtruth.PathPreLambda, groundtruth.PathACSLambda, groundtruth.PathHumanTaskUI, groundtruth.PathWorkteam, groundtruth.PathAlgorithm} {
			if l, isLambda := lambdas[path]; isLambda && !l.Builtin {
				continue
			}
			if path == groundtruth.PathWorkteam && j.Workforce != groundtruth.WorkforceMTurk {
				continue
			}
			a, ok := arnAt(path)
			if !ok || a.Partition == "aws" {
				continue
			}
			p.Reportf("GT2058", path,
				"Ground Truth built-in ARNs are documented only for the `aws` partition; verify the ARN `%s` for `%s`.",
				gt2ARNString(a), a.Partition)
		}
	},
})
