package schema

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
)

// These tests compile facts.cue on its own (not through the package's
// embedded schema) and check the transcription of RULES.md §0.4, §1 and §2.
// Expected sets below are copied from the rule texts (GT2090, GT2100, GT2150,
// GT4050, GT5070, GT7090, …), not from the §1 table, so that a slip in the
// table transcription shows up as a disagreement between two sources.

type factsRegion struct {
	Name          string `json:"name"`
	LambdaAccount string `json:"lambdaAccount"`
	VpcEndpoint   string `json:"vpcEndpoint"`
}

type factsPriceLists struct {
	BB  []int `json:"BB"`
	CLS []int `json:"CLS"`
	SS  []int `json:"SS"`
}

type factsTaskType struct {
	Group               string  `json:"group"`
	UI                  string  `json:"ui"`
	HumanTaskUI         *string `json:"humanTaskUi"`
	CrowdElement        *string `json:"crowdElement"`
	LabelRef            string  `json:"labelRef"`
	MTurk               bool    `json:"mturk"`
	PriceList           *string `json:"priceList"`
	ADL                 string  `json:"adl"`
	ADLAlgorithm        *string `json:"adlAlgorithm"`
	Workers             string  `json:"workers"`
	MaxTaskTimeSeconds  int     `json:"maxTaskTimeSeconds"`
	WarnTaskTimeSeconds *int    `json:"warnTaskTimeSeconds"`
	LabelsMin           int     `json:"labelsMin"`
	LabelsMax           *int    `json:"labelsMax"`
	LabelsMaxWithADL    *int    `json:"labelsMaxWithADL"`
	ManifestKey         string  `json:"manifestKey"`
	ManifestKind        string  `json:"manifestKind"`
	MaxObjects          *int    `json:"maxObjects"`
	Audit               *string `json:"audit"`
}

type factsDoc struct {
	Regions          map[string]factsRegion   `json:"regions"`
	UIAccount        string                   `json:"uiAccount"`
	AlgorithmAccount string                   `json:"algorithmAccount"`
	HumanTaskUis     []string                 `json:"humanTaskUis"`
	Algorithms       []string                 `json:"algorithms"`
	PriceLists       factsPriceLists          `json:"priceLists"`
	Aliases          map[string]string        `json:"aliases"`
	TaskTypes        map[string]factsTaskType `json:"taskTypes"`
}

func compileFacts(t *testing.T, extra string) cue.Value {
	t.Helper()
	src, err := os.ReadFile("facts.cue")
	if err != nil {
		t.Fatalf("read facts.cue: %v", err)
	}
	if extra != "" {
		src = append(append(src, '\n'), extra...)
	}
	v := cuecontext.New().CompileBytes(src, cue.Filename("facts.cue"))
	if err := v.Err(); err != nil {
		t.Fatalf("compile facts.cue: %v", err)
	}
	return v.LookupPath(cue.ParsePath("facts"))
}

func loadFacts(t *testing.T) factsDoc {
	t.Helper()
	f := compileFacts(t, "")
	if !f.Exists() {
		t.Fatal("facts.cue has no top-level `facts`")
	}
	if err := f.Validate(cue.Concrete(true)); err != nil {
		t.Fatalf("facts is not concrete/valid: %v", err)
	}
	var d factsDoc
	if err := f.Decode(&d); err != nil {
		t.Fatalf("decode facts: %v", err)
	}
	return d
}

