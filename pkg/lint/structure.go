package lint

import (
	"fmt"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"

	"github.com/gtctl/gtctl/pkg/checks"
	"github.com/gtctl/gtctl/pkg/didyoumean"

	"github.com/gtctl/gtctl/pkg/spec"
)

// artifactPaths are the members that may hold a path to a local file
// instead of an S3 URI (DESIGN.md "The spec").
var artifactPaths = map[string]bool{
	checks.PathManifest:   true,
	checks.PathLabelFile:  true,
	checks.PathUITemplate: true,
}

// finding is a structural finding before it becomes a diagnostic.
type finding struct {
	rule string
	node *spec.Node
	path string
	msg  string
}

// structure walks a document against the schema shape. It reports wrong
// types (GT1000), unknown members (GT1010) and missing required members
// (GT1020), and builds the CUE expression of everything that is well-typed
// and known, for the value pass: leaves are the scalars and lists whose
// values the CUE constraints check; bad records the paths already reported.
type structure struct {
	homes    map[string][]string
	findings []finding
	leaves   []leaf
	bad      map[string]bool
	locals   map[string]*spec.Node
}

// leaf is a scalar or list value the value pass unifies with its member's
// CUE constraint.
type leaf struct {
	path string
	node *spec.Node
}

// walk checks n against s. at is where a missing member of n is reported:
// the key that holds n in its parent (the document root for the request).
func (st *structure) walk(n *spec.Node, s *shape, path string, at *spec.Node) {
	if !s.accepts(n.Kind) {
		what := "the request"
		if path != "" {
			what = "`" + path + "`"
		}
		article := "a"
		if strings.IndexByte("aeiou", s.typeName()[0]) >= 0 {
			article = "an"
		}
		got := n.Kind.String()
		switch {
		case n.Kind == spec.String && n.Quoted && (s.kind == spec.Int || s.kind == spec.Float) && isNumber(n.Value):
			got = fmt.Sprintf("string %q; remove the quotes", n.Value)
		case n.Kind == spec.String:
			got = fmt.Sprintf("string %q", n.Value)
		case n.Kind == spec.Float && s.kind == spec.Int:
			got = "float " + n.Value
		case n.Kind == spec.Int || n.Kind == spec.Bool:
			got = n.Kind.String() + " " + n.Value
		}
		pos := n
		if (n.Kind == spec.Map || n.Kind == spec.Seq) && at != nil {
			pos = at // a block mapping's position is its first key; the member's key reads better
		}
		st.findings = append(st.findings, finding{"GT1000", pos, path, fmt.Sprintf("%s must be %s %s (got %s).", what, article, s.typeName(), got)})
		st.bad[path] = true
		return
	}
	switch s.kind {
	case spec.Map:
		st.mapping(n, s, path, at)
		return
	case spec.Seq:
		st.leaves = append(st.leaves, leaf{path, n})
		// Every list in the request has a MaxItems below listProbe, so a
		// longer list is reported as a whole; its items past listProbe
		// would only cost a CUE unification each.
		for i, item := range n.Values[:min(len(n.Values), listProbe)] {
			if item != nil {
				st.walk(item, s.elem, fmt.Sprintf("%s[%d]", path, i), item)
			}
		}
		return
	}
	if artifactPaths[path] && checks.IsLocal(n.Value) {
		st.locals[path] = n
		return
	}
	st.leaves = append(st.leaves, leaf{path, n})
}

func (st *structure) mapping(n *spec.Node, s *shape, path string, at *spec.Node) {
	names := s.memberNames()
	for i, k := range n.Keys {
		f := s.byName[k.Value]
		sub := joinPath(path, k.Value)
		if f == nil {
			st.findings = append(st.findings, finding{"GT1010", k, sub, unknownMessage(k.Value, path, names, st.homes)})
			st.bad[sub] = true
			continue
		}
		v := n.Values[i]
		if v == nil {
			continue
		}
		st.walk(v, f.shape, sub, k)
	}
	for _, f := range s.fields {
		if f.required && n.Get(f.name) == nil && n.KeyNode(f.name) == nil {
			sub := joinPath(path, f.name)
			st.bad[sub] = true
			if sub == "LabelingJobAlgorithmsConfig.LabelingJobAlgorithmSpecificationArn" && n.KeyNode("LabelingJobResourceConfig") != nil {
				continue // resource settings without automated labeling: GT7105 says it better
			}
			st.findings = append(st.findings, finding{"GT1020", at, sub, fmt.Sprintf("Missing required member `%s`.", sub)})
		}
	}
}

func unknownMessage(key, path string, names []string, homes map[string][]string) string {
	where := "the request"
	if path != "" {
		where = "`" + path + "`"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Unknown member `%s` in %s", key, where)
	if s := didyoumean.Closest(key, names); s != "" {
		fmt.Fprintf(&b, "; did you mean `%s`?", s)
	} else if hs := homes[key]; len(hs) > 0 {
		h := hs[0]
		if h == "" {
			h = "the top level"
		} else {
			h = "`" + h + "`"
		}
		fmt.Fprintf(&b, "; `%s` belongs in %s.", key, h)
	} else {
		b.WriteString(".")
	}
	fmt.Fprintf(&b, " Valid members: %s.", strings.Join(names, ", "))
	return b.String()
}

func scalarExpr(n *spec.Node) ast.Expr {
	switch n.Kind {
	case spec.Null:
		return ast.NewNull()
	case spec.Bool:
		return ast.NewBool(n.Value == "true")
	case spec.Int:
		return &ast.BasicLit{Kind: token.INT, Value: n.Value}
	case spec.Float:
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil {
			return ast.NewIdent("_")
		}
		return &ast.BasicLit{Kind: token.FLOAT, Value: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	return ast.NewString(n.Value)
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}
