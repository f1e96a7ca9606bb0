package lint

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The seed page's own examples, as written, must be flagged with every
// mistake RULES.md §4.1 lists (testdata/seed/README.md maps them).
func TestSeedMistakes(t *testing.T) {
	root := "../.."
	b, err := os.ReadFile(filepath.Join(root, "testdata/seed/expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected []struct{ File, Rule, Path string }
	if err := json.Unmarshal(b, &expected); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range expected {
		want = append(want, e.File+" "+e.Rule+" "+e.Path)
	}
	sort.Strings(want)
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)

	// The directory as a whole: every expected finding is reported.
	inputs, err := Expand([]string{"testdata/seed"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), inputs)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, d := range res.Diagnostics {
		got[d.File+" "+d.Rule+" "+d.Path] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("lint testdata/seed/ does not report %s", w)
		}
	}

	// The spec files named one by one: exactly the expected findings.
	var named []Input
	for _, in := range inputs {
		if filepath.Ext(in.Path) != ".json" {
			named = append(named, Input{Path: in.Path})
		}
	}
	named = append(named, Input{Path: "testdata/seed/cli.json"})
	res, err = l.Run(context.Background(), named)
	if err != nil {
		t.Fatal(err)
	}
	var exact []string
	for _, d := range res.Diagnostics {
		exact = append(exact, d.File+" "+d.Rule+" "+d.Path)
	}
	sort.Strings(exact)
	if diff := cmp.Diff(want, exact); diff != "" {
		t.Errorf("findings of the seed specs (-want +got):\n%s", diff)
	}
}
