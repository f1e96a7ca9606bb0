// Package ruledoc renders the rule catalog as documentation: the text of
// `gtctl explain`, which is also the plain-text help of each rule in SARIF
// output, and the Markdown of docs/rules.md. Everything comes from the
// catalog (pkg/rules), so the three never disagree.
package ruledoc

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/rules"
)

// Example is a fixture that fires a rule and what lint reported for it.
type Example struct {
	// Fixture is the fixture's path relative to the repository root, with
	// forward slashes (testdata/rules/GT3010.yaml).
	Fixture string
	// Findings are the fixture's findings of the rule, as lint produced
	// them; they may point into a file the fixture references.
	Findings []diag.Diagnostic
}

// maxExampleFindings bounds the findings shown per example.
const maxExampleFindings = 3

// Mode describes when a rule runs, in the words of `gtctl explain`; empty
// for an offline rule that reads only the spec.
func Mode(r *rules.Rule) string {
	var modes []string
	if r.Online {
		modes = append(modes, "online (runs with --online, plan and apply)")
	}
	if r.File {
		modes = append(modes, "file rule (reads the local label file, manifest or template)")
	}
	sort.Strings(modes)
	return strings.Join(modes, "; ")
}

// shortMode is the mode column of the index table.
func shortMode(r *rules.Rule) string {
	switch {
	case r.Online && r.File:
		return "online, file"
	case r.Online:
		return "online"
	case r.File:
		return "file"
	}
	return "spec"
}

// Text is a rule in full as plain text: what `gtctl explain` prints and
// what SARIF output carries as the rule's help text.
func Text(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\nSeverity: %s\n", r.ID, r.Title, r.Severity)
	if m := Mode(r); m != "" {
		fmt.Fprintf(&b, "Mode:     %s\n", m)
	}
	fmt.Fprintf(&b, "Source:   %s\n          %s\n\n%s\n", r.Source, r.URL, strings.TrimSpace(r.Doc))
	return b.String()
}

// Paragraph joins the catalog's hard-wrapped Doc into one line.
func Paragraph(doc string) string {
	return strings.Join(strings.Fields(doc), " ")
}

// fixVerbs start the sentence (or the clause after "; " or ": ") where a
// rule's Doc turns from what it checks to how to fix a finding: the Docs
// are written that way, in the imperative.
var fixVerbs = map[string]bool{
	"add": true, "append": true, "attach": true, "change": true, "check": true,
	"choose": true, "copy": true, "correct": true, "create": true, "delete": true,
	"deploy": true, "drop": true, "encrypt": true, "fill": true, "fix": true,
	"grant": true, "host": true, "keep": true, "list": true, "lower": true,
	"make": true, "merge": true, "move": true, "omit": true, "pick": true,
	"put": true, "raise": true, "reduce": true, "remove": true, "rename": true,
	"replace": true, "restore": true, "rewrite": true, "run": true, "save": true,
	"set": true, "shorten": true, "sort": true, "split": true, "start": true,
	"stay": true, "subscribe": true, "swap": true, "switch": true, "take": true,
	"update": true, "use": true, "wrap": true, "write": true, "zero-pad": true,
	"name": true, "turn": true, "consider": true, "re-encode": true,
	"convert": true, "request": true, "upload": true, "give": true, "declare": true,
}

// sentences splits a paragraph after ".", "!" or "?" (optionally closed by
// a quote or parenthesis) that is followed by a space and a capital letter,
// a digit or an opening quote or parenthesis. An ellipsis is not an end.
func sentences(p string) []string {
	var out []string
	start := 0
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		if c == '.' && (i > 0 && rs[i-1] == '.' || i+1 < len(rs) && rs[i+1] == '.') {
			continue
		}
		j := i + 1
		for j < len(rs) && (rs[j] == ')' || rs[j] == '"') {
			j++
		}
		if j >= len(rs) {
			break
		}
		if rs[j] != ' ' || j+1 >= len(rs) {
			continue
		}
		n := rs[j+1]
		if !unicode.IsUpper(n) && !unicode.IsDigit(n) && n != '"' && n != '(' && n != '<' && n != '$' {
			continue
		}
		out = append(out, string(rs[start:j]))
		start = j + 1
		i = j
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

// firstWord returns s's first word, lower-cased, without punctuation.
func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(strings.TrimRight(f[0], ",;:."))
}

// clauseSeps separate a sentence's clauses; a fix may start after one.
var clauseSeps = []string{"; ", ": ", ", so "}

// fixAt returns where in sentence s the advice starts: 0 when the sentence
// is advice from its start (an imperative verb, or "To/If ..., <verb>"),
// the byte offset of a clause that starts with an imperative verb ("...;
// rename the key"), or -1.
func fixAt(s string) int {
	if fixVerbs[firstWord(s)] {
		return 0
	}
	for _, lead := range []string{"To ", "If "} {
		if strings.HasPrefix(s, lead) {
			if _, after, ok := strings.Cut(s, ", "); ok && fixVerbs[firstWord(after)] {
				return 0
			}
		}
	}
	best := -1
	for _, sep := range clauseSeps {
		for off := 0; ; {
			i := strings.Index(s[off:], sep)
			if i < 0 {
				break
			}
			at := off + i + len(sep)
			rest := s[at:]
			if w := firstWord(rest); w == "otherwise" || w == "then" {
				rest = strings.TrimSpace(rest[len(w):])
			}
			if fixVerbs[firstWord(rest)] && (best < 0 || at < best) {
				best = at
			}
			off = at
		}
	}
	return best
}

