package apigen

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/format"
)

const (
	modelFile     = "../../apimodel/sagemaker-labeling-api-model.json"
	generatedFile = "../../api_gen.cue"
)

func generateFromModel(t *testing.T) []byte {
	t.Helper()
	model, err := os.ReadFile(modelFile)
	if err != nil {
		t.Fatal(err)
	}
	src, err := Generate(model)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return src
}

func TestGeneratedFileIsFresh(t *testing.T) {
	want := generateFromModel(t)
	got, err := os.ReadFile(generatedFile)
	if err != nil {
		t.Fatalf("reading %s: %v (run go generate ./schema)", generatedFile, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("api_gen.cue is stale; run go generate ./schema\n%s", firstDifference(got, want))
	}
}

func firstDifference(got, want []byte) string {
	g := strings.Split(string(got), "\n")
	w := strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "first difference at line " + strconv.Itoa(i+1) + ":\n  file:      " + gl + "\n  generated: " + wl
		}
	}
	return ""
}

func TestGeneratedFileIsFormatted(t *testing.T) {
	src := generateFromModel(t)
	again, err := format.Source(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, again) {
		t.Fatal("generated CUE is not in cue fmt form")
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := generateFromModel(t)
	for range 5 {
		if b := generateFromModel(t); !bytes.Equal(a, b) {
			t.Fatal("Generate is not deterministic")
		}
	}
}

func TestDefinitionOrderAndMembers(t *testing.T) {
	src := string(generateFromModel(t))
	first := strings.Index(src, "\n#")
	if first < 0 || !strings.HasPrefix(src[first+1:], "#CreateLabelingJobRequest:") {
		t.Fatalf("first definition is not #CreateLabelingJobRequest")
	}
	var names []string
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(line, "#") {
			names = append(names, line[:strings.Index(line, ":")])
		}
	}
	if len(names) != 50 {
		t.Errorf("got %d definitions, want 50 (the shapes reachable from CreateLabelingJobRequest)", len(names))
	}
	for i := 2; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("definitions not sorted: %s before %s", names[i-1], names[i])
		}
	}
	// Model member order, not alphabetical.
	order := []string{"LabelingJobName!", "LabelAttributeName!", "InputConfig!", "OutputConfig!", "RoleArn!",
		"LabelCategoryConfigS3Uri?", "StoppingConditions?", "LabelingJobAlgorithmsConfig?", "HumanTaskConfig!", "Tags?"}
	last := -1
	for _, m := range order {
		i := strings.Index(src, "\t"+m+":")
		if i < last {
			t.Errorf("member %s out of model order", m)
		}
		last = i
	}
	for _, want := range []string{
		`#NumberOfHumanWorkersPerDataObject: int & >=1 & <=9`,
		`#TagList: [...#Tag] & list.MaxItems(50)`,
		`#ContentClassifier: "FreeOfPersonallyIdentifiableInformation" | "FreeOfAdultContent"`,
		`#LabelingJobName: string & strings.MinRunes(1) & strings.MaxRunes(63) & =~"^(?:[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$"`,
		`#TaskTitle: string & strings.MinRunes(1) & strings.MaxRunes(128) & =~#"^(?:[\t\n\r -\x{D7FF}\x{E000}-\x{FFFD}]*)$"#`,
		"// model shape TagList\n#TagList:",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated CUE lacks %q", want)
		}
	}
}

