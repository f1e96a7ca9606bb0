package aws

// Unit tests: no network.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"
)

func TestRequestInput(t *testing.T) {
	req := Request{
		"LabelingJobName":    "birds",
		"LabelAttributeName": "birds",
		"InputConfig": map[string]any{
			"DataSource":     map[string]any{"S3DataSource": map[string]any{"ManifestS3Uri": "s3://b/m"}},
			"DataAttributes": map[string]any{"ContentClassifiers": []any{"FreeOfAdultContent"}},
		},
		"HumanTaskConfig": map[string]any{
			"NumberOfHumanWorkersPerDataObject": int64(3),
			"TaskTimeLimitInSeconds":            600, // int, as a CUE or YAML decoder may give
			"PublicWorkforceTaskPrice":          map[string]any{"AmountInUsd": map[string]any{"Dollars": int64(0), "Cents": int64(3), "TenthFractionsOfACent": int64(6)}},
			"TaskKeywords":                      []any{"Images"},
		},
		"Tags": []any{map[string]any{"Key": "k", "Value": "v"}},
	}
	in, err := requestInput(req)
	if err != nil {
		t.Fatal(err)
	}
	h := in.HumanTaskConfig
	if *in.LabelingJobName != "birds" || *h.NumberOfHumanWorkersPerDataObject != 3 || *h.TaskTimeLimitInSeconds != 600 ||
		*h.PublicWorkforceTaskPrice.AmountInUsd.Cents != 3 || *h.PublicWorkforceTaskPrice.AmountInUsd.Dollars != 0 ||
		in.InputConfig.DataAttributes.ContentClassifiers[0] != types.ContentClassifierFreeOfAdultContent ||
		*in.Tags[0].Key != "k" || h.TaskKeywords[0] != "Images" {
		t.Errorf("converted input: %+v", in)
	}

	for name, edit := range map[string]func(Request){
		"unknown member":  func(r Request) { r["HumanTaskConfig"].(map[string]any)["TaskTitel"] = "x" },
		"int32 overflow":  func(r Request) { r["HumanTaskConfig"].(map[string]any)["TaskTimeLimitInSeconds"] = int64(1) << 40 },
		"fraction":        func(r Request) { r["HumanTaskConfig"].(map[string]any)["TaskTimeLimitInSeconds"] = 1.5 },
		"string for int":  func(r Request) { r["HumanTaskConfig"].(map[string]any)["TaskTimeLimitInSeconds"] = "600" },
		"list for struct": func(r Request) { r["InputConfig"] = []any{} },
	} {
		r := Request{"HumanTaskConfig": map[string]any{}, "InputConfig": map[string]any{}}
		edit(r)
		if _, err := requestInput(r); !errors.Is(err, ErrValidation) {
			t.Errorf("%s: err = %v, want ErrValidation", name, err)
		}
	}
}

func TestDescribedRequest(t *testing.T) {
	s := func(v string) *string { return &v }
	i := func(v int32) *int32 { return &v }
	now := time.Now()
	out := &sagemaker.DescribeLabelingJobOutput{
		LabelingJobName:   s("birds"),
		LabelingJobArn:    s("arn:aws:sagemaker:us-east-1:123456789012:labeling-job/birds"),
		LabelingJobStatus: types.LabelingJobStatusCompleted,
		CreationTime:      &now,
		JobReferenceCode:  s("ref"),
		LabelCounters:     &types.LabelCounters{TotalLabeled: i(4)},
		InputConfig: &types.LabelingJobInputConfig{
			DataSource: &types.LabelingJobDataSource{S3DataSource: &types.LabelingJobS3DataSource{ManifestS3Uri: s("s3://b/m")}},
		},
		OutputConfig: &types.LabelingJobOutputConfig{S3OutputPath: s("s3://b/o/")},
		RoleArn:      s("arn:aws:iam::123456789012:role/r"),
		HumanTaskConfig: &types.HumanTaskConfig{
			TaskTimeLimitInSeconds: i(600),
			TaskKeywords:           []string{"Images"},
			UiConfig:               &types.UiConfig{UiTemplateS3Uri: s("s3://b/t.html")},
		},
		LabelingJobOutput: &types.LabelingJobOutput{OutputDatasetS3Uri: s("s3://b/o/out.manifest")},
	}
	got, err := describedRequest(out)
	if err != nil {
		t.Fatal(err)
	}
	want := Request{
		"LabelingJobName": "birds",
		"InputConfig":     map[string]any{"DataSource": map[string]any{"S3DataSource": map[string]any{"ManifestS3Uri": "s3://b/m"}}},
		"OutputConfig":    map[string]any{"S3OutputPath": "s3://b/o/"},
		"RoleArn":         "arn:aws:iam::123456789012:role/r",
		"HumanTaskConfig": map[string]any{
			"TaskTimeLimitInSeconds": int64(600),
			"TaskKeywords":           []any{"Images"},
			"UiConfig":               map[string]any{"UiTemplateS3Uri": "s3://b/t.html"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("described request (-want +got):\n%s", diff)
	}
}

func responseError(status int, err error) error {
	return &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{
		Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}}, Err: err}}
}

