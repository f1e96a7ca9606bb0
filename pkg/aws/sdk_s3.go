package aws

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

type s3Client struct{ c *s3.Client }

var _ S3 = (*s3Client)(nil)

func (s *s3Client) HeadObject(ctx context.Context, bucket, key string) (bool, error) {
	_, err := s.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		err = mapError("HeadObject", err)
		if errors.Is(err, ErrNotFound) {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// PutObject with ifNoneMatch sends If-None-Match: * (S3 conditional
// write): an existing object answers 412 PreconditionFailed, reported as
// created == false. A concurrent conditional write of the same key (409
// ConditionalRequestConflict) is an *APIError of kind ErrResourceInUse.
func (s *s3Client) PutObject(ctx context.Context, bucket, key string, body []byte, contentType string, ifNoneMatch bool) (bool, error) {
	in := &s3.PutObjectInput{
		Bucket:        &bucket,
		Key:           &key,
		Body:          bytes.NewReader(body),
		ContentLength: sdkaws.Int64(int64(len(body))),
	}
	if contentType != "" {
		in.ContentType = &contentType
	}
	if ifNoneMatch {
		in.IfNoneMatch = sdkaws.String("*")
	}
	if _, err := s.c.PutObject(ctx, in); err != nil {
		var apiErr smithy.APIError
		if ifNoneMatch && errors.As(err, &apiErr) && apiErr.ErrorCode() == "PreconditionFailed" {
			return false, nil
		}
		err = mapError("PutObject", err)
		var e *APIError
		if errors.As(err, &e) && e.Code == "ConditionalRequestConflict" {
			e.Kind = ErrResourceInUse
		}
		return false, err
	}
	return true, nil
}

// GetObject reads the object; maxBytes > 0 caps it: a larger object is an
// error (not a truncated read).
func (s *s3Client) GetObject(ctx context.Context, bucket, key string, maxBytes int64) ([]byte, error) {
	out, err := s.c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	if err != nil {
		return nil, mapError("GetObject", err)
	}
	defer out.Body.Close()
	if maxBytes > 0 && out.ContentLength != nil && *out.ContentLength > maxBytes {
		return nil, fmt.Errorf("GetObject: s3://%s/%s is %d bytes, more than the %d allowed", bucket, key, *out.ContentLength, maxBytes)
	}
	r := io.Reader(out.Body)
	if maxBytes > 0 {
		r = io.LimitReader(out.Body, maxBytes+1)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("GetObject: reading s3://%s/%s: %w", bucket, key, err)
	}
	if maxBytes > 0 && int64(len(b)) > maxBytes {
		return nil, fmt.Errorf("GetObject: s3://%s/%s is more than the %d bytes allowed", bucket, key, maxBytes)
	}
	return b, nil
}

// BucketRegion uses GetBucketLocation; its empty answer means us-east-1
// and its legacy "EU" means eu-west-1.
func (s *s3Client) BucketRegion(ctx context.Context, bucket string) (string, error) {
	out, err := s.c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: &bucket})
	if err != nil {
		return "", mapError("GetBucketLocation", err)
	}
	switch r := string(out.LocationConstraint); r {
	case "":
		return "us-east-1", nil
	case "EU":
		return "eu-west-1", nil
	default:
		return r, nil
	}
}

// BucketCORS returns the bucket's CORS rules; a bucket without a CORS
// configuration has none (not an error).
func (s *s3Client) BucketCORS(ctx context.Context, bucket string) ([]CORSRule, error) {
	out, err := s.c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: &bucket})
	if err != nil {
		var apiErr smithy.APIError
		if errors.As(err, &apiErr) && apiErr.ErrorCode() == "NoSuchCORSConfiguration" {
			return []CORSRule{}, nil
		}
		return nil, mapError("GetBucketCors", err)
	}
	rules := make([]CORSRule, 0, len(out.CORSRules))
	for _, r := range out.CORSRules {
		rules = append(rules, CORSRule{
			AllowedMethods: r.AllowedMethods,
			AllowedOrigins: r.AllowedOrigins,
			AllowedHeaders: r.AllowedHeaders,
			ExposeHeaders:  r.ExposeHeaders,
		})
	}
	return rules, nil
}
