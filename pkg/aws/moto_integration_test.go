package aws_test

// Integration tests: the real SDK clients against moto_server (S3, IAM,
// STS) on 127.0.0.1, started by awstest.StartMoto. Skipped without
// moto_server, failed instead when GTCTL_REQUIRE_MOTO=1.

import (
	"context"
	"errors"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
)

func TestMoto(t *testing.T) {
	t.Parallel()
	moto := awstest.StartMoto(t)
	c := awstest.Clients(t, "", moto)
	raw := awstest.RawConfig(moto)
	rawS3 := s3.NewFromConfig(raw, func(o *s3.Options) { o.UsePathStyle = true })
	rawIAM := iam.NewFromConfig(raw)
	ctx := context.Background()

	if _, err := rawS3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: sdkaws.String("acme-labels")}); err != nil {
		t.Fatalf("CreateBucket: %v", err)
	}
	if _, err := rawS3.CreateBucket(ctx, &s3.CreateBucketInput{
		Bucket:                    sdkaws.String("acme-labels-eu"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraintEuWest1},
	}); err != nil {
		t.Fatalf("CreateBucket eu-west-1: %v", err)
	}

	t.Run("PutObject conditional", func(t *testing.T) {
		const key = "gtctl/0123abcd/birds.manifest"
		created, err := c.S3.PutObject(ctx, "acme-labels", key, []byte(`{"source-ref":"s3://acme-labels/a.jpg"}`+"\n"), "application/x-ndjson", true)
		if err != nil || !created {
			t.Fatalf("first PutObject: created=%v err=%v", created, err)
		}
		created, err = c.S3.PutObject(ctx, "acme-labels", key, []byte("other"), "application/x-ndjson", true)
		if err != nil || created {
			t.Fatalf("second PutObject with ifNoneMatch: created=%v err=%v, want false, nil", created, err)
		}
		body, err := c.S3.GetObject(ctx, "acme-labels", key, 1<<20)
		if err != nil || string(body) != `{"source-ref":"s3://acme-labels/a.jpg"}`+"\n" {
			t.Errorf("GetObject = %q, %v; the conditional write must not overwrite", body, err)
		}
		// Unconditional writes overwrite.
		if created, err := c.S3.PutObject(ctx, "acme-labels", key, []byte("v2"), "", false); err != nil || !created {
			t.Errorf("unconditional PutObject: created=%v err=%v", created, err)
		}
		if _, err := c.S3.GetObject(ctx, "acme-labels", key, 1); err == nil {
			t.Errorf("GetObject over maxBytes: no error")
		}
		if _, err := c.S3.GetObject(ctx, "acme-labels", "missing", 0); !errors.Is(err, aws.ErrNotFound) {
			t.Errorf("GetObject(missing): err = %v, want ErrNotFound", err)
		}
	})

	t.Run("HeadObject", func(t *testing.T) {
		if _, err := c.S3.PutObject(ctx, "acme-labels", "labels/birds.json", []byte(`{"labels":[]}`), "application/json", false); err != nil {
			t.Fatal(err)
		}
		ok, err := c.S3.HeadObject(ctx, "acme-labels", "labels/birds.json")
		if err != nil || !ok {
			t.Errorf("HeadObject(existing) = %v, %v", ok, err)
		}
		ok, err = c.S3.HeadObject(ctx, "acme-labels", "labels/none.json")
		if err != nil || ok {
			t.Errorf("HeadObject(missing) = %v, %v; want false, nil", ok, err)
		}
		ok, err = c.S3.HeadObject(ctx, "no-such-bucket", "x")
		if err != nil || ok {
			t.Errorf("HeadObject(missing bucket) = %v, %v; want false, nil", ok, err)
		}
	})

	t.Run("BucketRegion", func(t *testing.T) {
		for bucket, want := range map[string]string{"acme-labels": "us-east-1", "acme-labels-eu": "eu-west-1"} {
			if got, err := c.S3.BucketRegion(ctx, bucket); err != nil || got != want {
				t.Errorf("BucketRegion(%s) = %q, %v; want %q", bucket, got, err, want)
			}
		}
		if _, err := c.S3.BucketRegion(ctx, "no-such-bucket"); !errors.Is(err, aws.ErrNotFound) {
			t.Errorf("BucketRegion(missing): err = %v, want ErrNotFound", err)
		}
	})

	t.Run("BucketCORS", func(t *testing.T) {
		rules, err := c.S3.BucketCORS(ctx, "acme-labels")
		if err != nil || rules == nil || len(rules) != 0 {
			t.Fatalf("BucketCORS without configuration = %#v, %v; want empty rules, nil", rules, err)
		}
		_, err = rawS3.PutBucketCors(ctx, &s3.PutBucketCorsInput{
			Bucket: sdkaws.String("acme-labels"),
			CORSConfiguration: &s3types.CORSConfiguration{CORSRules: []s3types.CORSRule{{
				AllowedMethods: []string{"GET"},
				AllowedOrigins: []string{"*"},
				AllowedHeaders: []string{"*"},
				ExposeHeaders:  []string{"Access-Control-Allow-Origin"},
			}}},
		})
		if err != nil {
			t.Fatalf("PutBucketCors: %v", err)
		}
		rules, err = c.S3.BucketCORS(ctx, "acme-labels")
		if err != nil {
			t.Fatal(err)
		}
		want := []aws.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"*"}, ExposeHeaders: []string{"Access-Control-Allow-Origin"}}}
		if diff := cmp.Diff(want, rules); diff != "" {
			t.Errorf("CORS rules (-want +got):\n%s", diff)
		}
		if _, err := c.S3.BucketCORS(ctx, "no-such-bucket"); !errors.Is(err, aws.ErrNotFound) {
			t.Errorf("BucketCORS(missing bucket): err = %v, want ErrNotFound", err)
		}
	})

	t.Run("IAM GetRole", func(t *testing.T) {
		trust := awstest.TrustPolicy("sagemaker.amazonaws.com")
		for name, d := range map[string]int32{"GroundTruthExecution": 3600, "LongTasks": 43200} {
			if _, err := rawIAM.CreateRole(ctx, &iam.CreateRoleInput{
				RoleName: sdkaws.String(name), AssumeRolePolicyDocument: sdkaws.String(trust),
				MaxSessionDuration: sdkaws.Int32(d), Path: sdkaws.String("/service-role/"),
			}); err != nil {
				t.Fatalf("CreateRole %s: %v", name, err)
			}
		}
		role, err := c.IAM.GetRole(ctx, "GroundTruthExecution")
		if err != nil {
			t.Fatal(err)
		}
		want := &aws.Role{Name: "GroundTruthExecution", ARN: "arn:aws:iam::" + awstest.MotoAccount + ":role/service-role/GroundTruthExecution", MaxSessionDuration: 3600}
		if diff := cmp.Diff(want, role); diff != "" {
			t.Errorf("GetRole (-want +got):\n%s", diff)
		}
		// By ARN, as specs name roles.
		role, err = c.IAM.GetRole(ctx, "arn:aws:iam::"+awstest.MotoAccount+":role/service-role/LongTasks")
		if err != nil || role.MaxSessionDuration != 43200 {
			t.Errorf("GetRole(ARN) = %+v, %v", role, err)
		}
		if _, err := c.IAM.GetRole(ctx, "NoSuchRole"); !errors.Is(err, aws.ErrNotFound) {
			t.Errorf("GetRole(missing): err = %v, want ErrNotFound", err)
		}
	})

	t.Run("STS CallerIdentity", func(t *testing.T) {
		account, arn, err := c.STS.CallerIdentity(ctx)
		if err != nil || account != awstest.MotoAccount || arn == "" {
			t.Errorf("CallerIdentity = %q, %q, %v", account, arn, err)
		}
	})
}

