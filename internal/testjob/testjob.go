// Package testjob is the labeling job that gtctl's integration tests and
// benchmark commands build on: a lint-clean bounding-box spec, the
// CreateLabelingJob request it stands for, and a repository holding its
// local artifacts.
//
// It exists so that those tests agree on one valid job. Each used to keep
// its own copy of the spec, and a change to the spec format or to a rule
// had to find every copy; now a test states only what it varies (a name, a
// manifest, a title) and takes the rest from here. Only tests and bench
// commands import it.
package testjob

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gtctl/gtctl/internal/fixtures"
	"github.com/gtctl/gtctl/pkg/aws"
)

// The local artifacts, relative to the specs/ directory of a Repo (and of
// the project, where their content comes from).
const (
	ManifestFile = "data/birds.manifest"
	LabelsFile   = "labels/birds.json"
	TemplateFile = "templates/bounding-box.liquid.html"
)

// The same artifacts in S3. Offline lint does not read them and the fake
// SageMaker endpoint does not check them: for specs linted without a
// repository and for requests sent straight to the API.
const (
	S3Manifest = "s3://acme-groundtruth-input/birds/birds.manifest"
	S3Labels   = "s3://acme-groundtruth-input/birds/birds.json"
	S3Template = "s3://acme-groundtruth-input/birds/bounding-box.liquid.html"
)

// What the spec and the request share (TestRequestIsTheSpec holds Request
// to the spec).
const (
	defaultName    = "bird-boxes"
	defaultTitle   = "Draw a box around every bird"
	labelAttribute = "bird-boxes"
	outputPath     = "s3://acme-groundtruth-output/bird-boxes/"
	roleARN        = "arn:aws:iam::111122223333:role/GroundTruthExecution"
	workteamARN    = "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/birders"
	preLambda      = "arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox"
	acsLambda      = "arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox"
	description    = "Draw one tight box around each bird you see and pick its species"
)

// Spec is the bounding-box job with the members tests vary; an empty field
// takes the default. The YAML keeps its layout whatever the values (the
// name at line 1, column 18; the manifest at line 6, column 22), as tests
// assert positions, and ends with its Tags, where tests append more.
type Spec struct {
	Name     string // LabelingJobName; "bird-boxes"
	Title    string // TaskTitle; "Draw a box around every bird"
	Manifest string // ManifestS3Uri; "./" + ManifestFile
	Labels   string // LabelCategoryConfigS3Uri; "./" + LabelsFile
	Template string // UiTemplateS3Uri; "./" + TemplateFile
}

// YAML renders the spec.
func (s Spec) YAML() string {
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	return fmt.Sprintf(`LabelingJobName: %s
LabelAttributeName: %s
InputConfig:
  DataSource:
    S3DataSource:
      ManifestS3Uri: %s
OutputConfig:
  S3OutputPath: %s
RoleArn: %s
LabelCategoryConfigS3Uri: %s
HumanTaskConfig:
  WorkteamArn: %s
  UiConfig:
    UiTemplateS3Uri: %s
  PreHumanTaskLambdaArn: %s
  AnnotationConsolidationConfig:
    AnnotationConsolidationLambdaArn: %s
  TaskTitle: %s
  TaskDescription: %s
  NumberOfHumanWorkersPerDataObject: 3
  TaskTimeLimitInSeconds: 600
  TaskAvailabilityLifetimeInSeconds: 864000
  MaxConcurrentTaskCount: 200
Tags:
  - Key: team
    Value: vision
`, or(s.Name, defaultName), labelAttribute, or(s.Manifest, "./"+ManifestFile), outputPath, roleARN,
		or(s.Labels, "./"+LabelsFile), workteamARN, or(s.Template, "./"+TemplateFile), preLambda, acsLambda,
		or(s.Title, defaultTitle), description)
}

// Request is the CreateLabelingJob request of Spec{Name: name} with its
// artifacts in S3 and without its tags: a job as the console makes it, or
// as plan.Desired resolves a spec. Numbers are int64, as the client
// describes them.
func Request(name string) aws.Request {
	return aws.Request{
		"LabelingJobName":    name,
		"LabelAttributeName": labelAttribute,
		"InputConfig": map[string]any{"DataSource": map[string]any{"S3DataSource": map[string]any{
			"ManifestS3Uri": S3Manifest}}},
		"OutputConfig":             map[string]any{"S3OutputPath": outputPath},
		"RoleArn":                  roleARN,
		"LabelCategoryConfigS3Uri": S3Labels,
		"HumanTaskConfig": map[string]any{
			"WorkteamArn":                       workteamARN,
			"UiConfig":                          map[string]any{"UiTemplateS3Uri": S3Template},
			"PreHumanTaskLambdaArn":             preLambda,
			"AnnotationConsolidationConfig":     map[string]any{"AnnotationConsolidationLambdaArn": acsLambda},
			"TaskTitle":                         defaultTitle,
			"TaskDescription":                   description,
			"NumberOfHumanWorkersPerDataObject": int64(3),
			"TaskTimeLimitInSeconds":            int64(600),
			"TaskAvailabilityLifetimeInSeconds": int64(864000),
			"MaxConcurrentTaskCount":            int64(200),
		},
	}
}

// Manifest is a manifest of three images named after tag: manifests of
// different tags differ, so that each is an artifact of its own to upload.
func Manifest(tag string) string {
	var b strings.Builder
	for k := 1; k <= 3; k++ {
		fmt.Fprintf(&b, "{\"source-ref\":\"s3://acme-groundtruth-input/birds/%s-%d.jpg\"}\n", tag, k)
	}
	return b.String()
}

// Repo makes a repository in a temporary directory: a .gtctl.yaml at its
// root (which marks the root, so that artifact paths resolve inside it),
// with the artifactPrefix given unless it is empty, and under specs/ the
// local artifacts a Spec names by default. It returns the root; specs go
// in specs/.
func Repo(t testing.TB, artifactPrefix string) string {
	t.Helper()
	dir := t.TempDir()
	CopyExamples(t, dir, ManifestFile, LabelsFile, TemplateFile)
	config := ""
	if artifactPrefix != "" {
		config = "artifactPrefix: " + artifactPrefix + "\n"
	}
	WriteFile(t, dir, ".gtctl.yaml", config)
	return dir
}

// Example returns a file of the project's specs/ directory (name relative
// to it, with slashes). The artifacts are read from there rather than kept
// here a second time: the tests then also cover the examples users copy.
func Example(t testing.TB, name string) []byte {
	t.Helper()
	root, err := fixtures.Root()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "specs", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// CopyExamples copies files of the project's specs/ directory to the same
// paths under dir/specs/.
func CopyExamples(t testing.TB, dir string, names ...string) {
	t.Helper()
	for _, name := range names {
		WriteFile(t, dir, "specs/"+name, string(Example(t, name)))
	}
}

// WriteFile writes data to dir/name (name with slashes), making the
// directories it needs.
func WriteFile(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
