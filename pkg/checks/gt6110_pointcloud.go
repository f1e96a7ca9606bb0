package checks

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// Point-cloud frames (gt/sms-point-cloud-single-frame-input-data.md and
// gt/sms-point-cloud-multi-frame-input-data.md). In a frame manifest (3D
// object detection and semantic segmentation, and their adjustments) each
// line is a frame described by source-ref-metadata; in a sequence file
// (3D object tracking) each frames[] item is one. Both take the same
// parameters:
//
//	GT6110  frame line without source-ref-metadata and a numeric unix-timestamp
//	GT6120  format not one of the eight point formats
//	GT6130  prefix not an s3:// URI ending with "/" (also sequence prefixes)
//	GT6140  more than 8 images, or an image without its calibration
//	GT6150  camera-model not pinhole or fisheye
//	GT6160  ego-vehicle-pose without numeric position and heading
var _ = mfRegister(mfDef{
	Rules:  []string{"GT6110", "GT6120", "GT6130", "GT6140", "GT6150", "GT6160"},
	Active: func(p *Pass) bool { return mfKind(p) == "point-cloud frame" },
	Options: func(p *Pass, o *artifacts.ManifestOptions) {
		o.Deep = append(o.Deep, "source-ref-metadata")
	},
	Line: func(s *mfScan, l *artifacts.ManifestLine) {
		md := l.Get(l.Root(), "source-ref-metadata")
		var ts *artifacts.TreeNode
		if md != nil && md.Kind == artifacts.NodeObject {
			ts = l.Get(md, "unix-timestamp")
		}
		if ts == nil || ts.Kind != artifacts.NodeNumber {
			at, path := md, "source-ref-metadata"
			if md != nil && md.Kind == artifacts.NodeObject {
				path += ".unix-timestamp"
				if ts != nil {
					at = ts
				}
			}
			s.at("GT6110", l, at, path, "Line %d: point cloud frame lines need `source-ref-metadata` with a numeric `unix-timestamp`.", l.Num)
		}
		if md != nil && md.Kind == artifacts.NodeObject {
			w := mfSite{s: s, t: &l.Tree, line: l}
			mfCheckFrame(&w, md, "source-ref-metadata", true)
		}
	},
})

// mfSite is where frame findings go: a manifest line, or a frame of a
// sequence file.
type mfSite struct {
	s    *mfScan
	t    *artifacts.Tree
	line *artifacts.ManifestLine // a manifest line, or nil
	file string                  // else the sequence file as shown
	// frame is the frames[] index in the sequence file, or -1 for the file.
	frame int
}

func (w *mfSite) report(rule string, n *artifacts.TreeNode, path, format string, args ...any) {
	w.reportSev(rule, false, n, path, format, args...)
}

func (w *mfSite) reportSev(rule string, warn bool, n *artifacts.TreeNode, path, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if w.line != nil {
		col := 1
		if n != nil {
			col = w.line.Column(int(n.Start))
		}
		w.s.add(rule, w.s.Path, w.line.Num, col, path, warn, "Line %d: %s", w.line.Num, msg)
		return
	}
	line, col := 1, 1
	if n != nil {
		line, col = mfPos(w.t.Src, int(n.Start))
	}
	if w.frame >= 0 {
		w.s.add(rule, w.file, line, col, path, warn, "Sequence `%s` frame %d: %s", w.file, w.frame, msg)
		return
	}
	w.s.add(rule, w.file, line, col, path, warn, "Sequence `%s`: %s", w.file, msg)
}

// mfPos turns a byte offset into a 1-based line and column (characters).
func mfPos(src []byte, off int) (int, int) {
	if off > len(src) {
		off = len(src)
	}
	line := 1 + bytes.Count(src[:off], []byte{'\n'})
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	col := 1
	for _, c := range src[start:off] {
		if c&0xC0 != 0x80 {
			col++
		}
	}
	return line, col
}

var mfPointFormats = []string{"binary/xyz", "binary/xyzi", "binary/xyzrgb", "binary/xyzirgb", "text/xyz", "text/xyzi", "text/xyzrgb", "text/xyzirgb"}

