package jsonschema

import (
	"fmt"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
)

// ToECMA translates a pattern in RE2 syntax (Go's regexp, which CUE's =~
// uses) into an ECMA-262 pattern with the same meaning when compiled with
// the "u" flag, as JSON Schema validators (ajv) and editors
// (yaml-language-server) compile "pattern".
//
// The translation is lexical, so the result stays readable (\p{L} stays
// \p{L}); where the two dialects differ it spells out RE2's meaning:
//
//	\x{D7FF}        → \uD7FF (\u{1F600} above the BMP)
//	.               → [^\n]  (RE2's dot excludes only \n; ECMA's also \r, U+2028, U+2029)
//	\s, \S          → [\t\n\f\r ], its complement (ECMA's \s is wider)
//	\A, \z          → ^, $   (ECMA's ^ and $ without the m flag)
//	\pL, \p{Greek}  → \p{L}, \p{Script=Greek}
//	(?P<n>…)        → (?<n>…)
//	\Q…\E           → the text, escaped
//	\-, \_ …        → the character (u-mode forbids needless escapes)
//	lone {, }, ]    → escaped (u-mode forbids them)
//
// Flag groups such as (?i) and (?s:…) have no ECMA-262 equivalent inside a
// pattern and are an error, as are negated POSIX classes.
func ToECMA(re2 string) (string, error) {
	if _, err := syntax.Parse(re2, syntax.Perl); err != nil {
		return "", fmt.Errorf("pattern %q: %w", re2, err)
	}
	t := &translator{src: []rune(re2)}
	if err := t.run(); err != nil {
		return "", fmt.Errorf("pattern %q: %w", re2, err)
	}
	return t.out.String(), nil
}

type translator struct {
	src []rune
	i   int
	out strings.Builder
}

// ecmaSyntax are ECMA-262's SyntaxCharacters: u-mode lets one escape
// them (and / and, in a class, -) but nothing else.
const ecmaSyntax = `^$\.*+?()[]{}|`

func (t *translator) peek(k int) rune {
	if t.i+k < len(t.src) {
		return t.src[t.i+k]
	}
	return -1
}

func (t *translator) run() error {
	for t.i < len(t.src) {
		r := t.src[t.i]
		switch r {
		case '\\':
			if err := t.escape(false); err != nil {
				return err
			}
			continue
		case '[':
			if err := t.class(); err != nil {
				return err
			}
			continue
		case '.':
			t.out.WriteString(`[^\n]`)
		case '(':
			if t.peek(1) != '?' {
				t.out.WriteByte('(')
				break
			}
			rest := string(t.src[t.i+2:])
			switch {
			case strings.HasPrefix(rest, ":"):
				t.out.WriteString("(?:")
				t.i += 3
				continue
			case strings.HasPrefix(rest, "P<"):
				t.out.WriteString("(?<")
				t.i += 4
				continue
			case strings.HasPrefix(rest, "<"):
				t.out.WriteString("(?<")
				t.i += 3
				continue
			}
			return fmt.Errorf("flag group (?%s has no ECMA-262 equivalent", firstN(rest, 4))
		case '{':
			if n := repeatLen(t.src[t.i:]); n > 0 {
				t.out.WriteString(string(t.src[t.i : t.i+n]))
				t.i += n
				continue
			}
			t.out.WriteString(`\{`) // RE2 reads a { that starts no repeat as itself
		case '}', ']':
			t.out.WriteByte('\\')
			t.out.WriteRune(r)
		case '^', '$', '|', ')', '*', '+', '?':
			t.out.WriteRune(r)
		default:
			t.literal(r, false)
		}
		t.i++
	}
	return nil
}

// class translates a bracket expression starting at t.i.
func (t *translator) class() error {
	t.out.WriteByte('[')
	t.i++
	if t.peek(0) == '^' {
		t.out.WriteByte('^')
		t.i++
	}
	if t.peek(0) == ']' { // a leading ] is a member in RE2
		t.out.WriteString(`\]`)
		t.i++
	}
	for t.i < len(t.src) {
		r := t.src[t.i]
		switch r {
		case ']':
			t.out.WriteByte(']')
			t.i++
			return nil
		case '\\':
			if err := t.escape(true); err != nil {
				return err
			}
			continue
		case '[':
			if t.peek(1) == ':' {
				end := t.i + 2
				for end+1 < len(t.src) && !(t.src[end] == ':' && t.src[end+1] == ']') {
					end++
				}
				if end+1 >= len(t.src) {
					return fmt.Errorf("unterminated POSIX class")
				}
				name := string(t.src[t.i+2 : end])
				ranges, ok := posixClasses[name]
				if !ok {
					return fmt.Errorf("POSIX class [:%s:] has no ECMA-262 equivalent", name)
				}
				t.out.WriteString(ranges)
				t.i = end + 2
				continue
			}
			t.out.WriteString(`\[`)
		case '-':
			t.out.WriteByte('-')
		default:
			t.literal(r, true)
		}
		t.i++
	}
	return fmt.Errorf("unterminated character class")
}

