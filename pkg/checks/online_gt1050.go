package checks

import "strings"

// GT1050, online: an s3:// label category file or worker template must
// exist (HeadObject). Offline, GT1050 reports a local artifact path that
// does not exist (gt1050_local.go); online the same holds for the S3
// object: CreateLabelingJob or the job's tasks fail without it. The input
// manifest has its own online rule (GT6400).
var _ = registerOnline(Check{
	Rules: []string{"GT1050"},
	Run: func(p *Pass) {
		for _, m := range []string{PathLabelFile, PathUITemplate} {
			uri, loc, ok := p.s3Member(m)
			if !ok {
				continue
			}
			if loc.Key == "" || strings.HasSuffix(loc.Key, "/") {
				continue // a bucket or prefix: not an object to look up
			}
			found, err := p.AWS.S3.HeadObject(p.ctx(), loc.Bucket, loc.Key)
			switch {
			case err != nil:
				p.onlineTrouble("GT1050", m, "HeadObject on "+uri, "s3:GetObject (and s3:ListBucket, for S3 to answer 404 rather than 403)", err)
			case !found:
				p.Reportf("GT1050", m, "`%s` names `%s`, which does not exist (HeadObject found no object); upload it or correct the URI.", m, uri)
			}
		}
	},
})
