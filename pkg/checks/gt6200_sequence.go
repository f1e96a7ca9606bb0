package checks

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/gtctl/gtctl/pkg/artifacts"
)

// Sequence jobs: video frame object detection and tracking (and their
// adjustments) and 3D point cloud object tracking (and its adjustment).
// Each manifest line references a sequence file
// (gt/sms-video-manual-data-setup.md, gt/sms-point-cloud-multi-frame-input-data.md):
//
//	GT6200  a line that is not a sequence reference (a frame's
//	        source-ref-metadata, or a source-ref naming a prefix)
//	GT6210  sequence header: seq-no, prefix, number-of-frames, frames
//	GT6220  point-cloud frames: frame, increasing unix-timestamp
//	GT6230  point-cloud limits: 500 frames, 100,000 sequences
//	GT6240  video frames: integer frame-no, frame, integer unix-timestamp
//	GT6250  video limits: 2,000 frames, 10 sequences
//	GT6255  video frame names that sort wrongly, or are not images
//	GT6260  video frames at the bucket root
//
// A sequence file is read when the line's source-ref is a path relative to
// the manifest's directory (inside the repository), the way the spec names
// a local manifest; s3:// sequence files are not fetched offline. A local
// path that cannot be used is a GT6070 finding. Sequence-file findings
// point into the sequence file.
var _ = mfRegister(mfDef{
	Rules:  []string{"GT6200", "GT6210", "GT6220", "GT6230", "GT6240", "GT6250", "GT6255", "GT6260"},
	Active: mfSequence,
	Line: func(s *mfScan, l *artifacts.ManifestLine) {
		root := l.Root()
		key := ""
		if s.typ != nil {
			key = s.typ.Key
		}
		const shape = "manifests list sequence files: `{\"source-ref\": \"s3://…/seq.json\"}`"
		if md := l.Get(root, "source-ref-metadata"); md != nil {
			s.at("GT6200", l, md, "source-ref-metadata", "Line %d: `%s` %s; this line describes a single point cloud frame (`source-ref-metadata`).", l.Num, key, shape)
		}
		ref := l.Get(root, "source-ref")
		v, ok := l.Str(ref)
		if !ok {
			return // GT6050/GT6070
		}
		if _, k, ok := mfS3(v); ok {
			if k[len(k)-1] == '/' {
				s.at("GT6200", l, ref, "source-ref", "Line %d: `%s` %s; `%s` names a prefix, not a sequence file.", l.Num, key, shape, v)
			}
			return
		}
		if !IsLocal(string(v)) {
			return // GT6070
		}
		shown, err := ResolveLocal(s.Path, string(v)) // relative to the manifest, same repository rule
		if err != nil {
			why := err.Error()
			switch {
			case errors.Is(err, os.ErrNotExist):
				why = "does not exist"
			case errors.Is(err, ErrOutsideRepo):
				why = "resolves outside the repository"
			}
			s.at("GT6070", l, ref, "source-ref", "Line %d: `source-ref` must be an S3 URI `s3://bucket/key` or a local sequence file; %s %s (paths are relative to the manifest).", l.Num, shown, why)
			return
		}
		if s.seqSeen == nil {
			s.seqSeen = map[string]bool{}
		}
		if s.seqSeen[shown] {
			return
		}
		if len(s.seqSeen) < 10000 {
			s.seqSeen[shown] = true
		}
		mfCheckSequence(s, shown, s.typ != nil && s.typ.Group == "VIDEOFRAME")
	},
	Report: func(p *Pass, s *mfScan) {
		n := int64(s.Lines)
		switch {
		case mfKind(p) == "point-cloud sequence" && n > 100000:
			p.Reportf("GT6230", PathManifest, "At most 500 frames per point cloud sequence and 100,000 sequences per manifest (found %s sequences in %s).", commaInt(n), s.Path)
		case mfKind(p) == "video-frame sequence" && n > 10:
			p.Reportf("GT6250", PathManifest, "Video frame jobs allow at most 2,000 frames per sequence and 10 sequence files per manifest (found %s sequence files in %s).", commaInt(n), s.Path)
		}
	},
})