// TestEnvironmentEndpoints checks the standard configuration path of New:
// AWS_ENDPOINT_URL for every service, AWS_ENDPOINT_URL_SAGEMAKER over it,
// and S3 switching to path-style addressing (moto cannot serve
// bucket-in-host names on 127.0.0.1).
func TestEnvironmentEndpoints(t *testing.T) {
	moto := awstest.StartMoto(t)
	fake := startFake(t, fakesagemaker.Options{Workteams: []string{"birders"}})
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL":            moto,
		"AWS_ENDPOINT_URL_SAGEMAKER":  fake.URL(),
		"AWS_ACCESS_KEY_ID":           "testing",
		"AWS_SECRET_ACCESS_KEY":       "testing",
		"AWS_SESSION_TOKEN":           "testing",
		"AWS_REGION":                  "us-east-1",
		"AWS_CONFIG_FILE":             dir + "/config",
		"AWS_SHARED_CREDENTIALS_FILE": dir + "/credentials",
		"AWS_PROFILE":                 "",
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	ctx := context.Background()
	c, err := aws.New(ctx, aws.Config{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if c.Region != "us-east-1" {
		t.Errorf("Region = %q", c.Region)
	}
	if _, err := c.SageMaker.DescribeWorkteam(ctx, "birders"); err != nil {
		t.Errorf("SageMaker via AWS_ENDPOINT_URL_SAGEMAKER: %v", err)
	}
	if account, _, err := c.STS.CallerIdentity(ctx); err != nil || account != awstest.MotoAccount {
		t.Errorf("STS via AWS_ENDPOINT_URL: %q, %v", account, err)
	}
	if _, err := c.IAM.GetRole(ctx, "none"); !errors.Is(err, aws.ErrNotFound) {
		t.Errorf("IAM via AWS_ENDPOINT_URL: err = %v, want ErrNotFound", err)
	}
	rawS3 := s3.NewFromConfig(awstest.RawConfig(moto), func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := rawS3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: sdkaws.String("env-bucket")}); err != nil {
		t.Fatal(err)
	}
	if created, err := c.S3.PutObject(ctx, "env-bucket", "k", []byte("v"), "text/plain", true); err != nil || !created {
		t.Errorf("S3 via AWS_ENDPOINT_URL (path-style): created=%v err=%v", created, err)
	}
}
