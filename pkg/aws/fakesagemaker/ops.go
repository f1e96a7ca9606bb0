package fakesagemaker

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"
)

type handler func(in map[string]any) (any, error)

func (s *Server) handlers() map[string]handler {
	return map[string]handler{
		"CreateLabelingJob":   s.createLabelingJob,
		"DescribeLabelingJob": s.describeLabelingJob,
		"ListLabelingJobs":    s.listLabelingJobs,
		"StopLabelingJob":     s.stopLabelingJob,
		"DescribeWorkteam":    s.describeWorkteam,
		"ListTags":            s.listTags,
		"AddTags":             s.addTags,
	}
}

// createMembers are the members of CreateLabelingJobRequest, kept as sent.
var createMembers = []string{"LabelingJobName", "LabelAttributeName", "InputConfig", "OutputConfig", "RoleArn",
	"LabelCategoryConfigS3Uri", "StoppingConditions", "LabelingJobAlgorithmsConfig", "HumanTaskConfig", "Tags"}

func (s *Server) createLabelingJob(in map[string]any) (any, error) {
	name := in["LabelingJobName"].(string) // validated: required string
	before, after := s.hooks()
	if before != nil {
		if err := before(name); err != nil {
			return nil, err
		}
	}
	key := strings.ToLower(name)
	s.mu.Lock()
	if j, ok := s.jobs[key]; ok {
		s.mu.Unlock()
		return nil, &Fault{Status: 400, Code: "ResourceInUse",
			Message: fmt.Sprintf("Job name must be unique within an AWS account and region, and a job with this name already exists (%s)", j.arn)}
	}
	now := s.now()
	s.refSeq++
	req := map[string]any{}
	for _, m := range createMembers {
		if v, ok := in[m]; ok && v != nil {
			req[m] = v
		}
	}
	j := &job{
		name:     name,
		arn:      s.JobARN(name),
		request:  req,
		status:   "InProgress",
		created:  now,
		modified: now,
		refCode:  fmt.Sprintf("%s%08d", s.account, s.refSeq),
	}
	if tags, ok := in["Tags"].([]any); ok {
		j.tags = append([]any(nil), tags...)
	}
	s.jobs[key] = j
	s.mu.Unlock()

	if after != nil {
		if err := after(name); err != nil {
			return nil, err
		}
	}
	return map[string]any{"LabelingJobArn": j.arn}, nil
}

// settle moves a stopping job on; s.mu is held.
func (s *Server) settle(j *job) {
	if j.status == "Stopping" && !j.stopAt.IsZero() && !s.now().Before(j.stopAt.Add(s.stopDelay)) {
		j.status = "Stopped"
		j.modified = s.now()
		j.stopAt = time.Time{}
	}
}

func labelCounters() map[string]any {
	return map[string]any{"TotalLabeled": 0, "HumanLabeled": 0, "MachineLabeled": 0, "FailedNonRetryableError": 0, "Unlabeled": 0}
}

func notFound(what, name string) *Fault {
	return &Fault{Status: 400, Code: "ResourceNotFound", Message: fmt.Sprintf("Could not find %s %q.", what, name)}
}

// settledJob returns the named job with its status brought up to now;
// s.mu must be held.
func (s *Server) settledJob(name string) (*job, error) {
	j, ok := s.jobs[strings.ToLower(name)]
	if !ok {
		return nil, notFound("labeling job", name)
	}
	s.settle(j)
	return j, nil
}

func (s *Server) describeLabelingJob(in map[string]any) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j, err := s.settledJob(in["LabelingJobName"].(string))
	if err != nil {
		return nil, err
	}
	out := maps.Clone(j.request)
	if j.tags != nil {
		out["Tags"] = append([]any(nil), j.tags...)
	}
	out["LabelingJobStatus"] = j.status
	out["LabelCounters"] = labelCounters()
	out["CreationTime"] = epoch(j.created)
	out["LastModifiedTime"] = epoch(j.modified)
	out["JobReferenceCode"] = j.refCode
	out["LabelingJobArn"] = j.arn
	if j.failure != "" {
		out["FailureReason"] = j.failure
	}
	if j.status == "Completed" {
		out["LabelingJobOutput"] = map[string]any{"OutputDatasetS3Uri": outputURI(j)}
	}
	return out, nil
}

func outputURI(j *job) string {
	p, _ := j.request["OutputConfig"].(map[string]any)["S3OutputPath"].(string)
	return strings.TrimSuffix(p, "/") + "/" + j.name + "/manifests/output/output.manifest"
}

