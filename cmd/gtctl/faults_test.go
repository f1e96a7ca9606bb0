package main

// TestApplyUnderFaults: gtctl apply, killed at a random point and run
// again against a SageMaker endpoint that fails 10% of requests,
// throttles and resets connections after storing jobs, ends with every
// job created exactly once as specified and every artifact written once.
// One moto_server serves every run (a bucket per run) behind a proxy that
// counts object writes; each run has its own fake SageMaker.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
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
	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/gtctl/gtctl/internal/testjob"
	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
	"github.com/gtctl/gtctl/pkg/plan"
)

const (
	faultRuns     = 50
	faultJobs     = 10
	faultAttempts = 5 // the first one killed, the last one without faults
)

// faultPut is one successful object write seen by the proxy.
type faultPut struct {
	sha256 string // of the body as decoded (aws-chunked framing removed)
}

// faultS3Proxy stands between gtctl and moto and records, per
// "bucket/key", the PUTs moto answered 200.
type faultS3Proxy struct {
	proxy *httputil.ReverseProxy
	mu    sync.Mutex
	puts  map[string][]faultPut
	all   atomic.Int64 // object PUTs sent, any answer
	// onPut is called when moto has stored an object, before gtctl has
	// the answer.
	onPut func()
}

type faultPutKey struct{}

type faultPutInfo struct{ key, sha256 string }

func (p *faultS3Proxy) setOnPut(fn func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.onPut = fn
}

func newFaultS3Proxy(moto string) *faultS3Proxy {
	target, err := url.Parse(moto)
	if err != nil {
		panic(err)
	}
	p := &faultS3Proxy{puts: map[string][]faultPut{}}
	p.proxy = &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.Host = r.In.Host // signed
		// Moto's answer is awaited even when gtctl is gone (killed): a
		// write moto made is always seen.
		r.Out = r.Out.WithContext(context.WithoutCancel(r.Out.Context()))
	}, ModifyResponse: func(resp *http.Response) error {
		put, _ := resp.Request.Context().Value(faultPutKey{}).(*faultPutInfo)
		if put == nil || resp.StatusCode != http.StatusOK {
			return nil
		}
		p.mu.Lock()
		p.puts[put.key] = append(p.puts[put.key], faultPut{sha256: put.sha256})
		fn := p.onPut
		p.mu.Unlock()
		if fn != nil {
			fn() // before gtctl has the answer
		}
		return nil
	}}
	return p
}

func (p *faultS3Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// An object PUT: /bucket/key, not a sub-resource (?tagging, ?acl...).
	bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if q := r.URL.Query(); r.Method != http.MethodPut || key == "" || len(q) > 1 || len(q) == 1 && q.Get("x-id") != "PutObject" {
		p.proxy.ServeHTTP(w, r)
		return
	}
	p.all.Add(1)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	content := body
	if strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-") || strings.Contains(r.Header.Get("Content-Encoding"), "aws-chunked") {
		if content, err = decodeAWSChunked(body); err != nil {
			http.Error(w, "faults proxy: "+err.Error(), http.StatusBadRequest)
			return
		}
	}
	sum := sha256.Sum256(content)
	info := &faultPutInfo{key: bucket + "/" + key, sha256: hex.EncodeToString(sum[:])}
	p.proxy.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), faultPutKey{}, info)))
}

// decodeAWSChunked removes the aws-chunked framing: chunks of
// "<hex size>[;ext]\r\n<data>\r\n", a zero chunk, then trailers.
func decodeAWSChunked(b []byte) ([]byte, error) {
	var out bytes.Buffer
	r := bufio.NewReader(bytes.NewReader(b))
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("aws-chunked: %v", err)
		}
		sizeHex, _, _ := strings.Cut(strings.TrimRight(line, "\r\n"), ";")
		n, err := strconv.ParseInt(sizeHex, 16, 64)
		if err != nil {
			return nil, fmt.Errorf("aws-chunked: chunk size %q", sizeHex)
		}
		if n == 0 {
			return out.Bytes(), nil
		}
		if _, err := io.CopyN(&out, r, n); err != nil {
			return nil, fmt.Errorf("aws-chunked: %v", err)
		}
		if crlf, err := r.ReadString('\n'); err != nil || crlf != "\r\n" {
			return nil, fmt.Errorf("aws-chunked: no CRLF after a chunk")
		}
	}
}

