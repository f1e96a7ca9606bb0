package main

// End-to-end tests of gtctl plan, apply and import: run(...) in-process
// (and once as a child process that is killed mid-apply), with the
// standard AWS configuration pointed by AWS_ENDPOINT_URL_<SERVICE> at the
// fake SageMaker endpoint (one per Region, as AWS keeps Regions apart) and
// at moto_server for S3, IAM and STS, all on 127.0.0.1.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/gtctl/gtctl/internal/testjob"
	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
	"github.com/gtctl/gtctl/pkg/plan"
)

const (
	deployBucket  = "acme-groundtruth-artifacts"
	deployAccount = "111122223333"
)

// deployRouter serves one fake per Region, read from the SigV4 credential
// scope, as AWS keeps the jobs of each Region apart.
type deployRouter struct {
	mu    sync.Mutex
	fakes map[string]*fakesagemaker.Server
}

var deployScope = regexp.MustCompile(`Credential=[^/,]+/\d{8}/([a-z0-9-]+)/`)

func (r *deployRouter) fake(region string) *fakesagemaker.Server {
	r.mu.Lock()
	defer r.mu.Unlock()
	f, ok := r.fakes[region]
	if !ok {
		f = fakesagemaker.New(fakesagemaker.Options{Region: region, Account: deployAccount,
			Workteams: []string{"birders", "nlp-annotators"}})
		r.fakes[region] = f
	}
	return f
}

func (r *deployRouter) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	m := deployScope.FindStringSubmatch(req.Header.Get("Authorization"))
	if m == nil {
		http.Error(w, "no credential scope", http.StatusForbidden)
		return
	}
	r.fake(m[1]).ServeHTTP(w, req)
}

type deployEnv struct {
	t      *testing.T
	router *deployRouter
	smURL  string
	raw    *s3.Client
	repo   string
	// online: plan and apply run the online checks too.
	online bool
}

// deployFiles are the example specs the tests use, with the artifacts
// testjob.Repo does not copy already: two jobs in us-east-1, one in
// us-west-2.
var deployFiles = []string{
	"bounding-box-private.yaml", "ner.yaml", "image-multilabel-mturk.yaml",
	"data/press-releases.manifest", "labels/press-release-entities.json",
	"data/recipe-photos.manifest", "labels/recipe-contents.json", "templates/recipe-multilabel.liquid.html",
}

// newDeployEnv starts moto and the fakes, creates the artifact bucket,
// sets the environment, and makes a repository of specs the working
// directory. Not parallel: it sets the environment and the directory.
func newDeployEnv(t *testing.T) *deployEnv {
	t.Helper()
	moto := awstest.StartMoto(t)
	router := &deployRouter{fakes: map[string]*fakesagemaker.Server{}}
	srv := httptest.NewServer(router)
	t.Cleanup(srv.Close)

	raw := awstest.RawS3(moto)
	if _, err := raw.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: sdkaws.String(deployBucket)}); err != nil {
		t.Fatalf("CreateBucket: %v", err)
	}

	repo := testjob.Repo(t, "s3://"+deployBucket+"/gtctl")
	testjob.CopyExamples(t, repo, deployFiles...)

	setAWSEnv(t, map[string]string{
		"AWS_ENDPOINT_URL_SAGEMAKER": srv.URL,
		"AWS_ENDPOINT_URL_S3":        moto,
		"AWS_ENDPOINT_URL_IAM":       moto,
		"AWS_ENDPOINT_URL_STS":       moto,
	})
	t.Chdir(repo)
	return &deployEnv{t: t, router: router, smURL: srv.URL, raw: raw, repo: repo}
}

// gtctl runs the CLI in-process. plan and apply run with
// --skip-online-checks: the example manifests name images that are not in
// moto, and these tests are about planning and applying;
// TestDeployOnlineChecks covers the online checks during plan.
func (e *deployEnv) gtctl(args ...string) (code int, stdout, stderr string) {
	e.t.Helper()
	if len(args) > 0 && (args[0] == "plan" || args[0] == "apply") && !e.online {
		args = append([]string{args[0], "--skip-online-checks"}, args[1:]...)
	}
	var o, er bytes.Buffer
	code = run(args, strings.NewReader(""), &o, &er)
	e.t.Logf("gtctl %s -> %d\n%s%s", strings.Join(args, " "), code, o.String(), er.String())
	return code, o.String(), er.String()
}

