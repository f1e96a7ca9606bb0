package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/rules/ruledoc"
)

// testdata/sarif-2.1.0.json is the official SARIF 2.1.0 JSON schema
// (OASIS, errata 01; its "id" is
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
// copied unchanged from the OASIS TC's repository, oasis-tcs/sarif-spec,
// file Schemata/sarif-schema-2.1.0.json at commit
// 0a8091f7d4057e57b6d8d9b56129e5f918747b34 (112,768 bytes). The digest
// below guards the copy against edits.
const sarifSchemaSHA256 = "ddddcccbf95c7c50c037b5b07eff4140556278ca574ff374db46786b5fce7949"

// sarifSchema compiles the official schema with a real JSON Schema
// validator (draft-04, formats asserted).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join(repoRoot, "pkg/report/testdata/sarif-2.1.0.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != sarifSchemaSHA256 {
		t.Fatalf("%s is not the official schema copy (sha256 %x)", path, sum)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const loc = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(loc, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(loc)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, out []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return sch.Validate(inst)
}

// The parts of a SARIF log the assertions read.
type sarifDoc struct {
	Schema string `json:"$schema"`
	Runs   []struct {
		Tool struct {
			Driver struct {
				Name, InformationURI, Version string
				Rules                         []struct {
					ID, Name, HelpURI    string
					ShortDescription     struct{ Text string }
					FullDescription      struct{ Text string }
					Help                 struct{ Text, Markdown string }
					DefaultConfiguration struct{ Level string }
				}
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           struct{ StartLine, StartColumn int }
				}
			}
			PartialFingerprints map[string]string
			Suppressions        []struct{ Kind, Justification string }
		}
		Properties struct{ Files, Jobs int }
	}
}

