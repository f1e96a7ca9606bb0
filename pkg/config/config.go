// Package config reads a repository's .gtctl.yaml: the artifact prefix and
// default Region for plan and apply, rules switched off or re-graded
// (globally or for some paths), and directories of the team's own CUE
// policies. Unknown keys are errors with positions, like in specs.
package config

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/gtctl/gtctl/pkg/didyoumean"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/spec"
)

// FileName is the configuration file gtctl looks for.
const FileName = ".gtctl.yaml"

// Config is a parsed .gtctl.yaml.
type Config struct {
	// File is where the configuration was read from ("" when none).
	File string
	// Dir is the directory holding File: globs and policy directories are
	// relative to it.
	Dir string
	// ArtifactPrefix is the s3:// prefix local artifacts are uploaded under.
	ArtifactPrefix string
	// Region is the default Region when neither a spec's ARNs nor --region
	// give one.
	Region string
	// Rules re-grade or switch off rules everywhere.
	Rules map[string]Setting
	// Overrides apply to files matching their globs, later ones winning.
	Overrides []Override
	// Policies are directories of CUE policy files.
	Policies []string
}

// Setting is what a rule is set to: off, or a severity.
type Setting struct {
	Off      bool
	Severity rules.Severity
}

// Override is a per-path block.
type Override struct {
	Files []string // globs relative to Dir; ** matches any number of directories
	Rules map[string]Setting
}

// Error is a configuration problem with its position.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

var policyID = regexp.MustCompile(`^[A-Z][A-Z0-9]*[0-9]+$`)

// Find looks for .gtctl.yaml in dir and its parents; "" when there is none.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

// Load reads the configuration at file; an empty file name gives the
// defaults.
func Load(file string) (*Config, error) {
	c := &Config{Rules: map[string]Setting{}}
	if file == "" {
		return c, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, data)
}

// Parse reads configuration content.
func Parse(file string, data []byte) (*Config, error) {
	c := &Config{File: file, Dir: filepath.Dir(file), Rules: map[string]Setting{}}
	docs, errs := spec.Parse(file, data)
	if len(errs) > 0 {
		e := errs[0]
		if len(docs) == 0 && e.Index == -1 && strings.Contains(e.Msg, "empty") {
			return c, nil // an empty file is an empty configuration
		}
		return nil, &Error{file, e.Line, e.Col, e.Msg}
	}
	if len(docs) != 1 {
		return nil, &Error{file, 1, 1, "expected one YAML document"}
	}
	root := docs[0].Root
	var errsOut []error
	fail := func(n *spec.Node, format string, args ...any) {
		errsOut = append(errsOut, &Error{file, n.Line, n.Col, fmt.Sprintf(format, args...)})
	}
	known := []string{"artifactPrefix", "region", "rules", "overrides", "policies"}
	for i, k := range root.Keys {
		v := root.Values[i]
		switch k.Value {
		case "artifactPrefix":
			if v == nil || v.Kind != spec.String || !strings.HasPrefix(v.Value, "s3://") || len(v.Value) <= len("s3://") {
				fail(orKey(v, k), "artifactPrefix must be an s3:// URI such as s3://my-bucket/gtctl")
				continue
			}
			c.ArtifactPrefix = strings.TrimSuffix(v.Value, "/")
		case "region":
			if v == nil || v.Kind != spec.String || v.Value == "" {
				fail(orKey(v, k), "region must be a Region name such as us-east-1")
				continue
			}
			c.Region = v.Value
		case "rules":
			c.Rules = parseRules(v, k, fail)
		case "overrides":
			if v == nil || v.Kind != spec.Seq {
				fail(orKey(v, k), "overrides must be a list of {files: [...], rules: {...}}")
				continue
			}
			for _, item := range v.Values {
				if o, ok := parseOverride(item, fail); ok {
					c.Overrides = append(c.Overrides, o)
				}
			}
		case "policies":
			if v == nil || v.Kind != spec.Seq {
				fail(orKey(v, k), "policies must be a list of directories")
				continue
			}
			for _, item := range v.Values {
				if item == nil || item.Kind != spec.String {
					fail(orKey(item, k), "a policies entry must be a directory path")
					continue
				}
				c.Policies = append(c.Policies, filepath.Join(c.Dir, filepath.FromSlash(item.Value)))
			}
		default:
			fail(k, "unknown key %q%s; valid keys: %s", k.Value, didYouMean(k.Value, known), strings.Join(known, ", "))
		}
	}
	if len(errsOut) > 0 {
		return nil, errors.Join(errsOut...)
	}
	return c, nil
}