// mfMaxSequenceBytes bounds the sequence file read into memory; 2,000
// frames take well under a megabyte.
const mfMaxSequenceBytes = 64 << 20

// mfCheckSequence checks one local sequence file.
func mfCheckSequence(s *mfScan, file string, video bool) {
	w := &mfSite{s: s, file: file, frame: -1}
	fail := func(line, col int, format string, args ...any) {
		s.add("GT6210", file, line, col, "", false, "Sequence `%s`: %s", file, fmt.Sprintf(format, args...))
	}
	if info, err := os.Stat(file); err == nil && info.Size() > mfMaxSequenceBytes {
		fail(1, 1, "the file is %s bytes, more than a sequence file of 2,000 frames can be; it is not checked.", commaInt(info.Size()))
		return
	}
	b, err := os.ReadFile(file)
	if err != nil {
		fail(1, 1, "cannot be read: %v.", err)
		return
	}
	t, _, perr := artifacts.ParseDocument(b)
	w.t = t
	if perr != nil {
		msg, off := perr.Error(), 0
		var se *artifacts.ScanError
		if errors.As(perr, &se) {
			msg, off = se.Msg, se.Offset
		}
		line, col := mfPos(b, off)
		fail(line, col, "not valid JSON (%s).", msg)
		return
	}
	root := t.Root()
	if root.Kind != artifacts.NodeObject {
		fail(1, 1, "a sequence file is a JSON object with seq-no, prefix, number-of-frames and frames (this is a JSON %s).", root.Kind)
		return
	}

	// GT6210: the header.
	seqNo := t.Get(root, "seq-no")
	prefix := t.Get(root, "prefix")
	count := t.Get(root, "number-of-frames")
	frames := t.Get(root, "frames")
	var miss []string
	var first *artifacts.TreeNode // the first member missing or wrong (nil: missing)
	note := func(n *artifacts.TreeNode, what string) {
		if len(miss) == 0 {
			first = n
		}
		miss = append(miss, what)
	}
	if !t.IsInt(seqNo) {
		note(seqNo, "seq-no (integer)")
	}
	if prefix == nil || prefix.Kind != artifacts.NodeString {
		note(prefix, "prefix (string)")
	}
	nof, nofOK := t.Int(count)
	if !nofOK {
		note(count, "number-of-frames (integer)")
	}
	if frames == nil || frames.Kind != artifacts.NodeArray {
		note(frames, "frames (list)")
		frames = nil
	}
	if len(miss) > 0 {
		w.report("GT6210", first, mfKeyPath(t, first), "needs seq-no, prefix, number-of-frames and frames; missing or of the wrong type: %s.", strings.Join(miss, ", "))
	} else if int64(t.Len(frames)) != nof {
		w.report("GT6210", count, "number-of-frames", "needs seq-no, prefix, number-of-frames and frames, with number-of-frames = %d (found %d).", t.Len(frames), nof)
	}

	// GT6130, GT6260: the sequence prefix.
	if prefix != nil && prefix.Kind == artifacts.NodeString {
		if v, ok := mfCheckPrefix(w, prefix, "prefix", ""); ok && video && strings.Count(string(v), "/") == 3 {
			w.report("GT6260", prefix, "prefix", "each video frame sequence must be under its own key prefix, not the bucket root (`%s`).", v)
		}
	}
	if frames == nil {
		return
	}
	if video {
		mfVideoFrames(w, frames)
	} else {
		mfPointCloudFrames(w, frames)
	}
}

// mfKeyPath is the member name of a header node, "" for none.
func mfKeyPath(t *artifacts.Tree, n *artifacts.TreeNode) string {
	if n == nil {
		return ""
	}
	return string(t.Key(n))
}