func TestSARIFValidAgainstOfficialSchema(t *testing.T) {
	sch := sarifSchema(t)
	rs := mixedResults(t)
	// A finding about a whole file has no position (line 0); SARIF
	// requires startLine >= 1.
	rs = append(rs, &lint.FileResult{Path: "specs/gone.yaml", Diagnostics: []diag.Diagnostic{{
		Rule: "GT1000", Severity: rules.Error, File: "specs/gone.yaml", Message: "cannot read file: permission denied",
	}}})
	out := render(t, "sarif", rs)
	if err := validate(t, sch, out); err != nil {
		t.Fatalf("SARIF output does not validate against the SARIF 2.1.0 schema:\n%v\n%s", err, out)
	}

	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	run := doc.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != "gtctl" || drv.InformationURI == "" || drv.Version == "" {
		t.Errorf("driver = %q %q %q", drv.Name, drv.InformationURI, drv.Version)
	}

	var want []diag.Diagnostic
	for _, r := range rs {
		want = append(want, r.Diagnostics...)
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results, want %d (one per finding, suppressed ones included)", len(run.Results), len(want))
	}
	levels := map[string]int{}
	fingerprints := map[string]bool{}
	usedRules := map[string]bool{}
	suppressed := 0
	for i, res := range run.Results {
		d := want[i]
		levels[res.Level]++
		usedRules[res.RuleID] = true
		if res.RuleID != d.Rule || res.Message.Text != d.Message {
			t.Errorf("result %d = %s %q, want %s %q", i, res.RuleID, res.Message.Text, d.Rule, d.Message)
		}
		if res.RuleIndex < 0 || res.RuleIndex >= len(drv.Rules) || drv.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d (%s): ruleIndex %d does not point at its rule", i, res.RuleID, res.RuleIndex)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d has %d locations", i, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.Region.StartLine < 1 {
			t.Errorf("result %d (%s %s): startLine %d, want >= 1", i, res.RuleID, d.File, loc.Region.StartLine)
		}
		if d.Line >= 1 && (loc.Region.StartLine != d.Line || loc.Region.StartColumn != d.Column) {
			t.Errorf("result %d: region %d:%d, want %d:%d", i, loc.Region.StartLine, loc.Region.StartColumn, d.Line, d.Column)
		}
		uri := loc.ArtifactLocation.URI
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || strings.HasPrefix(uri, "/") || strings.Contains(uri, `\`) || strings.HasPrefix(uri, "./") {
			t.Errorf("result %d: artifact %q base %q, want a relative forward-slash URI on %%SRCROOT%%", i, uri, loc.ArtifactLocation.URIBaseID)
		}
		fp := res.PartialFingerprints["gtctl/v1"]
		if fp == "" || fingerprints[fp] {
			t.Errorf("result %d: fingerprint %q empty or not unique", i, fp)
		}
		fingerprints[fp] = true
		if d.Suppressed != "" {
			suppressed++
			if len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "inSource" || res.Suppressions[0].Justification != d.Suppressed {
				t.Errorf("result %d: suppressions %+v, want inSource %q", i, res.Suppressions, d.Suppressed)
			}
		} else if len(res.Suppressions) != 0 {
			t.Errorf("result %d: unexpected suppressions %+v", i, res.Suppressions)
		}
	}
	for _, l := range []string{"error", "warning", "note"} {
		if levels[l] == 0 {
			t.Errorf("no result with level %q (levels %v)", l, levels)
		}
	}
	if suppressed == 0 {
		t.Error("no suppressed result")
	}

	// The rules are those the results use, each fully described from the
	// catalog, with the same help text as gtctl explain.
	if len(drv.Rules) != len(usedRules) {
		t.Errorf("%d rules described, %d used", len(drv.Rules), len(usedRules))
	}
	for i, rd := range drv.Rules {
		if i > 0 && drv.Rules[i-1].ID >= rd.ID {
			t.Errorf("rules not sorted by ID: %s before %s", drv.Rules[i-1].ID, rd.ID)
		}
		r := rules.MustGet(rd.ID)
		if rd.Name == "" || strings.ContainsAny(rd.Name, " ,/") {
			t.Errorf("%s: name %q is not an identifier", rd.ID, rd.Name)
		}
		if rd.ShortDescription.Text != r.Title || rd.FullDescription.Text != ruledoc.Paragraph(r.Doc) || rd.HelpURI != r.URL {
			t.Errorf("%s: descriptions or helpUri differ from the catalog", rd.ID)
		}
		if rd.Help.Text != ruledoc.Text(r) || !strings.Contains(rd.Help.Markdown, r.URL) {
			t.Errorf("%s: help is not the catalog's text", rd.ID)
		}
		if rd.DefaultConfiguration.Level != sarifLevel(r.Severity) {
			t.Errorf("%s: default level %q, want %q", rd.ID, rd.DefaultConfiguration.Level, sarifLevel(r.Severity))
		}
	}
	if run.Properties.Files != len(rs) {
		t.Errorf("properties.files = %d, want %d", run.Properties.Files, len(rs))
	}

	// The same findings give the same bytes: nothing depends on time, map
	// order or the machine.
	if again := render(t, "sarif", rs); !bytes.Equal(out, again) {
		t.Error("SARIF output differs between two renderings of the same results")
	}
}

// The validator is live: output that breaks the schema is rejected.
func TestSARIFSchemaRejectsInvalid(t *testing.T) {
	sch := sarifSchema(t)
	rs := lintFiles(t, lint.Input{Path: "testdata/rules/GT3010.yaml"})
	out := render(t, "sarif", rs)
	if err := validate(t, sch, out); err != nil {
		t.Fatalf("valid output rejected: %v", err)
	}
	for name, mutate := range map[string]func(string) string{
		"startLine 0":   func(s string) string { return strings.Replace(s, `"startLine": 23`, `"startLine": 0`, 1) },
		"level info":    func(s string) string { return strings.Replace(s, `"level": "error"`, `"level": "info"`, 1) },
		"version 2.0.0": func(s string) string { return strings.Replace(s, `"version": "2.1.0"`, `"version": "2.0.0"`, 1) },
		"relative helpUri": func(s string) string {
			return strings.Replace(s, `"helpUri": "https://`, `"helpUri": "docs/`, 1)
		},
		"unknown member": func(s string) string {
			return strings.Replace(s, `"ruleId"`, `"rule_id": "x", "ruleId"`, 1)
		},
	} {
		bad := mutate(string(out))
		if bad == string(out) {
			t.Fatalf("%s: mutation did not apply", name)
		}
		if err := validate(t, sch, []byte(bad)); err == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

func TestSARIFNoFindings(t *testing.T) {
	sch := sarifSchema(t)
	out := render(t, "sarif", []*lint.FileResult{{Path: "specs/ok.yaml", Jobs: 1}})
	if err := validate(t, sch, out); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	// An empty results array (not a missing one) says the scan ran and
	// found nothing, which closes open code scanning alerts.
	if !bytes.Contains(out, []byte(`"results": []`)) || len(doc.Runs[0].Tool.Driver.Rules) != 0 {
		t.Errorf("want empty results and rules:\n%s", out)
	}
}

func TestSARIFFingerprintStable(t *testing.T) {
	d := diag.Diagnostic{Rule: "GT3010", File: "specs/a.yaml", Line: 3, Column: 4, Path: "HumanTaskConfig.TaskTimeLimitInSeconds", Job: "a", Message: "got 36,000"}
	moved := d
	moved.Line, moved.Column, moved.Message = 40, 2, "got 40,000"
	a, b := fingerprint(d, map[string]int{}), fingerprint(moved, map[string]int{})
	if a != b {
		t.Errorf("fingerprint changed with line and message: %s != %s", a, b)
	}
	other := d
	other.Job = "b"
	if fingerprint(other, map[string]int{}) == a {
		t.Error("fingerprint ignores the job")
	}
	seen := map[string]int{}
	first := fingerprint(d, seen)
	if second := fingerprint(d, seen); first == second {
		t.Error("two findings with the same rule, file, path and job share a fingerprint")
	}
}

func TestSARIFURI(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ file, uri, base string }{
		{"specs/birds.yaml", "specs/birds.yaml", "%SRCROOT%"},
		{"./specs/birds.yaml", "specs/birds.yaml", "%SRCROOT%"},
		{"specs/my birds#1.yaml", "specs/my%20birds%231.yaml", "%SRCROOT%"},
		{"<stdin>", "%3Cstdin%3E", "%SRCROOT%"},
		{"../shared/a.yaml", "../shared/a.yaml", "%SRCROOT%"},
		{filepath.Join(wd, "specs", "a.yaml"), "specs/a.yaml", "%SRCROOT%"},
		{"/elsewhere/a.yaml", "file:///elsewhere/a.yaml", ""},
	}
	for _, tt := range tests {
		uri, base := sarifURI(tt.file)
		if uri != tt.uri || base != tt.base {
			t.Errorf("sarifURI(%q) = %q, %q; want %q, %q", tt.file, uri, base, tt.uri, tt.base)
		}
	}
}

func TestPascalCase(t *testing.T) {
	tests := map[string]string{
		"TaskTimeLimitInSeconds above 8 hours for image, text and custom jobs": "TaskTimeLimitInSecondsAbove8HoursForImageTextAndCustomJobs",
		"Private/vendor availability above 30 days":                            "PrivateVendorAvailabilityAbove30Days",
		"LabelAttributeName must end with `-ref`":                              "LabelAttributeNameMustEndWithRef",
		"3D point cloud": "3DPointCloud",
	}
	for in, want := range tests {
		if got := pascalCase(in); got != want {
			t.Errorf("pascalCase(%q) = %q, want %q", in, got, want)
		}
	}
	// Every rule gets a distinct name.
	names := map[string]string{}
	for _, r := range rules.All() {
		n := pascalCase(r.Title)
		if prev, dup := names[n]; dup {
			t.Errorf("%s and %s share the SARIF name %q", prev, r.ID, n)
		}
		names[n] = r.ID
	}
}