func ptr[T any](p *T) (T, bool) {
	if p == nil {
		var zero T
		return zero, false
	}
	return *p, true
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func sameSet(got, want []string) bool {
	g, w := slices.Clone(got), slices.Clone(want)
	sort.Strings(g)
	sort.Strings(w)
	return slices.Equal(g, w)
}

func keysWhere(d factsDoc, pred func(factsTaskType) bool) []string {
	var ks []string
	for k, tt := range d.TaskTypes {
		if pred(tt) {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return ks
}

// TestFactsConcrete: facts.cue compiles alone, `facts` is concrete, and
// every member of `facts` and of each task type is a field the Go structs
// know (Decode would silently drop a misspelt optional field).
func TestFactsConcrete(t *testing.T) {
	f := compileFacts(t, "")
	if err := f.Validate(cue.Concrete(true)); err != nil {
		t.Fatalf("facts is not concrete: %v", err)
	}
	fieldNames := func(v cue.Value) []string {
		it, err := v.Fields(cue.Optional(false))
		if err != nil {
			t.Fatalf("fields of %v: %v", v.Path(), err)
		}
		var ns []string
		for it.Next() {
			ns = append(ns, it.Selector().Unquoted())
		}
		return ns
	}
	jsonNames := func(x any) map[string]bool {
		m := map[string]bool{}
		for _, n := range jsonTags(x) {
			m[n] = true
		}
		return m
	}
	top := jsonNames(factsDoc{})
	for _, n := range fieldNames(f) {
		if !top[n] {
			t.Errorf("facts.%s is not a known field", n)
		}
	}
	ttFields := jsonNames(factsTaskType{})
	it, err := f.LookupPath(cue.ParsePath("taskTypes")).Fields()
	if err != nil {
		t.Fatal(err)
	}
	for it.Next() {
		for _, n := range fieldNames(it.Value()) {
			if !ttFields[n] {
				t.Errorf("facts.taskTypes.%s.%s is not a known field", it.Selector().Unquoted(), n)
			}
		}
	}
}

// jsonTags lists the json names of a struct's fields.
func jsonTags(x any) []string {
	rt := reflect.TypeOf(x)
	var ns []string
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		ns = append(ns, name)
	}
	return ns
}

func TestFactsRegions(t *testing.T) {
	d := loadFacts(t)
	want := []string{
		"us-east-1", "us-east-2", "us-west-2", "ca-central-1",
		"eu-west-1", "eu-west-2", "eu-central-1",
		"ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
	}
	if len(d.Regions) != 12 {
		t.Errorf("got %d regions, want 12", len(d.Regions))
	}
	if got := sortedKeys(d.Regions); !sameSet(got, want) {
		t.Errorf("regions = %v, want %v", got, want)
	}
	acct := regexp.MustCompile(`^[0-9]{12}$`)
	vpce := regexp.MustCompile(`^vpce-[0-9a-f]{17}$`)
	seenAcct := map[string]string{}
	seenVpce := map[string]string{}
	for _, r := range sortedKeys(d.Regions) {
		reg := d.Regions[r]
		t.Run(r, func(t *testing.T) {
			if reg.Name == "" {
				t.Error("empty display name")
			}
			if !acct.MatchString(reg.LambdaAccount) {
				t.Errorf("lambdaAccount %q is not 12 digits", reg.LambdaAccount)
			}
			if !vpce.MatchString(reg.VpcEndpoint) {
				t.Errorf("vpcEndpoint %q is not a vpce id", reg.VpcEndpoint)
			}
			if o, dup := seenAcct[reg.LambdaAccount]; dup {
				t.Errorf("lambdaAccount %s also used by %s", reg.LambdaAccount, o)
			}
			if o, dup := seenVpce[reg.VpcEndpoint]; dup {
				t.Errorf("vpcEndpoint %s also used by %s", reg.VpcEndpoint, o)
			}
			if reg.LambdaAccount == d.UIAccount || reg.LambdaAccount == d.AlgorithmAccount {
				t.Errorf("lambdaAccount %s collides with a §2.2 account", reg.LambdaAccount)
			}
		})
		seenAcct[reg.LambdaAccount] = r
		seenVpce[reg.VpcEndpoint] = r
	}
	// Spot checks against the api-docs example ARNs quoted in GT2040.
	if got := d.Regions["us-east-1"].LambdaAccount; got != "432418664414" {
		t.Errorf("us-east-1 lambdaAccount = %s, want 432418664414 (GT2040 example)", got)
	}
	for name, a := range map[string]string{"uiAccount": d.UIAccount, "algorithmAccount": d.AlgorithmAccount} {
		if !acct.MatchString(a) {
			t.Errorf("%s %q is not 12 digits", name, a)
		}
	}
	if d.UIAccount != "394669845002" || d.AlgorithmAccount != "027400017018" {
		t.Errorf("uiAccount/algorithmAccount = %s/%s", d.UIAccount, d.AlgorithmAccount)
	}
}

func TestFactsLists(t *testing.T) {
	d := loadFacts(t)
	wantUIs := []string{"NamedEntityRecognition", "PointCloudObjectDetection", "PointCloudObjectTracking",
		"PointCloudSemanticSegmentation", "VideoObjectDetection", "VideoObjectTracking"}
	if !sameSet(d.HumanTaskUis, wantUIs) || len(d.HumanTaskUis) != 6 {
		t.Errorf("humanTaskUis = %v, want %v", d.HumanTaskUis, wantUIs)
	}
	wantAlgos := []string{"image-classification", "text-classification", "object-detection", "semantic-segmentation"}
	if !sameSet(d.Algorithms, wantAlgos) || len(d.Algorithms) != 4 {
		t.Errorf("algorithms = %v, want %v", d.Algorithms, wantAlgos)
	}
	if len(d.Aliases) != 1 || d.Aliases["VideoClassification"] != "VideoMultiClass" {
		t.Errorf("aliases = %v", d.Aliases)
	}
	for a, k := range d.Aliases {
		if _, ok := d.TaskTypes[k]; !ok {
			t.Errorf("alias %s → %s: no such task type", a, k)
		}
		if _, ok := d.TaskTypes[a]; ok {
			t.Errorf("alias %s is also a task type", a)
		}
	}
}

func TestFactsPriceLists(t *testing.T) {
	d := loadFacts(t)
	p := d.PriceLists
	lists := []struct {
		name string
		l    []int
		len  int
	}{{"BB", p.BB, 14}, {"CLS", p.CLS, 16}, {"SS", p.SS, 4}}
	for _, c := range lists {
		t.Run(c.name, func(t *testing.T) {
			if len(c.l) != c.len {
				t.Errorf("len = %d, want %d", len(c.l), c.len)
			}
			for i := range c.l {
				if c.l[i] <= 0 {
					t.Errorf("price %d is not positive", c.l[i])
				}
				if i > 0 && c.l[i] <= c.l[i-1] {
					t.Errorf("not strictly ascending at %d: %v", i, c.l)
				}
			}
		})
	}
	if want := append([]int{12, 24}, p.BB...); !slices.Equal(p.CLS, want) {
		t.Errorf("CLS = %v, want [12 24] + BB = %v", p.CLS, want)
	}
	// §1: the SS list (0.840 … 1.200) is the top of the BB list; $0.036 = 36 mills.
	if len(p.BB) >= 4 && !slices.Equal(p.SS, p.BB[len(p.BB)-4:]) {
		t.Errorf("SS = %v, want the last four BB prices", p.SS)
	}
	if len(p.BB) > 0 && (p.BB[0] != 36 || p.BB[len(p.BB)-1] != 1200) {
		t.Errorf("BB = %v, want 36 … 1200", p.BB)
	}
}

// §2.1's 23 keys plus Custom.
var factsWantKeys = []string{
	"BoundingBox", "ImageMultiClass", "ImageMultiClassMultiLabel", "SemanticSegmentation",
	"TextMultiClass", "TextMultiClassMultiLabel", "NamedEntityRecognition", "VideoMultiClass",
	"VideoObjectDetection", "VideoObjectTracking", "3DPointCloudObjectDetection",
	"3DPointCloudObjectTracking", "3DPointCloudSemanticSegmentation", "VerificationBoundingBox",
	"AdjustmentBoundingBox", "VerificationSemanticSegmentation", "AdjustmentSemanticSegmentation",
	"AdjustmentVideoObjectDetection", "AdjustmentVideoObjectTracking",
	"Adjustment3DPointCloudObjectDetection", "Adjustment3DPointCloudObjectTracking",
	"Adjustment3DPointCloudSemanticSegmentation", "PassThrough", "Custom",
}

func isFrame(tt factsTaskType) bool { return tt.Group == "VIDEOFRAME" || tt.Group == "POINTCLOUD" }

// TestFactsTaskTypeInvariants applies row-level invariants to every task type.
func TestFactsTaskTypeInvariants(t *testing.T) {
	d := loadFacts(t)
	if len(d.TaskTypes) != 24 {
		t.Errorf("got %d task types, want 24", len(d.TaskTypes))
	}
	if got := sortedKeys(d.TaskTypes); !sameSet(got, factsWantKeys) {
		t.Errorf("task types = %v, want %v", got, factsWantKeys)
	}
	invariants := []struct {
		name  string
		check func(key string, tt factsTaskType) error
	}{
		{"htui types name a documented human task UI", func(_ string, tt factsTaskType) error {
			ui, ok := ptr(tt.HumanTaskUI)
			if tt.UI == "htui" && (!ok || !slices.Contains(d.HumanTaskUis, ui)) {
				return fmt.Errorf("humanTaskUi %q not in humanTaskUis", ui)
			}
			return nil
		}},
		{"template types have no humanTaskUi", func(_ string, tt factsTaskType) error {
			if tt.UI == "template" && tt.HumanTaskUI != nil {
				return fmt.Errorf("humanTaskUi %q on a template type", *tt.HumanTaskUI)
			}
			return nil
		}},
		{"crowdElement only on template types", func(_ string, tt factsTaskType) error {
			if tt.UI != "template" && tt.CrowdElement != nil {
				return fmt.Errorf("crowdElement on a %s type", tt.UI)
			}
			return nil
		}},
		{"HTUI = NamedEntityRecognition ∪ FRAME (§0.4)", func(k string, tt factsTaskType) error {
			want := k == "NamedEntityRecognition" || isFrame(tt)
			if (tt.UI == "htui") != want {
				return fmt.Errorf("ui = %s", tt.UI)
			}
			return nil
		}},
		{"priceList only where mturk", func(_ string, tt factsTaskType) error {
			if tt.PriceList != nil && !tt.MTurk {
				return fmt.Errorf("priceList %s without mturk", *tt.PriceList)
			}
			return nil
		}},
		{"FRAME types: no mturk (GT4030)", func(_ string, tt factsTaskType) error {
			if isFrame(tt) && tt.MTurk {
				return fmt.Errorf("mturk true for group %s", tt.Group)
			}
			if !isFrame(tt) && !tt.MTurk {
				return fmt.Errorf("mturk false outside FRAME")
			}
			return nil
		}},
		{"adlAlgorithm iff adl == yes, and a known algorithm", func(_ string, tt factsTaskType) error {
			a, ok := ptr(tt.ADLAlgorithm)
			if (tt.ADL == "yes") != ok {
				return fmt.Errorf("adl = %s, adlAlgorithm present = %v", tt.ADL, ok)
			}
			if ok && !slices.Contains(d.Algorithms, a) {
				return fmt.Errorf("adlAlgorithm %q not in algorithms", a)
			}
			return nil
		}},
		{"labelsMaxWithADL only with adl", func(_ string, tt factsTaskType) error {
			if tt.LabelsMaxWithADL != nil && tt.ADL != "yes" {
				return fmt.Errorf("labelsMaxWithADL with adl = %s", tt.ADL)
			}
			return nil
		}},
		{"label bounds ordered", func(_ string, tt factsTaskType) error {
			if tt.LabelsMin < 1 {
				return fmt.Errorf("labelsMin %d", tt.LabelsMin)
			}
			for _, m := range []*int{tt.LabelsMax, tt.LabelsMaxWithADL} {
				if m != nil && *m < tt.LabelsMin {
					return fmt.Errorf("max %d < min %d", *m, tt.LabelsMin)
				}
			}
			return nil
		}},
		{"task time limits (GT3010/GT3015/GT3020/GT3025)", func(k string, tt factsTaskType) error {
			warn, hasWarn := ptr(tt.WarnTaskTimeSeconds)
			switch {
			case isFrame(tt):
				if tt.MaxTaskTimeSeconds != 2592000 || !hasWarn || warn != 604800 {
					return fmt.Errorf("max/warn = %d/%v, want 2592000/604800", tt.MaxTaskTimeSeconds, tt.WarnTaskTimeSeconds)
				}
			case tt.Group == "VIDEOCLIP":
				if tt.MaxTaskTimeSeconds != 2592000 || !hasWarn || warn != 28800 {
					return fmt.Errorf("max/warn = %d/%v, want 2592000/28800", tt.MaxTaskTimeSeconds, tt.WarnTaskTimeSeconds)
				}
			default:
				if tt.MaxTaskTimeSeconds != 28800 || hasWarn {
					return fmt.Errorf("max/warn = %d/%v, want 28800/none", tt.MaxTaskTimeSeconds, tt.WarnTaskTimeSeconds)
				}
			}
			return nil
		}},
		{"manifest key by group (GT6060)", func(_ string, tt factsTaskType) error {
			want := map[string]string{"IMAGE": "source-ref", "TEXT": "source", "VIDEOCLIP": "source-ref",
				"VIDEOFRAME": "source-ref", "POINTCLOUD": "source-ref", "CUSTOM": "any"}[tt.Group]
			if tt.ManifestKey != want {
				return fmt.Errorf("manifestKey %s, want %s", tt.ManifestKey, want)
			}
			if tt.ManifestKind == "" {
				return fmt.Errorf("empty manifestKind")
			}
			return nil
		}},
		{"audit iff Verification/Adjustment key (§0.4 AUDIT)", func(k string, tt factsTaskType) error {
			a, ok := ptr(tt.Audit)
			isAudit := strings.HasPrefix(k, "Verification") || strings.HasPrefix(k, "Adjustment")
			if isAudit != ok {
				return fmt.Errorf("audit present = %v", ok)
			}
			switch {
			case !ok:
			case isFrame(tt) && a != "VA":
				return fmt.Errorf("FRAME audit %s, want VA", a)
			case !isFrame(tt) && strings.HasPrefix(k, "Verification") && a != "V":
				return fmt.Errorf("audit %s, want V", a)
			case !isFrame(tt) && strings.HasPrefix(k, "Adjustment") && a != "A":
				return fmt.Errorf("audit %s, want A", a)
			}
			return nil
		}},
		{"CUSTOM: free -ref, any template, no ADL", func(_ string, tt factsTaskType) error {
			if tt.Group != "CUSTOM" {
				if tt.LabelRef == "free" {
					return fmt.Errorf("labelRef free on a built-in type")
				}
				return nil
			}
			if tt.LabelRef != "free" || tt.UI != "template" || tt.ADL != "no" || tt.CrowdElement != nil {
				return fmt.Errorf("got %+v", tt)
			}
			return nil
		}},
	}
	for _, k := range sortedKeys(d.TaskTypes) {
		tt := d.TaskTypes[k]
		t.Run(k, func(t *testing.T) {
			for _, inv := range invariants {
				if err := inv.check(k, tt); err != nil {
					t.Errorf("%s: %v", inv.name, err)
				}
			}
		})
	}
}

// TestFactsAgainstRules compares the table transcription with the sets that
// the individual rules name.
func TestFactsAgainstRules(t *testing.T) {
	d := loadFacts(t)
	str := func(p *string) string { s, _ := ptr(p); return s }
	num := func(p *int) int { n, _ := ptr(p); return n }
	frameAdj := []string{"AdjustmentVideoObjectDetection", "AdjustmentVideoObjectTracking",
		"Adjustment3DPointCloudObjectDetection", "Adjustment3DPointCloudObjectTracking",
		"Adjustment3DPointCloudSemanticSegmentation"}
	cases := []struct {
		rule string
		got  []string
		want []string
	}{
		{"§0.4 IMAGE", keysWhere(d, func(tt factsTaskType) bool { return tt.Group == "IMAGE" }),
			[]string{"BoundingBox", "ImageMultiClass", "ImageMultiClassMultiLabel", "SemanticSegmentation",
				"VerificationBoundingBox", "AdjustmentBoundingBox", "VerificationSemanticSegmentation",
				"AdjustmentSemanticSegmentation"}},
		{"§0.4 TEXT", keysWhere(d, func(tt factsTaskType) bool { return tt.Group == "TEXT" }),
			[]string{"TextMultiClass", "TextMultiClassMultiLabel", "NamedEntityRecognition"}},
		{"§0.4 VIDEOCLIP", keysWhere(d, func(tt factsTaskType) bool { return tt.Group == "VIDEOCLIP" }),
			[]string{"VideoMultiClass"}},
		{"§0.4 VIDEOFRAME", keysWhere(d, func(tt factsTaskType) bool { return tt.Group == "VIDEOFRAME" }),
			[]string{"VideoObjectDetection", "VideoObjectTracking", "AdjustmentVideoObjectDetection",
				"AdjustmentVideoObjectTracking"}},
		{"§0.4 POINTCLOUD", keysWhere(d, func(tt factsTaskType) bool { return tt.Group == "POINTCLOUD" }),
			[]string{"3DPointCloudObjectDetection", "3DPointCloudObjectTracking", "3DPointCloudSemanticSegmentation",
				"Adjustment3DPointCloudObjectDetection", "Adjustment3DPointCloudObjectTracking",
				"Adjustment3DPointCloudSemanticSegmentation"}},
		{"§0.4 CUSTOM", keysWhere(d, func(tt factsTaskType) bool { return tt.Group == "CUSTOM" }),
			[]string{"Custom", "PassThrough"}},
		{"GT2100 -ref must", keysWhere(d, func(tt factsTaskType) bool { return tt.LabelRef == "must" }),
			[]string{"SemanticSegmentation", "AdjustmentSemanticSegmentation", "VideoObjectDetection",
				"AdjustmentVideoObjectDetection", "VideoObjectTracking", "AdjustmentVideoObjectTracking",
				"3DPointCloudSemanticSegmentation", "Adjustment3DPointCloudSemanticSegmentation",
				"3DPointCloudObjectTracking", "Adjustment3DPointCloudObjectTracking"}},
		{"GT2110 -ref mustNot", keysWhere(d, func(tt factsTaskType) bool { return tt.LabelRef == "mustNot" }),
			[]string{"VerificationSemanticSegmentation"}},
		{"GT2150 exactly one worker", keysWhere(d, func(tt factsTaskType) bool { return tt.Workers == "exactly1" }),
			[]string{"VideoObjectDetection", "VideoObjectTracking", "3DPointCloudObjectDetection"}},
		{"GT2155 one worker (should)", keysWhere(d, func(tt factsTaskType) bool { return tt.Workers == "should1" }),
			append([]string{"3DPointCloudObjectTracking", "3DPointCloudSemanticSegmentation"}, frameAdj...)},
		{"GT2090 NamedEntityRecognition UI", keysWhere(d, func(tt factsTaskType) bool { return str(tt.HumanTaskUI) == "NamedEntityRecognition" }),
			[]string{"NamedEntityRecognition"}},
		{"GT2090 PointCloudObjectDetection UI", keysWhere(d, func(tt factsTaskType) bool { return str(tt.HumanTaskUI) == "PointCloudObjectDetection" }),
			[]string{"3DPointCloudObjectDetection", "Adjustment3DPointCloudObjectDetection"}},
		{"GT2090 PointCloudObjectTracking UI", keysWhere(d, func(tt factsTaskType) bool { return str(tt.HumanTaskUI) == "PointCloudObjectTracking" }),
			[]string{"3DPointCloudObjectTracking", "Adjustment3DPointCloudObjectTracking"}},
		{"GT2090 PointCloudSemanticSegmentation UI", keysWhere(d, func(tt factsTaskType) bool { return str(tt.HumanTaskUI) == "PointCloudSemanticSegmentation" }),
			[]string{"3DPointCloudSemanticSegmentation", "Adjustment3DPointCloudSemanticSegmentation"}},
		{"GT2090 VideoObjectDetection UI", keysWhere(d, func(tt factsTaskType) bool { return str(tt.HumanTaskUI) == "VideoObjectDetection" }),
			[]string{"VideoObjectDetection", "AdjustmentVideoObjectDetection"}},
		{"GT2090 VideoObjectTracking UI", keysWhere(d, func(tt factsTaskType) bool { return str(tt.HumanTaskUI) == "VideoObjectTracking" }),
			[]string{"VideoObjectTracking", "AdjustmentVideoObjectTracking"}},
		{"GT4050 BB list", keysWhere(d, func(tt factsTaskType) bool { return str(tt.PriceList) == "BB" }),
			[]string{"BoundingBox", "VerificationBoundingBox", "AdjustmentBoundingBox"}},
		{"GT4050 SS list", keysWhere(d, func(tt factsTaskType) bool { return str(tt.PriceList) == "SS" }),
			[]string{"SemanticSegmentation", "VerificationSemanticSegmentation", "AdjustmentSemanticSegmentation"}},
		{"GT4050 CLS list", keysWhere(d, func(tt factsTaskType) bool { return str(tt.PriceList) == "CLS" }),
			[]string{"ImageMultiClass", "ImageMultiClassMultiLabel", "TextMultiClass", "TextMultiClassMultiLabel",
				"Custom", "PassThrough"}},
		{"GT4055 mturk without a list", keysWhere(d, func(tt factsTaskType) bool { return tt.MTurk && tt.PriceList == nil }),
			[]string{"NamedEntityRecognition", "VideoMultiClass"}},
		{"GT7070 ADL supported", keysWhere(d, func(tt factsTaskType) bool { return tt.ADL == "yes" }),
			[]string{"ImageMultiClass", "BoundingBox", "SemanticSegmentation", "TextMultiClass"}},
		{"GT7095 ADL undocumented", keysWhere(d, func(tt factsTaskType) bool { return tt.ADL == "undocumented" }),
			[]string{"AdjustmentBoundingBox", "AdjustmentSemanticSegmentation"}},
		{"GT7090 image-classification", keysWhere(d, func(tt factsTaskType) bool { return str(tt.ADLAlgorithm) == "image-classification" }),
			[]string{"ImageMultiClass"}},
		{"GT7090 text-classification", keysWhere(d, func(tt factsTaskType) bool { return str(tt.ADLAlgorithm) == "text-classification" }),
			[]string{"TextMultiClass"}},
		{"GT7090 object-detection", keysWhere(d, func(tt factsTaskType) bool { return str(tt.ADLAlgorithm) == "object-detection" }),
			[]string{"BoundingBox"}},
		{"GT7090 semantic-segmentation", keysWhere(d, func(tt factsTaskType) bool { return str(tt.ADLAlgorithm) == "semantic-segmentation" }),
			[]string{"SemanticSegmentation"}},
		{"GT5060 at least two labels", keysWhere(d, func(tt factsTaskType) bool { return tt.LabelsMin == 2 }),
			[]string{"ImageMultiClass", "ImageMultiClassMultiLabel", "TextMultiClass", "TextMultiClassMultiLabel"}},
		{"GT5070 at most 50 labels", keysWhere(d, func(tt factsTaskType) bool { return num(tt.LabelsMax) == 50 }),
			[]string{"ImageMultiClassMultiLabel", "TextMultiClassMultiLabel", "BoundingBox", "AdjustmentBoundingBox"}},
		{"GT5070 at most 30 labels", keysWhere(d, func(tt factsTaskType) bool { return num(tt.LabelsMax) == 30 }),
			append([]string{"VideoMultiClass", "VideoObjectDetection", "VideoObjectTracking",
				"3DPointCloudObjectDetection", "3DPointCloudObjectTracking", "3DPointCloudSemanticSegmentation"}, frameAdj...)},
		{"GT5070 20 labels with ADL", keysWhere(d, func(tt factsTaskType) bool { return num(tt.LabelsMaxWithADL) == 20 }),
			[]string{"SemanticSegmentation"}},
		{"GT5070 no quota", keysWhere(d, func(tt factsTaskType) bool { return tt.LabelsMax == nil }),
			[]string{"ImageMultiClass", "TextMultiClass", "NamedEntityRecognition", "SemanticSegmentation",
				"VerificationBoundingBox", "VerificationSemanticSegmentation", "AdjustmentSemanticSegmentation",
				"Custom", "PassThrough"}},
		{"GT6090 20,000 objects", keysWhere(d, func(tt factsTaskType) bool { return num(tt.MaxObjects) == 20000 }),
			[]string{"SemanticSegmentation", "AdjustmentSemanticSegmentation", "VerificationSemanticSegmentation"}},
		{"GT6250 10 sequences", keysWhere(d, func(tt factsTaskType) bool { return num(tt.MaxObjects) == 10 }),
			[]string{"VideoObjectDetection", "VideoObjectTracking", "AdjustmentVideoObjectDetection",
				"AdjustmentVideoObjectTracking"}},
		{"GT6170/GT6230 100,000 frames or sequences", keysWhere(d, func(tt factsTaskType) bool { return num(tt.MaxObjects) == 100000 }),
			[]string{"3DPointCloudObjectDetection", "3DPointCloudObjectTracking", "3DPointCloudSemanticSegmentation",
				"Adjustment3DPointCloudObjectDetection", "Adjustment3DPointCloudObjectTracking",
				"Adjustment3DPointCloudSemanticSegmentation"}},
		{"GT8040 crowd-bounding-box", keysWhere(d, func(tt factsTaskType) bool { return str(tt.CrowdElement) == "crowd-bounding-box" }),
			[]string{"BoundingBox", "AdjustmentBoundingBox"}},
		{"GT8040 crowd-image-classifier", keysWhere(d, func(tt factsTaskType) bool { return str(tt.CrowdElement) == "crowd-image-classifier" }),
			[]string{"ImageMultiClass"}},
		{"GT8040 crowd-image-classifier-multi-select", keysWhere(d, func(tt factsTaskType) bool { return str(tt.CrowdElement) == "crowd-image-classifier-multi-select" }),
			[]string{"ImageMultiClassMultiLabel"}},
		{"GT8040 crowd-semantic-segmentation", keysWhere(d, func(tt factsTaskType) bool { return str(tt.CrowdElement) == "crowd-semantic-segmentation" }),
			[]string{"SemanticSegmentation", "AdjustmentSemanticSegmentation"}},
		{"GT8040 crowd-classifier", keysWhere(d, func(tt factsTaskType) bool { return str(tt.CrowdElement) == "crowd-classifier" }),
			[]string{"TextMultiClass", "VideoMultiClass"}},
		{"GT8040 crowd-classifier-multi-select", keysWhere(d, func(tt factsTaskType) bool { return str(tt.CrowdElement) == "crowd-classifier-multi-select" }),
			[]string{"TextMultiClassMultiLabel"}},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			if !sameSet(c.got, c.want) {
				w := slices.Clone(c.want)
				sort.Strings(w)
				t.Errorf("got %v\nwant %v", c.got, w)
			}
		})
	}
}

