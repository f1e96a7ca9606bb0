package fakesagemaker

// Wire-level tests of the protocol, with plain net/http on 127.0.0.1.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
)

func TestModelPatternsCompile(t *testing.T) {
	m, err := apiModel()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, s := range m.Shapes {
		if s.Pattern != "" {
			n++
			if s.re == nil {
				t.Errorf("%s: pattern not compiled", name)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d patterns in the model", n)
	}
	for op := range (&Server{}).handlers() {
		if _, ok := m.Operations[op]; !ok {
			t.Errorf("operation %s not in model.json", op)
		}
	}
	// Java escapes, and full matches. Java matches code points: a
	// character beyond U+FFFF is in neither range of the class.
	title := m.Shapes["TaskTitle"].re
	if !title.MatchString("Draw a box\taround é") || title.MatchString("bell\x07") || title.MatchString("bird 🐦") {
		t.Errorf("TaskTitle pattern %s", title)
	}
	name := m.Shapes["LabelingJobName"].re
	if !name.MatchString("a-b--c") || name.MatchString("a_b") || name.MatchString("-ab") || name.MatchString("ab-") {
		t.Errorf("LabelingJobName pattern %s is not a full match", name)
	}
}

func TestJavaLength(t *testing.T) {
	if got := javaLength("a🐦é"); got != 4 {
		t.Errorf("javaLength = %d, want 4 (a surrogate pair counts 2)", got)
	}
}

func post(t *testing.T, url, target, body string) (int, http.Header, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/", strings.NewReader(body))
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("response %q: %v", b, err)
	}
	return resp.StatusCode, resp.Header, out
}

func TestWireErrors(t *testing.T) {
	s := New(Options{})
	url := s.Start()
	defer s.Close()

	status, h, out := post(t, url, "SageMaker.DescribeLabelingJob", `{"LabelingJobName":"nope"}`)
	if status != 400 || out["__type"] != "ResourceNotFound" || out["Message"] == nil || h.Get("Content-Type") != "application/x-amz-json-1.1" {
		t.Errorf("not found: %d %v %v", status, h, out)
	}
	status, _, out = post(t, url, "SageMaker.DescribeLabelingJob", `{}`)
	if status != 400 || out["__type"] != "ValidationException" ||
		out["message"] != "1 validation error detected: Value null at 'labelingJobName' failed to satisfy constraint: Member must not be null" {
		t.Errorf("missing member: %d %v", status, out)
	}
	status, _, out = post(t, url, "SageMaker.DescribeLabelingJob", `{"LabelingJobName":5}`)
	if status != 400 || out["__type"] != "SerializationException" {
		t.Errorf("wrong type: %d %v", status, out)
	}
	status, _, out = post(t, url, "SageMaker.DescribeLabelingJob", `{not json`)
	if status != 400 || out["__type"] != "SerializationException" {
		t.Errorf("bad JSON: %d %v", status, out)
	}
	status, _, out = post(t, url, "SageMaker.CreateTrainingJob", `{}`)
	if status != 400 || out["__type"] != "UnknownOperationException" {
		t.Errorf("unknown operation: %d %v", status, out)
	}
	status, _, out = post(t, url, "", `{}`)
	if status != 400 || out["__type"] != "UnknownOperationException" {
		t.Errorf("no target: %d %v", status, out)
	}
	status, _, out = post(t, url, "SageMaker.ListLabelingJobs", `{"MaxResults":0,"SortBy":"Size"}`)
	if status != 400 || !strings.HasPrefix(out["message"].(string), "2 validation errors detected: ") {
		t.Errorf("list validation: %d %v", status, out)
	}
	status, _, out = post(t, url, "SageMaker.ListLabelingJobs", `{"NextToken":"garbage!"}`)
	if status != 400 || out["__type"] != "ValidationException" {
		t.Errorf("bad token: %d %v", status, out)
	}
	s.SetFaultRate(1)
	status, _, out = post(t, url, "SageMaker.ListLabelingJobs", `{}`)
	if status != 500 || out["__type"] != "InternalFailure" {
		t.Errorf("fault: %d %v", status, out)
	}
	s.SetFaultRate(0)
	s.SetThrottleRate(1)
	post(t, url, "SageMaker.ListLabelingJobs", `{}`)
	status, _, out = post(t, url, "SageMaker.ListLabelingJobs", `{}`)
	if status != 400 || out["__type"] != "ThrottlingException" {
		t.Errorf("throttle: %d %v", status, out)
	}
	if got := s.CallCount("ListLabelingJobs"); got != 5 {
		t.Errorf("ListLabelingJobs calls = %d, want 5", got)
	}
}

// TestOperationsLeaveOutRetries: requests the SDK marks as a retry count
// as requests, not as operations.
func TestOperationsLeaveOutRetries(t *testing.T) {
	s := New(Options{})
	url := s.Start()
	defer s.Close()
	for _, attempt := range []string{"", "attempt=1; max=5", "attempt=2; max=5", "attempt=12; max=12", "attempt=x"} {
		req, _ := http.NewRequest(http.MethodPost, url+"/", strings.NewReader(`{}`))
		req.Header.Set("X-Amz-Target", "SageMaker.ListLabelingJobs")
		if attempt != "" {
			req.Header.Set("Amz-Sdk-Request", attempt)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if got := s.CallCount("ListLabelingJobs"); got != 5 {
		t.Errorf("requests = %d, want 5", got)
	}
	if got, total := s.OperationCount("ListLabelingJobs"), s.TotalOperations(); got != 3 || total != 3 {
		t.Errorf("operations = %d (total %d), want 3: no header, attempt=1, and an unreadable attempt", got, total)
	}
	s.ResetCalls()
	if s.TotalCalls() != 0 || s.TotalOperations() != 0 {
		t.Errorf("after ResetCalls: %v %v", s.Calls(), s.Operations())
	}
}

func TestModelCopyIsCurrent(t *testing.T) {
	want, err := os.ReadFile("../../../schema/apimodel/sagemaker-labeling-api-model.json")
	if err != nil {
		t.Skipf("schema/apimodel not here: %v", err)
	}
	if !bytes.Equal(want, modelJSON) {
		t.Errorf("model.json differs from schema/apimodel/sagemaker-labeling-api-model.json: run go generate ./pkg/aws/fakesagemaker")
	}
}
