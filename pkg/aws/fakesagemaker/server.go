// Package fakesagemaker is an in-process SageMaker endpoint for tests: the
// labeling-job operations gtctl uses, over the AWS JSON 1.1 protocol, so
// the real aws-sdk-go-v2 client talks to it over HTTP on 127.0.0.1.
//
// It validates inputs as the service does, from the API model (required
// members, lengths, patterns as full matches, enums, ranges, list sizes,
// with the service's "N validation errors detected: ..." message), keeps
// job names unique case-insensitively, and injects faults: latency,
// throttling (a token bucket), random 5xx, and hooks around
// CreateLabelingJob, including a connection dropped after the job was
// stored. It counts requests per operation, and apart from them the
// operations the client's code made (first attempts).
//
// Operations: CreateLabelingJob, DescribeLabelingJob, ListLabelingJobs,
// StopLabelingJob, DescribeWorkteam, ListTags, AddTags.
package fakesagemaker

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Server; the zero value is a well-behaved endpoint in
// us-east-1 for account 123456789012.
type Options struct {
	Region  string // default "us-east-1"
	Account string // default "123456789012"
	// Workteams are the names of private workteams that exist
	// (arn:aws:sagemaker:<region>:<account>:workteam/private-crowd/<name>).
	Workteams []string

	// Latency is added to every request.
	Latency time.Duration
	// ThrottleRate is the number of requests per second accepted, all
	// operations together (a token bucket holding ThrottleRate tokens);
	// requests beyond it get ThrottlingException (HTTP 400). 0: no limit.
	ThrottleRate float64
	// FaultRate is the probability (0–1) that a request fails with
	// InternalFailure (HTTP 500) before it is processed.
	FaultRate float64
	// Seed seeds the FaultRate random numbers (0 means 1).
	Seed uint64

	// BeforeCreate is called with the job name before a valid
	// CreateLabelingJob is stored; an error fails the call (nothing stored).
	BeforeCreate func(name string) error
	// AfterCreate is called after the job was stored; an error still fails
	// the call (the job exists). ErrDropConnection resets the connection
	// instead of answering: the client cannot know the job was created.
	AfterCreate func(name string) error

	// StopDelay is how long a stopped job stays Stopping before it is
	// Stopped (0: Stopped from the next read on).
	StopDelay time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Fault is an error response. A hook returns one to choose what the client
// sees; any other error from a hook is an InternalFailure (HTTP 500).
type Fault struct {
	Status  int    // HTTP status
	Code    string // __type, e.g. "ResourceLimitExceeded"
	Message string
}

func (f *Fault) Error() string { return fmt.Sprintf("%d %s: %s", f.Status, f.Code, f.Message) }

// ErrDropConnection, returned by a hook, makes the server close the
// connection (TCP reset) without answering.
var ErrDropConnection = errors.New("fakesagemaker: drop the connection")

// InternalFailure is the service's HTTP 500.
func InternalFailure() *Fault {
	return &Fault{Status: 500, Code: "InternalFailure", Message: "We encountered an internal error. Please try again."}
}

// ResourceLimitExceeded is what CreateLabelingJob answers at the account's
// limit of concurrent labeling jobs.
func ResourceLimitExceeded() *Fault {
	return &Fault{Status: 400, Code: "ResourceLimitExceeded", Message: "The account-level service limit 'Maximum number of active labeling jobs' has been exceeded."}
}

// modeled errors carry a "Message" member; the others "message".
var modeledErrors = map[string]bool{"ResourceInUse": true, "ResourceNotFound": true, "ResourceLimitExceeded": true}

// Server is the fake endpoint. All methods are safe for concurrent use.
type Server struct {
	region, account string
	now             func() time.Time
	stopDelay       time.Duration

	mu        sync.Mutex
	jobs      map[string]*job // by lower-cased name
	workteams map[string]time.Time
	calls     map[string]int
	firsts    map[string]int
	refSeq    int

	fmu          sync.Mutex // fault injection
	latency      time.Duration
	throttleRate float64
	tokens       float64
	tokensAt     time.Time
	faultRate    float64
	rng          *rand.Rand
	beforeCreate func(string) error
	afterCreate  func(string) error

	ops     map[string]handler
	srv     *httptest.Server
	started atomic.Bool
}

type job struct {
	name     string
	arn      string
	request  map[string]any // the CreateLabelingJob members as sent
	status   string
	failure  string
	created  time.Time
	modified time.Time
	stopAt   time.Time
	refCode  string
	tags     []any
}

// New makes a server; Start serves it.
func New(opts Options) *Server {
	if _, err := apiModel(); err != nil {
		panic(err) // the embedded model is part of the package
	}
	s := &Server{
		region:       opts.Region,
		account:      opts.Account,
		now:          opts.Now,
		stopDelay:    opts.StopDelay,
		jobs:         map[string]*job{},
		workteams:    map[string]time.Time{},
		calls:        map[string]int{},
		firsts:       map[string]int{},
		latency:      opts.Latency,
		faultRate:    opts.FaultRate,
		beforeCreate: opts.BeforeCreate,
		afterCreate:  opts.AfterCreate,
	}
	if s.region == "" {
		s.region = "us-east-1"
	}
	if s.account == "" {
		s.account = "123456789012"
	}
	if s.now == nil {
		s.now = time.Now
	}
	seed := opts.Seed
	if seed == 0 {
		seed = 1
	}
	s.ops = s.handlers()
	s.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	s.SetThrottleRate(opts.ThrottleRate)
	for _, w := range opts.Workteams {
		s.AddWorkteam(w)
	}
	return s
}

// Start serves on 127.0.0.1 (a free port) and returns the base URL, e.g.
// "http://127.0.0.1:41234", for the SDK's BaseEndpoint.
func (s *Server) Start() string {
	if s.started.Swap(true) {
		return s.srv.URL
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("fakesagemaker: listen on 127.0.0.1: %v", err))
	}
	s.srv = httptest.NewUnstartedServer(s)
	s.srv.Listener.Close()
	s.srv.Listener = l
	s.srv.Start()
	return s.srv.URL
}

