package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/rules/ruledoc"
)

// Version is the gtctl version SARIF output names (tool.driver.version).
// cmd/gtctl sets it from its own version; when it is empty the module
// version from the build information is used, or "dev".
var Version string

const (
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	informationURI = "https://github.com/gtctl/gtctl"
	// srcRoot is the uriBaseId of every artifact: paths are relative to the
	// directory gtctl ran in, the repository root in CI.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names gtctl's partial fingerprint; the version suffix
	// changes if the hashed fields ever do.
	fingerprintKey = "gtctl/v1"
)

func toolVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// The SARIF 2.1.0 objects gtctl writes: the subset of the schema it needs.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		Results    []sarifResult `json:"results"`
		ColumnKind string        `json:"columnKind"`
		Properties sarifRunProps `json:"properties"`
	}
	// sarifRunProps repeats the counts of the JSON format's summary.
	sarifRunProps struct {
		Files int `json:"files"`
		Jobs  int `json:"jobs"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string          `json:"name"`
		InformationURI string          `json:"informationUri"`
		Version        string          `json:"version"`
		Rules          []sarifRuleDesc `json:"rules"`
	}
	sarifRuleDesc struct {
		ID                   string          `json:"id"`
		Name                 string          `json:"name,omitempty"`
		ShortDescription     *sarifText      `json:"shortDescription,omitempty"`
		FullDescription      *sarifText      `json:"fullDescription,omitempty"`
		HelpURI              string          `json:"helpUri,omitempty"`
		Help                 *sarifText      `json:"help,omitempty"`
		DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
		Properties           *sarifRuleProps `json:"properties,omitempty"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProps struct {
		Tags []string `json:"tags,omitempty"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifText          `json:"message"`
		Locations           []sarifLocation    `json:"locations"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		Properties          *sarifResultProps  `json:"properties,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical  `json:"physicalLocation"`
		LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifLogical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	}
	sarifResultProps struct {
		Job string `json:"job,omitempty"`
	}
)

// sarifWriter collects findings and writes the log on Close: the rules
// array, which results index into, is known only when every finding is in.
// Memory grows with the number of findings, not of files.
type sarifWriter struct {
	w     io.Writer
	diags []diag.Diagnostic
}

func newSARIF(w io.Writer) *sarifWriter { return &sarifWriter{w: w} }

func (s *sarifWriter) File(r *lint.FileResult) error {
	s.diags = append(s.diags, r.Diagnostics...)
	return nil
}

// Close writes the log. Only the rules that have results are described
// (sorted by ID), so the output stays proportional to the findings; each
// description carries the rule's full documentation.
func (s *sarifWriter) Close(files, jobs int) error {
	ids := map[string]int{}
	var used []string
	for _, d := range s.diags {
		if _, ok := ids[d.Rule]; !ok {
			ids[d.Rule] = 0
			used = append(used, d.Rule)
		}
	}
	sort.Strings(used)
	descs := make([]sarifRuleDesc, 0, len(used))
	for i, id := range used {
		ids[id] = i
		descs = append(descs, ruleDescriptor(id, s.diags))
	}
	results := make([]sarifResult, 0, len(s.diags))
	seen := map[string]int{}
	for _, d := range s.diags {
		results = append(results, sarifResultOf(d, ids[d.Rule], seen))
	}
	log := sarifLog{
		Schema:  sarifSchemaURI,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           "gtctl",
				InformationURI: informationURI,
				Version:        toolVersion(),
				Rules:          descs,
			}},
			Results: results,
			// Lines and columns are 1-based and count characters (code
			// points), in specs and in referenced files alike.
			ColumnKind: "unicodeCodePoints",
			Properties: sarifRunProps{Files: files, Jobs: jobs},
		}},
	}
	enc := json.NewEncoder(s.w)
	enc.SetEscapeHTML(false) // messages quote <crowd-form> and the like
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// ruleDescriptor describes a rule from the catalog. A finding whose rule is
// not in the catalog (which tests rule out) still gets a descriptor, so
// ruleIndex stays valid.
func ruleDescriptor(id string, ds []diag.Diagnostic) sarifRuleDesc {
	r, ok := rules.Get(id)
	if !ok {
		level := "warning"
		for _, d := range ds {
			if d.Rule == id {
				level = sarifLevel(d.Severity)
				break
			}
		}
		return sarifRuleDesc{ID: id, DefaultConfiguration: sarifConfig{Level: level}}
	}
	var tags []string
	if r.Online {
		tags = append(tags, "online")
	}
	if r.File {
		tags = append(tags, "file")
	}
	desc := sarifRuleDesc{
		ID:                   r.ID,
		Name:                 pascalCase(r.Title),
		ShortDescription:     &sarifText{Text: r.Title},
		FullDescription:      &sarifText{Text: ruledoc.Paragraph(r.Doc)},
		HelpURI:              r.URL,
		Help:                 &sarifText{Text: ruledoc.Text(r), Markdown: "**" + r.ID + ": " + r.Title + "**\n\n" + ruledoc.Body(r, nil)},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
	}
	if len(tags) > 0 {
		desc.Properties = &sarifRuleProps{Tags: tags}
	}
	return desc
}

func sarifResultOf(d diag.Diagnostic, index int, seen map[string]int) sarifResult {
	uri, base := sarifURI(d.File)
	line, col := d.Line, d.Column
	if line < 1 {
		// A finding about a whole file (it cannot be read, it is empty)
		// points at its start: SARIF regions are 1-based, and code
		// scanning drops results without a line.
		line, col = 1, 1
	}
	if col < 1 {
		col = 0 // omitted
	}
	res := sarifResult{
		RuleID:    d.Rule,
		RuleIndex: index,
		Level:     sarifLevel(d.Severity),
		Message:   sarifText{Text: d.Message},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: base},
			Region:           sarifRegion{StartLine: line, StartColumn: col},
		}}},
		PartialFingerprints: map[string]string{fingerprintKey: fingerprint(d, seen)},
	}
	if d.Path != "" {
		res.Locations[0].LogicalLocations = []sarifLogical{{FullyQualifiedName: d.Path, Kind: "member"}}
	}
	if d.Job != "" {
		res.Properties = &sarifResultProps{Job: d.Job}
	}
	if d.Suppressed != "" {
		res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: d.Suppressed}}
	}
	return res
}

// fingerprint identifies a finding across runs: a hash of its rule, file,
// member path and job, which survive edits elsewhere in the file (unlike
// the line, and unlike the message, which quotes the value). Findings that
// share all four are told apart by their order.
func fingerprint(d diag.Diagnostic, seen map[string]int) string {
	key := d.Rule + "\x00" + filepath.ToSlash(d.File) + "\x00" + d.Path + "\x00" + d.Job
	n := seen[key]
	seen[key] = n + 1
	if n > 0 {
		key += "\x00" + strconv.Itoa(n)
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// sarifURI turns a finding's file into a URI reference relative to
// %SRCROOT% (the working directory), with forward slashes and percent
// escapes. An absolute path outside the working directory becomes a file:
// URI with no base.
func sarifURI(file string) (uri, base string) {
	p := filepath.Clean(file)
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				p = rel
			}
		}
	}
	p = filepath.ToSlash(p)
	if strings.HasPrefix(p, "/") || filepath.IsAbs(filepath.FromSlash(p)) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path
		}
		return (&url.URL{Scheme: "file", Path: p}).String(), ""
	}
	return (&url.URL{Path: p}).String(), srcRoot
}

// pascalCase turns a rule title into an identifier for SARIF's name:
// "Private/vendor availability above 30 days" becomes
// "PrivateVendorAvailabilityAbove30Days". Words keep their inner case, so
// member names (TaskTimeLimitInSeconds) stay recognisable.
func pascalCase(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	return b.String()
}
