package checks

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// Verification and adjustment jobs read the labels they audit from the
// input manifest (gt/sms-verification-data.md):
//
//	GT6300  a line without those labels. 3D point cloud and video frame
//	        audits (an error): the keys <auditLabelAttributeName> and
//	        <auditLabelAttributeName>-metadata, the name read from the local
//	        label category file. Image audits (a warning): a key k whose
//	        k-metadata.type is groundtruth/object-detection (bounding box) or
//	        groundtruth/semantic-segmentation. Not for streaming jobs, whose
//	        labels arrive in the SNS messages.
//	GT6310  semantic segmentation audits: the audited label's metadata has
//	        no internal-color-map with "#RRGGBB" hex-color entries.
var _ = mfRegister(mfDef{
	Rules:  []string{"GT6300", "GT6310"},
	Active: func(p *Pass) bool { return p.Job != nil && p.Job.Type != nil && p.Job.Audit() },
	Begin: func(s *mfScan) {
		s.auditStreaming = mfStreaming(s.p)
		switch k := s.typ.Key; {
		case s.typ.Frame():
			if !s.auditStreaming {
				if name := mfAuditName(s.p); name != "" {
					s.auditName, s.auditMeta = name, name+"-metadata"
				}
			}
		case strings.HasSuffix(k, "BoundingBox"):
			s.auditWant = "groundtruth/object-detection"
		case strings.HasSuffix(k, "SemanticSegmentation"):
			s.auditWant = "groundtruth/semantic-segmentation"
		}
	},
	Options: func(p *Pass, o *artifacts.ManifestOptions) {
		if !p.Job.Type.Frame() {
			o.DeepSuffix = "-metadata"
		}
	},
	Line: func(s *mfScan, l *artifacts.ManifestLine) {
		root := l.Root()
		if s.auditName != "" && (l.Get(root, s.auditName) == nil || l.Get(root, s.auditMeta) == nil) {
			s.at("GT6300", l, nil, "", "Line %d has no existing labels to verify/adjust (expected `%s` and `%s`, auditLabelAttributeName of the label category file).", l.Num, s.auditName, s.auditMeta)
		}
		if s.auditWant == "" {
			return
		}
		seg := s.auditWant == "groundtruth/semantic-segmentation"
		found, colours := false, false
		var noColours *artifacts.TreeNode
		for c := l.Child(root); c != nil; c = l.Next(c) {
			key := l.Key(c)
			if c.Kind != artifacts.NodeObject || !bytes.HasSuffix(key, mfMetaSuffix) {
				continue
			}
			if ty, ok := l.Str(l.Get(c, "type")); !ok || string(ty) != s.auditWant {
				continue
			}
			if !mfHasKey(l, root, key[:len(key)-len(mfMetaSuffix)]) {
				continue
			}
			found = true
			if seg {
				if mfColoursOK(l, c) {
					colours = true
				} else if noColours == nil {
					noColours = c
				}
			}
		}
		if !found && !s.auditStreaming {
			s.add("GT6300", s.Path, l.Num, 1, "", true, "Line %d has no existing labels to verify/adjust (expected a label `k` with `k-metadata` of type %s).", l.Num, s.auditWant)
		}
		if seg && found && !colours {
			key := string(l.Key(noColours))
			s.at("GT6310", l, noColours, key+".internal-color-map", "Line %d: semantic segmentation verification/adjustment needs hexadecimal RGB colours (`internal-color-map…hex-color`, like \"#ffffff\") in `%s`.", l.Num, key)
		}
	},
})

var mfMetaSuffix = []byte("-metadata")

// mfHasKey reports whether the object n has the member key.
func mfHasKey(l *artifacts.ManifestLine, n *artifacts.TreeNode, key []byte) bool {
	for c := l.Child(n); c != nil; c = l.Next(c) {
		if bytes.Equal(l.Key(c), key) {
			return true
		}
	}
	return false
}

// mfColoursOK: internal-color-map is an object with at least one entry,
// each with a "#RRGGBB" hex-color.
func mfColoursOK(l *artifacts.ManifestLine, meta *artifacts.TreeNode) bool {
	m := l.Get(meta, "internal-color-map")
	if m == nil || m.Kind != artifacts.NodeObject || l.Len(m) == 0 {
		return false
	}
	for e := l.Child(m); e != nil; e = l.Next(e) {
		hex, ok := l.Str(l.Get(e, "hex-color"))
		if !ok || len(hex) != 7 || hex[0] != '#' {
			return false
		}
		for _, c := range hex[1:] {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// mfAuditName reads auditLabelAttributeName from the local label category
// file; "" when there is none to read (an s3:// label file, or a file that
// does not parse: the GT5 rules report that).
func mfAuditName(p *Pass) string {
	a := p.Local(PathLabelFile)
	if a == nil || a.Err != nil {
		return ""
	}
	if info, err := os.Stat(a.Path); err != nil || info.Size() > 64<<20 {
		return ""
	}
	b, err := os.ReadFile(a.Path)
	if err != nil {
		return ""
	}
	var v struct {
		Name any `json:"auditLabelAttributeName"`
	}
	if json.Unmarshal(b, &v) != nil {
		return ""
	}
	name, _ := v.Name.(string)
	return name
}
