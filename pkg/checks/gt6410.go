package checks

import (
	"regexp"
	"unicode/utf8"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// GT6410: a line naming a deduplication key with
// dataset-objectid-attribute-name (gt/sms-streaming-labeling-job.md). The
// key, unless it is source-ref, must be up to 140 characters matching
// [$a-zA-Z0-9](-*[a-zA-Z0-9])*, and its value (the deduplication ID) up to
// 1,024 characters matching (https|s3)://([^/]+)/?(.*), both as full
// matches. A streaming message has the shape of a manifest line, so every
// manifest line is checked, streaming job or not.
var (
	mfDedupKey = regexp.MustCompile(`^[$a-zA-Z0-9](-*[a-zA-Z0-9])*$`)
	mfDedupID  = regexp.MustCompile(`^(https|s3)://([^/]+)/?(.*)$`)
)

var _ = mfRegister(mfDef{
	Rules: []string{"GT6410"},
	Line: func(s *mfScan, l *artifacts.ManifestLine) {
		root := l.Root()
		k := l.Get(root, "dataset-objectid-attribute-name")
		if k == nil {
			return
		}
		const rule = "deduplication key must match `[$a-zA-Z0-9](-*[a-zA-Z0-9])*` (≤140 characters) and its ID must be an `s3://`/`https://` URI (≤1,024 characters)"
		name, ok := l.Str(k)
		if ok && string(name) == "source-ref" {
			return
		}
		if !ok || utf8.RuneCount(name) > 140 || !mfDedupKey.Match(name) {
			s.at("GT6410", l, k, "dataset-objectid-attribute-name", "Line %d: %s; the key is %s.", l.Num, rule, l.Raw(k))
			return
		}
		key := string(name)
		v := l.Get(root, key)
		id, ok := l.Str(v)
		switch {
		case v == nil:
			s.at("GT6410", l, k, "dataset-objectid-attribute-name", "Line %d: %s; the line has no `%s` to take the ID from.", l.Num, rule, key)
		case !ok:
			s.at("GT6410", l, v, key, "Line %d: %s; `%s` is a JSON %s.", l.Num, rule, key, v.Kind)
		case utf8.RuneCount(id) > 1024:
			s.at("GT6410", l, v, key, "Line %d: %s; `%s` is %s characters.", l.Num, rule, key, commaInt(int64(utf8.RuneCount(id))))
		case !mfDedupID.Match(id):
			s.at("GT6410", l, v, key, "Line %d: %s; `%s` is `%s`.", l.Num, rule, key, id)
		}
	},
})
