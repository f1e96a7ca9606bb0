// Package jsonschema derives a JSON Schema of a gtctl spec from the CUE
// schema, for editors (yaml-language-server, VS Code) and other tools:
// `gtctl schema --format jsonschema`.
//
// CUE stays the single source of truth. cuelang.org/go's own generator
// (encoding/jsonschema.Generate) turns #CreateLabelingJobRequest into a
// draft 2020-12 schema; this package then
//
//   - rewrites it as draft-07, the newest draft yaml-language-server (and so
//     the VS Code YAML extension) supports fully: $defs become definitions,
//     prefixItems become tuple items, and any keyword without a draft-07
//     meaning is an error rather than a silently ignored constraint;
//   - translates every regular expression from RE2 to ECMA-262 (ToECMA);
//   - lets the three artifact members hold a path relative to the spec
//     (DESIGN.md "The spec"), as gtctl lint does.
//
// The result is a structural schema: types, required and unknown members,
// lengths, ranges and patterns (the GT1xxx rules). The Ground Truth rules
// that need the task type, the Region or file contents are gtctl lint's.
package jsonschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	cuejsonschema "cuelang.org/go/encoding/jsonschema"

	"github.com/gtctl/gtctl/pkg/checks"
	"github.com/gtctl/gtctl/schema"
)

// Draft is the $schema of the generated document.
const Draft = "http://json-schema.org/draft-07/schema#"

// ArtifactMembers may hold a local path instead of an S3 URI.
var ArtifactMembers = []string{checks.PathManifest, checks.PathLabelFile, checks.PathUITemplate}

// LocalPathPattern matches what checks.IsLocal calls a local path: not
// empty, no "://", not starting with / or \.
const LocalPathPattern = `^(?![\s\S]*://)[^/\\]`

const localPathDef = "LocalPath"

const (
	title       = "gtctl labeling-job spec"
	description = "A SageMaker Ground Truth CreateLabelingJob request, as gtctl reads it: the API's PascalCase members; " +
		"ManifestS3Uri, LabelCategoryConfigS3Uri and UiTemplateS3Uri may also name a file relative to the spec. " +
		"Generated from gtctl's CUE schema (`gtctl schema --format jsonschema`); `gtctl lint` checks the Ground Truth rules beyond structure."
)

