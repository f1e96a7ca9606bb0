// Package factsgen renders the facts of facts.cue as JSON. The linter
// decodes that JSON at start-up instead of compiling and decoding the CUE
// each time: a pre-commit hook runs gtctl once per commit, and the CUE
// stays the source (a test fails when facts_gen.json is stale).
package factsgen

import (
	"bytes"
	"encoding/json"
	"fmt"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
)

// Generate compiles facts.cue and returns its `facts` value as indented
// JSON.
func Generate(factsCUE []byte) ([]byte, error) {
	v := cuecontext.New().CompileBytes(factsCUE, cue.Filename("facts.cue"))
	if err := v.Err(); err != nil {
		return nil, err
	}
	f := v.LookupPath(cue.ParsePath("facts"))
	if err := f.Validate(cue.Concrete(true)); err != nil {
		return nil, fmt.Errorf("facts are not concrete: %w", err)
	}
	raw, err := f.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
