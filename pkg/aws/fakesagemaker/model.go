package fakesagemaker

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf16"
)

// model.json is a copy of schema/apimodel/sagemaker-labeling-api-model.json
// (the botocore model of the operations gtctl uses); a test checks that
// the two are the same.
//
//go:generate cp ../../../schema/apimodel/sagemaker-labeling-api-model.json model.json
//go:embed model.json
var modelJSON []byte

type model struct {
	Operations map[string]struct {
		Input struct {
			Shape string `json:"shape"`
		} `json:"input"`
	} `json:"operations"`
	Shapes map[string]*shape `json:"shapes"`
}

type shape struct {
	Type     string    `json:"type"`
	Required []string  `json:"required"`
	Members  members   `json:"members"`
	Member   *shapeRef `json:"member"`
	Min      *float64  `json:"min"`
	Max      *float64  `json:"max"`
	Pattern  string    `json:"pattern"`
	Enum     []string  `json:"enum"`

	re *regexp.Regexp
}

type shapeRef struct {
	Shape string `json:"shape"`
}

type memberDef struct {
	Name  string
	Shape string
}

// members keeps the model's order, so that validation messages come out
// in the order the service lists them.
type members []memberDef

func (m *members) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		var ref shapeRef
		if err := dec.Decode(&ref); err != nil {
			return err
		}
		*m = append(*m, memberDef{Name: t.(string), Shape: ref.Shape})
	}
	return nil
}

var (
	loadOnce  sync.Once
	theModel  *model
	loadError error
)

func apiModel() (*model, error) {
	loadOnce.Do(func() {
		var m model
		if err := json.Unmarshal(modelJSON, &m); err != nil {
			loadError = fmt.Errorf("fakesagemaker: model.json: %w", err)
			return
		}
		for name, s := range m.Shapes {
			if s.Pattern == "" {
				continue
			}
			re, err := regexp.Compile(`^(?:` + goPattern(s.Pattern) + `)$`)
			if err != nil {
				loadError = fmt.Errorf("fakesagemaker: shape %s: pattern %q: %w", name, s.Pattern, err)
				return
			}
			s.re = re
		}
		theModel = &m
	})
	return theModel, loadError
}

var javaEscape = regexp.MustCompile(`\\u([0-9A-Fa-f]{4})`)

// goPattern turns the model's Java regular expression into RE2 syntax:
// \uXXXX escapes become \x{XXXX}. Surrogate code points (\uD800-\uDFFF
// written as a range end) cannot occur in Go strings, so the range
// " -\uD7FF" keeps its meaning.
func goPattern(p string) string {
	return javaEscape.ReplaceAllString(p, `\x{$1}`)
}

// javaLength is the length the service measures: UTF-16 code units.
func javaLength(s string) int {
	n := 0
	for _, r := range s { // an invalid byte ranges as U+FFFD: one unit
		n += utf16.RuneLen(r)
	}
	return n
}

// lowerFirst is the service's name for a member in validation messages.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
