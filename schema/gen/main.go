// Command gen writes api_gen.cue from the SageMaker API model and
// facts_gen.json from facts.cue. It is run by "go generate ./schema", so
// its paths are relative to the schema directory.
package main

import (
	"fmt"
	"os"

	"github.com/gtctl/gtctl/schema/internal/apigen"
	"github.com/gtctl/gtctl/schema/internal/factsgen"
)

const (
	modelPath  = "apimodel/sagemaker-labeling-api-model.json"
	outputPath = "api_gen.cue"
)

func main() {
	model, err := os.ReadFile(modelPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	src, err := apigen.Generate(model)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(outputPath, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	facts, err := os.ReadFile("facts.cue")
	if err == nil {
		facts, err = factsgen.Generate(facts)
	}
	if err == nil {
		err = os.WriteFile("facts_gen.json", facts, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen: facts:", err)
		os.Exit(1)
	}
}