type listQuery struct {
	sortBy, order                 string
	nameContains, status          string
	createdAfter, createdBefore   *time.Time
	modifiedAfter, modifiedBefore *time.Time
}

// cursor is the position after the last job of a page: the NextToken.
type cursor struct {
	Name    string `json:"n"`
	Created int64  `json:"c"`
	Status  string `json:"s"`
}

func (s *Server) listLabelingJobs(in map[string]any) (any, error) {
	q := listQuery{sortBy: "CreationTime", order: "Ascending"}
	if v, ok := in["SortBy"].(string); ok {
		q.sortBy = v
	}
	if v, ok := in["SortOrder"].(string); ok {
		q.order = v
	}
	q.nameContains, _ = in["NameContains"].(string)
	q.status, _ = in["StatusEquals"].(string)
	var err error
	for member, dst := range map[string]**time.Time{
		"CreationTimeAfter": &q.createdAfter, "CreationTimeBefore": &q.createdBefore,
		"LastModifiedTimeAfter": &q.modifiedAfter, "LastModifiedTimeBefore": &q.modifiedBefore,
	} {
		if v, ok := in[member]; ok {
			if *dst, err = parseTime(v); err != nil {
				return nil, &Fault{Status: 400, Code: "SerializationException", Message: fmt.Sprintf("%s: %v", member, err)}
			}
		}
	}
	maxResults := 10
	if v, ok := in["MaxResults"].(json.Number); ok {
		n, _ := v.Int64() // validated: 1–100
		maxResults = int(n)
	}
	var after *cursor
	if tok, ok := in["NextToken"].(string); ok && tok != "" {
		after = &cursor{}
		b, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || json.Unmarshal(b, after) != nil {
			return nil, &Fault{Status: 400, Code: "ValidationException", Message: "Invalid pagination token"}
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	jobs := s.sortedJobs(q)
	start := 0
	if after != nil {
		start = sort.Search(len(jobs), func(i int) bool {
			return compare(q, keyOf(jobs[i]), *after) > 0
		})
	}
	end := min(start+maxResults, len(jobs))
	list := make([]any, 0, end-start)
	for _, j := range jobs[start:end] {
		list = append(list, summary(j))
	}
	out := map[string]any{"LabelingJobSummaryList": list}
	if end < len(jobs) {
		b, _ := json.Marshal(keyOf(jobs[end-1]))
		out["NextToken"] = base64.RawURLEncoding.EncodeToString(b)
	}
	return out, nil
}

func keyOf(j *job) cursor {
	return cursor{Name: j.name, Created: j.created.UnixNano(), Status: j.status}
}

// compare orders jobs as listed: by the SortBy field, then creation time,
// then name, reversed for Descending.
func compare(q listQuery, a, b cursor) int {
	c := 0
	switch q.sortBy {
	case "Name":
		c = strings.Compare(a.Name, b.Name)
	case "Status":
		c = strings.Compare(a.Status, b.Status)
	}
	if c == 0 {
		c = cmpInt(a.Created, b.Created)
	}
	if c == 0 {
		c = strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	}
	if q.order == "Descending" {
		c = -c
	}
	return c
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sortedJobs filters and sorts the jobs; s.mu is held.
func (s *Server) sortedJobs(q listQuery) []*job {
	var out []*job
	needle := strings.ToLower(q.nameContains)
	for _, j := range s.jobs {
		s.settle(j)
		switch {
		case needle != "" && !strings.Contains(strings.ToLower(j.name), needle),
			q.status != "" && j.status != q.status,
			q.createdAfter != nil && !j.created.After(*q.createdAfter),
			q.createdBefore != nil && !j.created.Before(*q.createdBefore),
			q.modifiedAfter != nil && !j.modified.After(*q.modifiedAfter),
			q.modifiedBefore != nil && !j.modified.Before(*q.modifiedBefore):
			continue
		}
		out = append(out, j)
	}
	sort.Slice(out, func(a, b int) bool { return compare(q, keyOf(out[a]), keyOf(out[b])) < 0 })
	return out
}

func summary(j *job) map[string]any {
	sum := map[string]any{
		"LabelingJobName":   j.name,
		"LabelingJobArn":    j.arn,
		"CreationTime":      epoch(j.created),
		"LastModifiedTime":  epoch(j.modified),
		"LabelingJobStatus": j.status,
		"LabelCounters":     labelCounters(),
	}
	if v, ok := j.request["InputConfig"]; ok {
		sum["InputConfig"] = v
	}
	if htc, ok := j.request["HumanTaskConfig"].(map[string]any); ok {
		if v, ok := htc["WorkteamArn"]; ok {
			sum["WorkteamArn"] = v
		}
		if v, ok := htc["PreHumanTaskLambdaArn"]; ok {
			sum["PreHumanTaskLambdaArn"] = v
		}
		if acc, ok := htc["AnnotationConsolidationConfig"].(map[string]any); ok {
			if v, ok := acc["AnnotationConsolidationLambdaArn"]; ok {
				sum["AnnotationConsolidationLambdaArn"] = v
			}
		}
	}
	if j.failure != "" {
		sum["FailureReason"] = j.failure
	}
	if j.status == "Completed" {
		sum["LabelingJobOutput"] = map[string]any{"OutputDatasetS3Uri": outputURI(j)}
	}
	return sum
}

func parseTime(v any) (*time.Time, error) {
	switch v := v.(type) {
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return nil, err
		}
		t := time.UnixMilli(int64(f * 1000))
		return &t, nil
	case string:
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return nil, err
		}
		return &t, nil
	}
	return nil, fmt.Errorf("not a timestamp")
}

func (s *Server) stopLabelingJob(in map[string]any) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j, err := s.settledJob(in["LabelingJobName"].(string))
	if err != nil {
		return nil, err
	}
	switch j.status {
	case "Initializing", "InProgress":
		j.status = "Stopping"
		j.stopAt = s.now()
		j.modified = j.stopAt
	case "Completed", "Failed":
		return nil, &Fault{Status: 400, Code: "ValidationException",
			Message: fmt.Sprintf("Labeling job %s is in status %s and cannot be stopped.", j.name, j.status)}
	}
	return map[string]any{}, nil
}