func (e *deployEnv) want(code int, args ...string) (stdout, stderr string) {
	e.t.Helper()
	got, o, er := e.gtctl(args...)
	if got != code {
		e.t.Fatalf("gtctl %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), got, code, o, er)
	}
	return o, er
}

type deployObject struct {
	ETag     string
	Modified time.Time
}

func (e *deployEnv) objects() map[string]deployObject {
	e.t.Helper()
	out := map[string]deployObject{}
	p := s3.NewListObjectsV2Paginator(e.raw, &s3.ListObjectsV2Input{Bucket: sdkaws.String(deployBucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		for _, o := range page.Contents {
			out[sdkaws.ToString(o.Key)] = deployObject{sdkaws.ToString(o.ETag), sdkaws.ToTime(o.LastModified)}
		}
	}
	return out
}

// jobs lists the jobs of every Region, "region/name", sorted.
func (e *deployEnv) jobs() []string {
	e.router.mu.Lock()
	defer e.router.mu.Unlock()
	var out []string
	for r, f := range e.router.fakes {
		for _, n := range f.JobNames() {
			out = append(out, r+"/"+n)
		}
	}
	sort.Strings(out)
	return out
}

func (e *deployEnv) creates() int {
	e.router.mu.Lock()
	defer e.router.mu.Unlock()
	n := 0
	for _, f := range e.router.fakes {
		n += f.CallCount("CreateLabelingJob")
	}
	return n
}

// edit replaces old by new in file, a path relative to the repository.
func (e *deployEnv) edit(file, old, new string) {
	e.t.Helper()
	b, err := os.ReadFile(filepath.Join(e.repo, file))
	if err != nil {
		e.t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		e.t.Fatalf("%s has no %q", file, old)
	}
	testjob.WriteFile(e.t, e.repo, file, strings.Replace(string(b), old, new, 1))
}

func mustContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s lacks %q:\n%s", what, sub, s)
		}
	}
}

var allJobs = []string{
	"us-east-1/bird-boxes-2026-11", "us-east-1/press-release-entities-2026-11", "us-west-2/recipe-photos-multilabel-2026-11",
}

