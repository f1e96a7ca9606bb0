package aws

import (
	"context"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

type iamClient struct{ c *iam.Client }

var _ IAM = (*iamClient)(nil)

// GetRole takes a role name or a role ARN.
func (s *iamClient) GetRole(ctx context.Context, name string) (*Role, error) {
	out, err := s.c.GetRole(ctx, &iam.GetRoleInput{RoleName: sdkaws.String(roleName(name))})
	if err != nil {
		return nil, mapError("GetRole", err)
	}
	if out.Role == nil {
		return nil, &APIError{Op: "GetRole", Code: "NoSuchEntity", Message: "no Role in the response", Kind: ErrNotFound}
	}
	r := &Role{Name: sdkaws.ToString(out.Role.RoleName), ARN: sdkaws.ToString(out.Role.Arn), MaxSessionDuration: 3600}
	if out.Role.MaxSessionDuration != nil {
		r.MaxSessionDuration = int64(*out.Role.MaxSessionDuration)
	}
	return r, nil
}

type stsClient struct{ c *sts.Client }

var _ STS = (*stsClient)(nil)

func (s *stsClient) CallerIdentity(ctx context.Context) (string, string, error) {
	out, err := s.c.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", "", mapError("GetCallerIdentity", err)
	}
	return sdkaws.ToString(out.Account), sdkaws.ToString(out.Arn), nil
}
