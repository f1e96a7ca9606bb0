package checks

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/gtctl/gtctl/pkg/aws"
	"github.com/gtctl/gtctl/pkg/groundtruth"
)

// GT2220, GT2230, GT2240: a verification or adjustment job against the job
// it audits (gt/sms-verification-data.md).
//
//	GT2220  video frame adjustment: the same annotationType (default
//	        BoundingBox) as the original job's label file
//	GT2230  every audit type: every label of the original job's label file
//	        is in this job's label file
//	GT2240  3D point cloud / video frame audits: the same HumanTaskUiArn
//
// The original job is the one whose LabelAttributeName is the audited
// attribute A: auditLabelAttributeName of this job's label file (frame
// audits), or the label key k of the manifest whose k-metadata has the
// audited type (image audits). It is found from the manifest's
// A-metadata.job-name ("labeling-job/<name>", which Ground Truth writes into
// output manifests) with DescribeLabelingJob; failing that, among the most
// recent jobs of the account (ListLabelingJobs, then DescribeLabelingJob
// of at most auditSearchMax of them). Its label file is read with S3
// GetObject.
var _ = registerOnline(Check{
	Rules: []string{"GT2220", "GT2230", "GT2240"},
	Run: func(p *Pass) {
		if !p.typeKnown() || !p.Job.Audit() || mfStreaming(p) {
			return
		}
		attr := p.auditedAttr()
		if attr == "" {
			return // GT2170 / GT6300 report the missing audited labels
		}
		orig, ok := p.originalJob(attr)
		if !ok {
			return
		}
		frame := p.Job.Type.Frame()
		if frame {
			gt2240(p, orig)
		}
		mine, ok := p.ownLabelInfo()
		if !ok {
			return
		}
		theirs, ok := p.originalLabelInfo(orig)
		if !ok {
			return
		}
		if k := p.Job.TaskType; k == "AdjustmentVideoObjectDetection" || k == "AdjustmentVideoObjectTracking" {
			if mine.annotationType != "" && theirs.annotationType != "" && mine.annotationType != theirs.annotationType {
				p.Reportf("GT2220", PathLabelFile, "The original job `%s` used annotationType `%s`; the audit job must use the same (this label file has `%s`).", orig.Name, theirs.annotationType, mine.annotationType)
			}
		}
		have := map[string]bool{}
		for _, l := range mine.labels {
			have[l] = true
		}
		var missing []string
		for _, l := range theirs.labels {
			if !have[l] {
				missing = append(missing, "`"+l+"`")
			}
		}
		if len(missing) > 0 {
			p.Reportf("GT2230", PathLabelFile, "The audit job's label file must contain all labels of the original job `%s` (missing: %s). You can add new labels, but not drop any.", orig.Name, strings.Join(missing, ", "))
		}
	},
})

func gt2240(p *Pass, orig *aws.LabelingJob) {
	theirs := strAt(orig.Request, "HumanTaskConfig", "UiConfig", "HumanTaskUiArn")
	mine, ok := p.Str(groundtruth.PathHumanTaskUI)
	if !ok || theirs == "" || mine == theirs {
		return
	}
	p.Reportf("GT2240", groundtruth.PathHumanTaskUI, "Use the same HumanTaskUiArn as the original job `%s` (`%s`).", orig.Name, theirs)
}

// strAt reads a string below nested maps of a Request.
func strAt(m map[string]any, path ...string) string {
	var v any = m
	for _, k := range path {
		mm, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = mm[k]
	}
	s, _ := v.(string)
	return s
}

// auditedAttr is the LabelAttributeName of the job being audited, "" when
// it cannot be told.
func (p *Pass) auditedAttr() string {
	if p.Job.Type.Frame() {
		li, ok := p.ownLabelInfo()
		if !ok {
			return ""
		}
		return li.auditName
	}
	m := p.onlineManifest()
	if m == nil || m.Err != nil || len(m.Lines) == 0 {
		return ""
	}
	want := ""
	switch k := p.Job.TaskType; {
	case strings.HasSuffix(k, "BoundingBox"):
		want = "groundtruth/object-detection"
	case strings.HasSuffix(k, "SemanticSegmentation"):
		want = "groundtruth/semantic-segmentation"
	}
	keys := sortedKeys(m.Lines[0])
	for _, k := range keys {
		base, ok := strings.CutSuffix(k, "-metadata")
		if !ok {
			continue
		}
		meta, _ := m.Lines[0][k].(map[string]any)
		if _, has := m.Lines[0][base]; !has || meta == nil {
			continue
		}
		if ty, _ := meta["type"].(string); want == "" || ty == want {
			return base
		}
	}
	return ""
}

// auditSearchMax bounds the jobs described when the manifest does not name
// the original job.
const auditSearchMax = 25