// validRequest is the DESIGN.md example with S3 URIs instead of local paths,
// plus optional members so that their constraints are exercised too.
func validRequest() map[string]any {
	return map[string]any{
		"LabelingJobName":    "bird-boxes-2026-11",
		"LabelAttributeName": "bird-boxes",
		"InputConfig": map[string]any{
			"DataSource": map[string]any{
				"S3DataSource": map[string]any{
					"ManifestS3Uri": "s3://acme-labels/input/birds.manifest",
				},
			},
			"DataAttributes": map[string]any{
				"ContentClassifiers": []any{"FreeOfPersonallyIdentifiableInformation"},
			},
		},
		"OutputConfig": map[string]any{
			"S3OutputPath": "s3://acme-labels/output/",
		},
		"RoleArn":                  "arn:aws:iam::111122223333:role/GroundTruthExecution",
		"LabelCategoryConfigS3Uri": "s3://acme-labels/labels/birds.json",
		"StoppingConditions": map[string]any{
			"MaxPercentageOfInputDatasetLabeled": 100,
		},
		"HumanTaskConfig": map[string]any{
			"WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/birders",
			"UiConfig": map[string]any{
				"UiTemplateS3Uri": "s3://acme-labels/templates/bounding-box.liquid.html",
			},
			"PreHumanTaskLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox",
			"AnnotationConsolidationConfig": map[string]any{
				"AnnotationConsolidationLambdaArn": "arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox",
			},
			"TaskKeywords":                      []any{"Bounding box", "Birds"},
			"TaskTitle":                         "Draw a box around every bird",
			"TaskDescription":                   "Draw one tight box around each bird you see",
			"NumberOfHumanWorkersPerDataObject": 3,
			"TaskTimeLimitInSeconds":            600,
		},
		"Tags": []any{
			map[string]any{"Key": "team", "Value": "ornithology"},
		},
	}
}

func htc(m map[string]any) map[string]any { return m["HumanTaskConfig"].(map[string]any) }

