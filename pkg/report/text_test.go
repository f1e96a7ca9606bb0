package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

// A spec must not be able to inject workflow commands or terminal escapes
// into the text report.
func TestTextEscapesControlCharacters(t *testing.T) {
	res := &lint.Result{Files: 1, Jobs: 1, Diagnostics: []diag.Diagnostic{{
		Rule: "GT1010", Severity: rules.Error, File: "a.yaml", Line: 1, Column: 1,
		Message: "Unknown member `Bad\n::error file=x::INJECTED` \x1b[31mred",
	}}, Sources: map[string][]byte{"a.yaml": []byte("Bad\x1b[2J: x\n")}}
	var b bytes.Buffer
	if err := Write(&b, "text", res, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "::") {
			t.Errorf("a line starts a workflow command: %q", line)
		}
	}
	if strings.ContainsRune(out, 0x1b) {
		t.Errorf("escape character passed through: %q", out)
	}
	if !strings.Contains(out, `Bad\n::error`) || !strings.Contains(out, `\x1b[2J`) {
		t.Errorf("escaped text missing: %q", out)
	}
}
