package checks

import (
	"regexp"
	"slices"
	"strings"

	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
)

const (
	pathResourceConfig = pathAlgorithms + ".LabelingJobResourceConfig"
	algorithmPrefix    = "labeling-job-algorithm-specification/"
)

// reportSeverity reports like reportMember but with a severity other than the
// catalog's, for a rule graded by condition (GT7095: error for
// verification, warning for adjustment).
func (p *Pass) reportSeverity(sev rules.Severity, rule, path, format string, args ...any) {
	p.reportMember(rule, path, format, args...)
	p.out[len(p.out)-1].Severity = sev
}

var (
	partitionRe = regexp.MustCompile(`^aws[a-z\-]*$`)
	regionRe    = regexp.MustCompile(`^[a-z0-9\-]+$`)
)

// algorithm returns the <algo> suffix of a well-formed Ground Truth
// algorithm ARN (RULES.md §2.2), or ok false. The partition and the Region
// are only checked for form: another partition is GT2058's, another Region
// GT2050's.
func algorithm(f *groundtruth.Facts, s string) (string, bool) {
	a, ok := groundtruth.ParseARN(s)
	if !ok || !partitionRe.MatchString(a.Partition) || a.Service != "sagemaker" ||
		!regionRe.MatchString(a.Region) || a.Account != f.AlgorithmAccount {
		return "", false
	}
	algo, ok := strings.CutPrefix(a.Resource, algorithmPrefix)
	if !ok || !slices.Contains(f.Algorithms, algo) {
		return "", false
	}
	return algo, true
}

// GT7070, GT7080, GT7090, GT7095, GT7105: LabelingJobAlgorithmsConfig.
// Which task types support automated labeling is the facts table's adl
// column: "yes" (with adlAlgorithm), "no", or "undocumented" (the two image
// adjustment types). The four image audit types are GT7095's, graded by
// RULES.md C24: error for verification, warning for adjustment.
var _ = register(Check{
	Rules: []string{"GT7070", "GT7080", "GT7090", "GT7095", "GT7105"},
	Run: func(p *Pass) {
		if !p.present(pathAlgorithms) {
			return
		}

		// GT7105 stands in for GT1020 here: the resource settings say what
		// the user meant, so the finding says what they are for.
		if p.Has(pathResourceConfig) && !p.Has(groundtruth.PathAlgorithm) {
			p.reportMember("GT7105", pathResourceConfig, "VolumeKmsKeyId/VpcConfig only apply to automated data labeling, but LabelingJobAlgorithmsConfig has no LabelingJobAlgorithmSpecificationArn; add it or remove LabelingJobResourceConfig.")
		}

		var t *groundtruth.TaskType
		region := "<region>"
		if p.Job != nil {
			t = p.Job.Type
			if p.Job.Region != "" {
				region = p.Job.Region
			}
		}
		if t != nil {
			switch {
			case t.Group == "IMAGE" && t.Audit == "V":
				p.reportMember("GT7095", pathAlgorithms, "Automated labeling is not available for label verification jobs (`%s`); remove LabelingJobAlgorithmsConfig.", t.Key)
			case t.Group == "IMAGE" && t.Audit != "":
				p.reportSeverity(rules.Warning, "GT7095", pathAlgorithms, "Automated labeling is not documented for label adjustment jobs (`%s`); remove LabelingJobAlgorithmsConfig unless AWS has confirmed it works.", t.Key)
			case t.ADL == "no":
				p.reportMember("GT7070", pathAlgorithms, "Automated data labeling is only available for image classification (single label), bounding box, semantic segmentation and text classification (single label), not for `%s` jobs; remove LabelingJobAlgorithmsConfig.", t.Key)
			}
		}

		s, ok := p.Str(groundtruth.PathAlgorithm)
		if !ok {
			return
		}
		algo, ok := algorithm(p.Facts, s)
		if !ok {
			want := "<algorithm>"
			if t != nil && t.ADLAlgorithm != "" {
				want = t.ADLAlgorithm
			}
			p.Reportf("GT7080", groundtruth.PathAlgorithm, "LabelingJobAlgorithmSpecificationArn `%s` is not a Ground Truth algorithm; it must be `arn:aws:sagemaker:%s:%s:labeling-job-algorithm-specification/%s` (algorithms: %s).", s, region, p.Facts.AlgorithmAccount, want, strings.Join(p.Facts.Algorithms, ", "))
			return
		}
		if t != nil && t.ADLAlgorithm != "" && algo != t.ADLAlgorithm {
			p.Reportf("GT7090", groundtruth.PathAlgorithm, "`%s` uses the `%s` algorithm, not `%s`.", t.Key, t.ADLAlgorithm, algo)
		}
	},
})