func TestSchemaAcceptsAndRejects(t *testing.T) {
	ctx := cuecontext.New()
	schema := ctx.CompileBytes(generateFromModel(t))
	if err := schema.Err(); err != nil {
		t.Fatalf("generated CUE does not compile: %v", err)
	}
	def := schema.LookupPath(cue.ParsePath("#CreateLabelingJobRequest"))
	if !def.Exists() {
		t.Fatal("#CreateLabelingJobRequest not found")
	}

	tests := []struct {
		name    string
		mutate  func(m map[string]any)
		wantErr string // "" means the request must validate
	}{
		{"valid full request", func(map[string]any) {}, ""},
		{"minimal request", func(m map[string]any) {
			for _, k := range []string{"LabelCategoryConfigS3Uri", "StoppingConditions", "Tags"} {
				delete(m, k)
			}
			delete(m["InputConfig"].(map[string]any), "DataAttributes")
			for _, k := range []string{"TaskKeywords", "PreHumanTaskLambdaArn", "AnnotationConsolidationConfig"} {
				delete(htc(m), k)
			}
		}, ""},
		{"TaskTitle with tab and non-ASCII", func(m map[string]any) { htc(m)["TaskTitle"] = "Vögel\tzählen" }, ""},
		{"max workers 9", func(m map[string]any) { htc(m)["NumberOfHumanWorkersPerDataObject"] = 9 }, ""},
		{"https S3Uri", func(m map[string]any) {
			m["LabelCategoryConfigS3Uri"] = "https://acme-labels.s3.amazonaws.com/labels.json"
		}, ""},
		{"tag with unicode letters", func(m map[string]any) {
			m["Tags"] = []any{map[string]any{"Key": "Projekt: Vögel", "Value": ""}}
		}, ""},

		{"LabelingJobName with underscore", func(m map[string]any) { m["LabelingJobName"] = "bird_boxes" }, "LabelingJobName"},
		{"LabelingJobName too long", func(m map[string]any) { m["LabelingJobName"] = strings.Repeat("a", 64) }, "LabelingJobName"},
		{"LabelingJobName leading hyphen", func(m map[string]any) { m["LabelingJobName"] = "-birds" }, "LabelingJobName"},
		{"workers 10", func(m map[string]any) { htc(m)["NumberOfHumanWorkersPerDataObject"] = 10 }, "NumberOfHumanWorkersPerDataObject"},
		{"workers 0", func(m map[string]any) { htc(m)["NumberOfHumanWorkersPerDataObject"] = 0 }, "NumberOfHumanWorkersPerDataObject"},
		{"workers as string", func(m map[string]any) { htc(m)["NumberOfHumanWorkersPerDataObject"] = "3" }, "NumberOfHumanWorkersPerDataObject"},
		{"workers as float", func(m map[string]any) { htc(m)["NumberOfHumanWorkersPerDataObject"] = 3.5 }, "NumberOfHumanWorkersPerDataObject"},
		{"TaskTimeLimitInSeconds below 30", func(m map[string]any) { htc(m)["TaskTimeLimitInSeconds"] = 29 }, "TaskTimeLimitInSeconds"},
		{"unknown top-level member", func(m map[string]any) { m["LabellingJobName"] = "x" }, "not allowed"},
		{"unknown nested member", func(m map[string]any) { htc(m)["TaskTitel"] = "x" }, "not allowed"},
		{"missing required member", func(m map[string]any) { delete(m, "RoleArn") }, "RoleArn"},
		{"missing nested required member", func(m map[string]any) { delete(htc(m), "TaskTitle") }, "TaskTitle"},
		{"TaskKeyword with hyphen", func(m map[string]any) { htc(m)["TaskKeywords"] = []any{"Multi-label"} }, "TaskKeywords"},
		{"TaskKeyword with double space", func(m map[string]any) { htc(m)["TaskKeywords"] = []any{"two  spaces"} }, "TaskKeywords"},
		{"no TaskKeywords", func(m map[string]any) { htc(m)["TaskKeywords"] = []any{} }, "TaskKeywords"},
		{"six TaskKeywords", func(m map[string]any) {
			htc(m)["TaskKeywords"] = []any{"a", "b", "c", "d", "e", "f"}
		}, "TaskKeywords"},
		{"multi-line TaskDescription", func(m map[string]any) {
			htc(m)["TaskDescription"] = "Draw one box\naround each bird"
		}, "TaskDescription"},
		{"empty TaskDescription", func(m map[string]any) { htc(m)["TaskDescription"] = "" }, "TaskDescription"},
		{"TaskTitle with control character", func(m map[string]any) { htc(m)["TaskTitle"] = "Draw\u0001boxes" }, "TaskTitle"},
		{"TaskTitle with emoji", func(m map[string]any) { htc(m)["TaskTitle"] = "Draw boxes \U0001F426" }, "TaskTitle"},
		{"TaskTitle too long", func(m map[string]any) { htc(m)["TaskTitle"] = strings.Repeat("x", 129) }, "TaskTitle"},
		{"local path in S3 member", func(m map[string]any) { m["LabelCategoryConfigS3Uri"] = "./labels/birds.json" }, "LabelCategoryConfigS3Uri"},
		{"unknown content classifier", func(m map[string]any) {
			m["InputConfig"].(map[string]any)["DataAttributes"] = map[string]any{"ContentClassifiers": []any{"FreeOfAdultStuff"}}
		}, "ContentClassifiers"},
		{"RoleArn not a role", func(m map[string]any) { m["RoleArn"] = "arn:aws:iam::111122223333:user/someone" }, "RoleArn"},
		{"Lambda ARN of another service", func(m map[string]any) {
			htc(m)["PreHumanTaskLambdaArn"] = "arn:aws:sns:us-east-1:432418664414:function:PRE-BoundingBox"
		}, "PreHumanTaskLambdaArn"},
		{"51 tags", func(m map[string]any) {
			var tags []any
			for range 51 {
				tags = append(tags, map[string]any{"Key": "k", "Value": "v"})
			}
			m["Tags"] = tags
		}, "Tags"},
		{"tag key with comma", func(m map[string]any) {
			m["Tags"] = []any{map[string]any{"Key": "a,b", "Value": "v"}}
		}, "Tags"},
		{"price cents 100", func(m map[string]any) {
			htc(m)["PublicWorkforceTaskPrice"] = map[string]any{"AmountInUsd": map[string]any{"Cents": 100}}
		}, "Cents"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := validRequest()
			tc.mutate(req)
			v := ctx.Encode(req)
			if err := v.Err(); err != nil {
				t.Fatalf("encoding request: %v", err)
			}
			err := def.Unify(v).Validate(cue.Concrete(true))
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("want valid, got %v", err)
			case tc.wantErr != "" && err == nil:
				t.Errorf("want an error mentioning %q, got none", tc.wantErr)
			case tc.wantErr != "" && !strings.Contains(err.Error(), tc.wantErr):
				t.Errorf("want an error mentioning %q, got %v", tc.wantErr, err)
			}
		})
	}
}

