package awstest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Moto is a running moto_server.
type Moto struct {
	URL string // such as "http://127.0.0.1:43121"
	// Exited is closed when the process has ended.
	Exited <-chan struct{}
	pgid   int
}

// LaunchMoto starts moto_server (path) on 127.0.0.1:port (0: a free port)
// with env added to the environment and its output in out, and waits up
// to 60 s for it to answer. The integration tests (StartMoto) and
// bench/cmd/localaws both run moto this way.
func LaunchMoto(ctx context.Context, path string, port int, env []string, out io.Writer) (*Moto, error) {
	if port == 0 {
		p, err := freePort()
		if err != nil {
			return nil, err
		}
		port = p
	}
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting moto_server: %w", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	m := &Moto{URL: "http://127.0.0.1:" + strconv.Itoa(port), Exited: exited, pgid: cmd.Process.Pid} // Setpgid: the group id is the leader's pid

	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-exited:
			return nil, fmt.Errorf("moto_server exited before answering on %s (port taken?)", m.URL)
		case <-ctx.Done():
			m.Stop()
			return nil, ctx.Err()
		default:
		}
		resp, err := client.Get(m.URL + "/moto-api/data.json")
		if err == nil {
			resp.Body.Close()
			return m, nil
		}
		if time.Now().After(deadline) {
			m.Stop()
			return nil, fmt.Errorf("moto_server did not answer on %s within 60s: %v", m.URL, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Stop stops moto_server and whatever it started (its process group).
func (m *Moto) Stop() {
	syscall.Kill(-m.pgid, syscall.SIGTERM)
	select {
	case <-m.Exited:
	case <-time.After(5 * time.Second):
		syscall.Kill(-m.pgid, syscall.SIGKILL)
		<-m.Exited
	}
}

// RawConfig is an SDK configuration for the moto endpoint, with moto's
// test credentials. Tests use it to set up moto's state (buckets, roles,
// keys) with calls gtctl itself never makes, so those calls stay outside
// pkg/aws's interfaces.
func RawConfig(motoURL string) sdkaws.Config {
	return sdkaws.Config{
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", "testing"),
		BaseEndpoint: sdkaws.String(motoURL),
	}
}

// RawS3 is an S3 client on RawConfig. It addresses buckets by path: moto
// on 127.0.0.1 has no bucket host names.
func RawS3(motoURL string) *s3.Client {
	return s3.NewFromConfig(RawConfig(motoURL), func(o *s3.Options) { o.UsePathStyle = true })
}

// TrustPolicy is a role trust policy that lets service (such as
// "sagemaker.amazonaws.com") assume the role.
func TrustPolicy(service string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + service + `"},"Action":"sts:AssumeRole"}]}`
}
