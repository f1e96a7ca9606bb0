package lint

import (
	"fmt"
	"sort"

	"cuelang.org/go/cue"

	"github.com/gtctl/gtctl/pkg/spec"
)

// shape is the structure of a request member as the CUE schema defines it:
// which members a mapping may have, which are required, and the kind of
// each value. It is read from the compiled schema once and shared, so the
// closed-member and required-member pass needs no CUE evaluation per spec
// (CUE hides those errors while a document has value errors anyway).
type shape struct {
	kind   spec.Kind // Map, Seq, String, Int, Bool, Float
	fields []*field
	byName map[string]*field
	elem   *shape
}

type field struct {
	name     string
	required bool
	shape    *shape
}

func buildShape(v cue.Value, depth int) (*shape, error) {
	if depth > 32 {
		return nil, fmt.Errorf("schema nests deeper than 32 levels at %v", v.Path())
	}
	k := v.IncompleteKind()
	if k == cue.BottomKind {
		// list.MinItems(1) on an open list evaluates to an incomplete
		// error; the shape is in the conjunct that is a plain list.
		if op, args := v.Expr(); op == cue.AndOp {
			for _, a := range args {
				if a.IncompleteKind() != cue.BottomKind {
					if s, err := buildShape(a, depth+1); err == nil {
						return s, nil
					}
				}
			}
		}
	}
	switch {
	case k == cue.StructKind:
		s := &shape{kind: spec.Map, byName: map[string]*field{}}
		it, err := v.Fields(cue.Optional(true))
		if err != nil {
			return nil, err
		}
		for it.Next() {
			sel := it.Selector()
			if !sel.IsString() {
				continue
			}
			sub, err := buildShape(it.Value(), depth+1)
			if err != nil {
				return nil, err
			}
			f := &field{name: sel.Unquoted(), required: sel.ConstraintType() == cue.RequiredConstraint, shape: sub}
			s.fields = append(s.fields, f)
			s.byName[f.name] = f
		}
		return s, nil
	case k == cue.ListKind:
		elem, err := buildShape(v.LookupPath(cue.MakePath(cue.AnyIndex)), depth+1)
		if err != nil {
			return nil, err
		}
		return &shape{kind: spec.Seq, elem: elem}, nil
	case k == cue.StringKind:
		return &shape{kind: spec.String}, nil
	case k == cue.IntKind:
		return &shape{kind: spec.Int}, nil
	case k == cue.BoolKind:
		return &shape{kind: spec.Bool}, nil
	case k == cue.NumberKind || k == cue.FloatKind:
		return &shape{kind: spec.Float}, nil
	}
	return nil, fmt.Errorf("schema: unsupported kind %v at %v", k, v.Path())
}

// accepts reports whether a value of kind k fits the shape. Numbers accept
// integers; nothing else converts: "3600" is not an integer (RULES.md §0.3).
func (s *shape) accepts(k spec.Kind) bool {
	if s.kind == k {
		return true
	}
	return s.kind == spec.Float && k == spec.Int
}

func (s *shape) typeName() string {
	switch s.kind {
	case spec.Map:
		return "mapping"
	case spec.Seq:
		return "list"
	case spec.Int:
		return "integer"
	case spec.Float:
		return "number"
	case spec.Bool:
		return "boolean"
	}
	return "string"
}

func (s *shape) memberNames() []string {
	out := make([]string, len(s.fields))
	for i, f := range s.fields {
		out[i] = f.name
	}
	return out
}

// homes maps every member name to the paths of the mappings that hold it,
// so "did you mean" can say that Tags belongs at the top level.
func homes(root *shape) map[string][]string {
	out := map[string][]string{}
	var walk func(s *shape, path string)
	walk = func(s *shape, path string) {
		switch s.kind {
		case spec.Map:
			for _, f := range s.fields {
				out[f.name] = append(out[f.name], path)
				walk(f.shape, joinPath(path, f.name))
			}
		case spec.Seq:
			walk(s.elem, path+"[]")
		}
	}
	walk(root, "")
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

func joinPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// Members returns the member names of the structure at a dotted path (list
// items as "[]"), in the API model's order; nil for anything else.
func (l *Linter) Members(path string) []string {
	s := l.req
	if path != "" {
		for _, part := range splitPath(path) {
			if part == "[]" {
				if s.kind != spec.Seq {
					return nil
				}
				s = s.elem
				continue
			}
			f := s.byName[part]
			if f == nil {
				return nil
			}
			s = f.shape
		}
	}
	if s.kind != spec.Map {
		return nil
	}
	return s.memberNames()
}

// splitPath splits "Tags[].Key" into "Tags", "[]", "Key".
func splitPath(path string) []string {
	var out []string
	cur := ""
	for i := 0; i < len(path); i++ {
		switch {
		case path[i] == '.':
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
		case path[i] == '[' && i+1 < len(path) && path[i+1] == ']':
			if cur != "" {
				out = append(out, cur)
			}
			out = append(out, "[]")
			cur = ""
			i++
		default:
			cur += string(path[i])
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
