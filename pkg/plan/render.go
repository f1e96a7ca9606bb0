package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Sort orders jobs: by action (create, changed, unchanged, not in specs),
// then by name, so the interesting lines come first.
func (p *Plan) Sort() {
	rank := map[Action]int{Create: 0, Changed: 1, Unchanged: 2, NotInSpecs: 3}
	sort.SliceStable(p.Jobs, func(i, j int) bool {
		a, b := p.Jobs[i], p.Jobs[j]
		if rank[a.Action] != rank[b.Action] {
			return rank[a.Action] < rank[b.Action]
		}
		return a.Name < b.Name
	})
}

// Merge adds q's jobs and calls to p (plans of several Regions).
func (p *Plan) Merge(q *Plan) {
	p.Jobs = append(p.Jobs, q.Jobs...)
	if p.Calls == nil {
		p.Calls = map[string]int{}
	}
	for k, v := range q.Calls {
		p.Calls[k] += v
	}
}

// TotalCalls is the number of SageMaker calls the plan cost.
func (p *Plan) TotalCalls() int {
	n := 0
	for _, v := range p.Calls {
		n += v
	}
	return n
}

// WriteText renders the plan for people: the summary line first (for
// pull-request comments), then one line per job, with the member changes
// of changed jobs.
func (p *Plan) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Plan: %s.\n", p.Summary())
	if len(p.Jobs) > 0 {
		b.WriteByte('\n')
	}
	sym := map[Action]string{Create: "+", Changed: "~", Unchanged: "=", NotInSpecs: "?"}
	for _, j := range p.Jobs {
		where := ""
		if j.File != "" {
			where = fmt.Sprintf("  %s:%d:%d", j.File, j.Line, j.Column)
		}
		status := ""
		if j.Status != "" {
			status = " (" + j.Status + ")"
		}
		fmt.Fprintf(&b, "%s %-13s %s%s%s\n", sym[j.Action], j.Action, j.Name, status, where)
		if j.Action == Changed {
			fmt.Fprintf(&b, "    labeling jobs cannot be updated: to run the new version, rename it (suggested: %s)\n", j.SuggestedName)
			for _, c := range j.Changes {
				fmt.Fprintf(&b, "    %s: %s -> %s\n", c.Path, show(c.Live), show(c.Desired))
			}
		}
	}
	fmt.Fprintf(&b, "\n%d SageMaker API calls.\n", p.TotalCalls())
	_, err := io.WriteString(w, b.String())
	return err
}

func show(v any) string {
	if v == nil {
		return "(absent)"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// WriteJSON renders the plan for machines.
func (p *Plan) WriteJSON(w io.Writer) error {
	c := p.Counts()
	out := struct {
		Version int            `json:"version"`
		Summary map[string]int `json:"summary"`
		Jobs    []*Job         `json:"jobs"`
		Calls   map[string]int `json:"apiCalls"`
	}{
		Version: 1,
		Summary: map[string]int{"create": c[Create], "unchanged": c[Unchanged], "changed": c[Changed], "notInSpecs": c[NotInSpecs]},
		Jobs:    p.Jobs,
		Calls:   p.Calls,
	}
	if out.Jobs == nil {
		out.Jobs = []*Job{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