func (p *faultS3Proxy) putsIn(bucket string) map[string][]faultPut {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string][]faultPut{}
	for k, v := range p.puts {
		if b, key, _ := strings.Cut(k, "/"); b == bucket {
			out[key] = append([]faultPut(nil), v...)
		}
	}
	return out
}

// faultCounter wraps the fake SageMaker and counts what its clients saw:
// 5xx answers, throttling, reset connections.
type faultCounter struct {
	fake                    *fakesagemaker.Server
	internal, throttled     atomic.Int64
	drops, requests, failed atomic.Int64
}

type faultWriter struct {
	http.ResponseWriter
	c       *faultCounter
	status  int
	counted bool
}

func (w *faultWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *faultWriter) Write(b []byte) (int, error) {
	if !w.counted && w.status >= 400 {
		w.counted = true
		switch {
		case bytes.Contains(b, []byte(`"ThrottlingException"`)):
			w.c.throttled.Add(1)
		case w.status >= 500:
			w.c.internal.Add(1)
		default:
			w.c.failed.Add(1)
		}
	}
	return w.ResponseWriter.Write(b)
}

func (w *faultWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.c.drops.Add(1)
	return w.ResponseWriter.(http.Hijacker).Hijack()
}

func (c *faultCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.requests.Add(1)
	c.fake.ServeHTTP(&faultWriter{ResponseWriter: w, c: c}, r)
}

// faultRun is what one seed drew and what happened.
type faultRun struct {
	seed                      int
	concurrency, maxAttempts  int
	rateLimit, throttle       float64
	dropRate                  float64
	killMode                  string // "store" (at the k-th stored job), "put" (object) or "delay"
	killAt                    int
	killDelay                 time.Duration
	killed                    bool
	storedAtKill, putsAtKill  int
	existing                  int // "exists" outcomes: ResourceInUse, then Describe matched
	codes                     []int
	times                     []time.Duration
	creates, stored           int
	internal, throttled, drop int64
	puts                      int
	took                      time.Duration
}

func (r *faultRun) String() string {
	kill := fmt.Sprintf("kill at stored job %d", r.killAt)
	switch r.killMode {
	case "put":
		kill = fmt.Sprintf("kill at stored object %d", r.killAt)
	case "delay":
		kill = fmt.Sprintf("kill after %v", r.killDelay)
	}
	if !r.killed {
		kill += " (missed: the child had exited)"
	} else {
		kill += fmt.Sprintf(" (%d objects and %d jobs stored then)", r.putsAtKill, r.storedAtKill)
	}
	return fmt.Sprintf("seed %2d: concurrency %d, %d SDK attempts, rate-limit %g, throttle %g rps, drop %.0f%%, %s; attempts %d exits %v (%v); %d jobs stored by %d CreateLabelingJob calls (%d found existing after ResourceInUse); injected %d 5xx, %d throttled, %d resets; %d object PUTs; %v",
		r.seed, r.concurrency, r.maxAttempts, r.rateLimit, r.throttle, 100*r.dropRate, kill, len(r.codes), r.codes, r.times,
		r.stored, r.creates, r.existing, r.internal, r.throttled, r.drop, r.puts, r.took.Round(10*time.Millisecond))
}

