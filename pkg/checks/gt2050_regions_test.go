package checks

import (
	"github.com/gtctl/gtctl/pkg/didyoumean"
	"os"
	"testing"

	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/spec"
)

// The fixtures under testdata/rules run without --region, so the --region
// branch of GT2050 (RULES.md preamble: a --region that contradicts the
// spec's ARNs is a finding, not a silent override) is tested here.
func TestGT2050RegionFlag(t *testing.T) {
	f, err := groundtruth.Load()
	if err != nil {
		t.Fatal(err)
	}
	const file = "../../testdata/valid/semantic-segmentation-tokyo.yaml"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	docs, perrs := spec.Parse(file, data)
	if len(perrs) > 0 || len(docs) != 1 {
		t.Fatalf("parse: %v", perrs)
	}
	for _, tc := range []struct {
		flag string
		want []string // paths of GT2050 findings
	}{
		{"", nil},
		{"ap-northeast-1", nil},
		{"eu-west-1", []string{groundtruth.PathPreLambda}},
	} {
		j := f.Resolve(docs[0].Root, tc.flag, "")
		p := NewPass(docs[0], j, f, map[string]bool{})
		var got []string
		for _, d := range p.Run() {
			if d.Rule == "GT2050" {
				got = append(got, d.Path)
			}
		}
		if len(got) != len(tc.want) || len(got) > 0 && got[0] != tc.want[0] {
			t.Errorf("--region %q: GT2050 at %v, want %v", tc.flag, got, tc.want)
		}
	}
}

func TestGT2EditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0},
		{"BoundingBoxes", "BoundingBox", 2},
		{"PointCloudObjectDetection", "3DPointCloudObjectDetection", 2},
		{"kitten", "sitting", 3},
	} {
		if d := didyoumean.Distance(tc.a, tc.b); d != tc.d {
			t.Errorf("didyoumean.Distance(%q, %q) = %d, want %d", tc.a, tc.b, d, tc.d)
		}
	}
	if s := didyoumean.Closest("boundingbox", []string{"BoundingBox", "ImageMultiClass"}); s != "BoundingBox" {
		t.Errorf("case-insensitive suggestion = %q", s)
	}
	if s := didyoumean.Closest("tasktype", []string{"BoundingBox", "ImageMultiClass"}); s != "" {
		t.Errorf("suggestion for an unrelated name = %q, want none", s)
	}
}
