package checks

import (
	"errors"

	"github.com/gtctl/gtctl/pkg/aws"
)

// GT7140: the output bucket (S3OutputPath) must be in the job Region
// (GetBucketLocation). A bucket that does not exist is reported here too:
// the job could not write its output anywhere.
var _ = registerOnline(Check{
	Rules: []string{"GT7140"},
	Run: func(p *Pass) {
		uri, loc, ok := p.s3Member(pathS3Output)
		if !ok {
			return
		}
		br, err := p.AWS.S3.BucketRegion(p.ctx(), loc.Bucket)
		switch {
		case errors.Is(err, aws.ErrNotFound):
			p.Reportf("GT7140", pathS3Output, "Output bucket `%s` (of `%s`) does not exist; create it in the job's Region %s.", loc.Bucket, uri, p.AWS.Region)
		case err != nil:
			p.onlineTrouble("GT7140", pathS3Output, "GetBucketLocation on bucket "+loc.Bucket, "s3:GetBucketLocation", err)
		case br != p.AWS.Region:
			p.Reportf("GT7140", pathS3Output, "Output bucket `%s` is in %s; it must be in the job's Region %s.", loc.Bucket, br, p.AWS.Region)
		}
	},
})