// URL is the base URL ("" before Start).
func (s *Server) URL() string {
	if s.srv == nil {
		return ""
	}
	return s.srv.URL
}

// Close stops serving.
func (s *Server) Close() {
	if s.srv != nil {
		s.srv.CloseClientConnections()
		s.srv.Close()
	}
}

// Region and Account are the ones in the ARNs the server makes.
func (s *Server) Region() string  { return s.region }
func (s *Server) Account() string { return s.account }

// SetLatency changes the latency added to every request.
func (s *Server) SetLatency(d time.Duration) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.latency = d
}

// SetThrottleRate changes the accepted requests per second (0: no limit);
// the bucket starts full.
func (s *Server) SetThrottleRate(rps float64) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.throttleRate = rps
	s.tokens = bucketSize(rps)
	s.tokensAt = s.now()
}

func bucketSize(rps float64) float64 {
	if rps < 1 {
		return 1
	}
	return rps
}

// SetFaultRate changes the probability of InternalFailure.
func (s *Server) SetFaultRate(p float64) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.faultRate = p
}

// SetBeforeCreate replaces the BeforeCreate hook (nil: none).
func (s *Server) SetBeforeCreate(fn func(name string) error) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.beforeCreate = fn
}

// SetAfterCreate replaces the AfterCreate hook (nil: none).
func (s *Server) SetAfterCreate(fn func(name string) error) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.afterCreate = fn
}

// FailCreatesAfter lets n more CreateLabelingJob calls store their job and
// fails every later one with InternalFailure, storing nothing (a service
// outage mid-apply). It replaces the BeforeCreate hook; n < 0 removes it.
func (s *Server) FailCreatesAfter(n int) {
	if n < 0 {
		s.SetBeforeCreate(nil)
		return
	}
	var left atomic.Int64
	left.Store(int64(n))
	s.SetBeforeCreate(func(string) error {
		if left.Add(-1) < 0 {
			return InternalFailure()
		}
		return nil
	})
}

