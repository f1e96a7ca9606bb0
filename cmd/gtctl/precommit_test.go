package main

// TestPreCommitHook runs the real pre-commit against the hook defined in
// .pre-commit-hooks.yaml, with the .pre-commit-config.yaml snippet of
// docs/pre-commit.md, in a throwaway git repository: pre-commit builds gtctl
// from a git repository holding a copy of this working tree (so uncommitted
// work is what gets tested) with `go install ./...`, offline, from the
// module cache.
//
// It needs git, go and pre-commit (Debian: apt-get install pre-commit). It
// skips without them, unless GTCTL_REQUIRE_TOOLS=1, where it fails.

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gtctl/gtctl/internal/testjob"
)

const hookRoot = "../.."

func hookRequireTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			msg := fmt.Sprintf("%s is not installed (for pre-commit: apt-get install pre-commit, or pipx install pre-commit)", tool)
			if os.Getenv("GTCTL_REQUIRE_TOOLS") == "1" {
				t.Fatal(msg + " (GTCTL_REQUIRE_TOOLS=1)")
			}
			t.Skip(msg)
		}
	}
}

// hookGoodSpec is the spec the hook must pass. Its label file is local, so
// that the hook checks a file beside the spec too; the rest is in S3.
var hookGoodSpec = testjob.Spec{Name: "bird-boxes-2026-11", Manifest: testjob.S3Manifest, Template: testjob.S3Template}.YAML()

// Not specs: the hook must not lint them (files/exclude in the snippet, and
// the hook's own dot-file exclude).
var hookNotSpecs = map[string]string{
	"docker-compose.yml":       "services:\n  web:\n    image: nginx\n",
	".github/workflows/ci.yml": "name: ci\non: [push]\njobs: {}\n",
	".gtctl.yaml":              "region: us-east-1\n",
}

