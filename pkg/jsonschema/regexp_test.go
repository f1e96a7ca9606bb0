package jsonschema

import (
	"strings"
	"testing"
)

func TestToECMA(t *testing.T) {
	for _, tc := range []struct{ re2, ecma string }{
		// The API model's patterns, as api_gen.cue spells them.
		{`^(?:[\t\n\r -\x{D7FF}\x{E000}-\x{FFFD}]*)$`, `^(?:[\t\n\r -\uD7FF\uE000-\uFFFD]*)$`},
		{`^(?:([\p{L}\p{Z}\p{N}_.:/=+\-@]*))$`, `^(?:([\p{L}\p{Z}\p{N}_.:/=+\-@]*))$`},
		{`^(?:arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+)$`, `^(?:arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+)$`},
		{`^(?:(https|s3)://([^/]+)/?(.*))$`, `^(?:(https|s3)://([^/]+)/?([^\n]*))$`},
		{`^(?:[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$`, `^(?:[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$`},
		// Where the dialects differ.
		{`\x{1F426}`, `\u{1F426}`},
		{`\x41\101`, `\u0041\u0041`},
		{`a.b`, `a[^\n]b`},
		{`[.]`, `[.]`},
		{`\s+\S`, `[\t\n\f\r ]+[^\t\n\f\r ]`},
		{`[\s,]`, `[\t\n\f\r ,]`},
		{`[^\S]`, `[^\x00-\x08\x0B\x0E-\x1F!-\u{10FFFF}]`},
		{`\Aabc\z`, `^abc$`},
		{`\pL\PN\p{^Lu}\P{^Nd}`, `\p{L}\P{N}\P{Lu}\p{Nd}`},
		{`\p{Greek}+`, `\p{Script=Greek}+`},
		{`(?P<year>\d{4})-(?<m>\d\d)`, `(?<year>\d{4})-(?<m>\d\d)`},
		{`\Qa.b*\E+`, `a\.b\*+`},
		{`\-\_\@\#\/\.`, `-_@#/\.`},
		{`[\_\-\]\[]`, `[_\-\]\[]`},
		{`[]a]`, `[\]a]`},
		{`[^]a]`, `[^\]a]`},
		{`a{`, `a\{`},
		{`a{1,x}`, `a\{1,x\}`},
		{`a{2,}b{3}c{1,5}?`, `a{2,}b{3}c{1,5}?`},
		{`x]`, `x\]`},
		{`[[:alpha:][:digit:]_]`, `[A-Za-z0-9_]`},
		{`\a\f\t\n\r\v`, `\x07\f\t\n\r\v`},
		{"tab\there", `tab\u0009here`},
		{"nbsp\u00a0", `nbsp\u00A0`},
		{`é+`, `é+`},
		{`\bword\B`, `\bword\B`},
		{`a|b|(?:c)`, `a|b|(?:c)`},
	} {
		got, err := ToECMA(tc.re2)
		if err != nil {
			t.Errorf("ToECMA(%q): %v", tc.re2, err)
			continue
		}
		if got != tc.ecma {
			t.Errorf("ToECMA(%q) = %q, want %q", tc.re2, got, tc.ecma)
		}
	}
}

func TestToECMAErrors(t *testing.T) {
	for _, tc := range []struct{ re2, err string }{
		{`(?i)abc`, "flag group"},
		{`(?s:.)`, "flag group"},
		{`[[:^alpha:]]`, "POSIX class"},
		{`a(`, "missing closing )"}, // not RE2 at all
	} {
		_, err := ToECMA(tc.re2)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("ToECMA(%q) error = %v, want one containing %q", tc.re2, err, tc.err)
		}
	}
}
