// Command localaws runs a local stand-in for the AWS services gtctl talks
// to, so that plan, apply and import can be tried without an AWS account:
//
//   - moto_server (S3, IAM, STS) on 127.0.0.1, with the artifact bucket, the
//     buckets the example specs name, and the Ground Truth execution role;
//   - the fake SageMaker endpoint of package fakesagemaker on 127.0.0.1,
//     one independent fake per Region (a request's Region is read from its
//     SigV4 credential scope), with the example specs' work teams.
//
// It prints the environment to paste into the shell that runs gtctl, then
// serves until Ctrl-C, when it stops moto_server. Everything is kept in
// memory: a new run starts from an empty account.
//
//	go run ./bench/cmd/localaws
//
// Nothing here ever reaches AWS: both servers listen on 127.0.0.1 only.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/gtctl/gtctl/pkg/aws/awstest"
	"github.com/gtctl/gtctl/pkg/aws/fakesagemaker"
)

// trustPolicy lets SageMaker assume the execution role.
const trustPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

func main() {
	motoPort := flag.Int("moto-port", 5000, "port of moto_server (S3, IAM, STS) on 127.0.0.1; 0 picks a free one")
	smPort := flag.Int("sagemaker-port", 5001, "port of the fake SageMaker endpoint on 127.0.0.1; 0 picks a free one")
	account := flag.String("account", "111122223333", "account ID of the fake account (the example specs use 111122223333)")
	region := flag.String("region", "us-east-1", "default Region printed as AWS_REGION (every Region is served)")
	bucket := flag.String("bucket", "acme-groundtruth-artifacts", "S3 bucket for gtctl's artifacts (artifactPrefix s3://BUCKET/gtctl)")
	buckets := flag.String("buckets", "acme-groundtruth-input,acme-groundtruth-output,acme-groundtruth-output-us-west-2", "other buckets to create (comma-separated)")
	role := flag.String("role", "GroundTruthExecution", "IAM role to create")
	teams := flag.String("workteams", "birders,nlp-annotators,support-leads,perception-labelers", "private work teams to register in every Region (comma-separated)")
	throttle := flag.Float64("throttle", 0, "SageMaker requests per second accepted per Region before ThrottlingException (0: no limit)")
	latency := flag.Duration("latency", 0, "latency added to every SageMaker request")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: go run ./bench/cmd/localaws [flags]\n\nRuns moto_server and a fake SageMaker endpoint on 127.0.0.1 for trying gtctl\nwithout an AWS account (docs/walkthrough.md). Stop with Ctrl-C.\n\nFlags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(*motoPort, *smPort, *account, *region, *bucket, split(*buckets), *role, split(*teams), *throttle, *latency); err != nil {
		fmt.Fprintf(os.Stderr, "localaws: %v\n", err)
		os.Exit(1)
	}
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func run(motoPort, smPort int, account, region, bucket string, buckets []string, role string, teams []string, throttle float64, latency time.Duration) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	motoPath, err := exec.LookPath("moto_server")
	if err != nil {
		return fmt.Errorf("moto_server not found on PATH (pip install 'moto[server]'): %w", err)
	}
	logFile, err := os.CreateTemp("", "localaws-moto-*.log")
	if err != nil {
		return err
	}
	defer logFile.Close()
	moto, err := awstest.LaunchMoto(ctx, motoPath, motoPort, []string{"MOTO_ACCOUNT_ID=" + account}, logFile)
	if err != nil {
		return fmt.Errorf("%w (see %s)", err, logFile.Name())
	}
	defer moto.Stop()
	motoURL := moto.URL
	if err := seedMoto(ctx, motoURL, region, append([]string{bucket}, buckets...), role); err != nil {
		return err
	}

	sm := newRegionRouter(fakesagemaker.Options{Account: account, Workteams: teams, ThrottleRate: throttle, Latency: latency})
	sm.get(region) // the default Region exists from the start
	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(smPort))
	if err != nil {
		return fmt.Errorf("fake SageMaker: %w", err)
	}
	srv := &http.Server{Handler: sm, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	smURL := "http://" + l.Addr().String()

	fmt.Printf(`# localaws: moto_server (S3, IAM, STS) at %[1]s, fake SageMaker at %[2]s
# account %[3]s; bucket s3://%[4]s; role arn:aws:iam::%[3]s:role/%[5]s;
# work teams %[6]s in every Region; moto log %[7]s.
# Paste into the shell that runs gtctl:
export AWS_ENDPOINT_URL_SAGEMAKER=%[2]s
export AWS_ENDPOINT_URL_S3=%[1]s
export AWS_ENDPOINT_URL_IAM=%[1]s
export AWS_ENDPOINT_URL_STS=%[1]s
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=%[8]s
unset AWS_PROFILE AWS_SESSION_TOKEN
# and in .gtctl.yaml (or --artifact-prefix): artifactPrefix: s3://%[4]s/gtctl
# Serving until Ctrl-C.
`, motoURL, smURL, account, bucket, role, strings.Join(teams, ", "), logFile.Name(), region)

	select {
	case <-ctx.Done():
		fmt.Println("# localaws: stopping")
	case <-moto.Exited:
		return fmt.Errorf("moto_server exited; its log: %s", logFile.Name())
	case err := <-served:
		return fmt.Errorf("fake SageMaker: %w", err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	return nil
}

// seedMoto creates the buckets (each in the Region its name ends with, if
// any, else region) and the execution role.
func seedMoto(ctx context.Context, url, region string, buckets []string, role string) error {
	cfg := sdkaws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint: sdkaws.String(url),
	}
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	for _, b := range buckets {
		in := &s3.CreateBucketInput{Bucket: sdkaws.String(b)}
		if r := bucketRegion(b, region); r != "us-east-1" {
			in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(r)}
		}
		if _, err := s3c.CreateBucket(ctx, in); err != nil {
			return fmt.Errorf("creating bucket %s: %w", b, err)
		}
	}
	iamc := iam.NewFromConfig(cfg)
	if _, err := iamc.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 sdkaws.String(role),
		AssumeRolePolicyDocument: sdkaws.String(trustPolicy),
		MaxSessionDuration:       sdkaws.Int32(43200),
	}); err != nil {
		return fmt.Errorf("creating role %s: %w", role, err)
	}
	return nil
}