// mfPointCloudFrames: GT6220, GT6230 and the frame parameters.
func mfPointCloudFrames(w *mfSite, frames *artifacts.TreeNode) {
	t := w.t
	if n := t.Len(frames); n > 500 {
		w.report("GT6230", frames, "frames", "at most 500 frames per point cloud sequence and 100,000 sequences per manifest (found %s frames).", commaInt(int64(n)))
	}
	var prev float64
	havePrev := false
	i := 0
	for fr := t.Child(frames); fr != nil; fr, i = t.Next(fr), i+1 {
		fw := *w
		fw.frame = i
		path := fmt.Sprintf("frames[%d]", i)
		const need = "every frame needs `frame` and a unique, increasing `unix-timestamp`"
		if fr.Kind != artifacts.NodeObject {
			fw.report("GT6220", fr, path, "%s (this frame is a JSON %s).", need, fr.Kind)
			continue
		}
		ts := t.Get(fr, "unix-timestamp")
		v, tsOK := t.Float(ts)
		if f := t.Get(fr, "frame"); f == nil || f.Kind != artifacts.NodeString || !tsOK {
			fw.report("GT6220", fr, path, "%s; `frame` (string) and `unix-timestamp` (number) are required.", need)
		}
		if tsOK {
			if havePrev && v <= prev {
				fw.report("GT6220", ts, path+".unix-timestamp", "%s; %s does not come after the previous frame's timestamp.", need, t.Raw(ts))
			}
			prev, havePrev = v, true
		}
		mfCheckFrame(&fw, fr, path, true)
	}
}

// mfVideoFrames: GT6240, GT6250, GT6255.
func mfVideoFrames(w *mfSite, frames *artifacts.TreeNode) {
	t := w.t
	if n := t.Len(frames); n > 2000 {
		w.report("GT6250", frames, "frames", "video frame jobs allow at most 2,000 frames per sequence and 10 sequence files per manifest (found %s frames).", commaInt(int64(n)))
	}
	const need = "`frame-no` (integer) and `frame` are required; `unix-timestamp` must be an integer"
	var names []string
	i := 0
	for fr := t.Child(frames); fr != nil; fr, i = t.Next(fr), i+1 {
		fw := *w
		fw.frame = i
		path := fmt.Sprintf("frames[%d]", i)
		if fr.Kind != artifacts.NodeObject {
			fw.report("GT6240", fr, path, "%s (this frame is a JSON %s).", need, fr.Kind)
			continue
		}
		name, nameOK := t.Str(t.Get(fr, "frame"))
		ts := t.Get(fr, "unix-timestamp")
		switch {
		case !t.IsInt(t.Get(fr, "frame-no")) || !nameOK:
			fw.report("GT6240", fr, path, "%s.", need)
		case ts != nil && !t.IsInt(ts):
			fw.report("GT6240", ts, path+".unix-timestamp", "%s (got %s).", need, t.Raw(ts))
		}
		if !nameOK {
			continue
		}
		names = append(names, string(name))
		if !mfHasExt(name, mfImageExts...) {
			fw.report("GT6255", t.Get(fr, "frame"), path+".frame", "`%s` is not a .jpg, .jpeg or .png image.", name)
		}
	}
	// Workers see the frames in UTF-8 byte order of their names
	// (gt/sms-point-cloud-video-input-data.md); unpadded numbers put
	// frame10.jpg before frame2.jpg.
	slices.SortStableFunc(names, mfNatCompare)
	for k := 1; k < len(names); k++ {
		a, b := names[k-1], names[k]
		if mfNatCompare(a, b) < 0 && a > b {
			w.report("GT6255", frames, "frames", "frames are shown in UTF-8 binary order; `%s` will appear after `%s`. Zero-pad the numbers.", a, b)
			break
		}
	}
}

// mfNatCompare orders names with their digit runs compared as numbers.
func mfNatCompare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if mfDigit(ca) && mfDigit(cb) {
			si, sj := i, j
			for i < len(a) && mfDigit(a[i]) {
				i++
			}
			for j < len(b) && mfDigit(b[j]) {
				j++
			}
			ra, rb := strings.TrimLeft(a[si:i], "0"), strings.TrimLeft(b[sj:j], "0")
			if len(ra) != len(rb) {
				return len(ra) - len(rb)
			}
			if c := strings.Compare(ra, rb); c != 0 {
				return c
			}
			continue
		}
		if ca != cb {
			return int(ca) - int(cb)
		}
		i++
		j++
	}
	return (len(a) - i) - (len(b) - j)
}

func mfDigit(c byte) bool { return c >= '0' && c <= '9' }
