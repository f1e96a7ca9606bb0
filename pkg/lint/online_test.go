package lint_test

// Tests of the online checks (lint.Options.Online).
//
// TestOnlineIntegration runs them against real protocol servers on
// 127.0.0.1: moto_server for IAM, S3 and STS (awstest.StartMoto; skipped
// without moto_server unless GTCTL_REQUIRE_MOTO=1) and the in-process
// SageMaker endpoint (fakesagemaker), through the real aws-sdk-go-v2
// clients (awstest.Clients).
//
// The other tests use memAWS, an in-memory implementation of the aws
// interfaces, for what the servers cannot easily do: deny access, count
// IAM calls, fail to make a Region's clients.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/gtctl/gtctl/internal/testjob"
	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

const onlineAccount = awstest.MotoAccount // moto's and the fake's account

// onlineSpec holds what varies between the test specs.
type onlineSpec struct {
	Name, Role, Manifest, Output, Labels, Template, Workteam string
	TaskTime                                                 int
}

func (s onlineSpec) yaml() string {
	if s.Role == "" {
		s.Role = "gt-long"
	}
	if s.Manifest == "" {
		s.Manifest = "s3://acme-data/birds.manifest"
	}
	if s.Output == "" {
		s.Output = "s3://acme-out/birds/"
	}
	if s.Labels == "" {
		s.Labels = "s3://acme-data/labels.json"
	}
	if s.Template == "" {
		s.Template = "s3://acme-data/template.liquid.html"
	}
	if s.Workteam == "" {
		s.Workteam = "birders"
	}
	if s.TaskTime == 0 {
		s.TaskTime = 600
	}
	return fmt.Sprintf(`LabelingJobName: %s
LabelAttributeName: birds
InputConfig:
  DataSource:
    S3DataSource:
      ManifestS3Uri: %s
  DataAttributes:
    ContentClassifiers:
      - FreeOfPersonallyIdentifiableInformation
OutputConfig:
  S3OutputPath: %s
RoleArn: arn:aws:iam::%s:role/service-role/%s
LabelCategoryConfigS3Uri: %s
HumanTaskConfig:
  WorkteamArn: arn:aws:sagemaker:us-east-1:%s:workteam/private-crowd/%s
  UiConfig:
    UiTemplateS3Uri: %s
  PreHumanTaskLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox
  AnnotationConsolidationConfig:
    AnnotationConsolidationLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox
  TaskTitle: Draw a box around every bird
  TaskDescription: Draw one tight box around each bird you see
  NumberOfHumanWorkersPerDataObject: 3
  TaskTimeLimitInSeconds: %d
`, s.Name, s.Manifest, s.Output, onlineAccount, s.Role, s.Labels, onlineAccount, s.Workteam, s.Template, s.TaskTime)
}

// onlineRules are the rules the online checks report.
var onlineRules = map[string]bool{"GT1035": true, "GT1050": true, "GT2220": true, "GT2230": true, "GT2240": true,
	"GT3050": true, "GT4120": true, "GT6400": true, "GT7140": true, "GT7150": true, "GT7155": true}

// lintOnline lints the specs (name → YAML) in a temporary repository and
// returns the findings of the online rules per job name.
func lintOnline(t *testing.T, opts lint.Options, specs map[string]string) map[string][]diag.Diagnostic {
	t.Helper()
	return lintKeeping(t, opts, specs, onlineRules)
}

// lintKeeping is lintOnline for the findings of the rules in keep.
func lintKeeping(t *testing.T, opts lint.Options, specs map[string]string, keep map[string]bool) map[string][]diag.Diagnostic {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".gtctl.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var inputs []lint.Input
	for name, y := range specs {
		p := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(p, []byte(y), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, lint.Input{Path: p})
	}
	if opts.Workers == 0 {
		opts.Workers = 4
	}
	l, err := lint.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), inputs)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]diag.Diagnostic{}
	for _, d := range res.Diagnostics {
		if keep[d.Rule] {
			out[d.Job] = append(out[d.Job], d)
		}
	}
	return out
}

