package fakesagemaker_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
)

// How a plan or apply test uses the fake: start it, build real SDK
// clients against it, inject faults, count calls.
func Example() {
	srv := fakesagemaker.New(fakesagemaker.Options{
		Workteams:    []string{"birders"},
		ThrottleRate: 10, // requests/second before ThrottlingException
	})
	srv.Start() // http://127.0.0.1:<port>
	defer srv.Close()
	// In a test: clients := awstest.Clients(t, srv.URL(), motoURL), which
	// builds the same hermetic configuration.
	clients, err := aws.New(context.Background(), aws.Config{
		Region:      "us-east-1",
		RateLimit:   10,
		Endpoints:   aws.Endpoints{SageMaker: srv.URL()},
		Credentials: &aws.StaticCredentials{AccessKeyID: "testing", SecretAccessKey: "testing"},
	})
	if err != nil {
		panic(err)
	}

	// The crash-after-commit case: the job is stored, the connection
	// reset, the SDK retries and gets ResourceInUse for its own job.
	srv.DropAfterCommit(0)
	_, err = clients.SageMaker.CreateLabelingJob(context.Background(), aws.Request{
		"LabelingJobName":    "birds-1",
		"LabelAttributeName": "birds",
		"InputConfig":        map[string]any{"DataSource": map[string]any{"S3DataSource": map[string]any{"ManifestS3Uri": "s3://b/m"}}},
		"OutputConfig":       map[string]any{"S3OutputPath": "s3://b/o/"},
		"RoleArn":            "arn:aws:iam::123456789012:role/GroundTruth",
		"HumanTaskConfig": map[string]any{
			"WorkteamArn":                       "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/birders",
			"UiConfig":                          map[string]any{"UiTemplateS3Uri": "s3://b/t.html"},
			"TaskTitle":                         "Birds",
			"TaskDescription":                   "Box the birds",
			"NumberOfHumanWorkersPerDataObject": int64(1),
			"TaskTimeLimitInSeconds":            int64(300),
		},
	})
	fmt.Println(errors.Is(err, aws.ErrResourceInUse), srv.JobNames(), srv.Operations(), srv.CallCount("CreateLabelingJob") >= 2)
	// Output: true [birds-1] map[CreateLabelingJob:1] true
}