func (s *Server) describeWorkteam(in map[string]any) (any, error) {
	name := in["WorkteamName"].(string)
	s.mu.Lock()
	defer s.mu.Unlock()
	created, ok := s.workteams[name]
	if !ok {
		return nil, notFound("workteam", name)
	}
	return map[string]any{"Workteam": map[string]any{
		"WorkteamName": name,
		"WorkteamArn":  s.workteamARN(name),
		"WorkforceArn": fmt.Sprintf("arn:aws:sagemaker:%s:%s:workforce/default", s.region, s.account),
		"MemberDefinitions": []any{map[string]any{"CognitoMemberDefinition": map[string]any{
			"UserPool": s.region + "_fake", "UserGroup": name, "ClientId": "fakeclientid"}}},
		"Description":     "fakesagemaker workteam " + name,
		"SubDomain":       "fake.labeling.sagemaker.aws",
		"CreateDate":      epoch(created),
		"LastUpdatedDate": epoch(created),
	}}, nil
}

// jobByARN finds a job by ARN; s.mu is held.
func (s *Server) jobByARN(arn string) *job {
	for _, j := range s.jobs {
		if strings.EqualFold(j.arn, arn) {
			return j
		}
	}
	return nil
}

func (s *Server) listTags(in map[string]any) (any, error) {
	arn := in["ResourceArn"].(string)
	s.mu.Lock()
	defer s.mu.Unlock()
	if j := s.jobByARN(arn); j != nil {
		tags := append([]any{}, j.tags...)
		return map[string]any{"Tags": tags}, nil
	}
	for name := range s.workteams {
		if s.workteamARN(name) == arn {
			return map[string]any{"Tags": []any{}}, nil
		}
	}
	return nil, notFound("resource", arn)
}

func (s *Server) addTags(in map[string]any) (any, error) {
	arn := in["ResourceArn"].(string)
	add, _ := in["Tags"].([]any)
	s.mu.Lock()
	defer s.mu.Unlock()
	j := s.jobByARN(arn)
	if j == nil {
		return nil, notFound("resource", arn)
	}
	for _, t := range add {
		tm, _ := t.(map[string]any)
		replaced := false
		for i, old := range j.tags {
			if om, _ := old.(map[string]any); om["Key"] == tm["Key"] {
				j.tags[i] = tm
				replaced = true
			}
		}
		if !replaced {
			j.tags = append(j.tags, tm)
		}
	}
	if len(j.tags) > 50 {
		return nil, &Fault{Status: 400, Code: "ValidationException", Message: "Number of tags exceeds the limit of 50."}
	}
	return map[string]any{"Tags": add}, nil
}
