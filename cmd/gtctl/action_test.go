package main

// TestActionLintStep runs the shell script of action.yml's "gtctl lint" step
// the way the runner does (bash, inputs in INPUT_* variables, GITHUB_OUTPUT)
// with a gtctl built from this tree: word splitting of paths and args, the
// default report file per format, the outputs and the exit status.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/gtctl/gtctl/internal/testjob"
)

type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID    string            `yaml:"id"`
			Shell string            `yaml:"shell"`
			Run   string            `yaml:"run"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func TestActionLintStep(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	b, err := os.ReadFile(filepath.Join(hookRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action actionFile
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" {
		t.Fatalf("action.yml runs.using = %q", action.Runs.Using)
	}
	script := ""
	for _, s := range action.Runs.Steps {
		if s.ID == "lint" {
			script = s.Run
			if s.Shell != "bash" {
				t.Errorf("lint step shell = %q", s.Shell)
			}
			for name, expr := range s.Env {
				input := strings.TrimSuffix(strings.TrimPrefix(expr, "${{ inputs."), " }}")
				if _, ok := action.Inputs[input]; !ok || name != "INPUT_"+strings.ToUpper(input) {
					t.Errorf("lint step env %s: %s is not its input", name, expr)
				}
			}
		}
	}
	if script == "" {
		t.Fatal("action.yml has no step with id lint")
	}
	if got := action.Inputs["format"].Default; got != "sarif" {
		t.Errorf("format defaults to %q, want sarif", got)
	}

	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "gtctl"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := filepath.Join(tmp, "work")
	good := testjob.Spec{Name: "bird-boxes-2026-11", Manifest: testjob.S3Manifest, Labels: testjob.S3Labels, Template: testjob.S3Template}.YAML()
	testjob.WriteFile(t, work, "specs/two.yaml", good)
	testjob.WriteFile(t, work, "specs/bad.yaml", strings.Replace(good, "NumberOfHumanWorkersPerDataObject: 3", "NumberOfHumanWorkersPerDataObject: 12", 1))

	runStep := func(inputs map[string]string) (code int, stdout string, outputs map[string]string) {
		t.Helper()
		ghOut := filepath.Join(tmp, "github_output")
		os.Remove(ghOut)
		cmd := exec.Command(bash, "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "GITHUB_OUTPUT="+ghOut)
		for _, name := range []string{"paths", "format", "output", "args"} {
			v, ok := inputs[name]
			if !ok {
				v = action.Inputs[name].Default
			}
			cmd.Env = append(cmd.Env, "INPUT_"+strings.ToUpper(name)+"="+v)
		}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatal(err)
		}
		outputs = map[string]string{}
		data, _ := os.ReadFile(ghOut)
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				outputs[k] = v
			}
		}
		return cmd.ProcessState.ExitCode(), out.String(), outputs
	}

	// Paths on several lines, a report file by default for json.
	code, out, outputs := runStep(map[string]string{"format": "json", "paths": "specs/two.yaml\n  specs/bad.yaml\n"})
	if code != 1 || outputs["exit-code"] != "1" || outputs["output"] != "gtctl.json" {
		t.Errorf("json: exit %d, outputs %v\n%s", code, outputs, out)
	}
	var report struct {
		Files       int
		Diagnostics []struct{ Rule, File string }
	}
	data, err := os.ReadFile(filepath.Join(work, "gtctl.json"))
	if err != nil || json.Unmarshal(data, &report) != nil {
		t.Fatalf("gtctl.json: %v\n%s", err, data)
	}
	if report.Files != 2 || len(report.Diagnostics) != 1 || report.Diagnostics[0].Rule != "GT1190" || report.Diagnostics[0].File != "specs/bad.yaml" {
		t.Errorf("gtctl.json = %+v", report)
	}

	// The defaults: SARIF to gtctl.sarif, the current directory.
	code, out, outputs = runStep(map[string]string{})
	if code != 1 || outputs["output"] != "gtctl.sarif" {
		t.Errorf("defaults: exit %d, outputs %v\n%s", code, outputs, out)
	}
	var sarif struct {
		Version string
		Runs    []struct{ Results []struct{ RuleID string } }
	}
	if data, err := os.ReadFile(filepath.Join(work, "gtctl.sarif")); err != nil || json.Unmarshal(data, &sarif) != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) == 0 {
		t.Errorf("gtctl.sarif: %v %+v", err, sarif)
	}

	// Text goes to the log; a clean file exits 0.
	code, out, outputs = runStep(map[string]string{"format": "text", "paths": "specs/two.yaml"})
	if code != 0 || outputs["exit-code"] != "0" || outputs["output"] != "" || !strings.Contains(out, "0 errors") {
		t.Errorf("text: exit %d, outputs %v\n%s", code, outputs, out)
	}

	// An explicit output file and extra flags.
	code, out, outputs = runStep(map[string]string{"format": "text", "paths": "specs/bad.yaml", "output": "lint.txt", "args": "--strict --no-color"})
	if code != 1 || outputs["output"] != "lint.txt" {
		t.Errorf("output: exit %d, outputs %v\n%s", code, outputs, out)
	}
	if data, _ := os.ReadFile(filepath.Join(work, "lint.txt")); !strings.Contains(string(data), "specs/bad.yaml:20:38: error GT1190") {
		t.Errorf("lint.txt = %s", data)
	}

	// Inputs are data, not shell code.
	code, out, _ = runStep(map[string]string{"format": "text", "paths": "specs/two.yaml", "args": "$(touch pwned) `touch pwned`;touch pwned"})
	if _, err := os.Stat(filepath.Join(work, "pwned")); err == nil {
		t.Error("an input ran as shell code")
	}
	if code != 2 {
		t.Errorf("bogus args: exit %d, want 2 (usage)\n%s", code, out)
	}
}
