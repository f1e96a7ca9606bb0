// Package diag holds a finding: what the linter reports about one place in
// one file.
package diag

import (
	"sort"

	"github.com/gtctl/gtctl/pkg/rules"
)

// Diagnostic is one finding, in the shape of the JSON output contract.
type Diagnostic struct {
	Rule     string         `json:"rule"`
	Severity rules.Severity `json:"-"`
	File     string         `json:"file"`
	Line     int            `json:"line"`
	Column   int            `json:"column"`
	Path     string         `json:"path,omitempty"`
	Job      string         `json:"job,omitempty"`
	Message  string         `json:"message"`
	// Suppressed is set when an inline or config suppression silenced it;
	// such findings are kept in machine formats, never vanish.
	Suppressed string `json:"-"`
}

// Sort orders findings by file, position and rule, so output is stable
// whatever order the workers finished in.
func Sort(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}