// Generate returns the JSON Schema (indented JSON, newline-terminated) of
// schema.RequestDef in root, the compiled schema package
// (groundtruth.Compile).
func Generate(root cue.Value) ([]byte, error) {
	doc, _, err := build(root)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pattern is one translated regular expression: the CUE (RE2) source and
// the ECMA-262 result.
type pattern struct{ re2, ecma string }

// build returns the schema document and the patterns it translated.
func build(root cue.Value) (map[string]any, []pattern, error) {
	def := root.LookupPath(cue.ParsePath(schema.RequestDef))
	if !def.Exists() {
		return nil, nil, fmt.Errorf("schema has no %s", schema.RequestDef)
	}
	expr, err := cuejsonschema.Generate(def, &cuejsonschema.GenerateConfig{})
	if err != nil {
		return nil, nil, fmt.Errorf("generate JSON Schema: %w", err)
	}
	b, err := cuecontext.New().BuildExpr(expr).MarshalJSON() // a one-off context: the generated expression stands alone
	if err != nil {
		return nil, nil, fmt.Errorf("generate JSON Schema: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var in map[string]any
	if err := dec.Decode(&in); err != nil {
		return nil, nil, fmt.Errorf("generate JSON Schema: %w", err)
	}

	c := &converter{}
	out, err := c.schema(in, "#")
	if err != nil {
		return nil, nil, err
	}
	doc := out.(map[string]any)
	defs, _ := doc["definitions"].(map[string]any)
	if defs == nil {
		defs = map[string]any{}
		doc["definitions"] = defs
	}
	if _, clash := defs[localPathDef]; clash {
		return nil, nil, fmt.Errorf("schema already defines %s", localPathDef)
	}
	defs[localPathDef] = map[string]any{
		"type":        "string",
		"description": "A file relative to the spec file, inside the repository: gtctl lint checks its content, gtctl apply uploads it.",
		"minLength":   1,
		"pattern":     LocalPathPattern,
	}
	for _, m := range ArtifactMembers {
		if err := allowLocal(doc, m); err != nil {
			return nil, nil, err
		}
	}
	doc["$schema"] = Draft
	doc["title"] = title
	doc["description"] = description
	return doc, c.patterns, nil
}

// converter rewrites a draft 2020-12 schema as draft-07.
type converter struct {
	patterns []pattern
}

// annotations and plain assertions mean the same in both drafts and hold
// no subschema.
var plainKeywords = map[string]bool{
	"type": true, "enum": true, "const": true, "required": true,
	"minimum": true, "maximum": true, "exclusiveMinimum": true, "exclusiveMaximum": true, "multipleOf": true,
	"minLength": true, "maxLength": true, "minItems": true, "maxItems": true, "uniqueItems": true,
	"minProperties": true, "maxProperties": true, "format": true,
	"title": true, "description": true, "default": true, "examples": true, "$comment": true,
	"readOnly": true, "writeOnly": true, "deprecated": true,
}

// schema converts one (sub)schema; at is its JSON pointer, for errors.
func (c *converter) schema(v any, at string) (any, error) {
	switch s := v.(type) {
	case bool:
		return s, nil
	case map[string]any:
		return c.object(s, at)
	}
	return nil, fmt.Errorf("%s: a schema must be an object or a boolean, not %T", at, v)
}

func (c *converter) object(s map[string]any, at string) (any, error) {
	out := map[string]any{}
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := s[k]
		sub := at + "/" + k
		switch {
		case k == "$schema":
			// set once at the root
		case plainKeywords[k]:
			out[k] = v
		case k == "pattern":
			re2, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("%s: not a string", sub)
			}
			ecma, err := ToECMA(re2)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", sub, err)
			}
			c.patterns = append(c.patterns, pattern{re2, ecma})
			out[k] = ecma
		case k == "$ref":
			ref, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("%s: not a string", sub)
			}
			if rest, ok := strings.CutPrefix(ref, "#/$defs/"); ok {
				ref = "#/definitions/" + rest
			}
			out[k] = ref
		case k == "$defs" || k == "definitions" || k == "properties" || k == "patternProperties":
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: not an object", sub)
			}
			conv := map[string]any{}
			for name, d := range m {
				x, err := c.schema(d, sub+"/"+name)
				if err != nil {
					return nil, err
				}
				conv[name] = x
			}
			if k == "$defs" {
				k = "definitions"
			}
			out[k] = conv
		case k == "additionalProperties" || k == "not" || k == "if" || k == "then" || k == "else" ||
			k == "contains" || k == "propertyNames" || k == "additionalItems":
			x, err := c.schema(v, sub)
			if err != nil {
				return nil, err
			}
			out[k] = x
		case k == "items" || k == "prefixItems" || k == "allOf" || k == "anyOf" || k == "oneOf":
			if k == "items" {
				if _, isList := v.([]any); !isList {
					x, err := c.schema(v, sub)
					if err != nil {
						return nil, err
					}
					out[k] = x
					continue
				}
			}
			list, ok := v.([]any)
			if !ok {
				return nil, fmt.Errorf("%s: not a list", sub)
			}
			conv := make([]any, len(list))
			for i, x := range list {
				y, err := c.schema(x, fmt.Sprintf("%s/%d", sub, i))
				if err != nil {
					return nil, err
				}
				conv[i] = y
			}
			out[k] = conv
		default:
			return nil, fmt.Errorf("%s: keyword %q has no draft-07 equivalent (cuelang.org/go's generator changed? extend pkg/jsonschema)", sub, k)
		}
	}
	// 2020-12 tuples (prefixItems, then items for the rest) are draft-07's
	// items list and additionalItems. [#X, ...#X] comes out as prefixItems
	// [X], items X and minItems 1: the tuple adds nothing then.
	if prefix, ok := out["prefixItems"].([]any); ok {
		delete(out, "prefixItems")
		rest, hasRest := out["items"]
		same := hasRest
		for _, p := range prefix {
			same = same && reflect.DeepEqual(p, rest)
		}
		if !same {
			out["items"] = prefix
			if hasRest {
				out["additionalItems"] = rest
			}
		}
	}
	// draft-07 ignores every keyword beside $ref.
	if ref, ok := out["$ref"]; ok && len(out) > 1 {
		delete(out, "$ref")
		all, _ := out["allOf"].([]any)
		out["allOf"] = append([]any{map[string]any{"$ref": ref}}, all...)
	}
	mergeAllOf(out)
	return out, nil
}

