// Package checks holds the Go half of the rules: the semantic checks that
// need a resolved task type, Region or workforce, or that compare members.
// One file per rule or small family of rules, named for the rule ID, so a
// reader finds a rule in one step (gt3010.go holds GT3010). The structural
// rules (types, unknown and required members, lengths, patterns, ranges)
// come from the CUE schema and are run by package lint.
package checks

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

// Check is one semantic check: the rules it may report and its run
// function.
type Check struct {
	Rules []string
	Run   func(*Pass)
	// Online checks make AWS read calls through Pass.AWS; they run only
	// when it is set (lint --online, plan, apply), after every offline
	// check, so that they can replace an offline note (GT3050).
	Online bool
}

var registry []Check

func register(c Check) bool {
	for _, id := range c.Rules {
		rules.MustGet(id)
	}
	registry = append(registry, c)
	return true
}

// All returns every registered check.
func All() []Check { return registry }

// Pass is what a check sees of one spec document.
type Pass struct {
	Doc   *spec.Document
	Root  *spec.Node
	Job   *groundtruth.Job
	Facts *groundtruth.Facts
	// Bad holds the member paths that already have a structural finding;
	// checks skip them rather than pile a second finding on one mistake.
	Bad map[string]bool

	// MaxFindingsPerFile caps the findings a file rule reports for one
	// referenced file (a manifest with many bad lines); past the cap it
	// reports one summary finding with the total. 0 means the default, 100.
	MaxFindingsPerFile int

	// Online checks (see online.go). AWS holds the clients for the job
	// Region, wrapped in the run's call cache; nil offline, and then no
	// online check runs. Ctx bounds their calls (nil: Background). Skip
	// names rules not to run: a check runs unless all its rules are
	// skipped (plan and apply skip GT1035, for the job existing is normal
	// there).
	AWS  *aws.Clients
	Ctx  context.Context
	Skip map[string]bool

	out    []diag.Diagnostic
	locals map[string]*Artifact
	memo   map[string]any
}

// NewPass prepares a pass over doc.
func NewPass(doc *spec.Document, job *groundtruth.Job, f *groundtruth.Facts, bad map[string]bool) *Pass {
	return &Pass{Doc: doc, Root: doc.Root, Job: job, Facts: f, Bad: bad}
}

// Run runs every check over the pass and returns the findings.
func (p *Pass) Run() []diag.Diagnostic {
	for _, c := range registry {
		if !c.Online && !p.skipped(c) {
			c.Run(p)
		}
	}
	if p.AWS != nil {
		for _, c := range registry {
			if c.Online && !p.skipped(c) {
				c.Run(p)
			}
		}
	}
	return p.out
}

// skipped reports whether every rule of c is in p.Skip.
func (p *Pass) skipped(c Check) bool {
	if len(p.Skip) == 0 || len(c.Rules) == 0 {
		return false
	}
	for _, id := range c.Rules {
		if !p.Skip[id] {
			return false
		}
	}
	return true
}

// Findings returns what has been reported so far.
func (p *Pass) Findings() []diag.Diagnostic { return p.out }

// Reportf reports rule at the member path (dotted, list items as [i]). The
// position is the value at path or, when it is missing, the nearest mapping
// that should hold it.
func (p *Pass) Reportf(rule, path, format string, args ...any) {
	n := Locate(p.Root, path)
	p.ReportNode(rule, n, path, format, args...)
}

// ReportNode reports rule at a given node.
func (p *Pass) ReportNode(rule string, n *spec.Node, path, format string, args ...any) {
	p.reportGraded(rules.MustGet(rule).Severity, rule, n, path, format, args...)
}

// Memo returns the value computed by f for key, computing it once per
// pass. Checks that read the same artifact (the label file, the manifest)
// share one parse this way; keys are named for what they hold, such as
// "labels" or "manifest".
func (p *Pass) Memo(key string, f func() any) any {
	if p.memo == nil {
		p.memo = map[string]any{}
	}
	if v, ok := p.memo[key]; ok {
		return v
	}
	v := f()
	p.memo[key] = v
	return v
}

// Cap is the per-file finding cap in force.
func (p *Pass) Cap() int {
	if p.MaxFindingsPerFile > 0 {
		return p.MaxFindingsPerFile
	}
	return 100
}

// Str returns the string at path unless it is absent, not a string, or
// already structurally wrong.
func (p *Pass) Str(path string) (string, bool) {
	if p.Bad[path] {
		return "", false
	}
	s, _, ok := p.Root.Str(path)
	return s, ok
}

// Int returns the integer at path unless it is absent, not an integer, or
// already structurally wrong.
func (p *Pass) Int(path string) (int64, bool) {
	if p.Bad[path] {
		return 0, false
	}
	i, _, ok := p.Root.Int(path)
	return i, ok
}

// Has reports whether the member path is present.
func (p *Pass) Has(path string) bool { return p.Root.Has(path) }

// Locate finds the node for a path such as "Tags[1].Key". When the member
// is missing it returns the key of the deepest member that exists (the
// mapping that should hold the missing one), or the root.
func Locate(root *spec.Node, path string) *spec.Node {
	cur := root
	if path == "" {
		return cur
	}
	var key *spec.Node // the key that holds cur, nil for the root
	for _, part := range strings.Split(path, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			name = part[:i]
			if n, err := strconv.Atoi(part[i+1 : len(part)-1]); err == nil {
				idx = n
			}
		}
		next, nextKey := cur, key
		if name != "" {
			next, nextKey = cur.Get(name), cur.KeyNode(name)
		}
		if next == nil {
			if key != nil {
				return key
			}
			return cur
		}
		if idx >= 0 {
			if next.Kind != spec.Seq || idx >= len(next.Values) || next.Values[idx] == nil {
				return next
			}
			next, nextKey = next.Values[idx], next.Values[idx]
		}
		cur, key = next, nextKey
	}
	return cur
}

// Group membership helpers keep rule files short.
func (p *Pass) typeKnown() bool { return p.Job != nil && p.Job.Type != nil }

func commaInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// ReportFile reports rule at a position in another file, such as a line of
// the label category file or the manifest that the spec references.
func (p *Pass) ReportFile(rule, file string, line, col int, path, format string, args ...any) {
	r := rules.MustGet(rule)
	p.out = append(p.out, diag.Diagnostic{
		Rule:     rule,
		Severity: r.Severity,
		File:     file,
		Line:     max(line, 1),
		Column:   max(col, 1),
		Path:     path,
		Job:      p.Doc.JobName(),
		Message:  fmt.Sprintf(format, args...),
	})
}