func orKey(v, k *spec.Node) *spec.Node {
	if v != nil {
		return v
	}
	return k
}

func parseRules(v, k *spec.Node, fail func(*spec.Node, string, ...any)) map[string]Setting {
	out := map[string]Setting{}
	if v == nil || v.Kind != spec.Map {
		fail(orKey(v, k), "rules must map rule IDs to off, error, warning or info")
		return out
	}
	for i, rk := range v.Keys {
		id := strings.ToUpper(rk.Value)
		// The team's policy IDs (ORG001) are checked when the policies load.
		if _, ok := rules.Get(id); !ok && (strings.HasPrefix(id, "GT") || !policyID.MatchString(id)) {
			msg := fmt.Sprintf("unknown rule %q", rk.Value)
			if s := rules.Suggest(id); len(s) > 0 {
				msg += "; did you mean " + strings.Join(s, ", ") + "?"
			}
			fail(rk, "%s", msg)
			continue
		}
		sv := v.Values[i]
		if sv == nil || (sv.Kind != spec.String && sv.Kind != spec.Bool) {
			fail(orKey(sv, rk), "%s must be set to off, error, warning or info", id)
			continue
		}
		if sv.Value == "off" || sv.Value == "false" {
			out[id] = Setting{Off: true}
			continue
		}
		sev, err := rules.ParseSeverity(sv.Value)
		if err != nil {
			fail(sv, "%s must be set to off, error, warning or info (got %q)", id, sv.Value)
			continue
		}
		out[id] = Setting{Severity: sev}
	}
	return out
}

func parseOverride(n *spec.Node, fail func(*spec.Node, string, ...any)) (Override, bool) {
	var o Override
	if n == nil || n.Kind != spec.Map {
		if n != nil {
			fail(n, "an overrides entry must be a mapping with files and rules")
		}
		return o, false
	}
	ok := true
	for i, k := range n.Keys {
		v := n.Values[i]
		switch k.Value {
		case "files":
			if v == nil || v.Kind != spec.Seq || len(v.Values) == 0 {
				fail(orKey(v, k), "files must be a non-empty list of glob patterns")
				ok = false
				continue
			}
			for _, g := range v.Values {
				if g == nil || g.Kind != spec.String {
					fail(orKey(g, k), "a files entry must be a glob pattern string")
					ok = false
					continue
				}
				if _, err := path.Match(strings.ReplaceAll(g.Value, "**", "*"), ""); err != nil {
					fail(g, "bad glob %q: %v", g.Value, err)
					ok = false
					continue
				}
				o.Files = append(o.Files, g.Value)
			}
		case "rules":
			o.Rules = parseRules(v, k, fail)
		default:
			fail(k, "unknown key %q in an overrides entry; valid keys: files, rules", k.Value)
			ok = false
		}
	}
	if len(o.Files) == 0 && ok {
		fail(n, "an overrides entry needs files")
		ok = false
	}
	return o, ok
}

func didYouMean(key string, known []string) string {
	if k := didyoumean.Closest(key, known); k != "" {
		return fmt.Sprintf(" (did you mean %q?)", k)
	}
	return ""
}

// Setting returns how rule id is set for file (a path as linted), after
// the global rules and every matching override; ok is false when the
// configuration does not mention the rule for that file.
func (c *Config) Setting(id, file string) (Setting, bool) {
	if c == nil {
		return Setting{}, false
	}
	s, ok := c.Rules[id]
	rel := c.rel(file)
	for _, o := range c.Overrides {
		if rs, has := o.Rules[id]; has && o.matches(rel) {
			s, ok = rs, true
		}
	}
	return s, ok
}

func (c *Config) rel(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	dir := c.Dir
	if dir == "" {
		dir = "."
	}
	adir, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(file)
	}
	r, err := filepath.Rel(adir, abs)
	if err != nil {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(r)
}

func (o Override) matches(rel string) bool {
	for _, g := range o.Files {
		if globMatch(g, rel) {
			return true
		}
	}
	return false
}

// globMatch matches slash-separated paths; "**" matches zero or more
// directories, other elements follow path.Match.
func globMatch(pattern, name string) bool {
	return matchParts(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchParts(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchParts(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// RuleIDs lists the rules the configuration mentions, for diagnostics.
func (c *Config) RuleIDs() []string {
	set := map[string]bool{}
	for id := range c.Rules {
		set[id] = true
	}
	for _, o := range c.Overrides {
		for id := range o.Rules {
			set[id] = true
		}
	}
	var out []string
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
