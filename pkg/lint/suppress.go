package lint

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/rules"
)

// directive is an inline suppression: a YAML comment
//
//	# gtctl:ignore GT4010 -- the team is subscribed through a partner
//
// on the offending line, or alone on the line above it. Several IDs may be
// listed, separated by commas or spaces.
type directive struct {
	line, col  int
	ids        []string
	reason     string
	standalone bool // the comment is the whole line
	used       map[string]bool
}

var directiveRE = regexp.MustCompile(`#\s*gtctl:ignore\b(.*)$`)

// ruleIDRE accepts built-in IDs (GT4010) and the team's policy IDs
// (ORG001).
var ruleIDRE = regexp.MustCompile(`^[A-Z][A-Z0-9]*[0-9]+$`)

func parseDirectives(data []byte) []*directive {
	if !bytes.Contains(data, []byte("gtctl:ignore")) {
		return nil
	}
	var out []*directive
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := string(raw)
		loc := directiveRE.FindStringSubmatchIndex(line)
		if loc == nil {
			continue
		}
		// A YAML comment starts a line or follows white space.
		if loc[0] > 0 && line[loc[0]-1] != ' ' && line[loc[0]-1] != '\t' {
			continue
		}
		rest := line[loc[2]:loc[3]]
		idsPart, reason, _ := strings.Cut(rest, "--")
		d := &directive{
			line:       i + 1,
			col:        len([]rune(line[:loc[0]])) + 1,
			reason:     strings.TrimSpace(reason),
			standalone: strings.TrimSpace(line[:loc[0]]) == "",
			used:       map[string]bool{},
		}
		for _, f := range strings.FieldsFunc(idsPart, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			d.ids = append(d.ids, strings.ToUpper(f))
		}
		out = append(out, d)
	}
	return out
}

// suppress marks the findings in file that a directive silences and adds
// findings for directives that are malformed or silence nothing.
// known reports whether an ID names a rule or one of the team's policies.
func suppress(file string, data []byte, ds []diag.Diagnostic, jobAt func(line int) string, known func(id string) bool) []diag.Diagnostic {
	dirs := parseDirectives(data)
	if len(dirs) == 0 {
		return ds
	}
	byLine := map[int]*directive{}
	for _, d := range dirs {
		byLine[d.line] = d
	}
	for i := range ds {
		f := &ds[i]
		if f.File != file {
			continue // findings in a label file or manifest cannot carry YAML comments
		}
		for _, d := range []*directive{byLine[f.Line], byLine[f.Line-1]} {
			if d == nil || (d.line == f.Line-1 && !d.standalone) || d.reason == "" {
				continue
			}
			for _, id := range d.ids {
				if id == f.Rule {
					f.Suppressed = d.reason
					d.used[id] = true
				}
			}
		}
	}
	for _, d := range dirs {
		meta := func(rule, msg string) {
			ds = append(ds, diag.Diagnostic{Rule: rule, Severity: rules.MustGet(rule).Severity, File: file, Line: d.line, Column: d.col, Job: jobAt(d.line), Message: msg})
		}
		if len(d.ids) == 0 {
			meta("GT9010", "gtctl:ignore names no rule; write `# gtctl:ignore GT4010 -- reason`.")
			continue
		}
		for _, id := range d.ids {
			if !ruleIDRE.MatchString(id) {
				meta("GT9010", fmt.Sprintf("gtctl:ignore names %q, which is not a rule ID such as GT4010.", id))
			} else if !known(id) {
				meta("GT9020", fmt.Sprintf("gtctl:ignore names %s, which is not a gtctl rule; it silences nothing.", id))
			}
		}
		if d.reason == "" {
			meta("GT9010", fmt.Sprintf("gtctl:ignore %s has no reason, so it silences nothing; add one after `--`.", strings.Join(d.ids, ",")))
			continue
		}
		for _, id := range d.ids {
			if known(id) && !d.used[id] {
				meta("GT9020", fmt.Sprintf("gtctl:ignore %s silences nothing on this line or the next; remove it.", id))
			}
		}
	}
	return ds
}