// TestFactsRejectsSlips checks that the constraints in facts.cue itself turn
// typical transcription slips into evaluation errors.
func TestFactsRejectsSlips(t *testing.T) {
	cases := []struct{ name, patch string }{
		{"FRAME type on Mechanical Turk", `facts: taskTypes: VideoObjectTracking: mturk: true`},
		{"price list without mturk", `facts: taskTypes: "3DPointCloudObjectDetection": priceList: "BB"`},
		{"htui type without a UI name", `facts: taskTypes: X: {group: "TEXT", ui: "htui", labelRef: "shouldNot", mturk: true, adl: "no", workers: "any", maxTaskTimeSeconds: 28800, labelsMin: 1, manifestKey: "source", manifestKind: "text"}`},
		{"unknown human task UI", `facts: taskTypes: NamedEntityRecognition: humanTaskUi: "NER"`},
		{"template type with a UI name", `facts: taskTypes: BoundingBox: humanTaskUi: "VideoObjectDetection"`},
		{"adl yes without algorithm", `facts: taskTypes: ImageMultiClassMultiLabel: adl: "yes"`},
		{"algorithm without adl", `facts: taskTypes: TextMultiClassMultiLabel: adlAlgorithm: "text-classification"`},
		{"unknown algorithm", `facts: taskTypes: X: {group: "IMAGE", ui: "template", labelRef: "shouldNot", mturk: true, adl: "yes", adlAlgorithm: "ocr", workers: "any", maxTaskTimeSeconds: 28800, labelsMin: 1, manifestKey: "source-ref", manifestKind: "image"}`},
		{"wrong FRAME task time", `facts: taskTypes: VideoObjectDetection: warnTaskTimeSeconds: 28800`},
		{"image task time above 8 h", `facts: taskTypes: BoundingBox: maxTaskTimeSeconds: 604800`},
		{"text type reading source-ref", `facts: taskTypes: TextMultiClass: manifestKey: "source-ref"`},
		{"audit column on a non-audit key", `facts: taskTypes: BoundingBox: audit: "A"`},
		{"missing audit column", `facts: taskTypes: VerificationX: {group: "IMAGE", ui: "template", labelRef: "shouldNot", mturk: true, adl: "no", workers: "any", maxTaskTimeSeconds: 28800, labelsMin: 1, manifestKey: "source-ref", manifestKind: "image"}`},
		{"misspelt field", `facts: taskTypes: BoundingBox: labelMax: 50`},
		{"11-digit account", `facts: regions: "us-east-1": lambdaAccount: "43241866441"`},
		{"alias to an unknown key", `facts: aliases: VideoClip: "VideoClassification"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, err := os.ReadFile("facts.cue")
			if err != nil {
				t.Fatal(err)
			}
			v := cuecontext.New().CompileBytes(append(append(src, '\n'), c.patch...), cue.Filename("facts.cue"))
			if v.Err() == nil {
				v = v.LookupPath(cue.ParsePath("facts"))
				if v.Validate(cue.Concrete(true)) == nil {
					t.Errorf("patch %q was accepted", c.patch)
				}
			}
		})
	}
}
