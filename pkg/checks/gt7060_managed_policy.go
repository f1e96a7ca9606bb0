package checks

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
	"github.com/gtctl/gtctl/pkg/groundtruth"
)

// GT7060, GT7065, GT7068: resources outside the scope of the
// AmazonSageMakerGroundTruthExecution managed policy
// (gt/security-iam-awsmanpol-ground-truth.md). The prose of that page says
// "case-insensitive", but the policy document grants access by these
// resource patterns, and IAM matches them case-sensitively, so the checks
// use exactly the casings listed:
//
//	"CustomLabelingJobs" (lambda:InvokeFunction):
//	  arn:aws:lambda:*:*:function:*GtRecipe*
//	  arn:aws:lambda:*:*:function:*LabelingFunction*
//	  arn:aws:lambda:*:*:function:*SageMaker*
//	  arn:aws:lambda:*:*:function:*sagemaker*
//	  arn:aws:lambda:*:*:function:*Sagemaker*
//	s3:AbortMultipartUpload, s3:GetObject, s3:PutObject:
//	  arn:aws:s3:::*GroundTruth*   arn:aws:s3:::*SageMaker*
//	  arn:aws:s3:::*Groundtruth*   arn:aws:s3:::*Sagemaker*
//	  arn:aws:s3:::*groundtruth*   arn:aws:s3:::*sagemaker*
//	  (plus s3:GetObject on any object tagged SageMaker=true)
//	"StreamingTopicSubscribe" (sns:Subscribe), "StreamingTopic" (sns:Publish):
//	  arn:aws:sns:*:*:*GroundTruth*   arn:aws:sns:*:*:*SageMaker*
//	  arn:aws:sns:*:*:*Groundtruth*   arn:aws:sns:*:*:*Sagemaker*
//	  arn:aws:sns:*:*:*groundTruth*   arn:aws:sns:*:*:*sageMaker*
//	  arn:aws:sns:*:*:*groundtruth*   arn:aws:sns:*:*:*sagemaker*
//
// An S3 pattern is matched against the object's ARN resource, bucket/key,
// and IAM's * crosses "/", so an object is in scope when its bucket or its
// key contains one of the names (s3://acme/groundtruth/x.json is). The
// findings are still about buckets, as RULES.md words them: one finding per
// bucket that holds an out-of-scope object.
var (
	lambdaScope = []string{"GtRecipe", "LabelingFunction", "SageMaker", "sagemaker", "Sagemaker"}
	s3Scope     = []string{"GroundTruth", "Groundtruth", "groundtruth", "SageMaker", "Sagemaker", "sagemaker"}
	snsScope    = []string{"GroundTruth", "Groundtruth", "groundTruth", "groundtruth", "SageMaker", "Sagemaker", "sageMaker", "sagemaker"}
)

// s3ScopeWhy says why an object is out of the S3 scope.
const s3ScopeWhy = "neither the bucket name nor the object key contains `groundtruth` or `sagemaker` (in the casings GroundTruth, Groundtruth, groundtruth, SageMaker, Sagemaker, sagemaker)"

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// GT7060: an input or output SNS topic whose name is outside the policy's
// SNS patterns.
var _ = register(Check{
	Rules: []string{"GT7060"},
	Run: func(p *Pass) {
		seen := map[string]bool{}
		for _, m := range []string{groundtruth.PathInputSNS, groundtruth.PathOutputSNS} {
			s, ok := p.Str(m)
			if !ok || seen[s] {
				continue
			}
			seen[s] = true
			a, ok := groundtruth.ParseARN(s)
			if !ok || a.Service != "sns" || a.Resource == "" {
				continue // GT1060's
			}
			if containsAny(a.Resource, snsScope) {
				continue
			}
			p.Reportf("GT7060", m, "Topic `%s` is outside AmazonSageMakerGroundTruthExecution's SNS scope (its name contains none of %s); grant sns:Subscribe/Publish explicitly, or rename the topic.", a.Resource, orList(snsScope))
		}
	},
})

