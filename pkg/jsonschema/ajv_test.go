package jsonschema

// These tests check the generated schema with a real JSON Schema validator
// (ajv), with the validator editors use (yaml-language-server, editor_test.go)
// and the translated patterns with node's RegExp. They need node and the
// pinned packages under tools/jsonschema:
//
//	npm ci --prefix tools/jsonschema
//
// Without them the tests skip, unless GTCTL_REQUIRE_TOOLS=1 (CI), where
// they fail.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/gtctl/gtctl/pkg/checks"
)

const repoRoot = "../.."

var toolsDir = filepath.Join(repoRoot, "tools", "jsonschema")

// node returns the node executable, or skips (fails with
// GTCTL_REQUIRE_TOOLS=1) when node or the npm packages are missing.
func node(t *testing.T) string {
	t.Helper()
	var missing string
	exe, err := exec.LookPath("node")
	if err != nil {
		missing = "node is not installed"
	} else {
		for _, pkg := range []string{"ajv", "ajv-formats", "yaml", "yaml-language-server", "vscode-languageserver-textdocument"} {
			if _, err := os.Stat(filepath.Join(toolsDir, "node_modules", pkg, "package.json")); err != nil {
				missing = "tools/jsonschema/node_modules/" + pkg + " is missing"
				break
			}
		}
	}
	if missing != "" {
		msg := missing + "; to run these tests install Node 20+ and run: npm ci --prefix tools/jsonschema"
		if os.Getenv("GTCTL_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg + " (GTCTL_REQUIRE_TOOLS=1)")
		}
		t.Skip(msg)
	}
	return exe
}

// result is one document's verdict from validate.mjs --json.
type result struct {
	File   string     `json:"file"`
	Doc    int        `json:"doc"`
	Valid  bool       `json:"valid"`
	Errors []ajvError `json:"errors"`
}

type ajvError struct {
	InstancePath string         `json:"instancePath"`
	Keyword      string         `json:"keyword"`
	Message      string         `json:"message"`
	Params       map[string]any `json:"params"`
}

func (e ajvError) String() string {
	return fmt.Sprintf("%s: %s: %s", orRoot(e.InstancePath), e.Keyword, e.Message)
}

func orRoot(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// validate runs validate.mjs over files (relative to the repository root)
// against the generated schema and returns the verdicts by file.
func validate(t *testing.T, files []string) map[string][]result {
	t.Helper()
	exe := node(t)
	b, err := Generate(compile(t))
	if err != nil {
		t.Fatal(err)
	}
	schemaFile := filepath.Join(t.TempDir(), "gtctl.schema.json")
	if err := os.WriteFile(schemaFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, append([]string{filepath.Join("tools", "jsonschema", "validate.mjs"), "--json", schemaFile}, files...)...)
	cmd.Dir = repoRoot
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 {
		t.Fatalf("validate.mjs: %v\n%s", err, stderr.String())
	}
	var results []result
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
		t.Fatalf("validate.mjs output: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	out := map[string][]result{}
	for _, r := range results {
		out[r.File] = append(out[r.File], r)
	}
	for _, f := range files {
		if len(out[f]) == 0 {
			t.Fatalf("validate.mjs reported nothing for %s", f)
		}
	}
	return out
}

func glob(t *testing.T, patterns ...string) []string {
	t.Helper()
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(filepath.Join(repoRoot, p))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			rel, _ := filepath.Rel(repoRoot, f)
			out = append(out, filepath.ToSlash(rel))
		}
	}
	sort.Strings(out)
	return out
}

// isSpec reports whether every document of a file is a mapping with a
// request member: specs/ also holds other YAML and JSON (label files).
func isSpec(t *testing.T, file string) bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, file))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	n := 0
	for ; ; n++ {
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return false
		}
		if doc["LabelingJobName"] == nil && doc["HumanTaskConfig"] == nil {
			return false
		}
	}
	return n > 0
}

// markers returns the "# accept" / "# reject: PATH KEYWORD" lines of a
// testdata/jsonschema fixture.
func markers(t *testing.T, file string) (accept bool, rejects []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, file))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "# accept" {
			accept = true
		}
		if r, ok := strings.CutPrefix(line, "# reject: "); ok {
			rejects = append(rejects, strings.TrimSpace(r))
		}
	}
	if accept == (len(rejects) > 0) {
		t.Fatalf("%s needs either '# accept' or '# reject: PATH KEYWORD' lines", file)
	}
	return accept, rejects
}