// mergeable are the keywords that mean the same whether they sit in one
// schema or in sibling allOf branches (unlike, say, additionalProperties,
// which depends on its sibling properties).
var mergeable = map[string]bool{
	"type": true, "minimum": true, "maximum": true, "exclusiveMinimum": true, "exclusiveMaximum": true,
	"multipleOf": true, "minLength": true, "maxLength": true, "pattern": true, "format": true, "enum": true,
	"const": true, "minItems": true, "maxItems": true, "uniqueItems": true, "description": true, "title": true,
}

// mergeAllOf folds allOf branches into s when nothing conflicts: CUE's
// generator writes `int & >=0 & <=99` as allOf [{type: number},
// {type: integer, minimum: 0, maximum: 99}], which editors report poorly.
func mergeAllOf(s map[string]any) {
	all, ok := s["allOf"].([]any)
	if !ok {
		return
	}
	merged := map[string]any{}
	for k, v := range s {
		if k != "allOf" {
			merged[k] = v
		}
	}
	for _, b := range all {
		branch, ok := b.(map[string]any)
		if !ok {
			return
		}
		for k, v := range branch {
			if !mergeable[k] {
				return
			}
			old, has := merged[k]
			switch {
			case !has, reflect.DeepEqual(old, v):
				merged[k] = v
			case k == "description" || k == "title":
				// an annotation: the outer one wins
			case k == "type" && numeric(old, v):
				merged[k] = "integer"
			default:
				return
			}
		}
	}
	clear(s)
	for k, v := range merged {
		s[k] = v
	}
}

func numeric(a, b any) bool {
	return (a == "number" || a == "integer") && (b == "number" || b == "integer")
}

// allowLocal lets the member at path (dot-separated) hold a local path as
// well as what the schema says.
func allowLocal(doc map[string]any, path string) error {
	defs := doc["definitions"].(map[string]any)
	refs := countRefs(doc)
	holder := doc
	names := strings.Split(path, ".")
	for i, name := range names {
		props, _ := holder["properties"].(map[string]any)
		member, ok := props[name].(map[string]any)
		if !ok {
			return fmt.Errorf("artifact member %s: no %s in the generated schema", path, strings.Join(names[:i+1], "."))
		}
		if i == len(names)-1 {
			props[name] = map[string]any{
				"description": "An s3:// (or https://) URI, or a file relative to the spec that gtctl apply uploads.",
				"anyOf":       []any{member, map[string]any{"$ref": "#/definitions/" + localPathDef}},
			}
			return nil
		}
		// Follow the reference to the definition that holds the next
		// member; it must be used only here, or the change would leak.
		if ref, ok := member["$ref"].(string); ok && len(member) == 1 {
			if refs[ref] != 1 {
				return fmt.Errorf("artifact member %s: %s is used %d times; allowLocal would change every use", path, ref, refs[ref])
			}
			member, ok = defs[strings.TrimPrefix(ref, "#/definitions/")].(map[string]any)
			if !ok {
				return fmt.Errorf("artifact member %s: unresolved %s", path, ref)
			}
		}
		holder = member
	}
	return nil
}

func countRefs(v any) map[string]int {
	n := map[string]int{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				n[ref]++
			}
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(v)
	return n
}
