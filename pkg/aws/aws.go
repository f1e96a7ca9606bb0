// Package aws is gtctl's only door to AWS: narrow interfaces for the calls
// gtctl makes, implemented with aws-sdk-go-v2. Nothing else in the project
// imports the SDK, so plan, apply and the online checks are tested against
// these interfaces and against local protocol servers.
package aws

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Request is a CreateLabelingJob request as plain data: the API's PascalCase
// member names, strings, int64 numbers, []any lists and map[string]any
// structures, exactly the shape of a spec document.
type Request = map[string]any

// LabelingJob is what DescribeLabelingJob returns, reduced to what gtctl
// compares and reports.
type LabelingJob struct {
	Name          string
	ARN           string
	Status        string // Initializing, InProgress, Completed, Failed, Stopping, Stopped
	CreationTime  time.Time
	FailureReason string
	// Request holds the request members of the job as described (the
	// members CreateLabelingJob accepts, in Request form).
	Request Request
	// FinalActiveLearningModelArn, when the job produced one.
	FinalActiveLearningModelArn string
}

// JobSummary is one row of ListLabelingJobs.
type JobSummary struct {
	Name         string
	ARN          string
	Status       string
	CreationTime time.Time
}

// ListOptions filter ListLabelingJobs.
type ListOptions struct {
	NameContains string
	CreatedAfter time.Time
	StatusEquals string
	// MaxResults per page (1–100); 0 means 100.
	MaxResults int
}

// Workteam is what DescribeWorkteam returns that gtctl uses.
type Workteam struct {
	Name string
	ARN  string
}

// SageMaker is the labeling-job part of the SageMaker API.
type SageMaker interface {
	// CreateLabelingJob sends req (tags included) and returns the job ARN.
	CreateLabelingJob(ctx context.Context, req Request) (string, error)
	DescribeLabelingJob(ctx context.Context, name string) (*LabelingJob, error)
	// ListLabelingJobs pages through the jobs, calling fn once per page;
	// fn returning an error stops the listing with that error.
	ListLabelingJobs(ctx context.Context, opts ListOptions, fn func(page []JobSummary) error) error
	StopLabelingJob(ctx context.Context, name string) error
	DescribeWorkteam(ctx context.Context, name string) (*Workteam, error)
	ListTags(ctx context.Context, arn string) (map[string]string, error)
}

// CORSRule is one rule of a bucket's CORS configuration.
type CORSRule struct {
	AllowedMethods []string
	AllowedOrigins []string
	AllowedHeaders []string
	ExposeHeaders  []string
}

// S3 is the part of S3 gtctl uses: artifact upload and the online checks.
type S3 interface {
	// HeadObject reports whether the object exists.
	HeadObject(ctx context.Context, bucket, key string) (bool, error)
	// PutObject writes body. With ifNoneMatch it must not overwrite an
	// existing object (conditional write); an existing object is then not
	// an error but reported as created == false.
	PutObject(ctx context.Context, bucket, key string, body []byte, contentType string, ifNoneMatch bool) (created bool, err error)
	GetObject(ctx context.Context, bucket, key string, maxBytes int64) ([]byte, error)
	BucketRegion(ctx context.Context, bucket string) (string, error)
	BucketCORS(ctx context.Context, bucket string) ([]CORSRule, error)
}

// Role is an IAM role as GetRole returns it.
type Role struct {
	Name               string
	ARN                string
	MaxSessionDuration int64 // seconds
}

// IAM is the part of IAM gtctl uses.
type IAM interface {
	GetRole(ctx context.Context, name string) (*Role, error)
}

// STS is the part of STS gtctl uses.
type STS interface {
	// CallerIdentity returns the account and ARN of the credentials.
	CallerIdentity(ctx context.Context) (account, arn string, err error)
}

// ---- policy reads (GT7110, GT7120, GT7125, GT7160) ----

// Decision is IAM's answer for one action of SimulatePrincipalPolicy.
type Decision struct {
	// Allowed is true when the decision is "allowed" (for every resource
	// simulated).
	Allowed bool
	// Decision is IAM's EvalDecision: allowed, explicitDeny, implicitDeny.
	Decision string
	// MissingContext names the condition keys the policies use that the
	// simulation had no value for: a denial with missing context is not
	// a certain denial.
	MissingContext []string
}

// KMSKey is what DescribeKey and GetKeyPolicy tell of a key.
type KMSKey struct {
	ARN        string
	Account    string
	AWSManaged bool   // KeyManager AWS (e.g. alias/aws/sns)
	Policy     string // the key policy "default", JSON
}

// Policies reads the IAM, KMS and SNS policies the online policy checks
// evaluate. It is a separate interface from IAM so that implementations of
// IAM need not grow; Clients.Policies may be nil.
type Policies interface {
	// SimulatePrincipalPolicy evaluates the principal's IAM policies for
	// each action on resources (none: "*"); the result maps each action to
	// its decision.
	SimulatePrincipalPolicy(ctx context.Context, principalARN string, actions, resources []string) (map[string]Decision, error)
	// RoleTrustPolicy returns the role's trust policy (AssumeRolePolicyDocument),
	// URL-decoded JSON. It takes a role name or ARN.
	RoleTrustPolicy(ctx context.Context, roleName string) (string, error)
	// KMSKey resolves a key ID, key ARN, alias or alias ARN (DescribeKey)
	// and reads its key policy (GetKeyPolicy, policy name "default").
	KMSKey(ctx context.Context, keyID string) (*KMSKey, error)
	// TopicKMSKey returns the topic's KmsMasterKeyId ("" when the topic is
	// not encrypted).
	TopicKMSKey(ctx context.Context, topicARN string) (string, error)
}

// ---- end policy reads ----

// Clients bundles one client of each for a Region.
type Clients struct {
	Region    string
	SageMaker SageMaker
	S3        S3
	IAM       IAM
	STS       STS
	// Policies is nil when not configured (fakes); the checks using it
	// then report that they could not run.
	Policies Policies
}

// Error kinds callers branch on. SDK errors are mapped to these (wrapped in
// *APIError, so errors.Is works and the service's message is kept).
var (
	ErrNotFound      = errors.New("not found")
	ErrResourceInUse = errors.New("resource in use")
	ErrAccessDenied  = errors.New("access denied")
	ErrThrottled     = errors.New("throttled")
	ErrValidation    = errors.New("validation error")
	ErrLimitExceeded = errors.New("resource limit exceeded")
)

// APIError is an error returned by an AWS service.
type APIError struct {
	Op      string // e.g. "CreateLabelingJob"
	Code    string // the service's error code
	Message string // the service's message
	Kind    error  // one of the Err* kinds, or nil
}

func (e *APIError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("%s: %s", e.Op, e.Code)
	}
	return fmt.Sprintf("%s: %s: %s", e.Op, e.Code, e.Message)
}

func (e *APIError) Unwrap() error { return e.Kind }
