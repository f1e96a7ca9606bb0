package fakesagemaker

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// violation is one failed constraint, in the service's words.
type violation struct {
	value      string // already formatted: "'x'" or "null"
	path       string // lowerCamel members joined by ".", list items as "N.member"
	constraint string
}

func (v violation) String() string {
	return fmt.Sprintf("Value %s at '%s' failed to satisfy constraint: %s", v.value, v.path, v.constraint)
}

// validationMessage is the service's ValidationException message.
func validationMessage(vs []violation) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.String()
	}
	s := "s"
	if len(vs) == 1 {
		s = ""
	}
	return fmt.Sprintf("%d validation error%s detected: %s", len(vs), s, strings.Join(parts, "; "))
}

// serializationError is a value of the wrong JSON type: the service
// answers SerializationException before it validates anything.
type serializationError struct{ msg string }

func (e *serializationError) Error() string { return e.msg }

// validateInput checks an operation's input (decoded with UseNumber)
// against the model: required members, string lengths (UTF-16 units),
// patterns (full match), enums, integer ranges and list sizes. Members the
// model does not know are ignored, as the service ignores them.
func validateInput(m *model, op string, in map[string]any) ([]violation, error) {
	o, ok := m.Operations[op]
	if !ok {
		return nil, fmt.Errorf("fakesagemaker: no operation %s in the model", op)
	}
	v := &validator{m: m}
	if err := v.structure(o.Input.Shape, in, ""); err != nil {
		return nil, err
	}
	return v.out, nil
}

type validator struct {
	m   *model
	out []violation
}

func (v *validator) add(val any, path, constraint string) {
	v.out = append(v.out, violation{value: "'" + formatValue(val) + "'", path: path, constraint: constraint})
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func (v *validator) structure(shapeName string, val any, path string) error {
	s := v.m.Shapes[shapeName]
	obj, ok := val.(map[string]any)
	if !ok {
		return typeError(path, "structure", val)
	}
	required := map[string]bool{}
	for _, r := range s.Required {
		required[r] = true
	}
	for _, mem := range s.Members {
		p := join(path, lowerFirst(mem.Name))
		mv, present := obj[mem.Name]
		if !present || mv == nil {
			if required[mem.Name] {
				v.out = append(v.out, violation{value: "null", path: p, constraint: "Member must not be null"})
			}
			continue
		}
		if err := v.value(mem.Shape, mv, p); err != nil {
			return err
		}
	}
	return nil
}

func (v *validator) value(shapeName string, val any, path string) error {
	s, ok := v.m.Shapes[shapeName]
	if !ok {
		return fmt.Errorf("fakesagemaker: no shape %s in the model", shapeName)
	}
	switch s.Type {
	case "structure":
		return v.structure(shapeName, val, path)
	case "list":
		list, ok := val.([]any)
		if !ok {
			return typeError(path, "list", val)
		}
		v.length(s, val, len(list), path)
		for i, e := range list {
			p := path + "." + strconv.Itoa(i+1) + ".member"
			if e == nil {
				continue
			}
			if err := v.value(s.Member.Shape, e, p); err != nil {
				return err
			}
		}
	case "string":
		str, ok := val.(string)
		if !ok {
			return typeError(path, "string", val)
		}
		v.length(s, val, javaLength(str), path)
		if s.re != nil && !s.re.MatchString(str) {
			v.add(val, path, "Member must satisfy regular expression pattern: "+s.Pattern)
		}
		if len(s.Enum) > 0 && !contains(s.Enum, str) {
			v.add(val, path, "Member must satisfy enum value set: ["+strings.Join(s.Enum, ", ")+"]")
		}
	case "integer", "long":
		n, ok := val.(json.Number)
		if !ok {
			return typeError(path, s.Type, val)
		}
		i, err := n.Int64()
		if err != nil {
			return &serializationError{msg: fmt.Sprintf("Value %s at '%s' is not an integer", n, path)}
		}
		if s.Min != nil && float64(i) < *s.Min {
			v.add(val, path, "Member must have value greater than or equal to "+num(*s.Min))
		}
		if s.Max != nil && float64(i) > *s.Max {
			v.add(val, path, "Member must have value less than or equal to "+num(*s.Max))
		}
	case "timestamp":
		switch val.(type) {
		case json.Number, string:
		default:
			return typeError(path, "timestamp", val)
		}
	case "boolean":
		if _, ok := val.(bool); !ok {
			return typeError(path, "boolean", val)
		}
	}
	return nil
}

func (v *validator) length(s *shape, val any, n int, path string) {
	if s.Min != nil && float64(n) < *s.Min {
		v.add(val, path, "Member must have length greater than or equal to "+num(*s.Min))
	}
	if s.Max != nil && float64(n) > *s.Max {
		v.add(val, path, "Member must have length less than or equal to "+num(*s.Max))
	}
}

func typeError(path, want string, got any) error {
	kind := "value"
	switch got.(type) {
	case map[string]any:
		kind = "Start of structure or map"
	case []any:
		kind = "Start of list"
	case string:
		kind = "STRING_VALUE"
	case json.Number:
		kind = "NUMBER_VALUE"
	case bool:
		kind = "BOOLEAN_VALUE"
	}
	where := path
	if where == "" {
		where = "the request body"
	}
	return &serializationError{msg: fmt.Sprintf("%s found where a %s was expected at '%s'", kind, want, where)}
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// formatValue renders a value as the service's messages do (Java
// toString): strings bare, lists as [a, b], structures as {k=v}.
func formatValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = formatValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + formatValue(v[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}