// has reports whether ds holds a finding of rule with severity sev whose
// message contains every one of parts.
func has(ds []diag.Diagnostic, rule string, sev rules.Severity, parts ...string) bool {
	for _, d := range ds {
		if d.Rule != rule || d.Severity != sev {
			continue
		}
		ok := true
		for _, p := range parts {
			if !strings.Contains(d.Message, p) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func show(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "\n  %s %s %s: %s", d.Rule, d.Severity, d.Path, d.Message)
	}
	if b.Len() == 0 {
		return " (none)"
	}
	return b.String()
}

func TestOnlineIntegration(t *testing.T) {
	moto := awstest.StartMoto(t)
	sm := fakesagemaker.New(fakesagemaker.Options{Workteams: []string{"birders"}})
	smURL := sm.Start()
	t.Cleanup(sm.Close)
	clients := awstest.Clients(t, smURL, moto)
	ctx := context.Background()

	// moto's state, set with calls gtctl itself never makes.
	rawS3 := awstest.RawS3(moto)
	rawIAM := iam.NewFromConfig(awstest.RawConfig(moto))
	trust := awstest.TrustPolicy("sagemaker.amazonaws.com")
	for name, d := range map[string]int32{"gt-short": 3600, "gt-long": 28800} {
		if _, err := rawIAM.CreateRole(ctx, &iam.CreateRoleInput{
			RoleName: sdkaws.String(name), Path: sdkaws.String("/service-role/"),
			AssumeRolePolicyDocument: sdkaws.String(trust), MaxSessionDuration: sdkaws.Int32(d),
		}); err != nil {
			t.Fatalf("CreateRole %s: %v", name, err)
		}
	}
	for _, b := range []string{"acme-data", "acme-nocors", "acme-out"} {
		if _, err := rawS3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: sdkaws.String(b)}); err != nil {
			t.Fatalf("CreateBucket %s: %v", b, err)
		}
	}
	if _, err := rawS3.CreateBucket(ctx, &s3.CreateBucketInput{
		Bucket:                    sdkaws.String("acme-out-eu"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraintEuWest1},
	}); err != nil {
		t.Fatalf("CreateBucket acme-out-eu: %v", err)
	}
	if _, err := rawS3.PutBucketCors(ctx, &s3.PutBucketCorsInput{
		Bucket: sdkaws.String("acme-data"),
		CORSConfiguration: &s3types.CORSConfiguration{CORSRules: []s3types.CORSRule{{
			AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"},
			ExposeHeaders: []string{"Access-Control-Allow-Origin"},
		}}},
	}); err != nil {
		t.Fatalf("PutBucketCors: %v", err)
	}
	put := func(bucket, key, body string) {
		t.Helper()
		if _, err := rawS3.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: strings.NewReader(body)}); err != nil {
			t.Fatalf("PutObject s3://%s/%s: %v", bucket, key, err)
		}
	}
	put("acme-data", "birds.manifest", `{"source-ref":"s3://acme-data/img/1.jpg"}`+"\n"+`{"source-ref":"s3://acme-data/img/2.jpg"}`+"\n")
	put("acme-data", "img/1.jpg", "jpeg")
	put("acme-data", "img/2.jpg", "jpeg")
	put("acme-data", "labels.json", `{"document-version":"2018-11-28","labels":[{"label":"bird"}]}`)
	put("acme-data", "template.liquid.html", "<crowd-form></crowd-form>")
	put("acme-nocors", "birds.manifest", `{"source-ref":"s3://acme-nocors/img/1.jpg"}`+"\n")
	put("acme-nocors", "img/1.jpg", "jpeg")

	// A job that exists already, named in another case than the spec. Only
	// its name matters: GT1035 compares names.
	existing := testjob.Request("Bird-Boxes-Existing")
	if _, err := clients.SageMaker.CreateLabelingJob(ctx, existing); err != nil {
		t.Fatalf("CreateLabelingJob: %v", err)
	}
	sm.ResetCalls()

	specs := map[string]string{
		"clean":       onlineSpec{Name: "clean-job", Role: "gt-long", TaskTime: 7200}.yaml(),
		"clean2":      onlineSpec{Name: "clean-job-2", Role: "gt-long", TaskTime: 7200}.yaml(),
		"short-role":  onlineSpec{Name: "short-role", Role: "gt-short", TaskTime: 7200}.yaml(),
		"taken":       onlineSpec{Name: "bird-boxes-existing"}.yaml(),
		"no-manifest": onlineSpec{Name: "no-manifest", Manifest: "s3://acme-data/missing.manifest"}.yaml(),
		"no-cors":     onlineSpec{Name: "no-cors", Manifest: "s3://acme-nocors/birds.manifest"}.yaml(),
		"no-team":     onlineSpec{Name: "no-team", Workteam: "nobody"}.yaml(),
		"eu-output":   onlineSpec{Name: "eu-output", Output: "s3://acme-out-eu/birds/"}.yaml(),
		"no-labels":   onlineSpec{Name: "no-labels", Labels: "s3://acme-data/nope.json"}.yaml(),
	}
	regions := 0
	var mu sync.Mutex
	opts := lint.Options{Online: true, Clients: func(region string) (*aws.Clients, error) {
		mu.Lock()
		regions++
		mu.Unlock()
		if region != awstest.Region {
			return nil, fmt.Errorf("unexpected Region %s", region)
		}
		return clients, nil
	}}
	got := lintOnline(t, opts, specs)

	for _, job := range []string{"clean-job", "clean-job-2"} {
		if len(got[job]) > 0 {
			t.Errorf("%s: want no online finding (and no GT3050 note: the role allows 28,800 s), got%s", job, show(got[job]))
		}
	}
	checks := []struct {
		job, rule string
		parts     []string
	}{
		{"short-role", "GT3050", []string{"7,200", "gt-short", "MaxSessionDuration 3,600 s", "at least 7,200 s"}},
		{"bird-boxes-existing", "GT1035", []string{"bird-boxes-existing", "Bird-Boxes-Existing", "already exists"}},
		{"no-manifest", "GT6400", []string{"s3://acme-data/missing.manifest", "does not exist"}},
		{"no-cors", "GT7150", []string{"acme-nocors", "CORS"}},
		{"no-team", "GT4120", []string{"private-crowd/nobody", "not found"}},
		{"eu-output", "GT7140", []string{"acme-out-eu", "eu-west-1", "us-east-1"}},
		{"no-labels", "GT1050", []string{"s3://acme-data/nope.json", "does not exist"}},
	}
	for _, c := range checks {
		if !has(got[c.job], c.rule, rules.Error, c.parts...) {
			t.Errorf("%s: want %s error mentioning %q, got%s", c.job, c.rule, c.parts, show(got[c.job]))
		}
		for _, d := range got[c.job] {
			if d.Rule != c.rule {
				t.Errorf("%s: unexpected %s %s: %s", c.job, d.Rule, d.Severity, d.Message)
			}
		}
	}
	if regions != 1 {
		t.Errorf("clients made %d times for one Region, want 1", regions)
	}
	// Nine specs name the same work team: one DescribeWorkteam for it (and
	// one for the missing team).
	if n := sm.CallCount("DescribeWorkteam"); n != 2 {
		t.Errorf("DescribeWorkteam called %d times, want 2 (one per distinct team)", n)
	}

	t.Run("plan and apply skip GT1035", func(t *testing.T) {
		opts := opts
		opts.SkipNameCheck = true
		got := lintOnline(t, opts, map[string]string{"taken": specs["taken"]})
		if len(got["bird-boxes-existing"]) > 0 {
			t.Errorf("want no online finding, got%s", show(got["bird-boxes-existing"]))
		}
	})
	t.Run("offline", func(t *testing.T) {
		got := lintOnline(t, lint.Options{}, map[string]string{"short": specs["short-role"], "taken": specs["taken"]})
		if !has(got["short-role"], "GT3050", rules.Info, "at least 7,200 s") {
			t.Errorf("offline: want the GT3050 info note, got%s", show(got["short-role"]))
		}
		for job, ds := range got {
			for _, d := range ds {
				if d.Severity != rules.Info {
					t.Errorf("offline: %s: unexpected %s %s: %s", job, d.Rule, d.Severity, d.Message)
				}
			}
		}
	})
}

