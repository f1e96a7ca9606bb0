package checks

import "strings"

// pathS3Output is the output location; the three other S3 URI members are
// the artifact members (artifact.go).
const pathS3Output = "OutputConfig.S3OutputPath"

// s3URIPaths are the members of type S3Uri, in request order.
var s3URIPaths = []string{PathManifest, pathS3Output, PathLabelFile, PathUITemplate}

// s3Loc is an S3 location read from an s3:// URI or an https:// URL.
type s3Loc struct {
	Bucket, Key string
}

// String is the s3:// form of the location.
func (l s3Loc) String() string { return "s3://" + l.Bucket + "/" + l.Key }

// parseS3 reads the bucket and key of an S3 URI. It takes the s3:// form
// and the two https forms S3 serves, virtual-hosted
// (https://bucket.s3.region.amazonaws.com/key, also .s3-region. and
// .s3.) and path-style (https://s3.region.amazonaws.com/bucket/key). Any
// other https host is not recognisably S3, and ok is false.
func parseS3(s string) (loc s3Loc, ok bool) {
	if rest, found := strings.CutPrefix(s, "s3://"); found {
		b, k, _ := strings.Cut(rest, "/")
		return s3Loc{b, k}, b != ""
	}
	rest, found := strings.CutPrefix(s, "https://")
	if !found {
		return s3Loc{}, false
	}
	host, path, _ := strings.Cut(rest, "/")
	host = strings.ToLower(host)
	if !strings.HasSuffix(host, ".amazonaws.com") {
		return s3Loc{}, false
	}
	if host == "s3.amazonaws.com" || strings.HasPrefix(host, "s3.") || strings.HasPrefix(host, "s3-") {
		b, k, _ := strings.Cut(path, "/")
		return s3Loc{b, k}, b != ""
	}
	for _, sep := range []string{".s3.", ".s3-"} {
		if i := strings.Index(host, sep); i > 0 {
			return s3Loc{host[:i], path}, true
		}
	}
	return s3Loc{}, false
}

// s3Member returns the S3 location at an S3Uri member, skipping members
// that are absent, structurally wrong, or hold a local artifact path (a
// local path is not an S3 location: apply uploads it to the configured
// artifact prefix, which the spec does not name).
func (p *Pass) s3Member(path string) (string, s3Loc, bool) {
	s, ok := p.Str(path)
	if !ok || IsLocal(s) {
		return s, s3Loc{}, false
	}
	loc, ok := parseS3(s)
	return s, loc, ok
}

// GT7130: an S3 URI member given as an https:// URL. The S3Uri pattern
// accepts it, but the Ground Truth documentation only uses s3://.
var _ = register(Check{
	Rules: []string{"GT7130"},
	Run: func(p *Pass) {
		for _, m := range s3URIPaths {
			s, ok := p.Str(m)
			if !ok || !strings.HasPrefix(s, "https://") {
				continue
			}
			if loc, ok := parseS3(s); ok {
				p.Reportf("GT7130", m, "Use the `s3://bucket/key` form for `%s`: `%s` instead of `%s`.", m, loc, s)
				continue
			}
			p.Reportf("GT7130", m, "Use the `s3://bucket/key` form for `%s` instead of the URL `%s`.", m, s)
		}
	},
})
