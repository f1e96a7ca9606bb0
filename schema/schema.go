// Package schema holds the CUE schema of a CreateLabelingJob spec: the
// structure generated from the SageMaker API model (api_gen.cue) and the
// hand-written Ground Truth facts and rules beside it. The files are
// embedded so that the binary needs nothing at run time.
package schema

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed *.cue
var files embed.FS

// FactsJSON is facts.cue's `facts` rendered as JSON by go generate, what
// the linter decodes at start-up.
//
//go:embed facts_gen.json
var FactsJSON []byte

// StructureFile is the generated structure, all that checking a request's
// members needs.
const StructureFile = "api_gen.cue"

// RequestDef is the definition every spec document must satisfy.
const RequestDef = "#CreateLabelingJobRequest"

// File is one embedded CUE source.
type File struct {
	Name string
	Data []byte
}

// Files returns the embedded CUE sources in name order.
func Files() []File {
	names, _ := fs.Glob(files, "*.cue")
	sort.Strings(names)
	out := make([]File, 0, len(names))
	for _, n := range names {
		b, _ := files.ReadFile(n)
		out = append(out, File{Name: n, Data: b})
	}
	return out
}