// SplitDoc divides a rule's Doc into what the rule checks and how to fix a
// finding. The Docs state the rule first and then say what to do, in the
// imperative; the advice starts at the first sentence (after the first)
// or clause that does. A clause split ends the first part with a full stop
// and capitalises the second. fix is empty when no sentence gives advice.
func SplitDoc(doc string) (checks, fix string) {
	ss := sentences(Paragraph(doc))
	for i, s := range ss {
		at := fixAt(s)
		switch {
		case at < 0, at == 0 && i == 0:
			continue
		case at == 0:
			return strings.Join(ss[:i], " "), strings.Join(ss[i:], " ")
		}
		head := s[:at]
		for _, sep := range clauseSeps {
			head = strings.TrimSuffix(head, sep)
		}
		tail := s[at:]
		before := append(append([]string{}, ss[:i]...), head+".")
		after := append([]string{capitalize(tail)}, ss[i+1:]...)
		return strings.Join(before, " "), strings.Join(after, " ")
	}
	return strings.Join(ss, " "), ""
}

func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// FindingLine renders a finding the way the text format's first line does.
func FindingLine(d diag.Diagnostic) string {
	return fmt.Sprintf("%s:%d:%d: %s %s %s", d.File, d.Line, d.Column, d.Severity, d.Rule, d.Message)
}

// Body is the Markdown of one rule without its heading: the fields, what it
// checks, the example when there is one, how to fix and the AWS page. SARIF
// output uses it, without an example, as the rule's Markdown help.
func Body(r *rules.Rule, ex *Example) string {
	var b strings.Builder
	mode := Mode(r)
	if mode == "" {
		mode = "offline (reads the spec only)"
	}
	fmt.Fprintf(&b, "- Severity: **%s**\n- Mode: %s\n- Source: `%s`\n\n", r.Severity, mode, r.Source)
	checks, fix := SplitDoc(r.Doc)
	fmt.Fprintf(&b, "**What it checks.** %s\n\n", checks)
	if ex != nil {
		switch {
		case ex.Fixture == "" && r.Online:
			b.WriteString("**Example.** None in the repository: online rules need AWS, and the fixtures under `testdata/rules/` run offline.\n\n")
		case ex.Fixture == "":
			b.WriteString("**Example.** No fixture under `testdata/rules/` yet.\n\n")
		case len(ex.Findings) == 0:
			fmt.Fprintf(&b, "**Example.** [`%s`](../%s) is the rule's fixture, but linting it does not report %s at present.\n\n", ex.Fixture, ex.Fixture, r.ID)
		default:
			fmt.Fprintf(&b, "**Example.** `gtctl lint %s` ([fixture](../%s)) reports:\n\n```text\n", ex.Fixture, ex.Fixture)
			for i, d := range ex.Findings {
				if i == maxExampleFindings {
					fmt.Fprintf(&b, "(and %d more)\n", len(ex.Findings)-i)
					break
				}
				b.WriteString(FindingLine(d) + "\n")
			}
			b.WriteString("```\n\n")
		}
	}
	if fix != "" {
		fmt.Fprintf(&b, "**How to fix.** %s\n\n", fix)
	}
	label := "Documentation"
	if u, err := url.Parse(r.URL); err == nil && (strings.HasSuffix(u.Host, ".amazon.com") || strings.HasSuffix(u.Host, ".aws")) {
		label = "AWS documentation"
	}
	fmt.Fprintf(&b, "**%s:** <%s>\n", label, r.URL)
	return b.String()
}

// Markdown renders docs/rules.md: an index of every rule, then each rule in
// full with the example from examples (keyed by rule ID; a rule without an
// entry gets a note that it has none).
func Markdown(examples map[string]Example) []byte {
	all := rules.All()
	var b bytes.Buffer
	b.WriteString("# gtctl rules\n\n")
	b.WriteString("<!-- Generated from the rule catalog (pkg/rules) and the fixtures under testdata/rules.\n")
	b.WriteString("     Do not edit; regenerate with: go test ./pkg/lint -run TestRulesDoc -update -->\n\n")
	var errs, warns, infos, online, file int
	for _, r := range all {
		switch r.Severity {
		case rules.Error:
			errs++
		case rules.Warning:
			warns++
		default:
			infos++
		}
		if r.Online {
			online++
		}
		if r.File {
			file++
		}
	}
	if infos > 0 {
		fmt.Fprintf(&b, "gtctl has %d rules: %d errors, %d warnings and %d infos. ", len(all), errs, warns, infos)
	} else {
		fmt.Fprintf(&b, "gtctl has %d rules: %d errors and %d warnings. ", len(all), errs, warns)
	}
	fmt.Fprintf(&b, "%d are online rules, which need AWS read calls and run only with `gtctl lint --online`, `plan` and `apply`; ", online)
	fmt.Fprintf(&b, "%d are file rules, which read a local label category file, manifest or worker task template. ", file)
	b.WriteString("`gtctl explain ID` prints a rule in the terminal.\n\n")
	b.WriteString("Each example is the rule's fixture under `testdata/rules/` and what `gtctl lint` reports for it, ")
	b.WriteString("run from the repository root.\n\n")
	b.WriteString("| Rule | Severity | Mode | Title |\n| --- | --- | --- | --- |\n")
	for _, r := range all {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Severity, shortMode(r), escapeCell(r.Title))
	}
	for _, r := range all {
		fmt.Fprintf(&b, "\n## %s\n\n**%s**\n\n", r.ID, r.Title)
		ex, ok := examples[r.ID]
		if !ok {
			ex = Example{}
		}
		b.WriteString(Body(r, &ex))
	}
	return b.Bytes()
}

// escapeCell keeps a title from breaking its table row.
func escapeCell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
