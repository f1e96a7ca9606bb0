// Package groundtruth knows Ground Truth: the documented facts tables
// (decoded from the CUE schema), ARNs, and how a request resolves to a task
// type, a Region and a workforce (RULES.md §0.4 and GT4000).
package groundtruth

import (
	"encoding/json"
	"fmt"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/parser"

	"github.com/gtctl/gtctl/schema"
)

// Region is one Region where Ground Truth's built-in Lambdas exist.
type Region struct {
	Name          string `json:"name"`
	LambdaAccount string `json:"lambdaAccount"`
	VPCEndpoint   string `json:"vpcEndpoint"`
}

// TaskType is one row of RULES.md §1.
type TaskType struct {
	Key                 string `json:"-"`
	Group               string `json:"group"`
	UI                  string `json:"ui"`
	HumanTaskUI         string `json:"humanTaskUi"`
	CrowdElement        string `json:"crowdElement"`
	LabelRef            string `json:"labelRef"`
	MTurk               bool   `json:"mturk"`
	PriceList           string `json:"priceList"`
	ADL                 string `json:"adl"`
	ADLAlgorithm        string `json:"adlAlgorithm"`
	Workers             string `json:"workers"`
	MaxTaskTimeSeconds  int64  `json:"maxTaskTimeSeconds"`
	WarnTaskTimeSeconds int64  `json:"warnTaskTimeSeconds"`
	LabelsMin           int    `json:"labelsMin"`
	LabelsMax           int    `json:"labelsMax"`
	LabelsMaxWithADL    int    `json:"labelsMaxWithADL"`
	ManifestKey         string `json:"manifestKey"`
	ManifestKind        string `json:"manifestKind"`
	MaxObjects          int    `json:"maxObjects"`
	Audit               string `json:"audit"`
}

// Frame reports whether the type uses the video-frame / point-cloud formats.
func (t *TaskType) Frame() bool { return t.Group == "VIDEOFRAME" || t.Group == "POINTCLOUD" }

// Custom reports whether the type is a custom workflow (own Lambdas or
// PassThrough).
func (t *TaskType) Custom() bool { return t.Group == "CUSTOM" }

// Facts are the tables of RULES.md §1–§2.
type Facts struct {
	Regions          map[string]Region    `json:"regions"`
	UIAccount        string               `json:"uiAccount"`
	AlgorithmAccount string               `json:"algorithmAccount"`
	HumanTaskUIs     []string             `json:"humanTaskUis"`
	Algorithms       []string             `json:"algorithms"`
	PriceLists       map[string][]int     `json:"priceLists"`
	Aliases          map[string]string    `json:"aliases"`
	TaskTypes        map[string]*TaskType `json:"taskTypes"`

	lambdaAccounts map[string]string // account -> region
}

// Compile builds the embedded schema package into ctx. The files are one
// CUE package, so they are built as one instance: hand-written rules may
// refer to the generated definitions.
func Compile(ctx *cue.Context) (cue.Value, error) {
	inst := build.NewContext().NewInstance("schema", nil)
	for _, f := range schema.Files() {
		file, err := parser.ParseFile(f.Name, f.Data, parser.ParseComments)
		if err != nil {
			return cue.Value{}, fmt.Errorf("schema %s: %w", f.Name, err)
		}
		if err := inst.AddSyntax(file); err != nil {
			return cue.Value{}, fmt.Errorf("schema %s: %w", f.Name, err)
		}
	}
	v := ctx.BuildInstance(inst)
	return v, v.Err()
}

var (
	loadOnce  sync.Once
	loaded    *Facts
	loadedErr error
)

// Load decodes the facts, once per process, from the JSON that go generate
// renders from facts.cue (schema.FactsJSON).
func Load() (*Facts, error) {
	loadOnce.Do(func() {
		var f Facts
		if err := json.Unmarshal(schema.FactsJSON, &f); err != nil {
			loadedErr = fmt.Errorf("schema facts: %w", err)
			return
		}
		f.index()
		loaded = &f
	})
	return loaded, loadedErr
}

// CompileStructure builds only the generated structure (api_gen.cue): the
// member constraints, without the facts.
func CompileStructure(ctx *cue.Context) (cue.Value, error) {
	for _, f := range schema.Files() {
		if f.Name != schema.StructureFile {
			continue
		}
		v := ctx.CompileBytes(f.Data, cue.Filename(f.Name))
		return v, v.Err()
	}
	return cue.Value{}, fmt.Errorf("schema: %s is not embedded", schema.StructureFile)
}

// Decode reads the facts from a compiled schema.
func Decode(v cue.Value) (*Facts, error) {
	var f Facts
	if err := v.LookupPath(cue.ParsePath("facts")).Decode(&f); err != nil {
		return nil, fmt.Errorf("schema facts: %w", err)
	}
	f.index()
	return &f, nil
}

func (f *Facts) index() {
	f.lambdaAccounts = map[string]string{}
	for name, r := range f.Regions {
		f.lambdaAccounts[r.LambdaAccount] = name
	}
	for k, t := range f.TaskTypes {
		t.Key = k
	}
}

// IsLambdaAccount reports whether account hosts Ground Truth's built-in
// Lambdas in some Region.
func (f *Facts) IsLambdaAccount(account string) bool {
	_, ok := f.lambdaAccounts[account]
	return ok
}

// Price lists in mills for a task type; nil when none is documented.
func (f *Facts) PriceList(t *TaskType) []int {
	if t == nil || t.PriceList == "" {
		return nil
	}
	return f.PriceLists[t.PriceList]
}
