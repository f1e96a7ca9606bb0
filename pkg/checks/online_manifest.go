package checks

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// A sample of the input manifest for the online checks: the buckets that
// hold the data objects (GT6400 Region, GT7150/GT7155 CORS), a few objects
// to look up (GT6400), and the first lines' members (the audited job's
// metadata, GT2220–GT2240). The manifest is the local file when the spec
// names one, else the s3:// object (GetObject, at most onlineManifestMax
// bytes).

const (
	onlineSampleLines = 1000     // lines read
	onlineKeepLines   = 20       // lines kept whole
	onlineMaxBuckets  = 20       // distinct source-ref buckets
	onlineHeadRefs    = 3        // source-ref objects looked up
	onlineManifestMax = 16 << 20 // bytes of an s3:// manifest read
)

// onlineRef is one s3:// source-ref of the manifest.
type onlineRef struct {
	Line        int
	Bucket, Key string
	URI         string
}

type onlineManifest struct {
	// File is the local manifest as shown, "" for an s3:// manifest.
	File string
	// Refs are the first distinct source-ref objects (onlineHeadRefs);
	// Buckets the first source-ref of each distinct bucket.
	Refs, Buckets []onlineRef
	// Lines are the first lines that are JSON objects.
	Lines []map[string]any
	// Err: the manifest could not be read (Why says so for a note).
	Err error
}

// onlineManifest returns the pass's manifest sample, nil when the job has
// no manifest to read (streaming only, a local path that is unusable, a
// malformed URI).
func (p *Pass) onlineManifest() *onlineManifest {
	v := p.Memo("online.manifest", func() any {
		if a := p.Local(PathManifest); a != nil {
			if a.Err != nil {
				return (*onlineManifest)(nil)
			}
			m := &onlineManifest{File: a.Path}
			f, err := os.Open(a.Path)
			if err != nil {
				m.Err = err
				return m
			}
			defer f.Close()
			m.Err = m.scan(f)
			return m
		}
		_, loc, ok := p.s3Member(PathManifest)
		if !ok || loc.Key == "" {
			return (*onlineManifest)(nil)
		}
		m := &onlineManifest{}
		b, err := p.AWS.S3.GetObject(p.ctx(), loc.Bucket, loc.Key, onlineManifestMax)
		if err != nil {
			m.Err = err
			return m
		}
		m.Err = m.scan(bytes.NewReader(b))
		return m
	})
	m, _ := v.(*onlineManifest)
	return m
}

func (m *onlineManifest) scan(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	seenRef := map[string]bool{}
	seenBucket := map[string]bool{}
	for n := 1; n <= onlineSampleLines && sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var obj map[string]any
		if json.Unmarshal(line, &obj) != nil {
			continue // the offline GT6 rules report it
		}
		if len(m.Lines) < onlineKeepLines {
			m.Lines = append(m.Lines, obj)
		}
		ref, _ := obj["source-ref"].(string)
		loc, ok := parseS3(ref)
		if !ok || !strings.HasPrefix(ref, "s3://") || loc.Key == "" {
			continue
		}
		r := onlineRef{Line: n, Bucket: loc.Bucket, Key: loc.Key, URI: ref}
		if !seenBucket[r.Bucket] && len(m.Buckets) < onlineMaxBuckets {
			seenBucket[r.Bucket] = true
			m.Buckets = append(m.Buckets, r)
		}
		if !seenRef[ref] && len(m.Refs) < onlineHeadRefs {
			seenRef[ref] = true
			m.Refs = append(m.Refs, r)
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return err
	}
	return nil
}

// reportRef reports rule about a sampled source-ref: at its manifest line
// for a local manifest, else at ManifestS3Uri naming the line.
func (p *Pass) reportRef(rule string, m *onlineManifest, r onlineRef, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if m.File != "" {
		p.ReportFile(rule, m.File, r.Line, 1, "source-ref", "Line %d: %s", r.Line, msg)
		return
	}
	p.Reportf(rule, PathManifest, "Manifest line %d: %s", r.Line, msg)
}
