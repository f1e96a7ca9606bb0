package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/spec"
)

const (
	pathPrice  = "HumanTaskConfig.PublicWorkforceTaskPrice"
	pathAmount = "HumanTaskConfig.PublicWorkforceTaskPrice.AmountInUsd"
)

// GT4040, GT4050, GT4055, GT4070: the Mechanical Turk price.
//   - GT4040: Mechanical Turk without AmountInUsd, or with a price of 0;
//   - GT4050: a price outside the task type's documented list;
//   - GT4055: NamedEntityRecognition and VideoMultiClass have no list
//     (Mechanical Turk allowed, no priceList in the facts): warn when the
//     price is not one of the classification/custom prices;
//   - GT4070: a price on a private or vendor (or unrecognised) work team.
//
// Prices are compared in mills (RULES.md §0.3). Types without Mechanical
// Turk (FRAME) get GT4030 and no price finding.
var _ = register(Check{
	Rules: []string{"GT4040", "GT4050", "GT4055", "GT4070"},
	Run: func(p *Pass) {
		switch workforceForRules(p) {
		case groundtruth.WorkforcePrivate, groundtruth.WorkforceVendor:
			if p.Has(pathPrice) {
				p.reportAtMember("GT4070", pathPrice, "PublicWorkforceTaskPrice only applies to the Mechanical Turk workforce; remove it for private/vendor work teams.")
			}
			return
		case groundtruth.WorkforceMTurk:
		default:
			return
		}
		mills, present, ok := priceMills(p)
		if !ok {
			return // a member is already reported by the schema
		}
		if !present || mills == 0 {
			got := ""
			if present {
				got = " (the price given is $0.000)"
			}
			p.reportAtMember("GT4040", pathAmount, "Mechanical Turk jobs must set HumanTaskConfig.PublicWorkforceTaskPrice.AmountInUsd%s.", got)
			return
		}
		if !p.typeKnown() || !p.Job.Type.MTurk {
			return
		}
		if list := p.Facts.PriceList(p.Job.Type); list != nil {
			if !slices.Contains(list, int(mills)) {
				p.reportAtMember("GT4050", pathAmount, "Price %s is not allowed for `%s` on Mechanical Turk; allowed: %s.", dollars(mills), p.Job.TaskType, dollarList(list))
			}
			return
		}
		cls := p.Facts.PriceLists["CLS"]
		if !slices.Contains(cls, int(mills)) {
			p.reportAtMember("GT4055", pathAmount, "No price list is documented for `%s`; use one of the classification/custom prices (%s); got %s.", p.Job.TaskType, dollarList(cls), dollars(mills))
		}
	},
})

// priceMills reads AmountInUsd in mills (Dollars*1000 + Cents*10 +
// TenthFractionsOfACent, a missing member counting as 0). present is false
// when AmountInUsd is absent; ok is false when the price cannot be read
// because something on the way is not well-typed or out of range.
func priceMills(p *Pass) (mills int64, present, ok bool) {
	for _, path := range []string{pathPrice, pathAmount} {
		n := p.Root.Lookup(path)
		if n == nil {
			return 0, false, true
		}
		if n.Kind != spec.Map || p.Bad[path] {
			return 0, true, false
		}
	}
	for _, m := range []struct {
		name  string
		scale int64
	}{{"Dollars", 1000}, {"Cents", 10}, {"TenthFractionsOfACent", 1}} {
		path := pathAmount + "." + m.name
		if !p.Has(path) {
			continue
		}
		v, ok := p.Int(path)
		if !ok {
			return 0, true, false
		}
		mills += v * m.scale
	}
	return mills, true, true
}

// dollars shows a price in mills as dollars with three decimals: $0.036.
func dollars(mills int64) string {
	return fmt.Sprintf("$%d.%03d", mills/1000, mills%1000)
}

func dollarList(list []int) string {
	s := make([]string, len(list))
	for i, m := range list {
		s[i] = dollars(int64(m))
	}
	return strings.Join(s, ", ")
}

// reportAtMember is Reportf for members whose value is a mapping or a block
// list: the finding points at the member's key (`AmountInUsd:`) rather than
// at the first key or item inside it, which sits on a later line.
func (p *Pass) reportAtMember(rule, path, format string, args ...any) {
	n := Locate(p.Root, path)
	if v := p.Root.Lookup(path); v != nil && v == n && (v.Kind == spec.Map || v.Kind == spec.Seq) {
		parent, name := "", path
		if i := strings.LastIndexByte(path, '.'); i >= 0 {
			parent, name = path[:i], path[i+1:]
		}
		holder := p.Root
		if parent != "" {
			holder = p.Root.Lookup(parent)
		}
		if k := holder.KeyNode(name); k != nil && k.Line != v.Line {
			n = k
		}
	}
	p.ReportNode(rule, n, path, format, args...)
}