// DropAfterCommit lets n more CreateLabelingJob calls through and, for
// every later one, stores the job and then resets the connection without
// an answer: the crash-after-commit case. The SDK retries the call and
// gets ResourceInUse for a job that this very client created. It replaces
// the AfterCreate hook; n < 0 removes it.
func (s *Server) DropAfterCommit(n int) {
	if n < 0 {
		s.SetAfterCreate(nil)
		return
	}
	var left atomic.Int64
	left.Store(int64(n))
	s.SetAfterCreate(func(string) error {
		if left.Add(-1) < 0 {
			return ErrDropConnection
		}
		return nil
	})
}

// AddWorkteam registers a private workteam and returns its ARN.
func (s *Server) AddWorkteam(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.workteams[name]; !ok {
		s.workteams[name] = s.now()
	}
	return s.workteamARN(name)
}

func (s *Server) workteamARN(name string) string {
	return fmt.Sprintf("arn:aws:sagemaker:%s:%s:workteam/private-crowd/%s", s.region, s.account, name)
}

// JobARN is the ARN the server gives a job of that name.
func (s *Server) JobARN(name string) string {
	return fmt.Sprintf("arn:aws:sagemaker:%s:%s:labeling-job/%s", s.region, s.account, strings.ToLower(name))
}

// Calls returns the number of requests received per operation, throttled
// and failed ones included (every attempt the client made).
func (s *Server) Calls() map[string]int { return s.snapshot(s.calls) }

// CallCount is Calls()[op].
func (s *Server) CallCount(op string) int { return s.snapshot(s.calls)[op] }

// TotalCalls is the number of requests received.
func (s *Server) TotalCalls() int { return sum(s.snapshot(s.calls)) }

// Operations returns, per operation, the requests that were a first
// attempt: the calls the client's code made, without the SDK's retries.
// The SDK marks its attempts ("amz-sdk-request: attempt=N"), and it does
// retry where no fault was injected: now and then a 200 response's body
// cannot be read ("use of closed network connection"), so tests that count
// the calls a feature costs count operations, not requests.
func (s *Server) Operations() map[string]int { return s.snapshot(s.firsts) }

// OperationCount is Operations()[op].
func (s *Server) OperationCount(op string) int { return s.snapshot(s.firsts)[op] }

// TotalOperations is the number of first attempts received.
func (s *Server) TotalOperations() int { return sum(s.snapshot(s.firsts)) }

// snapshot copies one of the counters (maps that live as long as the
// server: ResetCalls clears them).
func (s *Server) snapshot(m map[string]int) map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(m)
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// retried reports whether the SDK marked the request as a retry.
func retried(r *http.Request) bool {
	v := r.Header.Get("Amz-Sdk-Request") // "attempt=2; max=5"
	a, ok := strings.CutPrefix(v, "attempt=")
	if !ok {
		return false
	}
	a, _, _ = strings.Cut(a, ";")
	n, err := strconv.Atoi(strings.TrimSpace(a))
	return err == nil && n > 1
}

// ResetCalls sets the counters to zero.
func (s *Server) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.calls)
	clear(s.firsts)
}

// JobNames lists the stored jobs' names (as created), in creation order.
func (s *Server) JobNames() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	js := s.sortedJobs(listQuery{sortBy: "CreationTime", order: "Ascending"})
	names := make([]string, len(js))
	for i, j := range js {
		names[i] = j.name
	}
	return names
}