func TestDeployPlanApplyImport(t *testing.T) {
	e := newDeployEnv(t)

	// An empty account: everything to create.
	out, _ := e.want(0, "plan", "specs/")
	mustContain(t, "plan", out,
		"Plan: 3 to create, 0 unchanged, 0 changed.\n",
		"+ create        bird-boxes-2026-11  specs/bounding-box-private.yaml:5:18\n",
		"+ create        recipe-photos-multilabel-2026-11  specs/image-multilabel-mturk.yaml:6:18\n")
	if !strings.HasPrefix(out, "Plan: ") {
		t.Errorf("the summary is not the first line:\n%s", out)
	}
	e.want(2, "plan", "--detailed-exitcode", "specs/")
	out, _ = e.want(0, "plan", "--format", "json", "specs/")
	var js struct {
		Summary map[string]int
		Jobs    []struct{ Name, Action, File string }
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil || js.Summary["create"] != 3 || len(js.Jobs) != 3 {
		t.Errorf("JSON plan: %v %+v", err, js)
	}
	if len(e.jobs()) != 0 || len(e.objects()) != 0 {
		t.Fatalf("plan changed the account: %v %v", e.jobs(), e.objects())
	}

	// Apply: uploads each artifact once, creates the jobs in their Regions.
	out, _ = e.want(0, "apply", "specs/")
	mustContain(t, "apply", out, "Plan: 3 to create, 0 unchanged, 0 changed.\n", "Apply complete.\n",
		"created   recipe-photos-multilabel-2026-11 (arn:aws:sagemaker:us-west-2:111122223333:labeling-job/recipe-photos-multilabel-2026-11)")
	if got := strings.Count(out, "] uploaded  "); got != 8 {
		t.Errorf("%d uploads, want 8 (the distinct local files)", got)
	}
	if fmt.Sprint(e.jobs()) != fmt.Sprint(allJobs) {
		t.Errorf("jobs %v, want %v", e.jobs(), allJobs)
	}
	objects := e.objects()
	if len(objects) != 8 {
		t.Errorf("%d objects, want 8", len(objects))
	}
	for k := range objects {
		if !regexp.MustCompile(`^gtctl/[0-9a-f]{64}/[^/]+$`).MatchString(k) {
			t.Errorf("object key %s is not gtctl/<sha256>/<name>", k)
		}
	}

	// Nothing left to do: all unchanged, nothing uploaded or created.
	out, _ = e.want(0, "plan", "--detailed-exitcode", "specs/")
	mustContain(t, "plan", out, "Plan: 0 to create, 3 unchanged, 0 changed.\n",
		"= unchanged     bird-boxes-2026-11 (InProgress)  specs/bounding-box-private.yaml:5:18\n")
	creates := e.creates()
	out, _ = e.want(0, "apply", "specs/")
	mustContain(t, "second apply", out, "Plan: 0 to create, 3 unchanged, 0 changed.\n", "Apply complete.\n")
	if strings.Contains(out, "uploaded") || e.creates() != creates {
		t.Errorf("second apply uploaded or created: %d creates before, %d after\n%s", creates, e.creates(), out)
	}
	if fmt.Sprint(e.objects()) != fmt.Sprint(objects) {
		t.Errorf("objects rewritten:\n%v\n%v", objects, e.objects())
	}

	// An edited spec: changed, field by field, with a free name.
	spec := filepath.Join("specs", "bounding-box-private.yaml")
	e.edit(spec, "TaskTitle: Draw a box around every bird", "TaskTitle: Draw a box around every bird and nest")
	e.edit(spec, "MaxConcurrentTaskCount: 200", "MaxConcurrentTaskCount: 300")
	out, _ = e.want(2, "plan", "--detailed-exitcode", "specs/")
	mustContain(t, "plan", out,
		"Plan: 0 to create, 2 unchanged, 1 changed.\n",
		"~ changed       bird-boxes-2026-11 (InProgress)  specs/bounding-box-private.yaml:5:18\n",
		"(suggested: bird-boxes-2026-11-v2)\n",
		"    HumanTaskConfig.MaxConcurrentTaskCount: 200 -> 300\n",
		`    HumanTaskConfig.TaskTitle: "Draw a box around every bird" -> "Draw a box around every bird and nest"`+"\n")
	out, _ = e.want(0, "plan", "--format", "json", "specs/")
	mustContain(t, "JSON plan", out, `"suggestedName": "bird-boxes-2026-11-v2"`, `"path": "HumanTaskConfig.MaxConcurrentTaskCount"`, `"live": 200`, `"desired": 300`)
	_, errOut := e.want(1, "apply", "specs/")
	mustContain(t, "apply of a changed job", errOut,
		"specs/bounding-box-private.yaml:5:18: error: bird-boxes-2026-11: the spec changes bird-boxes-2026-11, which exists (InProgress); labeling jobs cannot be updated: give the spec a new LabelingJobName such as bird-boxes-2026-11-v2")

	// Renamed as suggested: the new job is created, the old one is a
	// managed job no spec describes.
	e.edit(spec, "LabelingJobName: bird-boxes-2026-11", "LabelingJobName: bird-boxes-2026-11-v2")
	out, _ = e.want(0, "apply", "specs/")
	mustContain(t, "apply", out, "Plan: 1 to create, 2 unchanged, 0 changed, 1 not in specs.\n", "created   bird-boxes-2026-11-v2")
	if got := strings.Count(out, "] present   "); got != 3 || strings.Contains(out, "uploaded") {
		t.Errorf("%d artifacts found present, want 3 and no upload (only the spec changed)", got)
	}
	out, _ = e.want(0, "plan", "--detailed-exitcode", "specs/")
	mustContain(t, "plan", out, "Plan: 0 to create, 3 unchanged, 0 changed, 1 not in specs.\n",
		"? not-in-specs  bird-boxes-2026-11 (InProgress)\n")
	e.router.fake("us-east-1").SetJobStatus("bird-boxes-2026-11", "Stopped", "")
	out, _ = e.want(0, "plan", "specs/")
	mustContain(t, "plan", out, "Plan: 0 to create, 3 unchanged, 0 changed.\n")

	// Import round trip: jobs apply created, in both Regions.
	out, _ = e.want(0, "import", "--out", "imported", "bird-boxes-2026-11-v2")
	mustContain(t, "import", out, "wrote imported/bird-boxes-2026-11-v2.yaml\n")
	e.want(0, "import", "--region", "us-west-2", "--out", "imported", "recipe-photos-multilabel-2026-11")
	b, err := os.ReadFile(filepath.Join("imported", "bird-boxes-2026-11-v2.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "imported spec", string(b), "# Imported by gtctl from arn:aws:sagemaker:us-east-1:111122223333:labeling-job/bird-boxes-2026-11-v2 (InProgress).",
		"LabelingJobName: bird-boxes-2026-11-v2\n", "TaskTitle: Draw a box around every bird and nest\n", "Key: team\n", "s3://"+deployBucket+"/gtctl/")
	if strings.Contains(string(b), plan.ManagedTagKey) {
		t.Errorf("the imported spec carries the managed tag:\n%s", b)
	}
	_, errOut = e.want(1, "import", "--out", "imported", "bird-boxes-2026-11-v2")
	mustContain(t, "import over a file", errOut, "exists; use --force to overwrite it")
	e.want(0, "import", "--force", "--out", "imported", "bird-boxes-2026-11-v2")
	out, _ = e.want(0, "plan", "--detailed-exitcode", "imported/")
	mustContain(t, "plan of the imported specs", out, "Plan: 0 to create, 2 unchanged, 0 changed, 1 not in specs.\n",
		"= unchanged     bird-boxes-2026-11-v2 (InProgress)  imported/bird-boxes-2026-11-v2.yaml:2:18\n",
		"= unchanged     recipe-photos-multilabel-2026-11 (InProgress)  imported/recipe-photos-multilabel-2026-11.yaml:2:18\n",
		"? not-in-specs  press-release-entities-2026-11 (InProgress)\n")

	// Import round trip: jobs made outside gtctl, one with only the
	// managed tag, one with no tags at all.
	sm := awstest.Clients(t, e.smURL, "").SageMaker // us-east-1
	for i, tags := range [][]any{{map[string]any{"Key": plan.ManagedTagKey, "Value": plan.ManagedTagValue}}, nil} {
		req := testjob.Request(fmt.Sprintf("console-job-%d", i))
		if tags != nil {
			req["Tags"] = tags
		}
		if _, err := sm.CreateLabelingJob(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	e.want(0, "import", "--out", "console", "console-job-0", "console-job-1")
	for i := range 2 {
		b, _ := os.ReadFile(filepath.Join("console", fmt.Sprintf("console-job-%d.yaml", i)))
		if strings.Contains(string(b), "Tags") || strings.Contains(string(b), plan.ManagedTagKey) {
			t.Errorf("console-job-%d: imported tags the job does not carry for its user:\n%s", i, b)
		}
	}
	out, _ = e.want(0, "plan", "--detailed-exitcode", "console/")
	mustContain(t, "plan of imported console jobs", out, "Plan: 0 to create, 2 unchanged, 0 changed")

	// --detailed-exitcode: failures are 1, never 2 (which means changes).
	testjob.WriteFile(t, e.repo, "broken/job.yaml", "LabelingJobName: bad_name\n")
	_, errOut = e.want(1, "plan", "--detailed-exitcode", "broken/")
	mustContain(t, "plan of a broken spec", errOut, "nothing was planned or changed")
	e.want(1, "plan", "--detailed-exitcode", "--config", "missing.yaml", "specs/")
	e.want(1, "plan", "--detailed-exitcode", "--format", "yaml", "specs/")
	e.want(2, "plan", "--format", "yaml", "specs/")
	t.Setenv("AWS_MAX_ATTEMPTS", "1")
	e.router.fake("us-east-1").SetFaultRate(1)
	_, errOut = e.want(1, "plan", "--detailed-exitcode", "specs/")
	mustContain(t, "plan against a failing endpoint", errOut, "InternalFailure")
	e.router.fake("us-east-1").SetFaultRate(0)
}

// TestDeployRejectedJob: a job AWS refuses is reported with AWS's message
// at its spec's position; the other jobs are created; exit 1.
func TestDeployRejectedJob(t *testing.T) {
	e := newDeployEnv(t)
	const msg = "1 validation error detected: Value 'arn:aws:iam::111122223333:role/GroundTruthExecution' at 'roleArn' failed to satisfy constraint: Role cannot be assumed by SageMaker"
	e.router.fake("us-east-1").SetBeforeCreate(func(name string) error {
		if name == "press-release-entities-2026-11" {
			return &fakesagemaker.Fault{Status: 400, Code: "ValidationException", Message: msg}
		}
		return nil
	})
	out, errOut := e.want(1, "apply", "specs/")
	mustContain(t, "stderr", errOut,
		"specs/ner.yaml:7:18: error: press-release-entities-2026-11: CreateLabelingJob: ValidationException: "+msg+"\n",
		"gtctl apply: 1 job(s) not created")
	mustContain(t, "stdout", out, "FAILED    press-release-entities-2026-11")
	if got := fmt.Sprint(e.jobs()); got != "[us-east-1/bird-boxes-2026-11 us-west-2/recipe-photos-multilabel-2026-11]" {
		t.Errorf("jobs %s", got)
	}
	e.router.fake("us-east-1").SetBeforeCreate(nil)
	out, _ = e.want(0, "apply", "specs/")
	mustContain(t, "apply after the fix", out, "Plan: 1 to create, 2 unchanged, 0 changed.\n", "Apply complete.")
}

// TestDeployArtifactOutsideRepo: local files that resolve outside the
// repository (a symlink, a ../ path) are refused; nothing is uploaded or
// created.
func TestDeployArtifactOutsideRepo(t *testing.T) {
	e := newDeployEnv(t)
	outside := t.TempDir()
	testjob.WriteFile(t, outside, "birds.json", `{"document-version":"2018-11-28","labels":[{"label":"sparrow"},{"label":"robin"}]}`)
	if err := os.Symlink(filepath.Join(outside, "birds.json"), filepath.Join("specs", "labels", "linked.json")); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(filepath.Join(e.repo, "specs"), filepath.Join(outside, "birds.json"))
	if err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join("specs", "bounding-box-private.yaml")
	orig, _ := os.ReadFile(spec)
	for name, ref := range map[string]string{"symlink": "./labels/linked.json", "dotdot": filepath.ToSlash(rel)} {
		t.Run(name, func(t *testing.T) {
			testjob.WriteFile(t, e.repo, spec, strings.Replace(string(orig), "./labels/birds.json", ref, 1))
			for _, cmd := range []string{"plan", "apply"} {
				_, errOut := e.want(1, cmd, "specs/")
				mustContain(t, cmd, errOut, "outside the repository")
			}
			if len(e.objects()) != 0 || len(e.jobs()) != 0 {
				t.Errorf("uploaded %v, created %v", e.objects(), e.jobs())
			}
		})
	}
}

// TestDeployHelperProcess is not a test: it is gtctl, for
// TestDeployKilledMidApply to kill.
func TestDeployHelperProcess(t *testing.T) {
	if os.Getenv("GTCTL_DEPLOY_HELPER") != "1" {
		t.Skip("helper process")
	}
	var args []string
	json.Unmarshal([]byte(os.Getenv("GTCTL_DEPLOY_ARGS")), &args)
	os.Exit(run(args, strings.NewReader(""), os.Stdout, os.Stderr))
}

// TestDeployKilledMidApply: gtctl apply is killed (SIGKILL) right after
// the service stored its 4th job, before the answer; run again, every job
// exists exactly once and no object is written twice.
func TestDeployKilledMidApply(t *testing.T) {
	e := newDeployEnv(t)
	for _, f := range []string{"bounding-box-private.yaml", "ner.yaml", "image-multilabel-mturk.yaml"} {
		os.Remove(filepath.Join("specs", f))
	}
	var want []string
	for i := range 10 {
		name := fmt.Sprintf("birds-%02d", i)
		spec := testjob.Spec{Name: name, Manifest: fmt.Sprintf("./data/birds-%d.manifest", i%3)}
		testjob.WriteFile(t, e.repo, "specs/"+name+".yaml", spec.YAML())
		want = append(want, "us-east-1/"+name)
	}
	for m := range 3 {
		testjob.WriteFile(t, e.repo, fmt.Sprintf("specs/data/birds-%d.manifest", m), testjob.Manifest(strconv.Itoa(m)))
	}

	fake := e.router.fake("us-east-1")
	var proc atomic.Pointer[os.Process]
	var stored atomic.Int64
	fake.SetAfterCreate(func(string) error {
		if stored.Add(1) == 4 {
			if p := proc.Load(); p != nil {
				p.Kill()
			}
			return fakesagemaker.ErrDropConnection
		}
		return nil
	})
	args, _ := json.Marshal([]string{"apply", "--skip-online-checks", "--concurrency", "1", "specs/"})
	cmd := exec.Command(os.Args[0], "-test.run=^TestDeployHelperProcess$")
	cmd.Env = append(os.Environ(), "GTCTL_DEPLOY_HELPER=1", "GTCTL_DEPLOY_ARGS="+string(args))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	proc.Store(cmd.Process)
	err := cmd.Wait()
	t.Logf("killed gtctl apply: %v\n%s", err, out.String())
	if cmd.ProcessState.Success() || stored.Load() != 4 {
		t.Fatalf("gtctl was not killed at the 4th job (exit %v, %d stored)", err, stored.Load())
	}
	fake.SetAfterCreate(nil)
	before := e.objects()
	if len(before) != 5 {
		t.Errorf("%d objects before the kill, want 5 (uploads come first)", len(before))
	}
	if n := len(e.jobs()); n != 4 {
		t.Errorf("%d jobs after the kill, want 4", n)
	}

	stdout, _ := e.want(0, "apply", "specs/")
	mustContain(t, "apply after the kill", stdout, "Plan: 6 to create, 4 unchanged, 0 changed.\n", "Apply complete.")
	if strings.Contains(stdout, "uploaded") {
		t.Errorf("objects uploaded again:\n%s", stdout)
	}
	if fmt.Sprint(e.jobs()) != fmt.Sprint(want) {
		t.Errorf("jobs %v, want %v", e.jobs(), want)
	}
	if after := e.objects(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("objects rewritten:\n%v\n%v", before, after)
	}
	e.want(0, "plan", "--detailed-exitcode", "specs/")
}

// TestDeployOnlineChecks: plan and apply run the online lint checks and
// refuse when one fails — here the jobs' input and output buckets do not
// exist in the account — before anything is planned or created.
func TestDeployOnlineChecks(t *testing.T) {
	e := newDeployEnv(t)
	e.online = true
	_, errOut := e.want(1, "plan", "specs/")
	mustContain(t, "stderr", errOut, "error GT7140 ", "does not exist", "lint found")
	_, errOut = e.want(1, "apply", "specs/")
	mustContain(t, "stderr", errOut, "error GT7140 ", "nothing was planned or changed")
	if jobs := e.jobs(); len(jobs) != 0 {
		t.Errorf("apply created %v despite failing online checks", jobs)
	}
}