func TestAjvAcceptsValidSpecs(t *testing.T) {
	var files []string
	for _, f := range glob(t, "specs/*.yaml", "specs/*.yml", "specs/*.json") {
		if isSpec(t, f) {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		t.Fatal("no specs under specs/")
	}
	files = append(files, glob(t, "testdata/valid/*.yaml", "testdata/valid/*.yml", "testdata/valid/*.json")...)
	for _, f := range glob(t, "testdata/jsonschema/*.yaml") {
		if accept, _ := markers(t, f); accept {
			files = append(files, f)
		}
	}
	res := validate(t, files)
	for _, f := range files {
		for _, r := range res[f] {
			if !r.Valid {
				t.Errorf("%s (document %d) is a valid spec, but the JSON Schema rejects it:\n\t%s", f, r.Doc+1, joinErrors(r.Errors))
			}
		}
	}
	t.Logf("%d valid spec files accepted", len(files))
}

func TestAjvRejectsMistakes(t *testing.T) {
	// want: instancePath and keyword of an error the file must produce.
	want := map[string][]string{
		"testdata/rules/GT1010.yaml":             {"/HumanTaskConfig additionalProperties"}, // unknown member
		"testdata/rules/GT1010_typo.yaml":        {"/HumanTaskConfig additionalProperties"}, // unknown member
		"testdata/rules/GT1000_int.yaml":         {"/HumanTaskConfig/NumberOfHumanWorkersPerDataObject type"},
		"testdata/rules/GT1000_quoted.yaml":      {"/HumanTaskConfig/TaskTimeLimitInSeconds type"}, // "600" is a string
		"testdata/rules/GT1000_string.yaml":      {"/LabelAttributeName type"},                     // 2026 is an integer
		"testdata/rules/GT1190.yaml":             {"/HumanTaskConfig/NumberOfHumanWorkersPerDataObject maximum"},
		"testdata/rules/GT1000_list.yaml":        nil, // any rejection
		"testdata/rules/GT1000_mapping.yaml":     nil,
		"testdata/rules/GT1000_bool.yaml":        nil,
		"testdata/rules/GT1020.yaml":             nil,
		"testdata/rules/GT1020_nested.yaml":      nil,
		"testdata/rules/GT1170.yaml":             nil,
		"testdata/rules/GT1240.yaml":             nil,
		"testdata/rules/GT1120_item.yaml":        nil,
		"testdata/rules/GT1160.yaml":             nil,
		"testdata/rules/GT1230.yaml":             nil,
		"testdata/rules/GT1010_tags_nested.yaml": nil,
	}
	for _, f := range glob(t, "testdata/jsonschema/*.yaml") {
		if accept, rejects := markers(t, f); !accept {
			want[f] = rejects
		}
	}
	var files []string
	for f := range want {
		if _, err := os.Stat(filepath.Join(repoRoot, f)); err != nil {
			t.Errorf("fixture %s: %v", f, err)
			continue
		}
		files = append(files, f)
	}
	sort.Strings(files)
	res := validate(t, files)
	for _, f := range files {
		var errs []ajvError
		rejected := false
		for _, r := range res[f] {
			rejected = rejected || !r.Valid
			errs = append(errs, r.Errors...)
		}
		if !rejected {
			t.Errorf("%s: the JSON Schema accepts it", f)
			continue
		}
		for _, w := range want[f] {
			path, keyword, _ := strings.Cut(w, " ")
			found := false
			for _, e := range errs {
				found = found || orRoot(e.InstancePath) == path && e.Keyword == keyword
			}
			if !found {
				t.Errorf("%s: no %s error at %s; got:\n\t%s", f, keyword, path, joinErrors(errs))
			}
		}
	}
}

// The JSON Schema must never be stricter than gtctl lint: every error it
// reports on a rule fixture must be at (or inside, or around) a member the
// fixture's "# want:" lines name. Fixtures list every finding lint makes.
func TestAjvAgreesWithLintFixtures(t *testing.T) {
	files := glob(t, "testdata/rules/*.yaml")
	res := validate(t, files)
	wantRE := regexp.MustCompile(`(?m)^# want: (GT\d+) (\S+)`)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, m := range wantRE.FindAllStringSubmatch(string(data), -1) {
			paths = append(paths, m[2])
		}
		for _, r := range res[f] {
			for _, e := range r.Errors {
				if e.Keyword == "parse" || e.Keyword == "empty" || slicesContains(paths, "-") {
					continue // a document that does not parse: lint says GT1000 too
				}
				p := memberPath(e)
				ok := false
				for _, w := range paths {
					ok = ok || related(p, w)
				}
				if !ok {
					t.Errorf("%s: the JSON Schema reports %s (member %q), but lint wants findings only at %v", f, e, p, paths)
				}
			}
		}
	}
}

// memberPath turns an ajv error into lint's path syntax (Tags[0].Key).
func memberPath(e ajvError) string {
	var b strings.Builder
	for _, part := range strings.Split(strings.TrimPrefix(e.InstancePath, "/"), "/") {
		switch {
		case part == "":
		case isIndex(part):
			b.WriteString("[" + part + "]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~"))
		}
	}
	// An unknown member is its own path; a missing one is the mapping's
	// (lint may report it at a sibling, as GT7105 does).
	if name, ok := e.Params["additionalProperty"].(string); ok {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(name)
	}
	return b.String()
}

