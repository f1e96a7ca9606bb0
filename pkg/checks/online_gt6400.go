package checks

import (
	"errors"

	"github.com/gtctl/gtctl/pkg/aws"
)

// GT6400: the input manifest and the data objects must be in the job
// Region, and readable. Online: GetBucketLocation of the manifest's bucket
// and of every distinct source-ref bucket of the manifest sample (the first
// 1,000 lines, at most 20 buckets), and HeadObject on the manifest and on
// the first three source-ref objects.
var _ = registerOnline(Check{
	Rules: []string{"GT6400"},
	Run: func(p *Pass) {
		region := p.AWS.Region
		missing := map[string]bool{} // buckets that do not exist
		if uri, loc, ok := p.s3Member(PathManifest); ok {
			p.gt6400Bucket(PathManifest, uri, loc.Bucket, region, missing, func(format string, args ...any) {
				p.Reportf("GT6400", PathManifest, format, args...)
			})
			if loc.Key != "" && !missing[loc.Bucket] {
				ok, err := p.AWS.S3.HeadObject(p.ctx(), loc.Bucket, loc.Key)
				switch {
				case err != nil:
					p.onlineTrouble("GT6400", PathManifest, "HeadObject on "+uri, "s3:GetObject on the manifest (and s3:ListBucket, for S3 to answer 404 rather than 403)", err)
				case !ok:
					p.Reportf("GT6400", PathManifest, "The input manifest `%s` does not exist (HeadObject found no object); upload it or correct ManifestS3Uri.", uri)
				}
			}
		}
		m := p.onlineManifest()
		if m == nil {
			return
		}
		if m.Err != nil {
			// A missing or unreadable s3:// manifest is reported above.
			if !errors.Is(m.Err, aws.ErrNotFound) && !errors.Is(m.Err, aws.ErrAccessDenied) {
				p.onlineNote("GT6400", PathManifest, "The data objects the manifest names were not checked: the manifest could not be read (%s).", errText(m.Err))
			}
			return
		}
		for _, r := range m.Buckets {
			p.gt6400Bucket(PathManifest, r.URI, r.Bucket, region, missing, func(format string, args ...any) {
				p.reportRef("GT6400", m, r, format, args...)
			})
		}
		for _, r := range m.Refs {
			if missing[r.Bucket] {
				continue
			}
			ok, err := p.AWS.S3.HeadObject(p.ctx(), r.Bucket, r.Key)
			switch {
			case err != nil:
				p.onlineTrouble("GT6400", PathManifest, "HeadObject on "+r.URI, "s3:GetObject on the input data", err)
				return
			case !ok:
				p.reportRef("GT6400", m, r, "The data object `%s` does not exist (HeadObject found no object); Ground Truth cannot read it.", r.URI)
			}
		}
	},
})

// gt6400Bucket checks that the bucket of uri exists and is in the job
// Region; report reports an error. Buckets that do not exist are added to
// missing.
func (p *Pass) gt6400Bucket(path, uri, bucket, region string, missing map[string]bool, report func(format string, args ...any)) {
	br, err := p.AWS.S3.BucketRegion(p.ctx(), bucket)
	switch {
	case errors.Is(err, aws.ErrNotFound):
		missing[bucket] = true
		report("The bucket `%s` of `%s` does not exist.", bucket, uri)
	case err != nil:
		p.onlineTrouble("GT6400", path, "GetBucketLocation on bucket "+bucket, "s3:GetBucketLocation", err)
	case br != region:
		report("`%s` is in bucket `%s` in %s; the input data and manifest must be in the job Region %s.", uri, bucket, br, region)
	}
}