// SetJobStatus changes a job's status (Initializing, InProgress,
// Completed, Failed, Stopping, Stopped) and failure reason, as the service
// would later on.
func (s *Server) SetJobStatus(name, status, failureReason string) error {
	m, _ := apiModel()
	if !contains(m.Shapes["LabelingJobStatus"].Enum, status) {
		return fmt.Errorf("fakesagemaker: unknown status %q", status)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	j, ok := s.jobs[strings.ToLower(name)]
	if !ok {
		return fmt.Errorf("fakesagemaker: no job %q", name)
	}
	j.status, j.failure, j.modified = status, failureReason, s.now()
	j.stopAt = time.Time{}
	return nil
}

// ServeHTTP implements the AWS JSON 1.1 protocol.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "SageMaker.")
	if r.Method != http.MethodPost || !ok || op == "" {
		writeError(w, &Fault{Status: 400, Code: "UnknownOperationException", Message: "Missing or invalid X-Amz-Target"})
		return
	}
	s.mu.Lock()
	s.calls[op]++
	if !retried(r) {
		s.firsts[op]++
	}
	s.mu.Unlock()

	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		return
	}
	latency, fault := s.injected()
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if fault != nil {
		writeError(w, fault)
		return
	}

	handler, ok := s.ops[op]
	if !ok {
		writeError(w, &Fault{Status: 400, Code: "UnknownOperationException", Message: "Unknown operation " + op})
		return
	}
	in := map[string]any{}
	if len(strings.TrimSpace(string(body))) > 0 {
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.UseNumber()
		if err := dec.Decode(&in); err != nil {
			writeError(w, &Fault{Status: 400, Code: "SerializationException", Message: "Start of structure or map expected: " + err.Error()})
			return
		}
	}
	m, _ := apiModel()
	vs, err := validateInput(m, op, in)
	if err != nil {
		var se *serializationError
		if errors.As(err, &se) {
			writeError(w, &Fault{Status: 400, Code: "SerializationException", Message: se.msg})
		} else {
			writeError(w, &Fault{Status: 500, Code: "InternalFailure", Message: err.Error()})
		}
		return
	}
	if len(vs) > 0 {
		writeError(w, &Fault{Status: 400, Code: "ValidationException", Message: validationMessage(vs)})
		return
	}
	out, err := handler(in)
	if err != nil {
		if errors.Is(err, ErrDropConnection) {
			dropConnection(w)
			return
		}
		var f *Fault
		if !errors.As(err, &f) {
			f = &Fault{Status: 500, Code: "InternalFailure", Message: err.Error()}
		}
		writeError(w, f)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// injected decides the latency and the throttling or 5xx fault of one
// request.
func (s *Server) injected() (time.Duration, *Fault) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	if s.throttleRate > 0 {
		now := s.now()
		s.tokens += now.Sub(s.tokensAt).Seconds() * s.throttleRate
		if max := bucketSize(s.throttleRate); s.tokens > max {
			s.tokens = max
		}
		s.tokensAt = now
		if s.tokens < 1 {
			return s.latency, &Fault{Status: 400, Code: "ThrottlingException", Message: "Rate exceeded"}
		}
		s.tokens--
	}
	if s.faultRate > 0 && s.rng.Float64() < s.faultRate {
		return s.latency, InternalFailure()
	}
	return s.latency, nil
}

func (s *Server) hooks() (before, after func(string) error) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return s.beforeCreate, s.afterCreate
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = 500
		b = []byte(`{"__type":"InternalFailure","message":"fakesagemaker: encoding the response"}`)
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-RequestId", requestID())
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

func writeError(w http.ResponseWriter, f *Fault) {
	key := "message"
	if modeledErrors[f.Code] {
		key = "Message"
	}
	writeJSON(w, f.Status, map[string]any{"__type": f.Code, key: f.Message})
}

var reqSeq atomic.Uint64

func requestID() string {
	n := reqSeq.Add(1)
	return fmt.Sprintf("fa4e0000-0000-4000-8000-%012x", n)
}

// dropConnection resets the TCP connection without an HTTP answer.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetLinger(0) // RST, not FIN
	}
	conn.Close()
}

func epoch(t time.Time) json.Number {
	return json.Number(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64))
}
