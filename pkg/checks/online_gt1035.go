package checks

import (
	"errors"
	"strings"

	"github.com/gtctl/gtctl/pkg/aws"
)

// errFound stops a listing once the job is found.
var errFound = errors.New("found")

// GT1035: a labeling job of this name, compared without regard to case,
// already exists in the account and Region. ListLabelingJobs with
// NameContains finds it whatever its case; when listing is denied,
// DescribeLabelingJob of the exact name is the fallback.
//
// During plan and apply the job existing is normal (the plan says unchanged
// or changed), so they skip this rule (lint.Options.SkipNameCheck).
var _ = registerOnline(Check{
	Rules: []string{"GT1035"},
	Run: func(p *Pass) {
		name, ok := p.Str("LabelingJobName")
		if !ok || name == "" {
			return
		}
		var found string
		err := p.AWS.SageMaker.ListLabelingJobs(p.ctx(), aws.ListOptions{NameContains: name}, func(page []aws.JobSummary) error {
			for _, j := range page {
				if strings.EqualFold(j.Name, name) {
					found = j.Name
					return errFound
				}
			}
			return nil
		})
		if err != nil && !errors.Is(err, errFound) {
			if !errors.Is(err, aws.ErrAccessDenied) {
				p.onlineTrouble("GT1035", "LabelingJobName", "sagemaker:ListLabelingJobs", "sagemaker:ListLabelingJobs", err)
				return
			}
			j, derr := p.AWS.SageMaker.DescribeLabelingJob(p.ctx(), name)
			switch {
			case derr == nil:
				found = j.Name
			case errors.Is(derr, aws.ErrNotFound):
				return
			default:
				p.onlineTrouble("GT1035", "LabelingJobName", "sagemaker:ListLabelingJobs and sagemaker:DescribeLabelingJob", "sagemaker:ListLabelingJobs (or sagemaker:DescribeLabelingJob)", err)
				return
			}
		}
		if found == "" {
			return
		}
		same := ""
		if found != name {
			same = " as `" + found + "`"
		}
		p.Reportf("GT1035", "LabelingJobName", "A labeling job named `%s` already exists%s in this account and Region (%s; names are case-insensitive, and names of finished jobs stay taken). Choose a new name.", name, same, p.AWS.Region)
	},
})