func isIndex(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// related reports whether a and b are the same member or one holds the
// other.
func related(a, b string) bool {
	within := func(inner, outer string) bool {
		return outer == "" || inner == outer || strings.HasPrefix(inner, outer+".") || strings.HasPrefix(inner, outer+"[")
	}
	return within(a, b) || within(b, a)
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func joinErrors(errs []ajvError) string {
	var s []string
	for _, e := range errs {
		s = append(s, e.String())
	}
	return strings.Join(s, "\n\t")
}

// Every translated pattern must compile under ECMA-262 "u" and match
// exactly the strings its RE2 original matches; LocalPathPattern must agree
// with checks.IsLocal.
func TestPatternsMatchRE2(t *testing.T) {
	exe := node(t)
	_, pats, err := build(compile(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(pats) == 0 {
		t.Fatal("no patterns translated")
	}
	inputs := corpus(t)
	req := struct {
		Patterns []string `json:"patterns"`
		Inputs   []string `json:"inputs"`
	}{Inputs: inputs}
	for _, p := range pats {
		req.Patterns = append(req.Patterns, p.ecma)
	}
	req.Patterns = append(req.Patterns, LocalPathPattern)
	body, _ := json.Marshal(req)
	cmd := exec.Command(exe, filepath.Join(toolsDir, "regex.mjs"))
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("regex.mjs: %v\n%s", err, stderr.String())
	}
	var resp struct {
		Results []struct {
			Error   string `json:"error"`
			Matches []bool `json:"matches"`
		} `json:"results"`
	}
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Results) != len(req.Patterns) {
		t.Fatalf("regex.mjs answered %d patterns, want %d", len(resp.Results), len(req.Patterns))
	}
	for i, r := range resp.Results {
		if r.Error != "" {
			t.Errorf("pattern %q does not compile as ECMA-262 (u): %s", req.Patterns[i], r.Error)
			continue
		}
		var name string
		var want func(string) bool
		if i < len(pats) {
			re := regexp.MustCompile(pats[i].re2)
			name, want = fmt.Sprintf("%q (RE2 %q)", pats[i].ecma, pats[i].re2), re.MatchString
		} else {
			name, want = "LocalPathPattern", checks.IsLocal
		}
		for j, s := range inputs {
			if r.Matches[j] != want(s) {
				t.Errorf("pattern %s on %q: ECMA-262 says %v, Go says %v", name, s, r.Matches[j], want(s))
			}
		}
	}
	t.Logf("%d patterns × %d inputs agree", len(req.Patterns), len(inputs))
}

// corpus is every string value in the fixtures and specs, plus strings
// that probe where RE2 and ECMA-262 differ.
func corpus(t *testing.T) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range []string{
		"", "a", "-", "a-b", "a--b", "-a", "a-", "A1 B2", "A1  B2", " A1", "x_y", "ab\rcd", "ab\ncd", "ab\r\ncd", "\t",
		"x\u2028y", "x\u2029y", "x\u0085y", "\u00a0", "\u3000", "\v", "\f",
		"s3://bucket/key", "s3://bucket", "s3://bucket/", "S3://bucket/key", "s3:/bucket/key", "https://b.s3.amazonaws.com/k",
		"http://b/k", "ftp://b/k", "s3://", "s3:///k",
		"./data/birds.manifest", "data/birds.manifest", "../outside.json", "/srv/data.json", `\\server\share`, `C:\data`,
		"data/x://y", "labels.json\n",
		"arn:aws:iam::111122223333:role/GroundTruth", "arn:aws:iam::111122223333:role/", "arn:aws:iam::11112222333:role/x",
		"arn:aws-cn:iam::111122223333:role/a/b+c=d,e.f@g-h_i", "arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:f",
		"arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox", "arn:aws:lambda:us-east-1:432418664414:function:",
		"arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/BoundingBox", "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/x\n",
		"arn:aws:sns:us-east-1:111122223333:topic.name-1_x", "arn:aws:sns:us-east-1:111122223333:topic name",
		"arn:aws:sagemaker:us-east-1:111122223333:model/m", "arn:x", "arn:\r",
		"Équipe", "vision par ordinateur", "tag: value=+@/-", "tag(x)", "日本語 ラベル", "١٢٣", "Ⅻ", "x\u200by",
		"Draw a box 🐦", "\ud7ff", "\ue000", "\ufffd", "\ufffe", "\u0001", "\u007f",
		"1234abcd-12ab-34cd-56ef-1234567890ab", "alias/aws/s3", "key:with/slash_and-dash", "sg-0123456789abcdef0", "subnet_1",
		"FreeOfAdultContent", "FreeOfPersonallyIdentifiableInformation",
	} {
		add(s)
	}
	for _, f := range glob(t, "specs/*.yaml", "testdata/valid/*.yaml", "testdata/rules/*.yaml", "testdata/jsonschema/*.yaml") {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var n yaml.Node
			if err := dec.Decode(&n); err != nil {
				break // EOF, or a fixture that does not parse (its earlier documents count)
			}
			var walkNode func(*yaml.Node)
			walkNode = func(n *yaml.Node) {
				if n.Kind == yaml.ScalarNode {
					add(n.Value)
				}
				for _, c := range n.Content {
					walkNode(c)
				}
			}
			walkNode(&n)
		}
	}
	return out
}
