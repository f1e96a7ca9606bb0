package checks

import (
	"os"
	"testing"

	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

// The fixtures compare rule and path only; GT7095's severity depends on
// the task type (RULES.md C24), so it is tested here.
func TestGT7095Severity(t *testing.T) {
	f, err := groundtruth.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		want rules.Severity
	}{
		{"../../testdata/rules/GT7095.yaml", rules.Error},
		{"../../testdata/rules/GT7095_adjustment.yaml", rules.Warning},
	} {
		data, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		docs, perrs := spec.Parse(tc.file, data)
		if len(perrs) > 0 || len(docs) != 1 {
			t.Fatalf("%s: parse: %v", tc.file, perrs)
		}
		p := NewPass(docs[0], f.Resolve(docs[0].Root, "", ""), f, map[string]bool{})
		n := 0
		for _, d := range p.Run() {
			if d.Rule != "GT7095" {
				continue
			}
			n++
			if d.Severity != tc.want {
				t.Errorf("%s: GT7095 is %v, want %v", tc.file, d.Severity, tc.want)
			}
		}
		if n != 1 {
			t.Errorf("%s: %d GT7095 findings, want 1", tc.file, n)
		}
	}
}

func TestParseS3(t *testing.T) {
	for _, tc := range []struct {
		in, bucket, key string
		ok              bool
	}{
		{"s3://b/k/x.json", "b", "k/x.json", true},
		{"s3://b", "b", "", true},
		{"s3:///k", "", "k", false},
		{"https://b.s3.us-east-1.amazonaws.com/k/x", "b", "k/x", true},
		{"https://b.s3.amazonaws.com/k", "b", "k", true},
		{"https://b.s3-eu-west-1.amazonaws.com/k", "b", "k", true},
		{"https://s3.us-east-1.amazonaws.com/b/k/x", "b", "k/x", true},
		{"https://s3.amazonaws.com/b/k", "b", "k", true},
		{"https://example.com/b/k", "", "", false},
		{"./local.manifest", "", "", false},
	} {
		loc, ok := parseS3(tc.in)
		if ok != tc.ok || ok && (loc.Bucket != tc.bucket || loc.Key != tc.key) {
			t.Errorf("parseS3(%q) = %+v, %v; want %q %q %v", tc.in, loc, ok, tc.bucket, tc.key, tc.ok)
		}
	}
}