var regionSuffix = regexp.MustCompile(`-((?:us|eu|ap|ca|sa|me|af|il|mx)-[a-z]+-\d)$`)

func bucketRegion(bucket, def string) string {
	if m := regionSuffix.FindStringSubmatch(bucket); m != nil {
		return m[1]
	}
	return def
}

// regionRouter sends each request to the fake of its Region, read from the
// SigV4 credential scope (Credential=AKID/DATE/REGION/sagemaker/aws4_request),
// so that jobs in us-east-1 and us-west-2 are apart, as in AWS.
type regionRouter struct {
	opts  fakesagemaker.Options
	mu    sync.Mutex
	fakes map[string]*fakesagemaker.Server
}

func newRegionRouter(opts fakesagemaker.Options) *regionRouter {
	return &regionRouter{opts: opts, fakes: map[string]*fakesagemaker.Server{}}
}

func (r *regionRouter) get(region string) *fakesagemaker.Server {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.fakes[region]
	if !ok {
		o := r.opts
		o.Region = region
		s = fakesagemaker.New(o)
		r.fakes[region] = s
	}
	return s
}

var scope = regexp.MustCompile(`Credential=[^/,]+/\d{8}/([a-z0-9-]+)/`)

func (r *regionRouter) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	m := scope.FindStringSubmatch(req.Header.Get("Authorization"))
	if m == nil {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"__type":"MissingAuthenticationTokenException","message":"localaws: no SigV4 credential scope to read the Region from"}`)
		return
	}
	r.get(m[1]).ServeHTTP(w, req)
}
