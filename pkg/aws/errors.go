package aws

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// errorKinds maps service error codes to the kinds callers branch on.
var errorKinds = map[string]error{
	// SageMaker
	"ResourceNotFound":          ErrNotFound,
	"ResourceNotFoundException": ErrNotFound,
	"ResourceInUse":             ErrResourceInUse,
	"ResourceLimitExceeded":     ErrLimitExceeded,
	"ValidationException":       ErrValidation,
	// S3
	"NoSuchKey":    ErrNotFound,
	"NoSuchBucket": ErrNotFound,
	"NotFound":     ErrNotFound,
	// IAM
	"NoSuchEntity":          ErrNotFound,
	"ValidationError":       ErrValidation,
	"InvalidInput":          ErrValidation,
	"LimitExceeded":         ErrLimitExceeded,
	"InvalidParameterValue": ErrValidation,
	// local parameter validation (smithy.InvalidParamsError)
	"InvalidParameter": ErrValidation,
	// authorization and credentials
	"AccessDenied":                ErrAccessDenied,
	"AccessDeniedException":       ErrAccessDenied,
	"Forbidden":                   ErrAccessDenied,
	"UnauthorizedOperation":       ErrAccessDenied,
	"InvalidClientTokenId":        ErrAccessDenied,
	"UnrecognizedClientException": ErrAccessDenied,
	"ExpiredToken":                ErrAccessDenied,
	"ExpiredTokenException":       ErrAccessDenied,
	"SignatureDoesNotMatch":       ErrAccessDenied,
	"InvalidAccessKeyId":          ErrAccessDenied,
	// throttling (the SDK retries these first)
	"ThrottlingException":       ErrThrottled,
	"Throttling":                ErrThrottled,
	"ThrottledException":        ErrThrottled,
	"RequestThrottledException": ErrThrottled,
	"TooManyRequestsException":  ErrThrottled,
	"RequestLimitExceeded":      ErrThrottled,
	"SlowDown":                  ErrThrottled,
}

// mapError turns an SDK error into an *APIError with the right Kind.
// Context cancellation stays as it is (errors.Is(err, context.Canceled)).
func mapError(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", op, err)
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		code := apiErr.ErrorCode()
		kind := errorKinds[code]
		if kind == nil {
			kind = kindFromStatus(err)
		}
		return &APIError{Op: op, Code: code, Message: apiErr.ErrorMessage(), Kind: kind}
	}
	// The SDK's own check of required members, before sending.
	var paramErr smithy.InvalidParamsError
	var paramErrPtr *smithy.InvalidParamsError
	if errors.As(err, &paramErr) || errors.As(err, &paramErrPtr) {
		msg := paramErr.Error()
		if paramErrPtr != nil {
			msg = paramErrPtr.Error()
		}
		return &APIError{Op: op, Code: "InvalidParameter", Message: msg, Kind: ErrValidation}
	}
	if kind := kindFromStatus(err); kind != nil {
		return &APIError{Op: op, Code: http.StatusText(statusOf(err)), Message: err.Error(), Kind: kind}
	}
	return fmt.Errorf("%s: %w", op, err)
}

func statusOf(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

func kindFromStatus(err error) error {
	switch statusOf(err) {
	case http.StatusNotFound:
		return ErrNotFound
	case http.StatusForbidden:
		return ErrAccessDenied
	case http.StatusTooManyRequests:
		return ErrThrottled
	}
	return nil
}
