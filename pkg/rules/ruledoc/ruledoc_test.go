package ruledoc

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/rules"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two.", []string{"One.", "Two."}},
		{`Set it to "2018-11-28". Other dates fail.`, []string{`Set it to "2018-11-28".`, "Other dates fail."}},
		{`(The API text misprints it as "2952,000".) Lower the value.`, []string{`(The API text misprints it as "2952,000".)`, "Lower the value."}},
		{"Use the Adjustment... Lambdas if you meant it. Then stop.", []string{"Use the Adjustment... Lambdas if you meant it.", "Then stop."}},
		{"Values such as 0.036 or s3://a.b/c.d stay whole. 3D jobs differ.", []string{"Values such as 0.036 or s3://a.b/c.d stay whole.", "3D jobs differ."}},
		{"the key. lower case does not start a sentence.", []string{"the key. lower case does not start a sentence."}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, sentences(tt.in)); diff != "" {
			t.Errorf("sentences(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestSplitDoc(t *testing.T) {
	tests := []struct {
		doc, checks, fix string
	}{
		{
			"Image jobs allow at most 28,800 seconds.\nLower the value; most tasks need minutes.",
			"Image jobs allow at most 28,800 seconds.", "Lower the value; most tasks need minutes.",
		},
		{
			// The fix in a clause after "; ".
			"Keys must be members. The finding suggests the closest name; rename the key or move it.",
			"Keys must be members. The finding suggests the closest name.", "Rename the key or move it.",
		},
		{
			// ... after ": " in the first sentence.
			"These jobs use a Ground Truth UI: set HumanTaskUiArn and remove UiTemplateS3Uri.",
			"These jobs use a Ground Truth UI.", "Set HumanTaskUiArn and remove UiTemplateS3Uri.",
		},
		{
			// ... after ", so ".
			"Workers see the title, so keep it short.",
			"Workers see the title.", "Keep it short.",
		},
		{
			"The count must be at least 1.\nTo label everything, omit the stopping conditions.",
			"The count must be at least 1.", "To label everything, omit the stopping conditions.",
		},
		{
			"It must be 1–9. More workers cost more.",
			"It must be 1–9. More workers cost more.", "",
		},
	}
	for _, tt := range tests {
		c, f := SplitDoc(tt.doc)
		if c != tt.checks || f != tt.fix {
			t.Errorf("SplitDoc(%q)\n got %q | %q\nwant %q | %q", tt.doc, c, f, tt.checks, tt.fix)
		}
	}
}

// Splitting loses no word of any rule's Doc (but the "so" of a ", so"
// clause split) and always leaves a description.
func TestSplitDocCatalog(t *testing.T) {
	norm := func(s string) string {
		s = strings.ToLower(strings.NewReplacer(".", "", ",", "", ";", "", ":", "").Replace(strings.Join(strings.Fields(s), " ")))
		return strings.ReplaceAll(s, " so ", " ")
	}
	withFix := 0
	all := rules.All()
	for _, r := range all {
		c, f := SplitDoc(r.Doc)
		if strings.TrimSpace(c) == "" {
			t.Errorf("%s: empty description", r.ID)
		}
		if f != "" {
			withFix++
		}
		if got, want := norm(c+" "+f), norm(r.Doc); got != want {
			t.Errorf("%s: split changes the text\n got %s\nwant %s", r.ID, got, want)
		}
	}
	// Most Docs end in advice; a drop here means the heuristic broke.
	if withFix < len(all)*3/4 {
		t.Errorf("only %d of %d rules have a how-to-fix part", withFix, len(all))
	}
}

// Text is what gtctl explain printed before it moved here, byte for byte.
func TestText(t *testing.T) {
	r := &rules.Rule{ID: "GT0001", Severity: rules.Error, Title: "A title", Online: true, File: true, Source: "api-docs", URL: "https://example.com/a", Doc: "\nFirst line\nsecond line.\n"}
	want := "GT0001: A title\n\nSeverity: error\n" +
		"Mode:     file rule (reads the local label file, manifest or template); online (runs with --online, plan and apply)\n" +
		"Source:   api-docs\n          https://example.com/a\n\nFirst line\nsecond line.\n"
	if got := Text(r); got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
	r.Online, r.File = false, false
	if strings.Contains(Text(r), "Mode:") {
		t.Error("an offline spec rule has a Mode line")
	}
}

func TestMarkdown(t *testing.T) {
	all := rules.All()
	r := all[0]
	ex := map[string]Example{r.ID: {
		Fixture:  "testdata/rules/" + r.ID + ".yaml",
		Findings: []diag.Diagnostic{{Rule: r.ID, Severity: r.Severity, File: "testdata/rules/" + r.ID + ".yaml", Line: 3, Column: 5, Message: "the message"}},
	}}
	md := string(Markdown(ex))
	for _, want := range []string{
		"| [" + r.ID + "](#" + strings.ToLower(r.ID) + ") |",
		"\n## " + r.ID + "\n\n**" + r.Title + "**\n",
		"testdata/rules/" + r.ID + ".yaml:3:5: " + r.Severity.String() + " " + r.ID + " the message\n",
		"<" + r.URL + ">",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if n := strings.Count(md, "\n## GT"); n != len(all) {
		t.Errorf("%d rule sections, want %d", n, len(all))
	}
}