// GT7065: S3 buckets outside the policy's S3 patterns: those of the four
// S3Uri members and, when the manifest is a local file, of its source-ref
// values.
var _ = register(Check{
	Rules: []string{"GT7065"},
	Run: func(p *Pass) {
		type use struct {
			path    string
			members []string
			output  bool
		}
		var order []string
		byBucket := map[string]*use{}
		job := p.Doc.JobName()
		for _, m := range s3URIPaths {
			_, loc, ok := p.s3Member(m)
			if !ok {
				continue
			}
			object := loc.Bucket + "/" + loc.Key
			if m == pathS3Output {
				// The job writes under <S3OutputPath>/<LabelingJobName>/
				// (sms-data-output.md), and those object names are what the
				// policy's patterns see.
				if !strings.HasSuffix(object, "/") {
					object += "/"
				}
				object += job + "/"
			}
			if containsAny(object, s3Scope) {
				continue
			}
			u := byBucket[loc.Bucket]
			if u == nil {
				u = &use{path: m}
				byBucket[loc.Bucket] = u
				order = append(order, loc.Bucket)
			}
			u.members = append(u.members, m)
			u.output = u.output || m == pathS3Output
		}
		for _, b := range order {
			u := byBucket[b]
			grant := "grant s3:GetObject on it explicitly (or tag the objects SageMaker=true)"
			if u.output {
				grant = "grant s3:GetObject/PutObject on it explicitly (tagging objects SageMaker=true covers reads only, not the output)"
			}
			var names []string
			for _, m := range u.members {
				names = append(names, m[strings.LastIndexByte(m, '.')+1:])
			}
			p.Reportf("GT7065", u.path, "Bucket `%s` (%s) is outside AmazonSageMakerGroundTruthExecution's S3 scope: %s; %s.", b, strings.Join(names, ", "), s3ScopeWhy, grant)
		}
		p.sourceRefScope(func(b string) bool { return byBucket[b] != nil })
	},
})

// sourceRefScope reports GT7065 for the buckets of a local manifest's
// source-ref values, once per bucket and not for a bucket the spec's
// members already reported. Lines that are not JSON objects, or whose
// source-ref is not an S3 URI, are left to the GT6 rules.
func (p *Pass) sourceRefScope(reported func(string) bool) {
	a := p.Local(PathManifest)
	if a == nil || a.Err != nil {
		return
	}
	// Streamed line by line: a manifest can be gigabytes.
	f, err := os.Open(a.Path)
	if err != nil {
		return
	}
	defer f.Close()
	done := map[string]bool{}
	n := 0
	sc := artifacts.NewManifestScanner(f, artifacts.ManifestOptions{})
	for sc.Next() {
		l := sc.Line()
		if !l.IsObject() {
			continue
		}
		ref, ok := l.Str(l.Get(l.Root(), "source-ref"))
		if !ok {
			continue
		}
		s := string(ref)
		loc, ok := parseS3(s)
		if !ok || done[loc.Bucket] || reported(loc.Bucket) || containsAny(loc.Bucket+"/"+loc.Key, s3Scope) {
			continue
		}
		done[loc.Bucket] = true
		if n++; n > p.Cap() {
			return
		}
		col := 1 // the key may be written with escapes
		if k := bytes.Index(l.Src, []byte(`"source-ref"`)); k >= 0 {
			col = l.Column(k)
		}
		p.ReportFile("GT7065", a.Path, l.Num, col, PathManifest, "Bucket `%s` (source-ref `%s`) is outside AmazonSageMakerGroundTruthExecution's S3 scope: %s; grant s3:GetObject on it explicitly (or tag the objects SageMaker=true).", loc.Bucket, s, s3ScopeWhy)
	}
}

// GT7068: a custom workflow's own Lambda whose name is outside the
// policy's lambda:InvokeFunction patterns. PassThrough uses Ground Truth's
// Lambdas, which are not custom.
var _ = register(Check{
	Rules: []string{"GT7068"},
	Run: func(p *Pass) {
		if !p.typeKnown() || !p.Job.Type.Custom() {
			return
		}
		for _, l := range []struct {
			path string
			fn   groundtruth.Lambda
		}{{groundtruth.PathPreLambda, p.Job.Pre}, {groundtruth.PathACSLambda, p.Job.ACS}} {
			if !l.fn.Parsed || l.fn.Builtin || l.fn.Function == "" || p.Bad[l.path] {
				continue
			}
			// The pattern sees the whole resource, a qualifier included.
			if containsAny(strings.TrimPrefix(l.fn.ARN.Resource, "function:"), lambdaScope) {
				continue
			}
			p.Reportf("GT7068", l.path, "Function `%s` isn't invokable under AmazonSageMakerGroundTruthExecution (its name contains none of %s); add lambda:InvokeFunction for it to the execution role, or rename it.", l.fn.Function, orList(lambdaScope))
		}
	},
})

// orList renders names as `a`, `b` or `c`.
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("`%s`", n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
