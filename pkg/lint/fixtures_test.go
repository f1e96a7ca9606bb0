package lint

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gtctl/gtctl/pkg/rules"
)

// A fixture under testdata/rules declares the findings it must produce in
// leading comments, one per line:
//
//	# want: GT3010 HumanTaskConfig.TaskTimeLimitInSeconds
//
// (rule, then the member path; "-" for no path). The run must produce
// exactly those findings, no more and no fewer. The file is named after the
// rule it exists for: GT3010.yaml, GT3010_video.yaml, ...
// Fixtures under testdata/valid must produce no finding at all.

func wants(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		rest, ok := strings.CutPrefix(line, "# want:")
		if !ok {
			rest, ok = strings.CutPrefix(line, "// want:")
		}
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 1 {
			f = append(f, "-")
		}
		out = append(out, f[0]+" "+f[1])
	}
	sort.Strings(out)
	return out
}

func fixtureFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := filepath.Ext(p)
		if !d.IsDir() && (ext == ".yaml" || ext == ".yml" || ext == ".json") && !strings.Contains(p, string(filepath.Separator)+"files"+string(filepath.Separator)) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func lintOne(t *testing.T, l *Linter, file string) []string {
	t.Helper()
	res, err := l.Run(context.Background(), []Input{{Path: file}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		if d.Suppressed != "" {
			continue
		}
		p := d.Path
		if p == "" {
			p = "-"
		}
		got = append(got, d.Rule+" "+p)
	}
	sort.Strings(got)
	return got
}

func TestRuleFixtures(t *testing.T) {
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	fired := map[string]bool{}
	for _, f := range fixtureFiles(t, "../../testdata/rules") {
		t.Run(filepath.Base(f), func(t *testing.T) {
			want := wants(t, f)
			if len(want) == 0 {
				t.Fatalf("%s declares no '# want:' finding", f)
			}
			got := lintOne(t, l, f)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s findings (-want +got):\n%s", f, diff)
			}
			name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
			id, _, _ := strings.Cut(name, "_")
			found := false
			for _, w := range want {
				if strings.HasPrefix(w, id+" ") {
					found = true
				}
			}
			if !found {
				t.Errorf("%s is named for %s but does not want it", f, id)
			}
			for _, g := range got {
				fired[strings.Fields(g)[0]] = true
			}
		})
	}
	// Every implemented offline rule has a fixture that fires it. A rule is
	// implemented when the registry of checks or the schema mapping names it.
	for _, id := range implemented() {
		if !fired[id] {
			t.Errorf("rule %s has no fixture under testdata/rules that fires it", id)
		}
	}
}

func TestValidFixtures(t *testing.T) {
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	dirs := []string{"../../testdata/valid", "../../specs"}
	for _, dir := range dirs {
		for _, f := range fixtureFiles(t, dir) {
			t.Run(f, func(t *testing.T) {
				inputs, err := Expand([]string{f}, nil)
				if err != nil {
					t.Fatal(err)
				}
				inputs[0].FromDir = true // label files beside specs are not specs
				res, err := l.Run(context.Background(), inputs)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range res.Diagnostics {
					if d.Suppressed != "" {
						continue
					}
					t.Errorf("%s:%d:%d: %s %s %s", d.File, d.Line, d.Column, d.Severity, d.Rule, d.Message)
				}
			})
		}
	}
}

// implemented lists the offline rules some check or the schema mapping can
// report.
func implemented() []string {
	set := map[string]bool{"GT1000": true, "GT1010": true, "GT1020": true}
	for _, vr := range valueRules {
		set[vr.rule] = true
	}
	for _, c := range checksRules() {
		set[c] = true
	}
	var out []string
	for id := range set {
		if r, ok := rules.Get(id); ok && !r.Online {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// TestEveryRuleImplemented: every rule of the catalog is reported by some
// check or by the schema mapping, so no rule is a catalog entry alone.
func TestEveryRuleImplemented(t *testing.T) {
	set := map[string]bool{"GT1000": true, "GT1010": true, "GT1020": true, "GT9010": true, "GT9020": true}
	for _, vr := range valueRules {
		set[vr.rule] = true
	}
	for _, id := range checksRules() {
		set[id] = true
	}
	var missing []string
	for _, r := range rules.All() {
		if !set[r.ID] {
			missing = append(missing, r.ID)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d catalog rules have no check: %v", len(missing), missing)
	}
}
