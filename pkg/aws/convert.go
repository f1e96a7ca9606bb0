package aws

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
)

// requestInput converts a Request to the SDK's input. The SDK's field
// names are the API's member names, so an encoding/json round trip does
// it; numbers must be integers that fit int32 (every integer member of
// the request is an int32), enums are plain strings. A member the SDK does
// not know is an error, never silently dropped.
func requestInput(req Request) (*sagemaker.CreateLabelingJobInput, error) {
	b, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("%w: CreateLabelingJob request: %w", ErrValidation, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var in sagemaker.CreateLabelingJobInput
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("%w: CreateLabelingJob request: %w", ErrValidation, err)
	}
	return &in, nil
}

// describedRequest extracts the members of a described job that
// CreateLabelingJob accepts, in Request form: absent members are absent
// (never nil), numbers are int64.
func describedRequest(out *sagemaker.DescribeLabelingJobOutput) (Request, error) {
	in := sagemaker.CreateLabelingJobInput{
		LabelingJobName:             out.LabelingJobName,
		LabelAttributeName:          out.LabelAttributeName,
		InputConfig:                 out.InputConfig,
		OutputConfig:                out.OutputConfig,
		RoleArn:                     out.RoleArn,
		LabelCategoryConfigS3Uri:    out.LabelCategoryConfigS3Uri,
		StoppingConditions:          out.StoppingConditions,
		LabelingJobAlgorithmsConfig: out.LabelingJobAlgorithmsConfig,
		HumanTaskConfig:             out.HumanTaskConfig,
		Tags:                        out.Tags,
	}
	b, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	v, err := plain(m)
	if err != nil {
		return nil, err
	}
	return v.(map[string]any), nil
}

// plain drops JSON nulls and turns json.Number into int64 (float64 for a
// number that is not an integer, which no request member is).
func plain(v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if e == nil {
				delete(v, k)
				continue
			}
			p, err := plain(e)
			if err != nil {
				return nil, err
			}
			v[k] = p
		}
		return v, nil
	case []any:
		out := v[:0]
		for _, e := range v {
			if e == nil {
				continue
			}
			p, err := plain(e)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		return out, nil
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i, nil
		}
		f, err := v.Float64()
		if err != nil || math.IsInf(f, 0) {
			return nil, fmt.Errorf("number %s: %v", v, err)
		}
		return f, nil
	}
	return v, nil
}