// ---- memAWS: the aws interfaces in memory ----

type memAWS struct {
	deny bool // every call: access denied

	mu      sync.Mutex
	calls   map[string]int
	roles   map[string]int64 // role name → MaxSessionDuration
	objects map[string]bool  // "bucket/key"
	buckets map[string]string
	cors    map[string][]aws.CORSRule
	teams   map[string]bool
	jobs    []string
	// bodies are object contents ("bucket/key"), reqs the described
	// requests of jobs; both optional.
	bodies map[string]string
	reqs   map[string]aws.Request
}

func newMemAWS() *memAWS {
	return &memAWS{
		calls:   map[string]int{},
		roles:   map[string]int64{},
		objects: map[string]bool{},
		buckets: map[string]string{},
		cors:    map[string][]aws.CORSRule{},
		teams:   map[string]bool{},
	}
}

func (m *memAWS) clients() *aws.Clients {
	return &aws.Clients{Region: "us-east-1", SageMaker: m, S3: m, IAM: m, STS: m}
}

// call counts op and answers access denied when m.deny.
func (m *memAWS) call(op string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls[op]++
	if m.deny {
		return &aws.APIError{Op: op, Code: "AccessDenied", Message: "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: " + op, Kind: aws.ErrAccessDenied}
	}
	return nil
}

