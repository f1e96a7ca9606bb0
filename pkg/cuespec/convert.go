package cuespec

import (
	"fmt"
	"math"
	"strconv"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"

	"github.com/gtctl/gtctl/pkg/spec"
)

// Limits as for YAML (pkg/spec): hostile or broken input costs a finding,
// not the machine's memory.
const (
	maxNodes = 200_000
	maxDepth = 64
)

// converter turns an evaluated job into spec nodes. Each node is placed at
// the conjunct that set it: for a scalar, the conjunct that made it
// concrete (the job's own value over a default in the shared file); for a
// struct or list, the job file's declaration when it has one, so that a
// missing member is reported where the job would add it.
type converter struct {
	doc   string          // the file that declares the job (Document.File)
	known map[string]bool // the package's files
	nodes int
	err   string
}

// site is one place that contributes to a value.
type site struct {
	label, value token.Pos
	concrete     bool
}

func (c *converter) fail(format string, args ...any) *spec.Node {
	if c.err == "" {
		c.err = fmt.Sprintf(format, args...)
	}
	return &spec.Node{Kind: spec.Null, Value: "null", Line: 1, Col: 1}
}

// loc is a position in the package: File is empty for the job's own file.
type loc struct {
	file      string
	line, col int
}

func (l loc) set(n *spec.Node) { n.File, n.Line, n.Col = l.file, l.line, l.col }

func locOf(n *spec.Node) loc { return loc{n.File, n.Line, n.Col} }

// loc converts p when it is in one of the package's files.
func (c *converter) loc(p token.Pos) (loc, bool) {
	if !p.IsValid() || !c.known[p.Filename()] {
		return loc{}, false
	}
	l := loc{line: p.Line(), col: p.Column()}
	if p.Filename() != c.doc {
		l.file = p.Filename()
	}
	return l, true
}

// node converts v. at is the position to fall back on (the key that holds
// the value) when CUE knows no position in the package's files, as for a
// value computed by a builtin.
func (c *converter) node(v cue.Value, at loc, depth int) *spec.Node {
	c.nodes++
	if c.nodes > maxNodes {
		return c.fail("the job expands to more than %d values", maxNodes)
	}
	if depth > maxDepth {
		return c.fail("the job is nested more than %d levels deep", maxDepth)
	}
	dv := v
	if d, ok := v.Default(); ok {
		dv = d
	}
	kind := dv.Kind()
	n := &spec.Node{}
	at.set(n)
	if s, ok := c.pick(v, kind != cue.StructKind && kind != cue.ListKind); ok {
		if l, ok := c.loc(s.value); ok {
			l.set(n)
		}
	}
	switch kind {
	case cue.StructKind:
		n.Kind = spec.Map
		it, err := dv.Fields()
		if err != nil {
			return c.fail("%v", err)
		}
		for it.Next() {
			fv := it.Value()
			k := &spec.Node{Kind: spec.String, Value: it.Selector().Unquoted()}
			kl, ok := c.loc(c.labelPos(fv))
			if !ok {
				kl = locOf(n)
			}
			kl.set(k)
			n.Keys = append(n.Keys, k)
			n.Values = append(n.Values, c.node(fv, kl, depth+1))
		}
	case cue.ListKind:
		n.Kind = spec.Seq
		it, err := dv.List()
		if err != nil {
			return c.fail("%v", err)
		}
		for it.Next() {
			n.Values = append(n.Values, c.node(it.Value(), locOf(n), depth+1))
		}
	case cue.NullKind:
		n.Kind, n.Value = spec.Null, "null"
	case cue.BoolKind:
		b, _ := dv.Bool()
		n.Kind, n.Value = spec.Bool, strconv.FormatBool(b)
	case cue.IntKind:
		i, err := dv.Int(nil)
		if err != nil {
			return c.fail("%v", err)
		}
		n.Kind, n.Value = spec.Int, i.String()
	case cue.FloatKind, cue.NumberKind:
		f, err := dv.Float64()
		if err != nil {
			return c.fail("%v", err)
		}
		n.Kind, n.Value = spec.Float, formatFloat(f)
	case cue.StringKind:
		s, _ := dv.String()
		n.Kind, n.Value, n.Quoted = spec.String, s, true
	case cue.BytesKind:
		b, _ := dv.Bytes()
		n.Kind, n.Value, n.Quoted = spec.String, string(b), true
	default:
		return c.fail("a value is not concrete (%v)", kind)
	}
	return n
}

func formatFloat(f float64) string {
	if math.Abs(f) < 1e15 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		for _, r := range s {
			if r == '.' {
				return s
			}
		}
		return s + ".0"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// sites lists where v's conjuncts are written in the package's files.
func (c *converter) sites(v cue.Value) []site {
	var out []site
	for _, p := range conjuncts(v) {
		var s site
		switch src := p.Source().(type) {
		case *ast.Field:
			if _, pattern := src.Label.(*ast.ListLit); pattern {
				continue // a pattern constraint declares nothing
			}
			s.label = src.Label.Pos()
			s.value = s.label
			if src.Value != nil && src.Value.Pos().IsValid() {
				s.value = src.Value.Pos()
			}
		case nil:
			s.label = p.Pos()
			s.value = s.label
		default:
			s.label = src.Pos()
			s.value = s.label
		}
		if !c.known[s.value.Filename()] {
			if !c.known[s.label.Filename()] {
				continue
			}
			s.value = s.label
		}
		s.concrete = p.IsConcrete()
		if d, ok := p.Default(); ok && d.IsConcrete() {
			s.concrete = true
		}
		out = append(out, s)
	}
	return out
}

// pick chooses the site a value is reported at: for a scalar the one that
// made it concrete, preferring the job's file; for a struct or list the
// job file's declaration.
func (c *converter) pick(v cue.Value, scalar bool) (site, bool) {
	ss := c.sites(v)
	if len(ss) == 0 {
		return site{}, false
	}
	cands := ss
	if scalar && len(ss) > 1 {
		var conc []site
		for _, s := range ss {
			if s.concrete {
				conc = append(conc, s)
			}
		}
		if len(conc) > 0 {
			cands = conc
		}
	}
	for _, s := range cands {
		if s.value.Filename() == c.doc {
			return s, true
		}
	}
	return cands[0], true
}

// labelPos is where the member name of a field value is written: the
// label of the site the value is reported at.
func (c *converter) labelPos(fv cue.Value) token.Pos {
	dv := fv
	if d, ok := fv.Default(); ok {
		dv = d
	}
	k := dv.Kind()
	s, ok := c.pick(fv, k != cue.StructKind && k != cue.ListKind)
	if !ok {
		return token.NoPos
	}
	return s.label
}
