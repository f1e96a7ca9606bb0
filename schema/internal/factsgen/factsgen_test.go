package factsgen

import (
	"bytes"
	"os"
	"testing"
)

func TestFactsJSONUpToDate(t *testing.T) {
	src, err := os.ReadFile("../../facts.cue")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../facts_gen.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("facts_gen.json is stale; run go generate ./schema")
	}
}
