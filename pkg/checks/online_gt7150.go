package checks

import (
	"errors"
	"os"
	"strings"

	"github.com/gtctl/gtctl/pkg/aws"
)

// GT7150: image jobs (and custom jobs whose local template shows S3
// objects through grant_read_access) need a CORS rule on every bucket that
// holds source-ref objects: GET from origin * with Access-Control-Allow-Origin
// exposed (gt/sms-cors-update.md).
//
// GT7155: 3D point cloud and video frame jobs need GET, HEAD and PUT from *
// with Access-Control-Allow-Origin exposed on their input buckets (the
// manifest's and the source-refs') and the output bucket
// (gt/sms-video-overview.md).
//
// The source-ref buckets come from the manifest sample (online_manifest.go).
// A bucket that does not exist is left to GT6400 and GT7140.
var _ = registerOnline(Check{
	Rules: []string{"GT7150", "GT7155"},
	Run: func(p *Pass) {
		switch {
		case p.Job.InGroup("FRAME"):
			gt7155(p)
		case p.Job.InGroup("IMAGE") || p.Job.InGroup("CUSTOM") && p.templateShowsS3():
			gt7150(p)
		}
	},
})

func gt7150(p *Pass) {
	m := p.onlineManifest()
	if m == nil || m.Err != nil {
		return
	}
	for _, r := range m.Buckets {
		ok, done := p.corsCheck("GT7150", PathManifest, r.Bucket, "GET")
		if done && !ok {
			p.reportRef("GT7150", m, r, "Bucket `%s` (of `%s`) needs a CORS rule (AllowedMethods GET, AllowedOrigins *, ExposeHeaders Access-Control-Allow-Origin) or labeling tasks for its objects will fail.", r.Bucket, r.URI)
		}
	}
}

func gt7155(p *Pass) {
	const msg = "3D point cloud / video frame jobs need CORS (AllowedMethods GET, HEAD, PUT; AllowedOrigins *; ExposeHeaders Access-Control-Allow-Origin) on input and output buckets; "
	seen := map[string]bool{}
	check := func(path, bucket string, report func(format string, args ...any)) {
		if bucket == "" || seen[bucket] {
			return
		}
		seen[bucket] = true
		if ok, done := p.corsCheck("GT7155", path, bucket, "GET", "HEAD", "PUT"); done && !ok {
			report(msg+"bucket `%s` has none that allows all three.", bucket)
		}
	}
	if _, loc, ok := p.s3Member(PathManifest); ok {
		check(PathManifest, loc.Bucket, func(f string, a ...any) { p.Reportf("GT7155", PathManifest, f, a...) })
	}
	if m := p.onlineManifest(); m != nil && m.Err == nil {
		for _, r := range m.Buckets {
			check(PathManifest, r.Bucket, func(f string, a ...any) { p.reportRef("GT7155", m, r, f, a...) })
		}
	}
	if _, loc, ok := p.s3Member(pathS3Output); ok {
		check(pathS3Output, loc.Bucket, func(f string, a ...any) { p.Reportf("GT7155", pathS3Output, f, a...) })
	}
}

// corsCheck reads the bucket's CORS rules: ok when one allows the methods;
// done is false when the answer is unknown (the bucket does not exist, or
// the call failed, which is reported).
func (p *Pass) corsCheck(rule, path, bucket string, methods ...string) (ok, done bool) {
	rs, err := p.AWS.S3.BucketCORS(p.ctx(), bucket)
	switch {
	case errors.Is(err, aws.ErrNotFound):
		return false, false
	case err != nil:
		p.onlineTrouble(rule, path, "GetBucketCors on bucket "+bucket, "s3:GetBucketCORS", err)
		return false, false
	}
	return corsAllows(rs, methods...), true
}

// templateShowsS3 reports whether the local worker template passes S3
// objects through grant_read_access (a custom template that shows images).
func (p *Pass) templateShowsS3() bool {
	a := p.Local(PathUITemplate)
	if a == nil || a.Err != nil {
		return false
	}
	info, err := os.Stat(a.Path)
	if err != nil || info.Size() > 4<<20 {
		return false
	}
	b, err := os.ReadFile(a.Path)
	return err == nil && strings.Contains(string(b), "grant_read_access")
}
