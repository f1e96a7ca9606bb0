package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gtctl/gtctl/internal/testjob"
	"github.com/gtctl/gtctl/schema"
)

// Hostile specs, in process: each must end in a GT1000 finding that names
// the problem at a real position, quickly. cmd/gtctl's TestHostileInputs
// runs the same kinds of input (and larger ones) through the binary with
// memory bounds.
func TestHostileSpecs(t *testing.T) {
	bomb := func() string {
		var b strings.Builder
		b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
		for i := 1; i < 9; i++ {
			refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*%c,", 'a'+i-1), 10), ",")
			fmt.Fprintf(&b, "%c: &%c [%s]\n", 'a'+i, 'a'+i, refs)
		}
		return b.String()
	}()
	merge := func() string {
		var b strings.Builder
		b.WriteString("l0: &l0 {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x, k9: x}\n")
		for i := 1; i < 10; i++ {
			var m []string
			for j := range 10 {
				m = append(m, fmt.Sprintf("m%d: *l%d", j, i-1))
			}
			fmt.Fprintf(&b, "l%d: &l%d {<<: *l%d, %s}\n", i, i, i-1, strings.Join(m, ", "))
		}
		return b.String()
	}()
	tests := []struct {
		name, data string
		line       int // 0: any line
		want       string
	}{
		{"alias bomb of 10^9 nodes", bomb, 0, "expands to more than 200000 nodes"},
		{"merge-key bomb", merge, 0, "expands to more than 200000 nodes"},
		{"10,000-deep YAML flow list", "x: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000), 1, "nested more than 64 levels"},
		{"10,000-deep block YAML", strings.Repeat("- ", 10000) + "x\n", 1, "nested more than 64 levels"},
		{"10,000-deep JSON objects", strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000), 1, "nested more than 64 levels"},
		{"10,000-deep JSON arrays", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), 1, "nested more than 64 levels"},
		{"unclosed 10,000-deep JSON", strings.Repeat(`{"a":[`, 10000), 1, ""},
		{"invalid UTF-8", "LabelingJobName: ok\nRoleArn: \"caf\xc3\x28\"\n", 2, "not valid UTF-8"},
		{"NUL byte", "LabelingJobName: ok\nRoleArn: a\x00b\n", 2, "NUL byte"},
		{"UTF-16 byte order mark", "\xff\xfeL\x00a\x00", 1, "not valid UTF-8"},
		{"over the size limit", "LabelingJobName: x\nTaskDescription: " + strings.Repeat("x", MaxSpecBytes), 1, "larger than 1 MiB"},
	}
	l, err := New(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			res, err := l.Run(context.Background(), []Input{{Path: "hostile.yaml", Data: []byte(tt.data)}})
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v, bound 10s", d)
			}
			found := false
			for _, d := range res.Diagnostics {
				if strings.Contains(d.Message, "internal error") {
					t.Fatalf("panic: %s", d.Message)
				}
				if d.Line < 1 || d.Column < 1 {
					t.Errorf("%s at %d:%d", d.Rule, d.Line, d.Column)
				}
				if d.Rule == "GT1000" && strings.Contains(d.Message, tt.want) && (tt.line == 0 || d.Line == tt.line) {
					found = true
				}
			}
			if !found {
				t.Errorf("no GT1000 %q finding on line %d; got %+v", tt.want, tt.line, res.Diagnostics)
			}
		})
	}
}

// A file over MaxSpecBytes found by walking a directory: a finding when it
// may be a request, skipped (like other JSON data beside the specs) when
// it cannot be one. Only MaxSpecBytes+1 bytes of it are read.
func TestHostileSpecSizeInWalk(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("x"), MaxSpecBytes)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	spec := write("a-job.yaml", append([]byte("LabelingJobName: x\nTaskDescription: "), big...))
	write("b-data.json", append([]byte(`{"frames": "`), append(big, `"}`...)...))
	inputs, err := Expand([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), inputs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || len(res.Diagnostics) != 1 {
		t.Fatalf("%d files linted, findings %+v; want the spec alone, with one finding", res.Files, res.Diagnostics)
	}
	if d := res.Diagnostics[0]; d.File != spec || d.Rule != "GT1000" || !strings.Contains(d.Message, "larger than 1 MiB") {
		t.Errorf("finding %+v", d)
	}
}

