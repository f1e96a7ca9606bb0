package aws

// service/sagemaker is pinned to v1.270.1 in go.mod: later versions switch
// to schema-based serialisation, whose package initialisation costs about
// 10 ms and 4 MB in every gtctl process, lint included, since Go initialises
// every linked package. A pre-commit hook pays that on every commit; the
// labeling-job operations gtctl calls are the same in both versions.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
)

// DefaultMaxAttempts is the number of attempts (first try included) a call
// makes when neither Config.MaxAttempts nor the AWS configuration
// (AWS_MAX_ATTEMPTS, max_attempts) sets one. It is higher than the SDK's 3
// so that a throttling endpoint costs time, not failed jobs.
const DefaultMaxAttempts = 8

// Config selects the account, Region and client behaviour of New.
type Config struct {
	// Profile is the shared-config profile; "" means the standard
	// resolution (AWS_PROFILE, then "default").
	Profile string
	// Region; "" means the standard resolution (AWS_REGION, the profile).
	Region string
	// RateLimit is the number of requests per second sent to SageMaker,
	// retries included (a client-side token bucket); 0 means no limit.
	RateLimit float64
	// MaxAttempts per call, first attempt included; 0 means the AWS
	// configuration's max_attempts, else DefaultMaxAttempts.
	MaxAttempts int
	// HTTPClient, optional.
	HTTPClient *http.Client

	// Endpoints overrides the service endpoints (local emulators). Empty
	// members keep the standard resolution, which already honours
	// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> (SAGEMAKER, S3, IAM,
	// STS, KMS, SNS) and the profile's endpoint_url settings.
	Endpoints Endpoints
	// Credentials, when set, makes the configuration hermetic: these
	// static credentials are used, and neither the environment nor the
	// shared config files are read (tests against local endpoints). Region
	// must then be set.
	Credentials *StaticCredentials
}

// Endpoints are base URLs of the services, e.g. "http://127.0.0.1:5000".
type Endpoints struct {
	SageMaker, S3, IAM, STS string
	KMS, SNS                string // policy checks (sdk_policy.go)
}

// StaticCredentials are fixed AWS credentials. They never print.
type StaticCredentials struct {
	AccessKeyID, SecretAccessKey, SessionToken string
}

// String hides the secret.
func (c StaticCredentials) String() string { return "StaticCredentials{redacted}" }

// GoString hides the secret from %#v.
func (c StaticCredentials) GoString() string { return c.String() }

// New builds the clients for one Region with the standard AWS configuration
// (environment, shared config and credentials files, SSO, IMDS, ...), the
// SDK's standard retryer and, for SageMaker, a client-side rate limiter.
func New(ctx context.Context, cfg Config) (*Clients, error) {
	awsCfg, err := loadConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if awsCfg.Region == "" {
		return nil, errors.New("aws: no Region configured (set --region, AWS_REGION or the profile's region)")
	}

	var limiter *tokenBucket
	if cfg.RateLimit > 0 {
		limiter = newTokenBucket(cfg.RateLimit, 1)
	}
	sm := sagemaker.NewFromConfig(awsCfg, func(o *sagemaker.Options) {
		if cfg.Endpoints.SageMaker != "" {
			o.BaseEndpoint = sdkaws.String(cfg.Endpoints.SageMaker)
		}
		if limiter != nil {
			o.APIOptions = append(o.APIOptions, rateLimitMiddleware(limiter))
		}
	})
	s3c := s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if cfg.Endpoints.S3 != "" {
			o.BaseEndpoint = sdkaws.String(cfg.Endpoints.S3)
		}
		// A configured endpoint (AWS_ENDPOINT_URL*, endpoint_url or
		// Endpoints.S3) is an emulator or a proxy: bucket-in-host names
		// would not resolve there.
		if o.BaseEndpoint != nil {
			o.UsePathStyle = true
		}
	})
	iamc := iam.NewFromConfig(awsCfg, func(o *iam.Options) {
		if cfg.Endpoints.IAM != "" {
			o.BaseEndpoint = sdkaws.String(cfg.Endpoints.IAM)
		}
	})
	stsc := sts.NewFromConfig(awsCfg, func(o *sts.Options) {
		if cfg.Endpoints.STS != "" {
			o.BaseEndpoint = sdkaws.String(cfg.Endpoints.STS)
		}
	})
	return &Clients{
		Region:    awsCfg.Region,
		SageMaker: &sageMakerClient{c: sm},
		S3:        &s3Client{c: s3c},
		IAM:       &iamClient{c: iamc},
		STS:       &stsClient{c: stsc},
		Policies:  newPolicyClient(awsCfg, cfg.Endpoints, iamc), // sdk_policy.go
	}, nil
}

func loadConfig(ctx context.Context, cfg Config) (sdkaws.Config, error) {
	if cfg.Credentials != nil {
		// Hermetic: nothing from the environment or the home directory.
		if cfg.Region == "" {
			return sdkaws.Config{}, errors.New("aws: Config.Credentials needs Config.Region")
		}
		c := sdkaws.Config{
			Region: cfg.Region,
			Credentials: sdkaws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(
				cfg.Credentials.AccessKeyID, cfg.Credentials.SecretAccessKey, cfg.Credentials.SessionToken)),
			Retryer: newRetryer(maxAttempts(cfg.MaxAttempts, 0)),
		}
		if cfg.HTTPClient != nil {
			c.HTTPClient = cfg.HTTPClient
		}
		return c, nil
	}

	var opts []func(*config.LoadOptions) error
	if cfg.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(cfg.Profile))
	}
	if cfg.Region != "" {
		opts = append(opts, config.WithRegion(cfg.Region))
	}
	if cfg.HTTPClient != nil {
		opts = append(opts, config.WithHTTPClient(cfg.HTTPClient))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		// The SDK's messages name profiles and files, never secrets.
		return sdkaws.Config{}, fmt.Errorf("aws: loading configuration: %w", err)
	}
	n := maxAttempts(cfg.MaxAttempts, awsCfg.RetryMaxAttempts)
	awsCfg.Retryer = newRetryer(n)
	return awsCfg, nil
}

func maxAttempts(explicit, configured int) int {
	switch {
	case explicit > 0:
		return explicit
	case configured > 0:
		return configured
	}
	return DefaultMaxAttempts
}

// newRetryer is the SDK's standard retryer (exponential backoff with
// jitter; throttling errors back off from 1s) with n attempts. Its retry
// quota is off: the attempts are bounded per call and the request rate by
// our own limiter, and a quota would turn a long throttled apply into
// failed jobs ("retry quota exceeded").
func newRetryer(n int) func() sdkaws.Retryer {
	return func() sdkaws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = n
			o.RateLimiter = ratelimit.None
		})
	}
}

// rateLimitMiddleware takes a token from b for every attempt: it sits in
// the finalize step inside the retry loop, before signing.
func rateLimitMiddleware(b *tokenBucket) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Finalize.Insert(middleware.FinalizeMiddlewareFunc("GtctlRateLimit",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				if err := b.Wait(ctx); err != nil {
					return middleware.FinalizeOutput{}, middleware.Metadata{}, err
				}
				return next.HandleFinalize(ctx, in)
			}), "Retry", middleware.After)
	}
}

// roleName accepts a role name or a role ARN (path included).
func roleName(nameOrARN string) string {
	if strings.HasPrefix(nameOrARN, "arn:") {
		if i := strings.LastIndexByte(nameOrARN, '/'); i >= 0 {
			return nameOrARN[i+1:]
		}
	}
	return nameOrARN
}