// faultSpecs makes the repository of one run: faultJobs specs sharing
// one label file and one template, with three manifests between them
// (whose content depends on the seed). It returns the repository and, per
// job name, the request the job must be created with: the spec's own YAML
// with the local paths replaced by their content-addressed URIs, worked
// out here, not by package plan.
func faultSpecs(t *testing.T, bucket string, seed int) (string, map[string]map[string]any, map[string]string) {
	t.Helper()
	repo := testjob.Repo(t, "s3://"+bucket+"/gtctl")
	files := map[string][]byte{} // the artifacts the specs name
	for _, f := range []string{testjob.LabelsFile, testjob.TemplateFile} {
		files[f] = testjob.Example(t, f) // in the repository already
	}
	for m := range 3 {
		f := fmt.Sprintf("data/birds-%d.manifest", m)
		files[f] = []byte(testjob.Manifest(fmt.Sprintf("seed-%d/%d", seed, m)))
		testjob.WriteFile(t, repo, "specs/"+f, string(files[f]))
	}
	uris := map[string]string{} // "./rel" -> s3 URI
	objects := map[string]string{}
	for f, b := range files {
		sum := sha256.Sum256(b)
		key := "gtctl/" + hex.EncodeToString(sum[:]) + "/" + filepath.Base(f)
		uris["./"+f] = "s3://" + bucket + "/" + key
		objects[key] = string(b)
	}

	want := map[string]map[string]any{}
	for i := range faultJobs {
		name := fmt.Sprintf("faults-%02d-job-%02d", seed, i)
		text := testjob.Spec{Name: name, Manifest: fmt.Sprintf("./data/birds-%d.manifest", i%3)}.YAML()
		testjob.WriteFile(t, repo, "specs/"+name+".yaml", text)
		var req map[string]any
		if err := yaml.Unmarshal([]byte(text), &req); err != nil {
			t.Fatal(err)
		}
		hc := req["HumanTaskConfig"].(map[string]any)
		ds := req["InputConfig"].(map[string]any)["DataSource"].(map[string]any)["S3DataSource"].(map[string]any)
		for _, ref := range []struct {
			m   map[string]any
			key string
		}{{ds, "ManifestS3Uri"}, {req, "LabelCategoryConfigS3Uri"}, {hc["UiConfig"].(map[string]any), "UiTemplateS3Uri"}} {
			uri, ok := uris[ref.m[ref.key].(string)]
			if !ok {
				t.Fatalf("%s: %s names %v, not one of the files written", name, ref.key, ref.m[ref.key])
			}
			ref.m[ref.key] = uri
		}
		want[name] = req
	}
	return repo, want, objects
}

func TestApplyUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("50 faulty applies; not in -short")
	}
	moto := awstest.StartMoto(t)
	proxy := newFaultS3Proxy(moto)
	proxySrv := httptest.NewServer(proxy)
	t.Cleanup(proxySrv.Close)
	raw := awstest.RawS3(moto) // around the proxy: reads are not counted

	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// Each run sets AWS_ENDPOINT_URL_SAGEMAKER to its own fake.
	setAWSEnv(t, map[string]string{
		"AWS_ENDPOINT_URL_S3":  proxySrv.URL,
		"AWS_ENDPOINT_URL_IAM": moto,
		"AWS_ENDPOINT_URL_STS": moto,
	})

	start := time.Now()
	var runs []*faultRun
	for seed := 1; seed <= faultRuns; seed++ {
		r := &faultRun{seed: seed}
		runs = append(runs, r)
		if !t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			runFaulty(t, r, exe, raw, proxy)
		}) {
			t.Logf("FAILED %s", r)
		}
	}

	var existing, attempts, internal, throttled, drops, kills, killStored, puts, stored, creates int64
	hist := map[int]int{}
	for _, r := range runs {
		if len(r.codes) == 0 { // not run (-run filtered it out)
			continue
		}
		attempts += int64(len(r.codes))
		existing += int64(r.existing)
		hist[len(r.codes)]++
		internal += r.internal
		throttled += r.throttled
		drops += r.drop
		puts += int64(r.puts)
		stored += int64(r.stored)
		creates += int64(r.creates)
		if r.killed {
			kills++
			killStored += int64(r.storedAtKill)
		}
	}
	t.Logf("summary: %d runs in %v; %d apply attempts (runs by attempts: %v); %d children killed (%d jobs stored before the kills); %d jobs by %d CreateLabelingJob calls (%d found existing after ResourceInUse); injected %d 5xx, %d throttled, %d connection resets; %d object PUTs",
		len(runs), time.Since(start).Round(time.Second), attempts, hist, kills, killStored, stored, creates, existing, internal, throttled, drops, puts)
}

