package checks

import (
	"fmt"
	"github.com/gtctl/gtctl/pkg/didyoumean"
	"sort"
	"strings"

	"github.com/gtctl/gtctl/pkg/groundtruth"
)

// The Lambda rules of RULES.md §0.4 and GT2010–GT2045: the built-in
// pre-annotation and consolidation Lambdas must be the documented Ground
// Truth ARNs for one task type, in the right field.
//
// Decisions where the catalog leaves room:
//   - The catalog's condition is an exact match with `arn:aws:lambda:…`, so
//     another partition fails GT2010/GT2020 as well as warning GT2058 (in
//     practice other partitions also have Regions without documented
//     Ground Truth Lambdas, C23).
//   - PRE-/ACS-VideoClassification is GT2045's (conflict C6), so GT2010 and
//     GT2020 accept the name and check only its Region and account.
//   - GT2010/GT2020 also run when the ARN already has a structural finding
//     (GT1150): RULES.md §4.1 expects both for
//     `arn:aws:lambda::function:PRE-TextMultiClassMultiLabel`, and the
//     message here names the exact ARN to use.
//   - GT2040 and GT2010/GT2020 are independent conditions; swapped ARNs get
//     both (the GT2010/GT2020 message then names the right ARN for the
//     field).

const (
	gt2PreField = "PreHumanTaskLambdaArn"
	gt2ACSField = "AnnotationConsolidationLambdaArn"
)

var _ = register(Check{
	Rules: []string{"GT2010", "GT2020", "GT2030", "GT2035", "GT2040", "GT2045"},
	Run: func(p *Pass) {
		if p.Job == nil {
			return
		}
		pre, acs := p.Job.Pre, p.Job.ACS
		gt2BuiltinLambda(p, "GT2010", groundtruth.PathPreLambda, gt2PreField, "PRE-", "ACS-", "pre-annotation", pre, acs)
		gt2BuiltinLambda(p, "GT2020", groundtruth.PathACSLambda, gt2ACSField, "ACS-", "PRE-", "consolidation", acs, pre)

		// GT2030: both keys known and different. The spec is checked further
		// as the PRE key (§0.4 step 3), so the finding sits on the ACS ARN.
		if pre.Known && acs.Known && pre.Key != acs.Key {
			p.Reportf("GT2030", groundtruth.PathACSLambda,
				"Pre-annotation Lambda is for `%s` but consolidation Lambda is for `%s`; both must be for the same task type (the rest of the spec is checked as `%s`).",
				pre.Key, acs.Key, pre.Key)
		}

		// GT2035: exactly one built-in candidate. The finding sits on the
		// custom one, since the job is checked as the built-in type; a custom
		// ARN that is already structurally wrong (say, not a Lambda ARN) is
		// left to that finding.
		if pre.Parsed && acs.Parsed && pre.Builtin != acs.Builtin {
			path, arn := groundtruth.PathACSLambda, gt2ARNString(acs.ARN)
			if !pre.Builtin {
				path, arn = groundtruth.PathPreLambda, gt2ARNString(pre.ARN)
			}
			if !p.Bad[path] {
				p.Reportf("GT2035", path,
					"One Lambda is a Ground Truth built-in and the other is custom (`%s`); built-in task types use both Ground Truth Lambdas, and custom workflows use two custom Lambdas.",
					arn)
			}
		}

		// GT2040: a PRE- function in the consolidation field or the reverse,
		// whatever its account.
		for _, f := range []struct {
			path, field, wrong string
			l                  groundtruth.Lambda
		}{
			{groundtruth.PathPreLambda, gt2PreField, "ACS-", pre},
			{groundtruth.PathACSLambda, gt2ACSField, "PRE-", acs},
		} {
			if f.l.Parsed && strings.HasPrefix(f.l.Function, f.wrong) {
				p.Reportf("GT2040", f.path,
					"`%s` points to `%s`; pre-annotation functions start with `PRE-`, consolidation functions with `ACS-`.",
					f.field, f.l.Function)
			}
		}

		// GT2045: the developer guide's video classification names, in
		// either field.
		for _, f := range []struct {
			path string
			l    groundtruth.Lambda
		}{{groundtruth.PathPreLambda, pre}, {groundtruth.PathACSLambda, acs}} {
			if f.l.Parsed && (f.l.Function == "PRE-VideoClassification" || f.l.Function == "ACS-VideoClassification") {
				p.Reportf("GT2045", f.path,
					"`%s` is not in the API's Lambda list; use `PRE-VideoMultiClass`/`ACS-VideoMultiClass` for video classification.",
					f.l.Function)
			}
		}
	},
})

