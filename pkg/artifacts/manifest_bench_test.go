package artifacts

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// mfBenchLines is the size of the benchmark manifest.
const mfBenchLines = 1_000_000

// mfWriteBench writes a manifest of n lines in the shapes real jobs use
// (image references, image references with the labels of an earlier job,
// inline text), with a malformed line every 99,991 lines. It returns the
// line numbers of the malformed lines. bench/cmd/manifestrss writes a file
// of the same shape for its memory measurement.
func mfWriteBench(path string, n int) ([]int, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var bad []int
	for i := 1; i <= n; i++ {
		if i%99991 == 0 {
			bad = append(bad, i)
			switch len(bad) % 3 {
			case 0:
				fmt.Fprintf(w, `{"source-ref":"s3://acme-groundtruth/images/img-%07d.jpg",}`+"\n", i) // trailing comma
			case 1:
				fmt.Fprintf(w, `{"source-ref":"s3://acme-groundtruth/images/img-%07d.jpg"`+"\n", i) // pretty-printed start
			case 2:
				fmt.Fprintf(w, `{"source-ref":'s3://acme-groundtruth/images/img-%07d.jpg'}`+"\n", i) // single quotes
			}
			continue
		}
		switch i % 10 {
		case 0, 1:
			fmt.Fprintf(w, `{"source-ref":"s3://acme-groundtruth/images/2026/11/img-%07d.jpg","birds":{"annotations":[{"class_id":0,"left":%d,"top":34,"width":56,"height":78},{"class_id":1,"left":120,"top":%d,"width":40,"height":22}],"image_size":[{"width":640,"height":480,"depth":3}]},"birds-metadata":{"objects":[{"confidence":0.93},{"confidence":0.87}],"class-map":{"0":"sparrow","1":"finch"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"2026-11-02T10:11:12.123456","job-name":"labeling-job/birds-2026-10"}}`+"\n", i, i%600, i%400)
		case 2, 3:
			fmt.Fprintf(w, `{"source":"Order %d arrived two days late and the box was damaged, but support replied quickly and sent a replacement. \"Great service\" overall.","customer-id":"c-%d"}`+"\n", i, i*7)
		default:
			fmt.Fprintf(w, `{"source-ref":"s3://acme-groundtruth/images/2026/11/img-%07d.jpg"}`+"\n", i)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	return bad, f.Close()
}

// BenchmarkManifest checks the same 1,000,000-line manifest two ways: with
// the streaming scanner, and with the obvious loop (bufio.Scanner and
// encoding/json.Unmarshal into map[string]any). Both find the lines that
// are not JSON objects and the lines without source or source-ref; both
// must find exactly the planted bad lines.
func BenchmarkManifest(b *testing.B) {
	// The parent runs once; its temporary directory outlives the sub-benchmarks.
	path := filepath.Join(b.TempDir(), "bench.manifest")
	want, err := mfWriteBench(path, mfBenchLines)
	if err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	size := fi.Size()
	b.Run("gtctl", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			var bad []int
			lines := 0
			sc := NewManifestScanner(f, ManifestOptions{})
			for sc.Next() {
				l := sc.Line()
				lines++
				if !l.IsObject() {
					bad = append(bad, l.Num)
					continue
				}
				root := l.Root()
				if l.Get(root, "source-ref") == nil && l.Get(root, "source") == nil {
					bad = append(bad, l.Num)
				}
			}
			if err := sc.Err(); err != nil {
				b.Fatal(err)
			}
			f.Close()
			if lines != mfBenchLines || !slices.Equal(bad, want) {
				b.Fatalf("%d lines, bad lines %v, want %v", lines, bad, want)
			}
		}
	})
	b.Run("bufio+encoding-json", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			var bad []int
			lines := 0
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 0, 64*1024), mfBufSize)
			for sc.Scan() {
				lines++
				var m map[string]any
				if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m == nil {
					bad = append(bad, lines)
					continue
				}
				_, ref := m["source-ref"]
				_, src := m["source"]
				if !ref && !src {
					bad = append(bad, lines)
				}
			}
			if err := sc.Err(); err != nil {
				b.Fatal(err)
			}
			f.Close()
			if lines != mfBenchLines || !slices.Equal(bad, want) {
				b.Fatalf("%d lines, bad lines %v, want %v", lines, bad, want)
			}
		}
	})
}
