package awstest

import (
	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

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