// escape translates the escape sequence starting at t.i (a backslash).
func (t *translator) escape(inClass bool) error {
	c := t.peek(1)
	if c < 0 {
		return fmt.Errorf("trailing backslash")
	}
	t.i += 2 // past \ and c; longer escapes advance further
	switch {
	case c >= '0' && c <= '7':
		n, j := int(c-'0'), 0
		for ; j < 2 && t.peek(0) >= '0' && t.peek(0) <= '7'; j++ {
			n = n*8 + int(t.peek(0)-'0')
			t.i++
		}
		t.codePoint(rune(n))
	case c == 'x':
		var hex string
		if t.peek(0) == '{' {
			end := t.i
			for end < len(t.src) && t.src[end] != '}' {
				end++
			}
			hex = string(t.src[t.i+1 : end])
			t.i = end + 1
		} else {
			hex = string(t.src[t.i : t.i+2])
			t.i += 2
		}
		n, err := strconv.ParseUint(hex, 16, 32)
		if err != nil {
			return fmt.Errorf("bad hex escape \\x%s", hex)
		}
		t.codePoint(rune(n))
	case c == 'a':
		t.out.WriteString(`\x07`)
	case strings.ContainsRune("fnrtv", c):
		t.out.WriteByte('\\')
		t.out.WriteRune(c)
	case c == 'A' && !inClass:
		t.out.WriteByte('^')
	case c == 'z' && !inClass:
		t.out.WriteByte('$')
	case (c == 'b' || c == 'B') && !inClass:
		t.out.WriteByte('\\')
		t.out.WriteRune(c)
	case strings.ContainsRune("dDwW", c):
		t.out.WriteByte('\\')
		t.out.WriteRune(c)
	case c == 's':
		if inClass {
			t.out.WriteString(`\t\n\f\r `)
		} else {
			t.out.WriteString(`[\t\n\f\r ]`)
		}
	case c == 'S':
		if inClass {
			t.out.WriteString(`\x00-\x08\x0B\x0E-\x1F!-\u{10FFFF}`)
		} else {
			t.out.WriteString(`[^\t\n\f\r ]`)
		}
	case c == 'p' || c == 'P':
		neg := c == 'P'
		var name string
		if t.peek(0) == '{' {
			end := t.i
			for end < len(t.src) && t.src[end] != '}' {
				end++
			}
			name = string(t.src[t.i+1 : end])
			t.i = end + 1
		} else {
			name = string(t.peek(0))
			t.i++
		}
		if strings.HasPrefix(name, "^") {
			neg, name = !neg, name[1:]
		}
		prop, err := unicodeProperty(name)
		if err != nil {
			return err
		}
		if neg {
			t.out.WriteString(`\P{` + prop + `}`)
		} else {
			t.out.WriteString(`\p{` + prop + `}`)
		}
	case c == 'Q':
		end := strings.Index(string(t.src[t.i:]), `\E`)
		var lit []rune
		if end < 0 {
			lit = t.src[t.i:]
			t.i = len(t.src)
		} else {
			lit = []rune(string(t.src[t.i:])[:end])
			t.i += len(lit) + 2
		}
		for _, r := range lit {
			t.literal(r, inClass)
		}
	case c < 0x80 && !unicode.IsLetter(c) && !unicode.IsDigit(c):
		// RE2 lets any punctuation be escaped; ECMA u-mode only the
		// syntax characters (and - in a class): write it as a literal.
		t.literal(c, inClass)
	default:
		return fmt.Errorf("escape \\%c has no ECMA-262 equivalent", c)
	}
	return nil
}

// literal writes r so that it stands for itself.
func (t *translator) literal(r rune, inClass bool) {
	special := ecmaSyntax
	if inClass {
		special = `\]^-[`
	}
	switch {
	case strings.ContainsRune(special, r):
		t.out.WriteByte('\\')
		t.out.WriteRune(r)
	case r < 0x20 || r == 0x7f || !unicode.IsPrint(r) && r != ' ':
		t.codePoint(r)
	default:
		t.out.WriteRune(r)
	}
}

// codePoint writes r as a u-mode escape.
func (t *translator) codePoint(r rune) {
	if r <= 0xFFFF {
		fmt.Fprintf(&t.out, `\u%04X`, r)
	} else {
		fmt.Fprintf(&t.out, `\u{%X}`, r)
	}
}

// repeatLen returns the length of a {n}, {n,} or {n,m} repeat at the
// start of s, or 0.
func repeatLen(s []rune) int {
	i := 1
	digits := func() int {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - start
	}
	if digits() == 0 {
		return 0
	}
	if i < len(s) && s[i] == ',' {
		i++
		digits()
	}
	if i < len(s) && s[i] == '}' {
		return i + 1
	}
	return 0
}

// unicodeProperty maps an RE2 \p name to the ECMA-262 property expression:
// general categories keep their name, scripts need Script=.
func unicodeProperty(name string) (string, error) {
	switch {
	case name == "Any":
		return "Any", nil
	case unicode.Categories[name] != nil:
		return name, nil
	case unicode.Scripts[name] != nil:
		return "Script=" + name, nil
	}
	return "", fmt.Errorf("unknown Unicode class \\p{%s}", name)
}

// posixClasses are RE2's ASCII classes as class members.
var posixClasses = map[string]string{
	"alnum":  `0-9A-Za-z`,
	"alpha":  `A-Za-z`,
	"ascii":  `\x00-\x7F`,
	"blank":  `\t `,
	"cntrl":  `\x00-\x1F\x7F`,
	"digit":  `0-9`,
	"graph":  `!-~`,
	"lower":  `a-z`,
	"print":  ` -~`,
	"punct":  `!-\/:-@\[-\x60{-~`,
	"space":  `\t\n\v\f\r `,
	"upper":  `A-Z`,
	"word":   `0-9A-Za-z_`,
	"xdigit": `0-9A-Fa-f`,
}

func firstN(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}
