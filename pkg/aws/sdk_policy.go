package aws

// The Policies implementation (GT7110, GT7120, GT7125, GT7160): IAM
// SimulatePrincipalPolicy and GetRole's trust policy, KMS DescribeKey and
// GetKeyPolicy, SNS GetTopicAttributes.

import (
	"context"
	"errors"
	"net/url"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

type policyClient struct {
	iam *iam.Client
	kms *kms.Client
	sns *sns.Client
}

var _ Policies = (*policyClient)(nil)

func newPolicyClient(cfg sdkaws.Config, ep Endpoints, iamc *iam.Client) *policyClient {
	kmsc := kms.NewFromConfig(cfg, func(o *kms.Options) {
		if ep.KMS != "" {
			o.BaseEndpoint = sdkaws.String(ep.KMS)
		}
	})
	snsc := sns.NewFromConfig(cfg, func(o *sns.Options) {
		if ep.SNS != "" {
			o.BaseEndpoint = sdkaws.String(ep.SNS)
		}
	})
	return &policyClient{iam: iamc, kms: kmsc, sns: snsc}
}

// policyError is mapError plus the not-found codes of KMS and SNS that
// errors.go does not know.
func policyError(op string, err error) error {
	err = mapError(op, err)
	var ae *APIError
	if errors.As(err, &ae) && ae.Kind == nil {
		switch ae.Code {
		case "NotFoundException", "NotFound", "KMSNotFoundException":
			ae.Kind = ErrNotFound
		case "KMSAccessDeniedException", "AuthorizationError", "AuthorizationErrorException":
			ae.Kind = ErrAccessDenied
		}
	}
	return err
}

func (c *policyClient) SimulatePrincipalPolicy(ctx context.Context, principalARN string, actions, resources []string) (map[string]Decision, error) {
	in := &iam.SimulatePrincipalPolicyInput{
		PolicySourceArn: sdkaws.String(principalARN),
		ActionNames:     actions,
		ResourceArns:    resources,
	}
	out := map[string]Decision{}
	for {
		page, err := c.iam.SimulatePrincipalPolicy(ctx, in)
		if err != nil {
			return nil, policyError("SimulatePrincipalPolicy", err)
		}
		for _, r := range page.EvaluationResults {
			d := Decision{Decision: string(r.EvalDecision), MissingContext: r.MissingContextValues}
			d.Allowed = strings.EqualFold(d.Decision, "allowed")
			for _, rr := range r.ResourceSpecificResults {
				if !strings.EqualFold(string(rr.EvalResourceDecision), "allowed") {
					d.Allowed = false
					if d.Decision == "allowed" {
						d.Decision = string(rr.EvalResourceDecision)
					}
				}
				d.MissingContext = append(d.MissingContext, rr.MissingContextValues...)
			}
			out[sdkaws.ToString(r.EvalActionName)] = d
		}
		if !page.IsTruncated || page.Marker == nil {
			return out, nil
		}
		in.Marker = page.Marker
	}
}

func (c *policyClient) RoleTrustPolicy(ctx context.Context, name string) (string, error) {
	out, err := c.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: sdkaws.String(roleName(name))})
	if err != nil {
		return "", mapError("GetRole", err)
	}
	if out.Role == nil {
		return "", &APIError{Op: "GetRole", Code: "NoSuchEntity", Message: "no Role in the response", Kind: ErrNotFound}
	}
	doc := sdkaws.ToString(out.Role.AssumeRolePolicyDocument)
	// IAM returns the document URL-encoded (RFC 3986); a document that is
	// JSON already is left as it is.
	if !strings.HasPrefix(strings.TrimSpace(doc), "{") {
		if d, err := url.PathUnescape(doc); err == nil {
			doc = d
		}
	}
	return doc, nil
}

func (c *policyClient) KMSKey(ctx context.Context, keyID string) (*KMSKey, error) {
	d, err := c.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: sdkaws.String(keyID)})
	if err != nil {
		return nil, policyError("DescribeKey", err)
	}
	if d.KeyMetadata == nil {
		return nil, &APIError{Op: "DescribeKey", Code: "NotFoundException", Message: "no KeyMetadata in the response", Kind: ErrNotFound}
	}
	k := &KMSKey{
		ARN:        sdkaws.ToString(d.KeyMetadata.Arn),
		Account:    sdkaws.ToString(d.KeyMetadata.AWSAccountId),
		AWSManaged: d.KeyMetadata.KeyManager == kmstypes.KeyManagerTypeAws,
	}
	id := k.ARN
	if id == "" {
		id = sdkaws.ToString(d.KeyMetadata.KeyId)
	}
	p, err := c.kms.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: sdkaws.String(id), PolicyName: sdkaws.String("default")})
	if err != nil {
		return nil, policyError("GetKeyPolicy", err)
	}
	k.Policy = sdkaws.ToString(p.Policy)
	return k, nil
}

func (c *policyClient) TopicKMSKey(ctx context.Context, topicARN string) (string, error) {
	out, err := c.sns.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: sdkaws.String(topicARN)})
	if err != nil {
		return "", policyError("GetTopicAttributes", err)
	}
	return out.Attributes["KmsMasterKeyId"], nil
}