func TestMapError(t *testing.T) {
	tests := []struct {
		err  error
		kind error
		code string
	}{
		{&types.ResourceNotFound{Message: ptr("gone")}, ErrNotFound, "ResourceNotFound"},
		{&types.ResourceInUse{}, ErrResourceInUse, "ResourceInUse"},
		{&types.ResourceLimitExceeded{}, ErrLimitExceeded, "ResourceLimitExceeded"},
		{&smithy.GenericAPIError{Code: "ValidationException"}, ErrValidation, "ValidationException"},
		{&smithy.GenericAPIError{Code: "ThrottlingException"}, ErrThrottled, "ThrottlingException"},
		{&smithy.GenericAPIError{Code: "AccessDeniedException"}, ErrAccessDenied, "AccessDeniedException"},
		{&smithy.GenericAPIError{Code: "AccessDenied"}, ErrAccessDenied, "AccessDenied"},
		{&smithy.GenericAPIError{Code: "NoSuchKey"}, ErrNotFound, "NoSuchKey"},
		{&smithy.GenericAPIError{Code: "NotFound"}, ErrNotFound, "NotFound"},
		{&smithy.GenericAPIError{Code: "NoSuchEntity"}, ErrNotFound, "NoSuchEntity"},
		{&smithy.GenericAPIError{Code: "InternalFailure"}, nil, "InternalFailure"},
		{responseError(404, &smithy.GenericAPIError{Code: "SomethingNew"}), ErrNotFound, "SomethingNew"},
		{responseError(403, errors.New("no body")), ErrAccessDenied, "Forbidden"},
		{&smithy.OperationError{ServiceID: "SageMaker", OperationName: "CreateLabelingJob",
			Err: smithy.InvalidParamsError{Context: "CreateLabelingJobInput"}}, ErrValidation, "InvalidParameter"},
	}
	for _, tt := range tests {
		wrapped := &smithy.OperationError{ServiceID: "X", OperationName: "Op", Err: fmt.Errorf("retry: %w", tt.err)}
		err := mapError("Op", wrapped)
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Errorf("%v: not an *APIError: %v", tt.err, err)
			continue
		}
		if apiErr.Code != tt.code || apiErr.Kind != tt.kind || apiErr.Op != "Op" {
			t.Errorf("%v: got %#v, want code %s kind %v", tt.err, apiErr, tt.code, tt.kind)
		}
		if tt.kind != nil && !errors.Is(err, tt.kind) {
			t.Errorf("%v: errors.Is(%v) false", tt.err, tt.kind)
		}
	}
	if mapError("Op", nil) != nil {
		t.Error("mapError(nil) != nil")
	}
	err := mapError("Op", &smithy.OperationError{Err: fmt.Errorf("send: %w", context.Canceled)})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancellation: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestTokenBucket(t *testing.T) {
	b := newTokenBucket(50, 1)
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < 11; i++ {
		if err := b.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// 1 at once, then 10 at 20ms intervals.
	if d := time.Since(start); d < 190*time.Millisecond || d > 2*time.Second {
		t.Errorf("11 tokens at 50/s took %v, want about 200ms", d)
	}

	// A deadline the token cannot meet fails at once and takes no token.
	slow := newTokenBucket(1, 1)
	slow.Wait(ctx)
	dctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	start = time.Now()
	if err := slow.Wait(dctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 40*time.Millisecond {
		t.Errorf("deadline failure took %v", d)
	}
	// Cancellation while waiting gives the token back.
	cctx, cancel2 := context.WithCancel(ctx)
	go func() { time.Sleep(20 * time.Millisecond); cancel2() }()
	if err := slow.Wait(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want Canceled", err)
	}
	slow.mu.Lock()
	tokens := slow.tokens
	slow.mu.Unlock()
	if tokens < -0.1 {
		t.Errorf("tokens after cancellation = %v, want the reservation returned", tokens)
	}
	if err := (*tokenBucket)(nil).Wait(ctx); err != nil {
		t.Errorf("nil bucket: %v", err)
	}
}

func TestNewEndpointsAndPathStyle(t *testing.T) {
	ctx := context.Background()
	creds := &StaticCredentials{AccessKeyID: "testing", SecretAccessKey: "testing"}
	c, err := New(ctx, Config{Region: "eu-west-1", Credentials: creds, Endpoints: Endpoints{S3: "http://127.0.0.1:9"}})
	if err != nil {
		t.Fatal(err)
	}
	if o := c.S3.(*s3Client).c.Options(); !o.UsePathStyle || *o.BaseEndpoint != "http://127.0.0.1:9" {
		t.Errorf("S3 with an endpoint: path-style %v", o.UsePathStyle)
	}
	if o := c.SageMaker.(*sageMakerClient).c.Options(); o.BaseEndpoint != nil || o.Region != "eu-west-1" {
		t.Errorf("SageMaker without an endpoint override: %v", o.BaseEndpoint)
	}
	c, err = New(ctx, Config{Region: "eu-west-1", Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	if c.S3.(*s3Client).c.Options().UsePathStyle {
		t.Error("S3 without an endpoint uses path-style")
	}
	if _, err := New(ctx, Config{Credentials: creds}); err == nil {
		t.Error("hermetic config without a Region: no error")
	}
	if got := c.SageMaker.(*sageMakerClient).c.Options().Retryer.MaxAttempts(); got != DefaultMaxAttempts {
		t.Errorf("MaxAttempts = %d, want %d", got, DefaultMaxAttempts)
	}
	if s := fmt.Sprintf("%v %+v %#v", *creds, creds, creds); strings.Contains(s, "testing") {
		t.Errorf("credentials print: %s", s)
	}
}

func TestRoleName(t *testing.T) {
	for in, want := range map[string]string{
		"GroundTruth": "GroundTruth",
		"arn:aws:iam::111122223333:role/GroundTruth":              "GroundTruth",
		"arn:aws:iam::111122223333:role/service-role/GroundTruth": "GroundTruth",
	} {
		if got := roleName(in); got != want {
			t.Errorf("roleName(%q) = %q, want %q", in, got, want)
		}
	}
}