func TestTranslatePattern(t *testing.T) {
	tests := []struct {
		in, want, wantErr string
	}{
		{in: `[\t\n\r -\uD7FF\uE000-\uFFFD]*`, want: `[\t\n\r -\x{D7FF}\x{E000}-\x{FFFD}]*`},
		{in: `a\u00e9b`, want: `a\x{00E9}b`},
		{in: `\uD83D\uDC26`, want: `\x{1F426}`},
		{in: `\\u0041`, want: `\\u0041`}, // an escaped backslash, then literal "u0041"
		{in: `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`, want: `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`},
		{in: `[]a]`, want: `[]a]`},
		{in: `\Q\u0041\E`, want: `\Q\u0041\E`},
		{in: `\uD83D`, wantErr: "surrogate"},
		{in: `\u12`, wantErr: "malformed"},
		{in: `[a-z[A-Z]]`, wantErr: "nested"},
		{in: `[a-z&&[^q]]`, wantErr: "intersection"},
		{in: `(a)\1`, wantErr: "back reference"},
		{in: `\h+`, wantErr: "no RE2 equivalent"},
		{in: `[abc`, wantErr: "unterminated"},
	}
	for _, tc := range tests {
		got, err := TranslatePattern(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("TranslatePattern(%q) error = %v, want one mentioning %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("TranslatePattern(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestGenerateRejectsBadModels(t *testing.T) {
	model := func(shapes string) []byte {
		return []byte(`{"operations": {"CreateLabelingJob": {"input": {"shape": "Req"}}}, "shapes": {` + shapes + `}}`)
	}
	tests := []struct {
		name, shapes, wantErr string
	}{
		{"lookahead", `"Req": {"type": "structure", "members": {"A": {"shape": "S"}}}, "S": {"type": "string", "pattern": "(?=a)a"}`, "does not compile"},
		{"possessive", `"Req": {"type": "structure", "members": {"A": {"shape": "S"}}}, "S": {"type": "string", "pattern": "a*+"}`, "does not compile"},
		{"missing shape", `"Req": {"type": "structure", "members": {"A": {"shape": "Nope"}}}`, "not in the model"},
		{"unknown type", `"Req": {"type": "structure", "members": {"A": {"shape": "S"}}}, "S": {"type": "union"}`, "unsupported"},
		{"required not a member", `"Req": {"type": "structure", "required": ["B"], "members": {"A": {"shape": "S"}}}, "S": {"type": "boolean"}`, "required member B"},
	}
	for _, tc := range tests {
		_, err := Generate(model(tc.shapes))
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: Generate error = %v, want one mentioning %q", tc.name, err, tc.wantErr)
		}
	}
	if _, err := Generate([]byte(`{"operations": {}, "shapes": {}}`)); err == nil {
		t.Error("Generate without the CreateLabelingJob operation: want an error")
	}
}

func TestGenerateOtherTypes(t *testing.T) {
	model := []byte(`{"operations": {"CreateLabelingJob": {"input": {"shape": "Req"}}}, "shapes": {
		"Req": {"type": "structure", "required": ["Z"], "members": {
			"Z": {"shape": "M"}, "when": {"shape": "T"}, "ratio": {"shape": "D"}, "_x": {"shape": "B"}, "ok": {"shape": "B"}}},
		"M": {"type": "map", "key": {"shape": "K"}, "value": {"shape": "L"}},
		"K": {"type": "string"},
		"L": {"type": "long", "min": 0, "max": 9007199254740991},
		"T": {"type": "timestamp"},
		"D": {"type": "double", "min": 0.5},
		"B": {"type": "boolean"}
	}}`)
	src, err := Generate(model)
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for _, want := range []string{
		"\tZ!: ", "\twhen?: ", "\tratio?: ", "\t\"_x\"?: ",
		"#M: {[string]: #L}", "#L: int & >=0 & <=9007199254740991",
		"// model shape T (timestamp, mapped to string)\n#T: string",
		"// model shape D (double, mapped to number)\n#D: number & >=0.5",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("generated CUE lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "import") {
		t.Errorf("unused imports emitted:\n%s", s)
	}
	if strings.Contains(s, "#K:") {
		t.Errorf("map key shape emitted although keys are [string]:\n%s", s)
	}
}