// mfCheckFrame checks the parameters of one point-cloud frame (GT6120–
// GT6160) or, with pointCloud false, the prefix of a video frame.
func mfCheckFrame(w *mfSite, fr *artifacts.TreeNode, path string, pointCloud bool) {
	t := w.t
	if p := t.Get(fr, "prefix"); p != nil {
		mfCheckPrefix(w, p, path, ".prefix")
	}
	if !pointCloud {
		return
	}
	if f := t.Get(fr, "format"); f != nil {
		v, ok := t.Str(f)
		valid := false
		for _, pf := range mfPointFormats {
			if ok && string(v) == pf {
				valid = true
			}
		}
		if !valid {
			w.report("GT6120", f, path+".format", "`format` must be one of binary/xyz, binary/xyzi, binary/xyzrgb, binary/xyzirgb, text/xyz, text/xyzi, text/xyzrgb, text/xyzirgb (got %s).", t.Raw(f))
		}
	}
	if imgs := t.Get(fr, "images"); imgs != nil {
		const what = "`images` allows at most 8 cameras, each with image-path, unix-timestamp, fx, fy, cx, cy, position{x,y,z} and heading{qx,qy,qz,qw}"
		switch {
		case imgs.Kind != artifacts.NodeArray:
			w.report("GT6140", imgs, path+".images", "%s; it must be a list (it is a JSON %s).", what, imgs.Kind)
		default:
			if n := t.Len(imgs); n > 8 {
				w.report("GT6140", imgs, path+".images", "%s; found %d images.", what, n)
			}
			i := 0
			for c := t.Child(imgs); c != nil; c, i = t.Next(c), i+1 {
				if miss := mfMissingImage(t, c); len(miss) > 0 {
					w.report("GT6140", c, fmt.Sprintf("%s.images[%d]", path, i), "%s; images[%d] lacks %s.", what, i, strings.Join(miss, ", "))
				}
				if cm := t.Get(c, "camera-model"); cm != nil {
					if v, ok := t.Str(cm); !ok || string(v) != "pinhole" && string(v) != "fisheye" {
						w.report("GT6150", cm, fmt.Sprintf("%s.images[%d].camera-model", path, i), "`camera-model` must be \"pinhole\" or \"fisheye\" (got %s).", t.Raw(cm))
					}
				}
			}
		}
	}
	if pose := t.Get(fr, "ego-vehicle-pose"); pose != nil {
		var miss []string
		if pose.Kind != artifacts.NodeObject {
			miss = append(miss, "position", "heading")
		} else {
			miss = mfMissingNums(t, t.Get(pose, "position"), "position", miss, "x", "y", "z")
			miss = mfMissingNums(t, t.Get(pose, "heading"), "heading", miss, "qx", "qy", "qz", "qw")
		}
		if len(miss) > 0 {
			w.report("GT6160", pose, path+".ego-vehicle-pose", "`ego-vehicle-pose` needs position {x,y,z} and heading {qx,qy,qz,qw} as numbers; missing or not a number: %s.", strings.Join(miss, ", "))
		}
	}
}

// mfCheckPrefix reports GT6130 for a prefix (at path+suffix) that is not an
// s3:// URI with a bucket, ending with "/". It returns the prefix when it
// is good.
func mfCheckPrefix(w *mfSite, p *artifacts.TreeNode, path, suffix string) ([]byte, bool) {
	v, ok := w.t.Str(p)
	if ok && mfPrefixOK(v) {
		return v, true
	}
	w.report("GT6130", p, path+suffix, "`prefix` must be an S3 URI ending with `/` (got %s).", w.t.Raw(p))
	return nil, false
}

func mfPrefixOK(v []byte) bool {
	const scheme = "s3://"
	if len(v) < len(scheme)+2 || string(v[:len(scheme)]) != scheme || v[len(v)-1] != '/' {
		return false
	}
	return v[len(scheme)] != '/'
}

// mfMissingImage lists what a camera image lacks.
func mfMissingImage(t *artifacts.Tree, img *artifacts.TreeNode) []string {
	if img.Kind != artifacts.NodeObject {
		return []string{"everything (it is not an object)"}
	}
	var miss []string
	if p := t.Get(img, "image-path"); p == nil || p.Kind != artifacts.NodeString {
		miss = append(miss, "image-path")
	}
	for _, k := range [...]string{"unix-timestamp", "fx", "fy", "cx", "cy"} {
		if n := t.Get(img, k); n == nil || n.Kind != artifacts.NodeNumber {
			miss = append(miss, k)
		}
	}
	miss = mfMissingNums(t, t.Get(img, "position"), "position", miss, "x", "y", "z")
	miss = mfMissingNums(t, t.Get(img, "heading"), "heading", miss, "qx", "qy", "qz", "qw")
	return miss
}

// mfMissingNums appends the numeric members of obj that are missing, or
// obj's name when it is not an object.
func mfMissingNums(t *artifacts.Tree, obj *artifacts.TreeNode, name string, miss []string, keys ...string) []string {
	if obj == nil || obj.Kind != artifacts.NodeObject {
		return append(miss, name)
	}
	for _, k := range keys {
		if n := t.Get(obj, k); n == nil || n.Kind != artifacts.NodeNumber {
			miss = append(miss, name+"."+k)
		}
	}
	return miss
}