// gt2BuiltinLambda is GT2010 (prefix PRE-) or GT2020 (prefix ACS-): a
// built-in candidate must be exactly
// arn:aws:lambda:<r>:<acct(r)>:function:<prefix><Key>.
func gt2BuiltinLambda(p *Pass, rule, path, field, prefix, otherPrefix, kind string, l, other groundtruth.Lambda) {
	if !l.Parsed || !l.Builtin {
		return
	}
	a, fn := l.ARN, l.Function
	var why []string

	if a.Partition != "aws" {
		why = append(why, fmt.Sprintf("partition `%s`: the Ground Truth Lambdas are documented only in `aws`", a.Partition))
	}
	if a.Service != "lambda" {
		why = append(why, fmt.Sprintf("service `%s` is not `lambda`", a.Service))
	}
	switch {
	case a.Resource == "function:"+fn:
	case strings.HasPrefix(a.Resource, "function:"):
		why = append(why, "the documented ARN has no version or alias qualifier")
	default:
		why = append(why, fmt.Sprintf("the resource must be `function:%s…`, not `%s`", prefix, a.Resource))
	}

	// The key the user wrote, and the key to suggest.
	var raw, key string
	switch {
	case strings.HasPrefix(fn, prefix):
		raw = fn[len(prefix):]
		switch {
		case raw == "":
			why = append(why, fmt.Sprintf("`%s` names no task type", prefix))
		case gt2IsKey(p, raw):
			key = raw
		case raw == "VideoClassification":
			// GT2045's; the name itself is not counted against the ARN here.
			key = p.Facts.Aliases[raw]
		default:
			why = append(why, fmt.Sprintf("`%s` is not a Ground Truth task type", raw))
		}
	case strings.HasPrefix(fn, otherPrefix):
		raw = fn[len(otherPrefix):]
		why = append(why, fmt.Sprintf("`%s` is a %s function", fn, map[string]string{"PRE-": "pre-annotation", "ACS-": "consolidation"}[otherPrefix]))
		if gt2IsKey(p, raw) {
			key = raw
		}
	default:
		raw = fn
		why = append(why, fmt.Sprintf("the function name must be `%s<TaskType>`", prefix))
		if gt2IsKey(p, raw) {
			key = raw
		}
	}
	if key == "" && raw != "" {
		key = didyoumean.Closest(raw, gt2Keys(p))
	}
	if key == "" && other.Known {
		key = other.Key
	}

	region, regionOK := p.Facts.Regions[a.Region]
	switch {
	case a.Region == "":
		why = append(why, "the ARN has no Region")
	case !regionOK:
		why = append(why, fmt.Sprintf("Ground Truth has no built-in Lambdas in `%s`", a.Region))
	case a.Account != region.LambdaAccount:
		if r := gt2LambdaAccountRegion(p, a.Account); r != "" {
			why = append(why, fmt.Sprintf("account %s is Ground Truth's account for %s; %s uses %s", a.Account, r, a.Region, region.LambdaAccount))
		} else {
			why = append(why, fmt.Sprintf("account %s is not Ground Truth's account for %s (%s)", a.Account, a.Region, region.LambdaAccount))
		}
	}
	if len(why) == 0 {
		return
	}

	// Suggest the job Region when it has Ground Truth Lambdas, else the
	// ARN's own Region.
	sr := ""
	if _, ok := p.Facts.Regions[p.Job.Region]; ok {
		sr = p.Job.Region
	} else if regionOK {
		sr = a.Region
	}
	var fix string
	switch {
	case sr != "" && key != "":
		fix = fmt.Sprintf("for `%s` in `%s` use `arn:aws:lambda:%s:%s:function:%s%s`", key, sr, sr, p.Facts.Regions[sr].LambdaAccount, prefix, key)
	case sr != "":
		fix = fmt.Sprintf("in `%s` use `arn:aws:lambda:%s:%s:function:%s<TaskType>` with one of %s", sr, sr, p.Facts.Regions[sr].LambdaAccount, prefix, strings.Join(gt2Keys(p), ", "))
	case key != "":
		fix = fmt.Sprintf("for `%s` use `arn:aws:lambda:<region>:<account>:function:%s%s` in one of the Regions with Ground Truth Lambdas: %s", key, prefix, key, gt2RegionList(p))
	default:
		fix = fmt.Sprintf("use `arn:aws:lambda:<region>:<account>:function:%s<TaskType>` in one of the Regions with Ground Truth Lambdas: %s", prefix, gt2RegionList(p))
	}
	p.Reportf(rule, path, "%s `%s` is not a Ground Truth %s Lambda (%s); %s.",
		field, gt2ARNString(a), kind, strings.Join(why, "; "), fix)
}

// gt2IsKey reports whether k is one of the 23 keys of §2.1 (the task types
// other than Custom).
func gt2IsKey(p *Pass, k string) bool {
	_, ok := p.Facts.TaskTypes[k]
	return ok && k != "Custom"
}

// gt2Keys lists the 23 Lambda keys, sorted.
func gt2Keys(p *Pass) []string {
	var out []string
	for k := range p.Facts.TaskTypes {
		if k != "Custom" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func gt2RegionList(p *Pass) string {
	var rs []string
	for r := range p.Facts.Regions {
		rs = append(rs, r)
	}
	sort.Strings(rs)
	return strings.Join(rs, ", ")
}

// gt2LambdaAccountRegion returns the Region whose Ground Truth Lambda
// account is acct, or "".
func gt2LambdaAccountRegion(p *Pass, acct string) string {
	for name, r := range p.Facts.Regions {
		if r.LambdaAccount == acct {
			return name
		}
	}
	return ""
}

func gt2ARNString(a groundtruth.ARN) string {
	return strings.Join([]string{"arn", a.Partition, a.Service, a.Region, a.Account, a.Resource}, ":")
}