func (m *memAWS) count(op string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls[op]
}

func notFound(op string) error {
	return &aws.APIError{Op: op, Code: "NotFound", Kind: aws.ErrNotFound}
}

func (m *memAWS) CreateLabelingJob(ctx context.Context, req aws.Request) (string, error) {
	return "", errors.New("memAWS: CreateLabelingJob must not be called by lint")
}

func (m *memAWS) DescribeLabelingJob(ctx context.Context, name string) (*aws.LabelingJob, error) {
	if err := m.call("DescribeLabelingJob"); err != nil {
		return nil, err
	}
	for _, j := range m.jobs {
		if strings.EqualFold(j, name) {
			req := m.reqs[j]
			if req == nil {
				req = aws.Request{"LabelingJobName": j}
			}
			return &aws.LabelingJob{Name: j, Request: req}, nil
		}
	}
	return nil, notFound("DescribeLabelingJob")
}

func (m *memAWS) ListLabelingJobs(ctx context.Context, opts aws.ListOptions, fn func([]aws.JobSummary) error) error {
	if err := m.call("ListLabelingJobs"); err != nil {
		return err
	}
	var page []aws.JobSummary
	for _, j := range m.jobs {
		if strings.Contains(strings.ToLower(j), strings.ToLower(opts.NameContains)) {
			page = append(page, aws.JobSummary{Name: j})
		}
	}
	if len(page) == 0 {
		return nil
	}
	return fn(page)
}

func (m *memAWS) StopLabelingJob(ctx context.Context, name string) error {
	return errors.New("memAWS: StopLabelingJob must not be called by lint")
}

func (m *memAWS) DescribeWorkteam(ctx context.Context, name string) (*aws.Workteam, error) {
	if err := m.call("DescribeWorkteam"); err != nil {
		return nil, err
	}
	if !m.teams[name] {
		return nil, notFound("DescribeWorkteam")
	}
	return &aws.Workteam{Name: name}, nil
}

func (m *memAWS) ListTags(ctx context.Context, arn string) (map[string]string, error) {
	return nil, m.call("ListTags")
}

func (m *memAWS) HeadObject(ctx context.Context, bucket, key string) (bool, error) {
	if err := m.call("HeadObject"); err != nil {
		return false, err
	}
	return m.objects[bucket+"/"+key], nil
}

func (m *memAWS) PutObject(ctx context.Context, bucket, key string, body []byte, contentType string, ifNoneMatch bool) (bool, error) {
	return false, errors.New("memAWS: PutObject must not be called by lint")
}

