package groundtruth

import (
	"strings"

	"github.com/gtctl/gtctl/pkg/spec"
)

// ARN is an Amazon Resource Name split into its parts.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARN splits "arn:partition:service:region:account:resource"; the
// resource keeps any further colons.
func ParseARN(s string) (ARN, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ARN{}, false
	}
	return ARN{parts[1], parts[2], parts[3], parts[4], parts[5]}, true
}

// Member paths the rules read; one spelling, so a typo is a compile error.
const (
	PathPreLambda   = "HumanTaskConfig.PreHumanTaskLambdaArn"
	PathACSLambda   = "HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn"
	PathWorkteam    = "HumanTaskConfig.WorkteamArn"
	PathHumanTaskUI = "HumanTaskConfig.UiConfig.HumanTaskUiArn"
	PathUITemplate  = "HumanTaskConfig.UiConfig.UiTemplateS3Uri"
	PathInputSNS    = "InputConfig.DataSource.SnsDataSource.SnsTopicArn"
	PathOutputSNS   = "OutputConfig.SnsTopicArn"
	PathAlgorithm   = "LabelingJobAlgorithmsConfig.LabelingJobAlgorithmSpecificationArn"
)

// RegionPaths are the Region-bearing ARNs of §0.4 step 6, Pre Lambda first
// because it breaks ties.
var RegionPaths = []string{PathPreLambda, PathACSLambda, PathWorkteam, PathHumanTaskUI, PathInputSNS, PathOutputSNS, PathAlgorithm}

// Workforce is the kind of work team (GT4000).
type Workforce int

const (
	WorkforceUnknown Workforce = iota
	WorkforceMTurk
	WorkforcePrivate
	WorkforceVendor
)

func (w Workforce) String() string {
	switch w {
	case WorkforceMTurk:
		return "Mechanical Turk"
	case WorkforcePrivate:
		return "private"
	case WorkforceVendor:
		return "vendor"
	}
	return "unknown"
}

// Lambda is what the linter makes of one of the two Lambda ARNs.
type Lambda struct {
	Present  bool
	ARN      ARN
	Parsed   bool
	Function string // function name without a version or alias qualifier
	Builtin  bool   // name has the PRE-/ACS- prefix or the account is a Ground Truth account
	Key      string // Function minus the prefix, for a built-in candidate
	Known    bool   // Key is one of the documented task-type keys (after aliases)
}

// Job is a spec resolved against the facts: the derived task type, Region
// and workforce that the semantic rules depend on.
type Job struct {
	Pre, ACS Lambda
	// TaskType is the resolved key, or "" when it cannot be told.
	TaskType string
	Type     *TaskType
	// Region is the job Region and RegionPath the member it was read from
	// ("" when it came from --region or configuration).
	Region     string
	RegionPath string
	// RegionFlag is the --region the user gave, if any.
	RegionFlag string
	Workforce  Workforce
	Workteam   ARN
}

func (f *Facts) lambda(root *spec.Node, path, prefix string) Lambda {
	s, n, ok := root.Str(path)
	l := Lambda{Present: n != nil}
	if !ok {
		return l
	}
	a, parsed := ParseARN(s)
	l.ARN, l.Parsed = a, parsed
	if !parsed {
		return l
	}
	fn := strings.TrimPrefix(a.Resource, "function:")
	if i := strings.IndexByte(fn, ':'); i >= 0 {
		fn = fn[:i]
	}
	l.Function = fn
	if strings.HasPrefix(fn, prefix) || f.IsLambdaAccount(a.Account) {
		l.Builtin = true
		l.Key = strings.TrimPrefix(fn, prefix)
		key := l.Key
		if alias, ok := f.Aliases[key]; ok {
			key = alias
		}
		if t, ok := f.TaskTypes[key]; ok && t.Group != "CUSTOM" || key == "PassThrough" {
			l.Known = true
			l.Key = key
		}
	}
	return l
}

// Resolve derives task type, Region and workforce from a spec (§0.4).
// regionFlag is an explicit --region (checked against the spec's ARNs);
// defaultRegion comes from the environment or configuration. Either is used
// only when no ARN in the spec carries a Region.
func (f *Facts) Resolve(root *spec.Node, regionFlag, defaultRegion string) *Job {
	j := &Job{RegionFlag: regionFlag}
	j.Pre = f.lambda(root, PathPreLambda, "PRE-")
	j.ACS = f.lambda(root, PathACSLambda, "ACS-")

	switch {
	case j.Pre.Known && j.ACS.Known && j.Pre.Key == j.ACS.Key:
		j.TaskType = j.Pre.Key
	case j.Pre.Parsed && j.ACS.Parsed && !j.Pre.Builtin && !j.ACS.Builtin:
		j.TaskType = "Custom"
	case j.Pre.Known:
		j.TaskType = j.Pre.Key
	case j.ACS.Known:
		j.TaskType = j.ACS.Key
	}
	if j.TaskType != "" {
		j.Type = f.TaskTypes[j.TaskType]
	}

	// The job Region: the most common Region among the Region-bearing ARNs,
	// ties broken by list order (the Pre Lambda first).
	count := map[string]int{}
	first := map[string]string{}
	for _, p := range RegionPaths {
		s, _, ok := root.Str(p)
		if !ok {
			continue
		}
		a, ok := ParseARN(s)
		if !ok || a.Region == "" {
			continue
		}
		count[a.Region]++
		if _, ok := first[a.Region]; !ok {
			first[a.Region] = p
		}
	}
	best := 0
	for _, p := range RegionPaths {
		for r, c := range count {
			if first[r] == p && c > best {
				best, j.Region, j.RegionPath = c, r, p
			}
		}
	}
	if j.Region == "" {
		j.Region = regionFlag
	}
	if j.Region == "" {
		j.Region = defaultRegion
	}

	if s, _, ok := root.Str(PathWorkteam); ok {
		if a, ok := ParseARN(s); ok {
			j.Workteam = a
			switch {
			case strings.HasPrefix(a.Resource, "workteam/public-crowd/"):
				j.Workforce = WorkforceMTurk
			case strings.HasPrefix(a.Resource, "workteam/private-crowd/"):
				j.Workforce = WorkforcePrivate
			case strings.HasPrefix(a.Resource, "workteam/vendor-crowd/"):
				j.Workforce = WorkforceVendor
			}
		}
	}
	return j
}

// InGroup reports whether the job's task type is in one of the groups
// (IMAGE, TEXT, VIDEOCLIP, VIDEOFRAME, POINTCLOUD, CUSTOM, or FRAME).
func (j *Job) InGroup(groups ...string) bool {
	if j.Type == nil {
		return false
	}
	for _, g := range groups {
		if g == j.Type.Group || g == "FRAME" && j.Type.Frame() {
			return true
		}
	}
	return false
}

// Audit reports whether the task type is a verification or adjustment type.
func (j *Job) Audit() bool {
	return strings.HasPrefix(j.TaskType, "Verification") || strings.HasPrefix(j.TaskType, "Adjustment")
}
