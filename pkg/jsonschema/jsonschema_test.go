package jsonschema

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"

	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/schema"
)

func compile(t *testing.T) cue.Value {
	t.Helper()
	v, err := groundtruth.Compile(cuecontext.New())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func generated(t *testing.T) (map[string]any, []byte) {
	t.Helper()
	b, err := Generate(compile(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return doc, b
}

func TestGenerateIsDraft07(t *testing.T) {
	doc, b := generated(t)
	if doc["$schema"] != Draft {
		t.Errorf("$schema = %v, want %s", doc["$schema"], Draft)
	}
	if doc["title"] == nil || doc["description"] == nil {
		t.Error("no title or description at the root")
	}
	for _, k := range []string{`"$defs"`, `"prefixItems"`, `"$dynamicRef"`, `"unevaluatedProperties"`, `\x{`} {
		if bytes.Contains(b, []byte(k)) {
			t.Errorf("output contains %s, which draft-07 / ECMA-262 does not know", k)
		}
	}
	defs := doc["definitions"].(map[string]any)
	walk(doc, "#", func(at string, s map[string]any) {
		if ref, ok := s["$ref"].(string); ok {
			if len(s) != 1 {
				t.Errorf("%s: $ref has siblings, which draft-07 ignores: %v", at, s)
			}
			name, ok := strings.CutPrefix(ref, "#/definitions/")
			if !ok || defs[name] == nil {
				t.Errorf("%s: $ref %s does not resolve", at, ref)
			}
		}
	})
	b2, err := Generate(compile(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Error("two runs generate different output")
	}
}

// The schema's structure is the CUE definition's: every member, required
// exactly when CUE says so, closed, with the CUE kind.
func TestGenerateFollowsCUE(t *testing.T) {
	doc, _ := generated(t)
	defs := doc["definitions"].(map[string]any)
	resolve := func(s map[string]any) map[string]any {
		if ref, ok := s["$ref"].(string); ok {
			return defs[strings.TrimPrefix(ref, "#/definitions/")].(map[string]any)
		}
		return s
	}
	var check func(v cue.Value, s map[string]any, path string, depth int)
	check = func(v cue.Value, s map[string]any, path string, depth int) {
		if depth > 20 {
			t.Fatalf("%s: too deep", path)
		}
		s = resolve(s)
		if alts, ok := s["anyOf"].([]any); ok && isArtifact(path) {
			s = resolve(alts[0].(map[string]any)) // the S3 branch
		}
		switch v.IncompleteKind() {
		case cue.StructKind:
			if s["type"] != "object" || s["additionalProperties"] != false {
				t.Errorf("%s: type %v, additionalProperties %v; want a closed object", path, s["type"], s["additionalProperties"])
			}
			props, _ := s["properties"].(map[string]any)
			var want, required, got []string
			it, err := v.Fields(cue.Optional(true))
			if err != nil {
				t.Fatal(err)
			}
			for it.Next() {
				name := it.Selector().Unquoted()
				want = append(want, name)
				if it.Selector().ConstraintType() == cue.RequiredConstraint {
					required = append(required, name)
				}
				sub, ok := props[name].(map[string]any)
				if !ok {
					t.Errorf("%s: member %s missing", path, name)
					continue
				}
				check(it.Value(), sub, strings.TrimPrefix(path+"."+name, "."), depth+1)
			}
			for name := range props {
				got = append(got, name)
			}
			sort.Strings(want)
			sort.Strings(got)
			sort.Strings(required)
			if !reflect.DeepEqual(want, got) {
				t.Errorf("%s: members %v, want %v", path, got, want)
			}
			var gotReq []string
			for _, r := range asList(s["required"]) {
				gotReq = append(gotReq, r.(string))
			}
			sort.Strings(gotReq)
			if !reflect.DeepEqual(required, gotReq) && len(required)+len(gotReq) > 0 {
				t.Errorf("%s: required %v, want %v", path, gotReq, required)
			}
		case cue.StringKind:
			if s["type"] != "string" && s["enum"] == nil {
				t.Errorf("%s: %v, want a string", path, s)
			}
		case cue.IntKind:
			if s["type"] != "integer" {
				t.Errorf("%s: %v, want an integer", path, s)
			}
		}
	}
	check(compile(t).LookupPath(cue.ParsePath(schema.RequestDef)), doc, "", 0)
}

func isArtifact(path string) bool {
	for _, m := range ArtifactMembers {
		if m == path {
			return true
		}
	}
	return false
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func TestArtifactMembersAcceptLocalPaths(t *testing.T) {
	doc, _ := generated(t)
	defs := doc["definitions"].(map[string]any)
	n := 0
	walk(doc, "#", func(at string, s map[string]any) {
		if alts, ok := s["anyOf"].([]any); ok {
			if len(alts) != 2 || !reflect.DeepEqual(alts[1], map[string]any{"$ref": "#/definitions/LocalPath"}) {
				t.Errorf("%s: unexpected anyOf %v", at, alts)
			}
			n++
		}
	})
	if n != len(ArtifactMembers) {
		t.Errorf("%d members accept local paths, want %d", n, len(ArtifactMembers))
	}
	// OutputConfig.S3OutputPath is an S3 URI only.
	out := defs["LabelingJobOutputConfig"].(map[string]any)["properties"].(map[string]any)["S3OutputPath"]
	if !reflect.DeepEqual(out, map[string]any{"$ref": "#/definitions/S3Uri"}) {
		t.Errorf("S3OutputPath = %v", out)
	}
}

func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in, out string
	}{
		{"defs and refs", `{"$defs": {"A": {"type": "string"}}, "$ref": "#/$defs/A"}`,
			`{"definitions": {"A": {"type": "string"}}, "allOf": [{"$ref": "#/definitions/A"}]}`},
		{"uniform tuple", `{"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}, "minItems": 1}`,
			`{"type": "array", "items": {"type": "string"}, "minItems": 1}`},
		{"tuple", `{"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": {"type": "boolean"}}`,
			`{"type": "array", "items": [{"type": "string"}, {"type": "integer"}], "additionalItems": {"type": "boolean"}}`},
		{"closed tuple", `{"type": "array", "prefixItems": [{"type": "string"}], "items": false}`,
			`{"type": "array", "items": [{"type": "string"}], "additionalItems": false}`},
		{"int bounds", `{"description": "d", "allOf": [{"type": "number"}, {"type": "integer", "minimum": 0, "maximum": 99}]}`,
			`{"description": "d", "type": "integer", "minimum": 0, "maximum": 99}`},
		{"conflicting allOf stays", `{"allOf": [{"minimum": 1}, {"minimum": 2}]}`,
			`{"allOf": [{"minimum": 1}, {"minimum": 2}]}`},
		{"allOf of objects stays", `{"allOf": [{"properties": {"a": true}}, {"additionalProperties": false}]}`,
			`{"allOf": [{"properties": {"a": true}}, {"additionalProperties": false}]}`},
		{"pattern", `{"type": "string", "pattern": "^\\x{41}.$"}`,
			`{"type": "string", "pattern": "^\\u0041[^\\n]$"}`},
	} {
		var in, want any
		if err := json.Unmarshal([]byte(tc.in), &in); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(tc.out), &want); err != nil {
			t.Fatal(err)
		}
		got, err := (&converter{}).schema(in, "#")
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", tc.name, got, want)
		}
	}
}

// A keyword the converter does not know must fail the build, not vanish.
func TestConvertRejectsUnknownKeywords(t *testing.T) {
	for _, in := range []string{
		`{"unevaluatedProperties": false}`,
		`{"properties": {"a": {"dependentRequired": {"a": ["b"]}}}}`,
		`{"$dynamicRef": "#meta"}`,
		`{"pattern": "(?i)abc"}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatal(err)
		}
		if _, err := (&converter{}).schema(v, "#"); err == nil {
			t.Errorf("%s: converted without error", in)
		}
	}
}

// walk calls f for every schema object under v.
func walk(v any, at string, f func(string, map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		f(at, x)
		for k, y := range x {
			switch k {
			case "enum", "const", "default", "examples", "required":
				continue
			}
			walk(y, at+"/"+k, f)
		}
	case []any:
		for i, y := range x {
			walk(y, at+"/"+strconv.Itoa(i), f)
		}
	}
}