func (m *memAWS) GetObject(ctx context.Context, bucket, key string, maxBytes int64) ([]byte, error) {
	if err := m.call("GetObject"); err != nil {
		return nil, err
	}
	if !m.objects[bucket+"/"+key] {
		return nil, notFound("GetObject")
	}
	if b, ok := m.bodies[bucket+"/"+key]; ok {
		return []byte(b), nil
	}
	return []byte(`{"source-ref":"s3://` + bucket + `/img/1.jpg"}` + "\n"), nil
}

func (m *memAWS) BucketRegion(ctx context.Context, bucket string) (string, error) {
	if err := m.call("GetBucketLocation"); err != nil {
		return "", err
	}
	r, ok := m.buckets[bucket]
	if !ok {
		return "", notFound("GetBucketLocation")
	}
	return r, nil
}

func (m *memAWS) BucketCORS(ctx context.Context, bucket string) ([]aws.CORSRule, error) {
	if err := m.call("GetBucketCors"); err != nil {
		return nil, err
	}
	if _, ok := m.buckets[bucket]; !ok {
		return nil, notFound("GetBucketCors")
	}
	return m.cors[bucket], nil
}

func (m *memAWS) GetRole(ctx context.Context, name string) (*aws.Role, error) {
	if err := m.call("GetRole"); err != nil {
		return nil, err
	}
	d, ok := m.roles[name]
	if !ok {
		return nil, &aws.APIError{Op: "GetRole", Code: "NoSuchEntity", Kind: aws.ErrNotFound}
	}
	return &aws.Role{Name: name, MaxSessionDuration: d}, nil
}

func (m *memAWS) CallerIdentity(ctx context.Context) (string, string, error) {
	// GetCallerIdentity needs no permission.
	return onlineAccount, "arn:aws:iam::" + onlineAccount + ":user/ci", nil
}

// populated is a memAWS where the default onlineSpec passes every check.
func populated() *memAWS {
	m := newMemAWS()
	m.roles["gt-long"] = 28800
	m.roles["gt-short"] = 3600
	for _, o := range []string{"acme-data/birds.manifest", "acme-data/img/1.jpg", "acme-data/labels.json", "acme-data/template.liquid.html"} {
		m.objects[o] = true
	}
	m.buckets["acme-data"] = "us-east-1"
	m.buckets["acme-out"] = "us-east-1"
	m.cors["acme-data"] = []aws.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"}, ExposeHeaders: []string{"Access-Control-Allow-Origin"}}}
	m.teams["birders"] = true
	return m
}

func memOptions(m *memAWS) lint.Options {
	return lint.Options{Online: true, Clients: func(string) (*aws.Clients, error) { return m.clients(), nil }}
}

func TestOnlineGT3050(t *testing.T) {
	m := populated()
	got := lintOnline(t, memOptions(m), map[string]string{
		"short":  onlineSpec{Name: "short", Role: "gt-short", TaskTime: 7200}.yaml(),
		"long":   onlineSpec{Name: "long", Role: "gt-long", TaskTime: 7200}.yaml(),
		"long2":  onlineSpec{Name: "long2", Role: "gt-long", TaskTime: 28800}.yaml(),
		"hour":   onlineSpec{Name: "hour", Role: "gt-short", TaskTime: 3600}.yaml(),
		"absent": onlineSpec{Name: "absent", Role: "gt-none", TaskTime: 7200}.yaml(),
	})
	if !has(got["short"], "GT3050", rules.Error, "TaskTimeLimitInSeconds is 7,200", "`gt-short`", "MaxSessionDuration 3,600 s", "at least 7,200 s") {
		t.Errorf("short: want the GT3050 error, got%s", show(got["short"]))
	}
	for _, job := range []string{"long", "long2", "hour"} {
		if len(got[job]) > 0 {
			t.Errorf("%s: want nothing (no info note either), got%s", job, show(got[job]))
		}
	}
	if !has(got["absent"], "GT3050", rules.Warning, "gt-none", "does not exist") || has(got["absent"], "GT3050", rules.Info) {
		t.Errorf("absent: want a warning that the role does not exist, and no note, got%s", show(got["absent"]))
	}
	// Three specs name gt-long or gt-short above an hour, one names gt-none:
	// one GetRole per role.
	if n := m.count("GetRole"); n != 3 {
		t.Errorf("GetRole called %d times, want 3 (one per distinct role)", n)
	}
}

