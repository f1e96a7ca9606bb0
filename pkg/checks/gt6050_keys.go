package checks

import (
	"bytes"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// The data-object key of each manifest line
// (gt/sms-input-data-input-manifest.md):
//
//	GT6050  neither source-ref nor source
//	GT6055  both
//	GT6060  the key the task type does not read (TEXT reads source; IMAGE,
//	        VIDEOCLIP and FRAME read source-ref; CUSTOM reads anything)
//	GT6070  source-ref is not s3://bucket/key. Sequence jobs may name a local
//	        sequence file by a path relative to the manifest, as the spec
//	        names a local manifest; gt6200_sequence.go checks that file.
//	GT6075  source is not a non-empty string
//	GT6080  the source-ref file extension does not suit the task type
var _ = mfRegister(mfDef{
	Rules: []string{"GT6050", "GT6055", "GT6060", "GT6070", "GT6075", "GT6080"},
	Line: func(s *mfScan, l *artifacts.ManifestLine) {
		root := l.Root()
		ref := l.Get(root, "source-ref")
		src := l.Get(root, "source")
		n := l.Num
		switch {
		case ref == nil && src == nil:
			s.at("GT6050", l, nil, "", "Line %d has neither `source-ref` nor `source`.", n)
		case ref != nil && src != nil:
			s.at("GT6055", l, nil, "", "Line %d has both `source-ref` and `source`; only one is used.", n)
		}
		if t := s.typ; t != nil && !t.Custom() {
			switch {
			case t.Group == "TEXT" && ref != nil && src == nil:
				s.at("GT6060", l, ref, "source-ref", "`%s` jobs read `source`; line %d uses `source-ref`.", t.Key, n)
			case t.Group != "TEXT" && src != nil && ref == nil:
				s.at("GT6060", l, src, "source", "`%s` jobs read `source-ref`; line %d uses `source`.", t.Key, n)
			}
		}
		if src != nil {
			if v, ok := l.Str(src); !ok || len(bytes.TrimSpace(v)) == 0 {
				s.at("GT6075", l, src, "source", "Line %d: `source` must be the non-empty text to label.", n)
			}
		}
		if ref != nil {
			mfSourceRef(s, l, ref)
		}
	},
})

// mfSourceRef checks a source-ref value: GT6070 and GT6080.
func mfSourceRef(s *mfScan, l *artifacts.ManifestLine, ref *artifacts.TreeNode) {
	v, ok := l.Str(ref)
	if !ok {
		s.at("GT6070", l, ref, "source-ref", "Line %d: `source-ref` must be an S3 URI `s3://bucket/key` (it is a JSON %s).", l.Num, ref.Kind)
		return
	}
	name := v
	if bucket, key, ok := mfS3(v); ok {
		name = key
		if s.Buckets == nil {
			s.Buckets = map[string]int{}
		}
		if _, seen := s.Buckets[string(bucket)]; !seen && len(s.Buckets) < mfMaxBuckets {
			s.Buckets[string(bucket)] = l.Num
		}
	} else if !mfSequence(s.p) || !IsLocal(string(v)) {
		s.at("GT6070", l, ref, "source-ref", "Line %d: `source-ref` must be an S3 URI `s3://bucket/key` (got `%s`).", l.Num, v)
		return
	}
	// GT6080. Content cannot be seen offline, so the name is the hint.
	t := s.typ
	if t == nil {
		return
	}
	var kind, allowed string
	var exts []string
	switch {
	case t.Group == "IMAGE":
		kind, allowed, exts = "image", ".jpg, .jpeg or .png", mfImageExts
	case t.Group == "VIDEOCLIP":
		kind, allowed, exts = "video", ".mp4, .ogg or .webm", []string{".mp4", ".ogg", ".webm"}
	case mfSequence(s.p):
		if len(name) > 0 && name[len(name)-1] == '/' {
			return // a prefix, not a sequence file: GT6200
		}
		kind, allowed, exts = "sequence", ".json", []string{".json"}
	case t.ManifestKind == "point-cloud frame":
		if l.Get(l.Get(l.Root(), "source-ref-metadata"), "format") != nil {
			return // the format is given
		}
		kind, allowed, exts = "point cloud", ".bin or .txt, or give source-ref-metadata.format", []string{".bin", ".txt"}
	default:
		return
	}
	if !mfHasExt(name, exts...) {
		s.at("GT6080", l, ref, "source-ref", "Line %d: `%s` does not look like a supported %s file (%s).", l.Num, v, kind, allowed)
	}
}

var mfImageExts = []string{".jpg", ".jpeg", ".png"}
