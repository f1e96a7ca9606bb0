package aws

import (
	"context"
	"errors"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

type sageMakerClient struct{ c *sagemaker.Client }

var _ SageMaker = (*sageMakerClient)(nil)

func (s *sageMakerClient) CreateLabelingJob(ctx context.Context, req Request) (string, error) {
	in, err := requestInput(req)
	if err != nil {
		return "", err
	}
	out, err := s.c.CreateLabelingJob(ctx, in)
	if err != nil {
		return "", mapError("CreateLabelingJob", err)
	}
	return sdkaws.ToString(out.LabelingJobArn), nil
}

func (s *sageMakerClient) DescribeLabelingJob(ctx context.Context, name string) (*LabelingJob, error) {
	out, err := s.c.DescribeLabelingJob(ctx, &sagemaker.DescribeLabelingJobInput{LabelingJobName: &name})
	if err != nil {
		return nil, mapError("DescribeLabelingJob", err)
	}
	req, err := describedRequest(out)
	if err != nil {
		return nil, errors.Join(errors.New("DescribeLabelingJob: converting the response"), err)
	}
	j := &LabelingJob{
		Name:          sdkaws.ToString(out.LabelingJobName),
		ARN:           sdkaws.ToString(out.LabelingJobArn),
		Status:        string(out.LabelingJobStatus),
		CreationTime:  sdkaws.ToTime(out.CreationTime),
		FailureReason: sdkaws.ToString(out.FailureReason),
		Request:       req,
	}
	if out.LabelingJobOutput != nil {
		j.FinalActiveLearningModelArn = sdkaws.ToString(out.LabelingJobOutput.FinalActiveLearningModelArn)
	}
	return j, nil
}

func (s *sageMakerClient) ListLabelingJobs(ctx context.Context, opts ListOptions, fn func(page []JobSummary) error) error {
	in := &sagemaker.ListLabelingJobsInput{
		SortBy:    types.SortByCreationTime,
		SortOrder: types.SortOrderAscending,
	}
	n := opts.MaxResults
	if n <= 0 || n > 100 {
		n = 100
	}
	in.MaxResults = sdkaws.Int32(int32(n))
	if opts.NameContains != "" {
		in.NameContains = sdkaws.String(opts.NameContains)
	}
	if !opts.CreatedAfter.IsZero() {
		in.CreationTimeAfter = sdkaws.Time(opts.CreatedAfter)
	}
	if opts.StatusEquals != "" {
		in.StatusEquals = types.LabelingJobStatus(opts.StatusEquals)
	}
	p := sagemaker.NewListLabelingJobsPaginator(s.c, in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return mapError("ListLabelingJobs", err)
		}
		page := make([]JobSummary, 0, len(out.LabelingJobSummaryList))
		for _, j := range out.LabelingJobSummaryList {
			page = append(page, JobSummary{
				Name:         sdkaws.ToString(j.LabelingJobName),
				ARN:          sdkaws.ToString(j.LabelingJobArn),
				Status:       string(j.LabelingJobStatus),
				CreationTime: sdkaws.ToTime(j.CreationTime),
			})
		}
		if len(page) == 0 { // filtered listings may return empty pages
			continue
		}
		if err := fn(page); err != nil {
			return err
		}
	}
	return nil
}

func (s *sageMakerClient) StopLabelingJob(ctx context.Context, name string) error {
	_, err := s.c.StopLabelingJob(ctx, &sagemaker.StopLabelingJobInput{LabelingJobName: &name})
	return mapError("StopLabelingJob", err)
}

func (s *sageMakerClient) DescribeWorkteam(ctx context.Context, name string) (*Workteam, error) {
	out, err := s.c.DescribeWorkteam(ctx, &sagemaker.DescribeWorkteamInput{WorkteamName: &name})
	if err != nil {
		return nil, mapError("DescribeWorkteam", err)
	}
	if out.Workteam == nil {
		return nil, &APIError{Op: "DescribeWorkteam", Code: "ResourceNotFound", Message: "no Workteam in the response", Kind: ErrNotFound}
	}
	return &Workteam{Name: sdkaws.ToString(out.Workteam.WorkteamName), ARN: sdkaws.ToString(out.Workteam.WorkteamArn)}, nil
}

func (s *sageMakerClient) ListTags(ctx context.Context, arn string) (map[string]string, error) {
	tags := map[string]string{}
	p := sagemaker.NewListTagsPaginator(s.c, &sagemaker.ListTagsInput{ResourceArn: &arn})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, mapError("ListTags", err)
		}
		for _, t := range out.Tags {
			tags[sdkaws.ToString(t.Key)] = sdkaws.ToString(t.Value)
		}
	}
	return tags, nil
}
