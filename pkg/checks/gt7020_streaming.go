package checks

import (
	"strings"

	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/spec"
)

const (
	pathSnsDataSource  = "InputConfig.DataSource.SnsDataSource"
	pathAlgorithms     = "LabelingJobAlgorithmsConfig"
	pathStopConditions = "StoppingConditions"
)

// streaming reports whether the job is a streaming job: RULES.md GT7xxx, "A
// job is streaming when InputConfig.DataSource.SnsDataSource is present".
// A SnsDataSource that is not a mapping already has a GT1000 finding and
// does not make the job streaming.
func (p *Pass) streaming() bool {
	n := p.Root.Lookup(pathSnsDataSource)
	return n != nil && n.Kind == spec.Map
}

// present reports whether the structure at path is there as a mapping.
func (p *Pass) present(path string) bool {
	n := p.Root.Lookup(path)
	return n != nil && n.Kind == spec.Map && !p.Bad[path]
}

// reportMember reports rule at a member whose value is a mapping, pointing
// at its key (the line the user wrote) rather than at the mapping's first
// entry, which is where the value node starts.
func (p *Pass) reportMember(rule, path, format string, args ...any) {
	parent, name := p.Root, path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		parent, name = p.Root.Lookup(path[:i]), path[i+1:]
	}
	if k := parent.KeyNode(name); k != nil {
		p.ReportNode(rule, k, path, format, args...)
		return
	}
	p.Reportf(rule, path, format, args...)
}

// GT7020, GT7030: members a streaming job must not or need not have.
// GT7040: the output topic is the input topic.
// GT7050: the output path overlaps the input location.
var _ = register(Check{
	Rules: []string{"GT7020", "GT7030", "GT7040", "GT7050"},
	Run: func(p *Pass) {
		// GT7040 compares the two topics whether or not the input topic makes
		// a well-formed streaming job: the loop is there either way.
		in, okIn := p.Str(groundtruth.PathInputSNS)
		out, okOut := p.Str(groundtruth.PathOutputSNS)
		if okIn && okOut && in == out {
			p.Reportf("GT7040", groundtruth.PathOutputSNS, "The SNS output topic `%s` is the job's own input topic; labeled results would be fed back in. Use a separate output topic (chain to another job's input topic instead).", out)
		}

		if !p.streaming() {
			return
		}
		if p.present(pathAlgorithms) {
			p.reportMember("GT7020", pathAlgorithms, "Streaming labeling jobs don't support automated data labeling; remove LabelingJobAlgorithmsConfig (or run a batch job from a manifest).")
		}
		if p.Has(pathStopConditions) && !p.Bad[pathStopConditions] {
			p.reportMember("GT7030", pathStopConditions, "StoppingConditions are ignored for streaming jobs; stop them with StopLabelingJob (or after 10 idle days), and remove StoppingConditions.")
		}

		// GT7050. The input location is the prefix ManifestS3Uri sits under,
		// the best offline proxy for where the S3 event notifications that
		// feed the input topic are set up (sms-streaming-labeling-job.md: "do
		// not use the same Amazon S3 location for your input data
		// configuration and your output data"). The two overlap when one is
		// the other or lies inside it, compared on whole path segments: a
		// local manifest path is not an S3 location and is skipped.
		_, man, okMan := p.s3Member(PathManifest)
		outS, outLoc, okOut := p.s3Member(pathS3Output)
		if !okMan || !okOut {
			return
		}
		inPrefix := man.Bucket + "/"
		if i := strings.LastIndexByte(man.Key, '/'); i >= 0 {
			inPrefix += man.Key[:i+1]
		}
		outPrefix := outLoc.Bucket + "/" + outLoc.Key
		if !strings.HasSuffix(outPrefix, "/") {
			outPrefix += "/"
		}
		if !strings.HasPrefix(outPrefix, inPrefix) && !strings.HasPrefix(inPrefix, outPrefix) {
			return
		}
		p.Reportf("GT7050", pathS3Output, "S3OutputPath `%s` overlaps the streaming input location `s3://%s` (the prefix of ManifestS3Uri). Don't use the same S3 location for streaming input objects and S3OutputPath; output objects would be re-ingested.", outS, inPrefix)
	},
})
