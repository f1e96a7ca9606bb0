// Command manifestrss measures the memory that checking a large input
// manifest takes. It writes a manifest of -lines lines (image references,
// image references with earlier labels, inline text; a malformed line every
// 99,991 lines) to a temporary directory, checks it, verifies that every
// malformed line was found, and prints the process's peak resident set
// size (VmHWM from /proc/self/status).
//
//	-mode scan    the streaming scanner alone (package artifacts)
//	-mode checks  the manifest rules (GT6xxx, GT2200) as the linter runs
//	              them, on a spec whose ManifestS3Uri names the file
//	-mode lint    the whole linter on that spec: schema and every check
//
// It exits 1 when a malformed line was missed or the peak is at or above
// -max-mb.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gtctl/gtctl/internal/procstat"
	"github.com/gtctl/gtctl/internal/testjob"
	"github.com/gtctl/gtctl/pkg/artifacts"
	"github.com/gtctl/gtctl/pkg/checks"
	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
	gtspec "github.com/gtctl/gtctl/pkg/spec"
)

// spec names the manifest; its other artifacts are in S3, which lint does
// not read offline, so that the run measures the manifest alone.
var spec = testjob.Spec{Name: "rss-boxes", Manifest: "bench.manifest", Labels: testjob.S3Labels, Template: testjob.S3Template}.YAML()

func main() {
	lines := flag.Int("lines", 1_000_000, "manifest lines")
	mode := flag.String("mode", "checks", "scan (the scanner alone), checks (the manifest rules) or lint (the whole linter)")
	maxMB := flag.Float64("max-mb", 100, "fail at or above this peak RSS (MB)")
	flag.Parse()
	if err := run(*lines, *mode, *maxMB); err != nil {
		fmt.Fprintln(os.Stderr, "manifestrss:", err)
		os.Exit(1)
	}
}

func run(n int, mode string, maxMB float64) error {
	dir, err := os.MkdirTemp("", "gtctl-rss")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// The temporary directory is its own repository, so the spec's relative
	// ManifestS3Uri resolves inside it.
	if err := os.WriteFile(filepath.Join(dir, ".gtctl.yaml"), nil, 0o644); err != nil {
		return err
	}
	path := filepath.Join(dir, "bench.manifest")
	want, size, err := writeManifest(path, n)
	if err != nil {
		return err
	}
	var found []int
	start := time.Now()
	switch mode {
	case "scan":
		found, err = scan(path)
	case "checks":
		found, err = manifestChecks(dir)
	case "lint":
		found, err = lintSpec(dir)
	default:
		return fmt.Errorf("unknown -mode %q", mode)
	}
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	peak, err := procstat.PeakRSS(os.Getpid())
	if err != nil {
		return err
	}
	mb := float64(peak) / 1e6
	fmt.Printf("manifest: %d lines, %.1f MB; mode %-6s: checked in %.2f s (%.0f MB/s); malformed lines found %d of %d; peak RSS (VmHWM) %.1f MB\n",
		n, float64(size)/1e6, mode, elapsed.Seconds(), float64(size)/1e6/elapsed.Seconds(), len(found), len(want), mb)
	if !slices.Equal(found, want) {
		return fmt.Errorf("malformed lines found %v, want %v", found, want)
	}
	if mb >= maxMB {
		return fmt.Errorf("peak RSS %.1f MB is not below %.0f MB", mb, maxMB)
	}
	return nil
}

// writeManifest writes the benchmark manifest (the shape of
// pkg/artifacts' BenchmarkManifest) and returns the malformed lines.
func writeManifest(path string, n int) ([]int, int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var bad []int
	for i := 1; i <= n; i++ {
		if i%99991 == 0 {
			bad = append(bad, i)
			fmt.Fprintf(w, `{"source-ref":"s3://acme-groundtruth/images/img-%07d.jpg",}`+"\n", i)
			continue
		}
		switch i % 10 {
		case 0, 1:
			fmt.Fprintf(w, `{"source-ref":"s3://acme-groundtruth/images/2026/11/img-%07d.jpg","birds":{"annotations":[{"class_id":0,"left":%d,"top":34,"width":56,"height":78}],"image_size":[{"width":640,"height":480,"depth":3}]},"birds-metadata":{"objects":[{"confidence":0.93}],"class-map":{"0":"sparrow"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"2026-11-02T10:11:12.123456","job-name":"labeling-job/birds-2026-10"}}`+"\n", i, i%600)
		case 2, 3:
			fmt.Fprintf(w, `{"source-ref":"s3://acme-groundtruth/images/2026/11/img-%07d.png","customer-id":"c-%d"}`+"\n", i, i*7)
		default:
			fmt.Fprintf(w, `{"source-ref":"s3://acme-groundtruth/images/2026/11/img-%07d.jpg"}`+"\n", i)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return nil, 0, err
	}
	if err := f.Close(); err != nil {
		return nil, 0, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, 0, err
	}
	return bad, fi.Size(), nil
}

func scan(path string) ([]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var bad []int
	sc := artifacts.NewManifestScanner(f, artifacts.ManifestOptions{})
	for sc.Next() {
		if !sc.Line().IsObject() {
			bad = append(bad, sc.Line().Num)
		}
	}
	return bad, sc.Err()
}

// manifestChecks runs the checks of the manifest rules on the spec, as the
// linter does after its schema pass.
func manifestChecks(dir string) ([]int, error) {
	specPath := filepath.Join(dir, "job.yaml")
	if err := os.WriteFile(specPath, []byte(spec), 0o644); err != nil {
		return nil, err
	}
	docs, perrs := gtspec.Parse(specPath, []byte(spec))
	if len(perrs) > 0 || len(docs) != 1 {
		return nil, fmt.Errorf("spec does not parse: %v", perrs)
	}
	facts, err := groundtruth.Load()
	if err != nil {
		return nil, err
	}
	p := checks.NewPass(docs[0], facts.Resolve(docs[0].Root, "", ""), facts, map[string]bool{})
	for _, c := range checks.All() {
		mine, online := false, false
		for _, id := range c.Rules {
			mine = mine || strings.HasPrefix(id, "GT6") || id == "GT2200"
			online = online || rules.MustGet(id).Online
		}
		if mine && !online {
			c.Run(p)
		}
	}
	return findings(p.Findings())
}

func findings(ds []diag.Diagnostic) ([]int, error) {
	var bad []int
	for _, d := range ds {
		if d.Rule == "GT6095" {
			continue
		}
		if d.Rule != "GT6010" {
			return nil, fmt.Errorf("unexpected finding %s:%d: %s %s", d.File, d.Line, d.Rule, d.Message)
		}
		bad = append(bad, d.Line)
	}
	return bad, nil
}

// lintSpec lints a spec naming the manifest; the malformed lines are the
// GT6010 findings. The only other finding allowed is GT6095, the dataset
// quota warning of a manifest above 100,000 lines.
func lintSpec(dir string) ([]int, error) {
	specPath := filepath.Join(dir, "job.yaml")
	if err := os.WriteFile(specPath, []byte(spec), 0o644); err != nil {
		return nil, err
	}
	l, err := lint.New(lint.Options{})
	if err != nil {
		return nil, err
	}
	res, err := l.Run(context.Background(), []lint.Input{{Path: specPath}})
	if err != nil {
		return nil, err
	}
	return findings(res.Diagnostics)
}