// originalJob finds the job whose LabelAttributeName is attr; ok is false
// when there is none to compare with (a note or warning says why).
func (p *Pass) originalJob(attr string) (*aws.LabelingJob, bool) {
	self, _ := p.Str("LabelingJobName")
	matches := func(j *aws.LabelingJob) bool {
		return j != nil && !strings.EqualFold(j.Name, self) && strAt(j.Request, "LabelAttributeName") == attr
	}
	// The manifest names it.
	if m := p.onlineManifest(); m != nil && m.Err == nil {
		tried := map[string]bool{}
		for _, line := range m.Lines {
			meta, _ := line[attr+"-metadata"].(map[string]any)
			jn, _ := meta["job-name"].(string)
			name := strings.TrimPrefix(jn, "labeling-job/")
			if name == "" || tried[name] {
				continue
			}
			tried[name] = true
			j, err := p.AWS.SageMaker.DescribeLabelingJob(p.ctx(), name)
			switch {
			case err == nil && matches(j):
				return j, true
			case err != nil && !errors.Is(err, aws.ErrNotFound):
				p.onlineTrouble("GT2230", PathLabelFile, "DescribeLabelingJob on "+name, "sagemaker:DescribeLabelingJob", err)
				return nil, false
			}
		}
	}
	// The most recent jobs of the account.
	var all []aws.JobSummary
	err := p.AWS.SageMaker.ListLabelingJobs(p.ctx(), aws.ListOptions{}, func(page []aws.JobSummary) error {
		all = append(all, page...)
		return nil
	})
	if err != nil {
		p.onlineTrouble("GT2230", PathLabelFile, "ListLabelingJobs", "sagemaker:ListLabelingJobs", err)
		return nil, false
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].CreationTime.After(all[j].CreationTime) })
	n := 0
	for _, s := range all {
		if strings.EqualFold(s.Name, self) {
			continue
		}
		if n == auditSearchMax {
			break
		}
		n++
		j, err := p.AWS.SageMaker.DescribeLabelingJob(p.ctx(), s.Name)
		if err != nil {
			if errors.Is(err, aws.ErrNotFound) {
				continue
			}
			p.onlineTrouble("GT2230", PathLabelFile, "DescribeLabelingJob on "+s.Name, "sagemaker:DescribeLabelingJob", err)
			return nil, false
		}
		if matches(j) {
			return j, true
		}
	}
	p.onlineNote("GT2230", PathLabelFile, "The job being audited (LabelAttributeName `%s`) was not found in %s (the manifest names none, and none of the %d most recent jobs matches); the audit job was not compared with it (GT2220, GT2230, GT2240).", attr, p.AWS.Region, n)
	return nil, false
}

// labelInfo is what the audit rules read from a label category file.
type labelInfo struct {
	labels         []string
	annotationType string // "BoundingBox" when absent; "" when not a string
	auditName      string
}

func parseLabelInfo(b []byte) (labelInfo, error) {
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		return labelInfo{}, err
	}
	li := labelInfo{annotationType: "BoundingBox"}
	if v, ok := root["annotationType"]; ok {
		li.annotationType, _ = v.(string)
	}
	li.auditName, _ = root["auditLabelAttributeName"].(string)
	ls, _ := root["labels"].([]any)
	for _, e := range ls {
		m, _ := e.(map[string]any)
		if s, ok := m["label"].(string); ok {
			li.labels = append(li.labels, s)
		}
	}
	return li, nil
}

// labelFileMax caps a label category file read from S3.
const labelFileMax = 8 << 20

// ownLabelInfo reads this job's label file: the local file, else the
// s3:// object. ok is false when there is none to read (a file that does
// not parse is the GT5 rules' to report).
func (p *Pass) ownLabelInfo() (labelInfo, bool) {
	type result struct {
		li labelInfo
		ok bool
	}
	v := p.Memo("online.labels", func() any {
		var b []byte
		if a := p.Local(PathLabelFile); a != nil {
			if a.Err != nil {
				return result{}
			}
			info, err := os.Stat(a.Path)
			if err != nil || info.Size() > labelFileMax {
				return result{}
			}
			if b, err = os.ReadFile(a.Path); err != nil {
				return result{}
			}
		} else {
			uri, loc, ok := p.s3Member(PathLabelFile)
			if !ok || loc.Key == "" {
				return result{}
			}
			var err error
			b, err = p.AWS.S3.GetObject(p.ctx(), loc.Bucket, loc.Key, labelFileMax)
			if err != nil {
				if !errors.Is(err, aws.ErrNotFound) { // a missing object is GT1050's
					p.onlineTrouble("GT2230", PathLabelFile, "GetObject on "+uri, "s3:GetObject", err)
				}
				return result{}
			}
		}
		li, err := parseLabelInfo(b)
		return result{li, err == nil}
	})
	r := v.(result)
	return r.li, r.ok
}

// originalLabelInfo reads the original job's label file from S3.
func (p *Pass) originalLabelInfo(j *aws.LabelingJob) (labelInfo, bool) {
	uri := strAt(j.Request, "LabelCategoryConfigS3Uri")
	loc, ok := parseS3(uri)
	if !ok || loc.Key == "" {
		return labelInfo{}, false
	}
	b, err := p.AWS.S3.GetObject(p.ctx(), loc.Bucket, loc.Key, labelFileMax)
	if err != nil {
		p.onlineTrouble("GT2230", PathLabelFile, fmt.Sprintf("GetObject on %s (the label file of the original job %s)", uri, j.Name), "s3:GetObject", err)
		return labelInfo{}, false
	}
	li, err := parseLabelInfo(b)
	if err != nil {
		p.onlineSkip("GT2230", PathLabelFile, fmt.Sprintf("the label file %s of the original job %s is not valid JSON (%v)", uri, j.Name, err))
		return labelInfo{}, false
	}
	return li, true
}
