package plan

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/gtctl/gtctl/internal/fixtures"
	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/spec"
)

// FuzzPlanNormalize builds a request from fuzzed JSON (as a live job's
// description arrives) and checks the comparison plan relies on:
// Normalize is idempotent, Diff of a request with itself is empty, and a
// request does not differ from its own normal form.
//
//	go test -run '^$' -fuzz FuzzPlanNormalize -fuzztime 60s ./pkg/plan
func FuzzPlanNormalize(f *testing.F) {
	// Seeds: every spec fixture, as the JSON plan compares it.
	fixtures.Walk(f, []string{".yaml", ".yml", ".json"}, func(_ int, p string, b []byte) {
		if strings.HasSuffix(p, ".json") {
			f.Add(b)
			return
		}
		docs, _ := spec.Parse(p, b)
		for _, d := range docs {
			if j, err := json.Marshal(d.Root.Data()); err == nil {
				f.Add(j)
			}
		}
	})
	f.Add([]byte(`{"InputConfig":{"DataAttributes":{"ContentClassifiers":["b","a","a",1,"1",true,"true",null,{},[],{"x":[]}]}},"Tags":[{"Key":"k"}],"X":{"Y":{}},"Z":[[],{},null],"N":[1.0,1.5,9007199254740993,-0.0,1e300]}`))
	f.Add([]byte(`{"InputConfig":{"DataAttributes":{"ContentClassifiers":[` + strings.Repeat(`"1",1,`, 20) + `"z"]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var req aws.Request
		if err := json.Unmarshal(data, &req); err != nil || req == nil {
			return
		}
		n1 := Normalize(req)
		n2 := Normalize(aws.Request(n1))
		if !reflect.DeepEqual(n1, n2) {
			t.Fatalf("Normalize is not idempotent on %s:\nonce:  %#v\ntwice: %#v", data, n1, n2)
		}
		if d := Diff(req, req); len(d) != 0 {
			t.Fatalf("Diff(x, x) of %s = %+v", data, d)
		}
		if d := Diff(req, aws.Request(n1)); len(d) != 0 {
			t.Fatalf("Diff(x, Normalize(x)) of %s = %+v", data, d)
		}
	})
}
