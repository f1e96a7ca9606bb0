// Package rules is the rule catalog: every rule's stable ID, severity,
// title, the AWS documentation it encodes and a few lines on what it means.
// Checks report by ID; reports, `gtctl rules` and `gtctl explain` read the
// same values, so the catalog is written once.
package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Severity of a finding.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Rule is one entry of the catalog.
type Rule struct {
	ID       string
	Severity Severity
	Title    string
	// Online rules need AWS read calls; they run only with --online and
	// during plan/apply.
	Online bool
	// File rules read a local artifact (label file, manifest, template).
	File bool
	// Source names the page the rule encodes, as in RULES.md ("api-docs",
	// "gt/sms-bounding-box.md", "model#LabelingJobName").
	Source string
	// URL is the public AWS page for Source.
	URL string
	// Doc says, in the project's words, what the rule checks and how to fix
	// a finding.
	Doc string
}

var catalog = map[string]*Rule{}

func add(rs ...Rule) bool {
	for i := range rs {
		r := rs[i]
		if r.URL == "" {
			r.URL = pageURL(r.Source)
		}
		if _, dup := catalog[r.ID]; dup {
			panic("rules: duplicate rule " + r.ID)
		}
		catalog[r.ID] = &r
	}
	return true
}

// Get returns the rule with the given ID.
func Get(id string) (*Rule, bool) {
	r, ok := catalog[id]
	return r, ok
}

// MustGet returns the rule with the given ID and panics when a check names
// a rule that is not in the catalog: a programming error caught by tests.
func MustGet(id string) *Rule {
	r, ok := catalog[id]
	if !ok {
		panic("rules: unknown rule " + id)
	}
	return r
}

// All returns every rule, ordered by ID.
func All() []*Rule {
	out := make([]*Rule, 0, len(catalog))
	for _, r := range catalog {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Suggest returns the IDs closest to an unknown one, for "did you mean".
func Suggest(id string) []string {
	id = strings.ToUpper(id)
	var out []string
	for k := range catalog {
		if strings.HasPrefix(k, id) || strings.HasPrefix(id, k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

const (
	apiURL = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateLabelingJob.html"
	gtURL  = "https://docs.aws.amazon.com/sagemaker/latest/dg/"
)

// pageURL maps a RULES.md source name to its public page.
func pageURL(source string) string {
	switch {
	case strings.HasPrefix(source, "gt/"):
		return gtURL + strings.TrimSuffix(strings.TrimPrefix(source, "gt/"), ".md") + ".html"
	case source == "seed":
		return gtURL + "sms-create-labeling-job-api.html"
	case strings.HasPrefix(source, "web:"):
		return strings.TrimPrefix(source, "web:")
	}
	return apiURL
}