func TestOnlineAccessDenied(t *testing.T) {
	m := populated()
	m.deny = true
	got := lintOnline(t, memOptions(m), map[string]string{
		"denied": onlineSpec{Name: "denied", Role: "gt-short", TaskTime: 7200}.yaml(),
	})
	ds := got["denied"]
	for _, d := range ds {
		if d.Severity == rules.Error {
			t.Errorf("access denied must never be an error: %s %s", d.Rule, d.Message)
		}
	}
	want := map[string]string{
		"GT3050": "iam:GetRole",
		"GT1035": "sagemaker:ListLabelingJobs",
		"GT6400": "s3:GetBucketLocation",
		"GT7140": "s3:GetBucketLocation",
		"GT4120": "sagemaker:DescribeWorkteam",
		"GT1050": "s3:GetObject",
	}
	for rule, perm := range want {
		if !has(ds, rule, rules.Warning, rule, "could not be checked", "access denied", perm) {
			t.Errorf("want a %s warning naming %s, got%s", rule, perm, show(ds))
		}
	}
	// The offline note stays: the role could not be read.
	if !has(ds, "GT3050", rules.Info, "at least 7,200 s") {
		t.Errorf("want the GT3050 info note kept, got%s", show(ds))
	}
}

func TestOnlineClientsUnavailable(t *testing.T) {
	opts := lint.Options{Online: true, Clients: func(region string) (*aws.Clients, error) {
		return nil, errors.New("no credentials configured")
	}}
	got := lintOnline(t, opts, map[string]string{"x": onlineSpec{Name: "x", TaskTime: 7200}.yaml()})
	ds := got["x"]
	if len(ds) == 0 {
		t.Fatal("want warnings saying the online checks could not run")
	}
	for _, d := range ds {
		if d.Severity == rules.Error {
			t.Errorf("unexpected error %s: %s", d.Rule, d.Message)
		}
	}
	if !has(ds, "GT4120", rules.Warning, "could not be checked", "no credentials configured") {
		t.Errorf("want a GT4120 warning with the reason, got%s", show(ds))
	}
}

func TestOnlineCaseInsensitiveName(t *testing.T) {
	m := populated()
	m.jobs = []string{"Bird-Boxes"}
	got := lintOnline(t, memOptions(m), map[string]string{
		"taken": onlineSpec{Name: "bird-boxes"}.yaml(),
		"free":  onlineSpec{Name: "bird-boxes-2"}.yaml(),
	})
	if !has(got["bird-boxes"], "GT1035", rules.Error, "`Bird-Boxes`") {
		t.Errorf("taken: want GT1035, got%s", show(got["bird-boxes"]))
	}
	if len(got["bird-boxes-2"]) > 0 {
		t.Errorf("free: want nothing, got%s", show(got["bird-boxes-2"]))
	}
}

const auditSpec = `LabelingJobName: traffic-adjust
LabelAttributeName: car-boxes-adjusted
InputConfig:
  DataSource:
    S3DataSource:
      ManifestS3Uri: s3://acme-data/video.manifest
OutputConfig:
  S3OutputPath: s3://acme-out/traffic/
RoleArn: arn:aws:iam::123456789012:role/gt-long
LabelCategoryConfigS3Uri: s3://acme-data/adjust-labels.json
HumanTaskConfig:
  WorkteamArn: arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/birders
  UiConfig:
    HumanTaskUiArn: arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/VideoObjectDetection
  PreHumanTaskLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:PRE-AdjustmentVideoObjectDetection
  AnnotationConsolidationConfig:
    AnnotationConsolidationLambdaArn: arn:aws:lambda:us-east-1:432418664414:function:ACS-AdjustmentVideoObjectDetection
  TaskTitle: Fix the car boxes
  TaskDescription: Adjust each box so that it fits the car
  NumberOfHumanWorkersPerDataObject: 1
  TaskTimeLimitInSeconds: 3600
`