func runFaulty(t *testing.T, r *faultRun, exe string, raw *s3.Client, proxy *faultS3Proxy) {
	began := time.Now()
	defer func() { r.took = time.Since(began); t.Log(r) }()
	seed := r.seed
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6a09e667f3bcc908))
	r.concurrency = []int{1, 2, 4, 8}[rng.IntN(4)]
	r.rateLimit = []float64{0, 25, 50}[rng.IntN(3)] // above the throttle: the service throttles
	r.throttle = float64(10 + rng.IntN(11))
	r.dropRate = []float64{0, 0.1, 0.25}[rng.IntN(3)]
	// SDK attempts per call: few enough, and a fault outlasts them, so
	// that some runs end with failed jobs and need another apply.
	r.maxAttempts = []int{2, 3, 8}[rng.IntN(3)]
	switch rng.IntN(3) {
	case 0:
		r.killMode, r.killAt = "store", 1+rng.IntN(faultJobs)
	case 1:
		r.killMode, r.killAt = "put", 1+rng.IntN(5)
	default:
		r.killMode, r.killDelay = "delay", time.Duration(rng.IntN(1500))*time.Millisecond
	}

	bucket := fmt.Sprintf("gtctl-faults-%02d-%d", seed, time.Now().UnixNano()%1e6)
	if _, err := raw.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: sdkaws.String(bucket)}); err != nil {
		t.Fatalf("CreateBucket: %v", err)
	}
	repo, want, objects := faultSpecs(t, bucket, seed)
	t.Chdir(repo)

	fake := fakesagemaker.New(fakesagemaker.Options{Region: "us-east-1", Account: deployAccount,
		Workteams: []string{"birders"}, Seed: uint64(seed), FaultRate: 0.10, ThrottleRate: r.throttle})
	counter := &faultCounter{fake: fake}
	smSrv := httptest.NewServer(counter)
	t.Cleanup(smSrv.Close)
	t.Setenv("AWS_ENDPOINT_URL_SAGEMAKER", smSrv.URL)
	t.Setenv("AWS_MAX_ATTEMPTS", strconv.Itoa(r.maxAttempts))

	// Stored jobs: the kill point, and resets after commit at random.
	var proc atomic.Pointer[os.Process]
	var putN atomic.Int64
	var stored atomic.Int64
	var killOnce sync.Once
	kill := func() {
		killOnce.Do(func() {
			if p := proc.Load(); p != nil {
				r.storedAtKill = int(stored.Load())
				r.putsAtKill = int(putN.Load())
				r.killed = p.Kill() == nil
			}
		})
	}
	var hookMu sync.Mutex
	hookRng := rand.New(rand.NewPCG(uint64(seed), 0xbb67ae8584caa73b))
	fake.SetAfterCreate(func(string) error {
		n := stored.Add(1)
		if r.killMode == "store" && n == int64(r.killAt) && proc.Load() != nil {
			kill()
			return fakesagemaker.ErrDropConnection
		}
		hookMu.Lock()
		drop := hookRng.Float64() < r.dropRate
		hookMu.Unlock()
		if drop {
			return fakesagemaker.ErrDropConnection
		}
		return nil
	})

	proxy.setOnPut(func() {
		if n := putN.Add(1); r.killMode == "put" && n == int64(r.killAt) && proc.Load() != nil {
			kill()
		}
	})
	defer proxy.setOnPut(nil)

	args := []string{"apply", "--skip-online-checks", "--concurrency", strconv.Itoa(r.concurrency),
		"--rate-limit", strconv.FormatFloat(r.rateLimit, 'g', -1, 64), "specs/"}

	// Attempt 1: a child gtctl, killed.
	js, _ := json.Marshal(args)
	cmd := exec.Command(exe, "-test.run=^TestDeployHelperProcess$")
	cmd.Env = append(os.Environ(), "GTCTL_DEPLOY_HELPER=1", "GTCTL_DEPLOY_ARGS="+string(js))
	cmd.Dir = repo
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	childStart := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	proc.Store(cmd.Process)
	if r.killMode == "delay" {
		timer := time.AfterFunc(r.killDelay, kill)
		defer timer.Stop()
	}
	err := cmd.Wait()
	r.times = append(r.times, time.Since(childStart).Round(10*time.Millisecond))
	kill() // a kill that comes after the exit is a miss; none may follow
	proc.Store(nil)
	code := cmd.ProcessState.ExitCode() // -1: killed
	r.existing += strings.Count(out.String(), "] exists    ")
	r.codes = append(r.codes, code)
	if code != 0 && code != -1 {
		t.Logf("child apply: %v\n%s", err, out.String())
	}
	if code == 0 {
		r.killed = false
	}

	// Then apply in-process until it succeeds; faults stay on but for the
	// last attempt.
	for code != 0 && len(r.codes) < faultAttempts {
		if len(r.codes) == faultAttempts-1 {
			fake.SetFaultRate(0)
			fake.SetThrottleRate(0)
			fake.SetAfterCreate(func(string) error { stored.Add(1); return nil })
		}
		var o, e bytes.Buffer
		t0 := time.Now()
		code = run(args, strings.NewReader(""), &o, &e)
		r.times = append(r.times, time.Since(t0).Round(10*time.Millisecond))
		r.existing += strings.Count(o.String(), "] exists    ")
		r.codes = append(r.codes, code)
		if code != 0 {
			t.Logf("apply attempt %d -> %d\n%s%s", len(r.codes), code, o.String(), e.String())
		}
	}
	fake.SetFaultRate(0)
	fake.SetThrottleRate(0)
	fake.SetAfterCreate(nil)
	r.stored = int(stored.Load())
	r.creates = fake.CallCount("CreateLabelingJob")
	r.internal, r.throttled, r.drop = counter.internal.Load(), counter.throttled.Load(), counter.drops.Load()
	puts := proxy.putsIn(bucket)
	for _, p := range puts {
		r.puts += len(p)
	}
	if code != 0 {
		t.Errorf("apply did not succeed in %d attempts (exits %v)", faultAttempts, r.codes)
	}

	// Every job exactly once, as specified, with the managed tag.
	var names []string
	for n := range want {
		names = append(names, strings.ToLower(n))
	}
	sort.Strings(names)
	var got []string
	for _, n := range fake.JobNames() {
		got = append(got, strings.ToLower(n))
	}
	sort.Strings(got)
	if diff := cmp.Diff(names, got); diff != "" {
		t.Errorf("jobs in the fake (-want +got):\n%s", diff)
	}
	if r.stored != faultJobs {
		t.Errorf("%d jobs stored, want %d: a job was created twice or not at all", r.stored, faultJobs)
	}
	sm := awstest.Clients(t, smSrv.URL, "").SageMaker
	for name, req := range want {
		live, err := sm.DescribeLabelingJob(context.Background(), name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if diff := cmp.Diff(plan.Normalize(req), plan.Normalize(live.Request)); diff != "" {
			t.Errorf("%s: created with another request (-spec +live):\n%s", name, diff)
		}
		tags, err := sm.ListTags(context.Background(), live.ARN)
		if err != nil {
			t.Errorf("%s: ListTags: %v", name, err)
		} else if tags[plan.ManagedTagKey] != plan.ManagedTagValue || tags["team"] != "vision" {
			t.Errorf("%s: tags %v, want %s=%s and team=vision", name, tags, plan.ManagedTagKey, plan.ManagedTagValue)
		}
	}

	// Every object written once, with the content its key names.
	keyHash := regexp.MustCompile(`^gtctl/([0-9a-f]{64})/[^/]+$`)
	for key, p := range puts {
		if len(p) != 1 {
			t.Errorf("%s: %d successful PUTs, want at most 1", key, len(p))
		}
		m := keyHash.FindStringSubmatch(key)
		if m == nil {
			t.Errorf("%s: written, and not gtctl/<sha256>/<name>", key)
			continue
		}
		for _, w := range p {
			if w.sha256 != m[1] {
				t.Errorf("%s: a PUT wrote content with SHA-256 %s", key, w.sha256)
			}
		}
	}
	var keys []string
	lp := s3.NewListObjectsV2Paginator(raw, &s3.ListObjectsV2Input{Bucket: sdkaws.String(bucket)})
	for lp.HasMorePages() {
		page, err := lp.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			keys = append(keys, sdkaws.ToString(o.Key))
		}
	}
	var wantKeys []string
	for k := range objects {
		wantKeys = append(wantKeys, k)
	}
	sort.Strings(keys)
	sort.Strings(wantKeys)
	if diff := cmp.Diff(wantKeys, keys); diff != "" {
		t.Errorf("objects in the bucket (-want +got):\n%s", diff)
	}
	for _, key := range keys {
		o, err := raw.GetObject(context.Background(), &s3.GetObjectInput{Bucket: sdkaws.String(bucket), Key: sdkaws.String(key)})
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		b, err := io.ReadAll(o.Body)
		o.Body.Close()
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		sum := sha256.Sum256(b)
		if m := keyHash.FindStringSubmatch(key); m == nil || m[1] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: holds content with SHA-256 %x", key, sum)
		}
		if len(puts[key]) == 0 {
			t.Errorf("%s: stored, but no successful PUT was seen", key)
		}
	}

	// Nothing left to do (every 10th run: plan lints, which is slow).
	if seed%10 != 0 {
		return
	}
	var o, e bytes.Buffer
	if c := run([]string{"plan", "--skip-online-checks", "--detailed-exitcode", "specs/"}, strings.NewReader(""), &o, &e); c != 0 {
		t.Errorf("plan after apply: exit %d, want 0\n%s%s", c, o.String(), e.String())
	}
}
