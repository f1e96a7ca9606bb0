// Package awstest starts the local AWS endpoints of integration tests and
// builds real SDK clients against them: moto_server (S3, IAM, STS, SNS,
// Lambda) and, from package fakesagemaker, SageMaker. Clients built here
// reach only the loopback addresses given; nothing reads the developer's
// AWS configuration or credentials.
package awstest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/gtctl/gtctl/pkg/aws"
)

// Region is the Region of the test clients.
const Region = "us-east-1"

// MotoAccount is the account moto answers for (STS GetCallerIdentity).
const MotoAccount = "123456789012"

// RequireMotoEnv, set to 1 (CI does), turns a missing moto_server into a
// test failure instead of a skip.
const RequireMotoEnv = "GTCTL_REQUIRE_MOTO"

// StartMoto starts moto_server on 127.0.0.1 on a free port, waits until it
// answers and stops it (its whole process group) when the test ends. It
// returns the endpoint URL, e.g. "http://127.0.0.1:43121". Without
// moto_server on PATH the test is skipped, or fails when GTCTL_REQUIRE_MOTO=1.
func StartMoto(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("moto_server")
	if err != nil {
		if os.Getenv(RequireMotoEnv) == "1" {
			t.Fatalf("moto_server not found on PATH (%v) and %s=1: install moto with its server extra (pip install 'moto[server]')", err, RequireMotoEnv)
		}
		t.Skipf("moto_server not found on PATH; skipping (set %s=1 to make this a failure)", RequireMotoEnv)
	}
	var lastErr error
	for try := 0; try < 3; try++ { // a free port can be taken before moto binds it
		endpoint, err := startMoto(t, path)
		if err == nil {
			return endpoint
		}
		lastErr = err
	}
	t.Fatalf("starting moto_server: %v", lastErr)
	return ""
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 1<<20 {
		return len(p), nil
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startMoto(t testing.TB, path string) (string, error) {
	var out lockedBuffer
	m, err := LaunchMoto(context.Background(), path, 0, nil, &out)
	if err != nil {
		return "", fmt.Errorf("%v\n%s", err, out.String())
	}
	t.Cleanup(func() {
		m.Stop()
		if t.Failed() {
			t.Logf("moto_server output:\n%s", lastLines(out.String(), 40))
		}
	})
	return m.URL, nil
}

func lastLines(s string, n int) string {
	lines := bytes.Split([]byte(s), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// unreachable is where a client without an emulator points: a loopback
// port nothing listens on, so a test can never reach AWS by mistake.
const unreachable = "http://127.0.0.1:9"

// Clients builds real SDK clients: SageMaker at sagemakerURL (a
// fakesagemaker.Server), S3, IAM, STS, KMS and SNS at motoURL, Region us-east-1,
// static fake credentials, nothing read from the environment or ~/.aws.
// An empty URL points that service at a closed loopback port. opts may
// adjust the configuration (RateLimit, MaxAttempts, HTTPClient).
func Clients(t testing.TB, sagemakerURL, motoURL string, opts ...func(*aws.Config)) *aws.Clients {
	t.Helper()
	for _, u := range []*string{&sagemakerURL, &motoURL} {
		if *u == "" {
			*u = unreachable
		}
		if err := checkLoopback(*u); err != nil {
			t.Fatalf("awstest.Clients: %v", err)
		}
	}
	cfg := aws.Config{
		Region:      Region,
		MaxAttempts: 5,
		Endpoints:   aws.Endpoints{SageMaker: sagemakerURL, S3: motoURL, IAM: motoURL, STS: motoURL, KMS: motoURL, SNS: motoURL},
		Credentials: &aws.StaticCredentials{AccessKeyID: "testing", SecretAccessKey: "testing", SessionToken: "testing"},
	}
	for _, o := range opts {
		o(&cfg)
	}
	for _, u := range []string{cfg.Endpoints.SageMaker, cfg.Endpoints.S3, cfg.Endpoints.IAM, cfg.Endpoints.STS, cfg.Endpoints.KMS, cfg.Endpoints.SNS} {
		if err := checkLoopback(u); err != nil {
			t.Fatalf("awstest.Clients: %v", err)
		}
	}
	if cfg.Credentials == nil {
		t.Fatalf("awstest.Clients: the options removed the static credentials")
	}
	c, err := aws.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("awstest.Clients: %v", err)
	}
	return c
}

func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return errors.New("endpoint " + raw + " is not a loopback address; integration tests reach only 127.0.0.1")
}