func TestOnlineAudit(t *testing.T) {
	setup := func(jobName string) *memAWS {
		m := populated()
		m.bodies = map[string]string{
			"acme-data/adjust-labels.json": `{"document-version":"2020-08-15","auditLabelAttributeName":"car-boxes","annotationType":"Polygon","labels":[{"label":"car"}]}`,
			"acme-data/orig-labels.json":   `{"document-version":"2020-08-15","labels":[{"label":"car"},{"label":"truck"}]}`,
			"acme-data/video.manifest":     `{"source-ref":"s3://acme-data/seq1.json","car-boxes":{"annotations":[]},"car-boxes-metadata":{` + jobName + `"type":"groundtruth/video-object-detection"}}` + "\n",
		}
		for k := range m.bodies {
			m.objects[k] = true
		}
		m.objects["acme-data/seq1.json"] = true
		m.jobs = []string{"unrelated-job", "traffic-boxes"}
		m.reqs = map[string]aws.Request{
			"unrelated-job": {"LabelAttributeName": "other"},
			"traffic-boxes": {
				"LabelAttributeName":       "car-boxes",
				"LabelCategoryConfigS3Uri": "s3://acme-data/orig-labels.json",
				"HumanTaskConfig": map[string]any{"UiConfig": map[string]any{
					"HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/VideoObjectTracking"}},
			},
		}
		return m
	}
	for name, jobName := range map[string]string{
		"named in the manifest":   `"job-name":"labeling-job/traffic-boxes",`,
		"found among recent jobs": ``,
	} {
		t.Run(name, func(t *testing.T) {
			m := setup(jobName)
			got := lintOnline(t, memOptions(m), map[string]string{"audit": auditSpec})
			ds := got["traffic-adjust"]
			for rule, part := range map[string]string{
				"GT2220": "annotationType `BoundingBox`",
				"GT2230": "missing: `truck`",
				"GT2240": "human-task-ui/VideoObjectTracking",
			} {
				if !has(ds, rule, rules.Error, part, "traffic-boxes") {
					t.Errorf("want %s error mentioning %q, got%s", rule, part, show(ds))
				}
			}
		})
	}
}

// A local manifest: GT7150 and GT6400 point at its lines.
func TestOnlineLocalManifest(t *testing.T) {
	m := populated()
	m.buckets["acme-nocors"] = "us-east-1"
	m.buckets["acme-eu"] = "eu-west-1"
	m.objects["acme-nocors/a.jpg"] = true
	m.objects["acme-eu/b.jpg"] = true
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".gtctl.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	manifest := `{"source-ref":"s3://acme-data/img/1.jpg"}
{"source-ref":"s3://acme-nocors/a.jpg"}
{"source-ref":"s3://acme-eu/b.jpg"}
{"source-ref":"s3://acme-data/img/missing.jpg"}
`
	if err := os.WriteFile(filepath.Join(dir, "birds.manifest"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(dir, "job.yaml")
	if err := os.WriteFile(spec, []byte(onlineSpec{Name: "local", Manifest: "./birds.manifest"}.yaml()), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(memOptions(m))
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Run(context.Background(), []lint.Input{{Path: spec}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if onlineRules[d.Rule] && strings.HasSuffix(d.File, "birds.manifest") {
			t.Logf("%s %s line %d: %s", d.Rule, d.Severity, d.Line, d.Message)
		}
	}
	want := []struct {
		rule string
		line int
		part string
	}{
		{"GT7150", 2, "acme-nocors"},
		{"GT6400", 3, "eu-west-1"},
	}
	for _, w := range want {
		found := false
		for _, d := range res.Diagnostics {
			if d.Rule == w.rule && d.Line == w.line && strings.HasSuffix(d.File, "birds.manifest") && strings.Contains(d.Message, w.part) {
				found = true
			}
		}
		if !found {
			t.Errorf("want %s at birds.manifest:%d mentioning %s, got%s", w.rule, w.line, w.part, show(res.Diagnostics))
		}
	}
	// Only the first three distinct objects are looked up: the missing
	// fourth is not reported.
	for _, d := range res.Diagnostics {
		if d.Rule == "GT6400" && d.Line == 4 {
			t.Errorf("line 4 is beyond the sample: %s", d.Message)
		}
	}
}