func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gtctl through pre-commit (about a minute); skipped with -short")
	}
	hookRequireTools(t, "git", "go", "pre-commit")
	ctx := context.Background()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-10*time.Second))
		defer cancel()
	}
	tmp := t.TempDir()
	modcache := strings.TrimSpace(hookRunOK(t, ctx, hookRoot, nil, "go", "env", "GOMODCACHE"))
	gocache := strings.TrimSpace(hookRunOK(t, ctx, hookRoot, nil, "go", "env", "GOCACHE"))
	env := []string{
		"PRE_COMMIT_HOME=" + filepath.Join(tmp, "pre-commit-home"),
		// pre-commit sets GOPATH to its own directory for `go install
		// ./...`; the module and build caches stay the machine's, and
		// the network stays off.
		"GOMODCACHE=" + modcache,
		"GOCACHE=" + gocache,
		"GOPROXY=off",
		"GOFLAGS=-mod=mod",
		"GOTOOLCHAIN=local",
		"GIT_CONFIG_GLOBAL=" + filepath.Join(tmp, "gitconfig"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=gtctl test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=gtctl test", "GIT_COMMITTER_EMAIL=test@example.com",
		"NO_COLOR=1",
	}
	if err := os.WriteFile(filepath.Join(tmp, "gitconfig"), []byte("[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	// The hook repository: this working tree's module, committed.
	hookRepo := filepath.Join(tmp, "gtctl")
	hookCopyModule(t, hookRoot, hookRepo)
	hookRunOK(t, ctx, hookRepo, env, "git", "init", "-q")
	hookRunOK(t, ctx, hookRepo, env, "git", "add", "-A")
	hookRunOK(t, ctx, hookRepo, env, "git", "commit", "-q", "-m", "gtctl under test")
	rev := strings.TrimSpace(hookRunOK(t, ctx, hookRepo, env, "git", "rev-parse", "HEAD"))

	// The project: the documented configuration, pointed at the copy.
	project := filepath.Join(tmp, "project")
	config := hookDocSnippet(t)
	config = strings.Replace(config, "https://github.com/gtctl/gtctl", hookRepo, 1)
	config = regexp.MustCompile(`(?m)^(\s*rev:) .*$`).ReplaceAllString(config, "${1} "+rev)
	testjob.WriteFile(t, project, ".pre-commit-config.yaml", config)
	hookRunOK(t, ctx, project, env, "git", "init", "-q")
	hookRunOK(t, ctx, project, env, "pre-commit", "install")

	// A good spec, its label file and files that are not specs: the
	// commit goes through.
	testjob.WriteFile(t, project, "specs/birds.yaml", hookGoodSpec)
	testjob.CopyExamples(t, project, testjob.LabelsFile)
	for name, data := range hookNotSpecs {
		testjob.WriteFile(t, project, name, data)
	}
	hookRunOK(t, ctx, project, env, "git", "add", "-A")
	out, err := hookRun(ctx, project, env, "git", "commit", "-m", "good spec")
	if err != nil {
		t.Fatalf("committing a good spec failed: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`gtctl lint\.+Passed`).MatchString(out) {
		t.Errorf("the hook did not run on the good spec:\n%s", out)
	}

	// A bad spec: the commit is refused and the finding shown.
	bad := strings.Replace(hookGoodSpec, "NumberOfHumanWorkersPerDataObject: 3", "NumberOfHumanWorkersPerDataObject: 12", 1)
	testjob.WriteFile(t, project, "specs/bad.yaml", bad)
	hookRunOK(t, ctx, project, env, "git", "add", "specs/bad.yaml")
	head := hookRunOK(t, ctx, project, env, "git", "rev-parse", "HEAD")
	out, err = hookRun(ctx, project, env, "git", "commit", "-m", "bad spec")
	if err == nil {
		t.Fatalf("committing a bad spec succeeded:\n%s", out)
	}
	line, col := hookPosition(bad, "NumberOfHumanWorkersPerDataObject: ", "12")
	want := fmt.Sprintf("specs/bad.yaml:%d:%d: error GT1190 ", line, col)
	if !strings.Contains(out, want) || !regexp.MustCompile(`gtctl lint\.+Failed`).MatchString(out) {
		t.Errorf("the refused commit's output does not show %q:\n%s", want, out)
	}
	if after := hookRunOK(t, ctx, project, env, "git", "rev-parse", "HEAD"); after != head {
		t.Error("the bad spec was committed")
	}
	for name := range hookNotSpecs {
		if strings.Contains(out, name) {
			t.Errorf("the hook linted %s, which is not a spec:\n%s", name, out)
		}
	}
	t.Logf("refused commit:\n%s", out)

	// Fixed, it goes through.
	testjob.WriteFile(t, project, "specs/bad.yaml", hookGoodSpec)
	hookRunOK(t, ctx, project, env, "git", "add", "specs/bad.yaml")
	if out, err := hookRun(ctx, project, env, "git", "commit", "-m", "fixed"); err != nil {
		t.Fatalf("committing the fixed spec failed: %v\n%s", err, out)
	}

	// The hook's own files/exclude (no override): dot-files and
	// dot-directories are left alone, specs are linted.
	testjob.WriteFile(t, project, "defaults.yaml", fmt.Sprintf("repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: gtctl-lint\n", hookRepo, rev))
	out, err = hookRun(ctx, project, env, "pre-commit", "run", "--config", "defaults.yaml", "--files", ".gtctl.yaml", ".github/workflows/ci.yml", "specs/birds.yaml")
	if err != nil || !regexp.MustCompile(`gtctl lint\.+Passed`).MatchString(out) {
		t.Errorf("the hook's defaults: %v\n%s", err, out)
	}
	out, err = hookRun(ctx, project, env, "pre-commit", "run", "--config", "defaults.yaml", "--files", ".gtctl.yaml", ".github/workflows/ci.yml")
	if err != nil || !regexp.MustCompile(`gtctl lint\.+\(no files to check\)Skipped`).MatchString(out) {
		t.Errorf("the hook's defaults picked a dot-file: %v\n%s", err, out)
	}
}

// hookDocSnippet returns the first yaml block of docs/pre-commit.md.
func hookDocSnippet(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(hookRoot, "docs", "pre-commit.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindSubmatch(b)
	if m == nil {
		t.Fatal("docs/pre-commit.md has no ```yaml block")
	}
	s := string(m[1])
	if !strings.Contains(s, "repo: https://github.com/gtctl/gtctl") || !strings.Contains(s, "id: gtctl-lint") {
		t.Fatalf("docs/pre-commit.md's snippet is not a gtctl-lint configuration:\n%s", s)
	}
	return s
}

// hookCopyModule copies what building gtctl needs (go.mod, go.sum, the hook
// definition, cmd/, pkg/, schema/; no tests or test data) from src to dst.
func hookCopyModule(t *testing.T, src, dst string) {
	t.Helper()
	for _, f := range []string{"go.mod", "go.sum", ".pre-commit-hooks.yaml"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		testjob.WriteFile(t, dst, f, string(b))
	}
	for _, dir := range []string{"cmd", "pkg", "schema"} {
		err := filepath.WalkDir(filepath.Join(src, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" || d.Name() == "node_modules" {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(path, "_test.go") || !d.Type().IsRegular() {
				return nil
			}
			rel, _ := filepath.Rel(src, path)
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			testjob.WriteFile(t, dst, rel, string(b))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// hookPosition returns the 1-based line and column of value after key in s.
func hookPosition(s, key, value string) (int, int) {
	i := strings.Index(s, key+value)
	line := strings.Count(s[:i], "\n") + 1
	col := i + len(key) - strings.LastIndex(s[:i], "\n")
	return line, col
}

func hookRun(ctx context.Context, dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func hookRunOK(t *testing.T, ctx context.Context, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := hookRun(ctx, dir, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}
