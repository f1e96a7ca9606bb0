package plan

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/gtctl/gtctl/pkg/aws"
)

// notCompared are request members DescribeLabelingJob does not return or
// that can change after creation without making a new job: tags are
// read with ListTags and may be edited with AddTags.
var notCompared = map[string]bool{"Tags": true}

// serviceDefaults are values the service fills in when a request omits
// them; a spec that omits them and a live job that shows them are the same
// job. Paths are dotted member paths.
var serviceDefaults = map[string]any{}

// Normalize returns the canonical form of a request for comparison:
// numbers as int64 where integral, set-like lists sorted, empty members and
// members not compared dropped, service defaults removed.
func Normalize(req aws.Request) map[string]any {
	out, _ := normalize(req, "").(map[string]any)
	if out == nil {
		out = map[string]any{}
	}
	return out
}

func normalize(v any, path string) any {
	switch x := v.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, val := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if path == "" && notCompared[k] {
				continue
			}
			n := normalize(val, p)
			if n == nil {
				continue
			}
			if d, ok := serviceDefaults[p]; ok && reflect.DeepEqual(d, n) {
				continue
			}
			m[k] = n
		}
		if len(m) == 0 {
			return nil
		}
		return m
	case []any:
		if len(x) == 0 {
			return nil
		}
		l := make([]any, 0, len(x))
		for _, e := range x {
			l = append(l, normalize(e, path+"[]"))
		}
		if path == "InputConfig.DataAttributes.ContentClassifiers" {
			// A set: order and repeats carry no meaning.
			sort.Slice(l, func(i, j int) bool { return fmt.Sprint(l[i]) < fmt.Sprint(l[j]) })
			l = dedupe(l)
		}
		return l
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x)
		}
		return x
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case string, int64, bool:
		return x
	case nil:
		return nil
	}
	return v
}

func dedupe(l []any) []any {
	out := l[:0]
	for i, e := range l {
		if i == 0 || !reflect.DeepEqual(e, l[i-1]) {
			out = append(out, e)
		}
	}
	return out
}

// Diff lists the members that differ between the live request and the
// desired one, after normalisation, as found by go-cmp.
func Diff(live, desired aws.Request) []Change {
	a, b := Normalize(live), Normalize(desired)
	var r reporter
	cmp.Equal(a, b, cmp.Reporter(&r))
	sort.Slice(r.changes, func(i, j int) bool { return r.changes[i].Path < r.changes[j].Path })
	return r.changes
}

// reporter collects the differing leaves with their member paths.
type reporter struct {
	path    cmp.Path
	changes []Change
}

func (r *reporter) PushStep(ps cmp.PathStep) { r.path = append(r.path, ps) }
func (r *reporter) PopStep()                 { r.path = r.path[:len(r.path)-1] }

func (r *reporter) Report(rs cmp.Result) {
	if rs.Equal() {
		return
	}
	vx, vy := r.path.Last().Values()
	r.changes = append(r.changes, Change{Path: memberPath(r.path), Live: value(vx), Desired: value(vy)})
}

func value(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// memberPath renders a go-cmp path in the API's notation:
// HumanTaskConfig.TaskKeywords[1].
func memberPath(p cmp.Path) string {
	var b strings.Builder
	for _, s := range p {
		switch s := s.(type) {
		case cmp.MapIndex:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(fmt.Sprint(s.Key().Interface()))
		case cmp.SliceIndex:
			k, _ := s.SplitKeys()
			if k < 0 {
				_, k = s.SplitKeys()
			}
			fmt.Fprintf(&b, "[%d]", k)
		}
	}
	return b.String()
}