// endless is standard input that never ends (a device, a stuck pipe
// writer); it counts what was read.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestHostileStdin(t *testing.T) {
	in := &endless{}
	_, err := Expand([]string{"-"}, in)
	var pe *PathError
	if !errors.As(err, &pe) || pe.Path != "-" || !strings.Contains(err.Error(), "more than 1 MiB") {
		t.Fatalf("Expand(-) of endless input: %v", err)
	}
	if in.n > 2*MaxSpecBytes {
		t.Errorf("read %d bytes of standard input; the limit is %d", in.n, MaxSpecBytes)
	}
}

// Symbolic-link loops in a spec directory: the walk follows no link, so it
// ends and finds the one real spec; a loop named on the command line is a
// path error.
func TestHostileSymlinkLoops(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "job.yaml"), []byte("LabelingJobName: x\n"), 0o644))
	must(os.Symlink(".", filepath.Join(dir, "self")))
	must(os.Symlink("..", filepath.Join(dir, "sub", "up")))
	must(os.Symlink("b.yaml", filepath.Join(dir, "a.yaml")))
	must(os.Symlink("a.yaml", filepath.Join(dir, "b.yaml")))
	must(os.Symlink("missing.yaml", filepath.Join(dir, "dangling.yaml")))

	done := make(chan struct{})
	var inputs []Input
	var err error
	go func() {
		defer close(done)
		inputs, err = Expand([]string{dir}, nil)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("walking a directory with link loops did not end in 30s")
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) != 1 || inputs[0].Path != filepath.Join(dir, "job.yaml") {
		t.Errorf("inputs %+v, want job.yaml alone", inputs)
	}

	_, err = Expand([]string{filepath.Join(dir, "a.yaml")}, nil)
	var pe *PathError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "too many levels of symbolic links") {
		t.Errorf("Expand(a.yaml -> b.yaml -> a.yaml) = %v", err)
	}
}

// TestListProbeAboveMaxItems: lists are checked, and their items walked,
// only up to listProbe elements, which is sound only while every list in
// the schema has a MaxItems below it.
func TestListProbeAboveMaxItems(t *testing.T) {
	maxItems := regexp.MustCompile(`list\.MaxItems\((\d+)\)`)
	lists := 0
	for _, f := range schema.Files() {
		for i, line := range strings.Split(string(f.Data), "\n") {
			if !strings.Contains(line, "...") {
				continue
			}
			lists++
			m := maxItems.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("%s:%d: a list without list.MaxItems: %s", f.Name, i+1, line)
				continue
			}
			if n, _ := strconv.Atoi(m[1]); n >= listProbe {
				t.Errorf("%s:%d: list.MaxItems(%d) is not below listProbe (%d)", f.Name, i+1, n, listProbe)
			}
		}
	}
	if lists == 0 {
		t.Fatal("no list types in the schema: the pattern no longer matches how lists are written")
	}
}

// TestLongListVerdict: a list longer than listProbe still gets its item
// count finding, with the real length in the message.
func TestLongListVerdict(t *testing.T) {
	var b strings.Builder
	b.WriteString(testjob.Spec{Manifest: testjob.S3Manifest, Labels: testjob.S3Labels, Template: testjob.S3Template}.YAML())
	for i := range 2999 { // after the spec's own tag
		fmt.Fprintf(&b, "  - {Key: k%d, Value: v}\n", i)
	}
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []Input{{Path: "tags.yaml", Data: []byte(b.String())}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Rule+" "+d.Message)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "GT1240 ") || !strings.Contains(got[0], "3000 items") {
		t.Errorf("findings %q, want one GT1240 that counts 3000 items", got)
	}
}
