package plan

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gtctl/gtctl/pkg/aws"
)

func TestDiff(t *testing.T) {
	base := func() aws.Request {
		return aws.Request{
			"LabelingJobName": "birds",
			"InputConfig": map[string]any{"DataAttributes": map[string]any{
				"ContentClassifiers": []any{"FreeOfPersonallyIdentifiableInformation", "FreeOfAdultContent"},
			}},
			"HumanTaskConfig": map[string]any{
				"TaskTimeLimitInSeconds": int64(600),
				"TaskKeywords":           []any{"Images", "Boxes"},
			},
			"Tags": []any{map[string]any{"Key": "team", "Value": "vision"}},
		}
	}
	for _, tc := range []struct {
		name   string
		live   func(aws.Request)
		change []Change
	}{
		{"identical", func(aws.Request) {}, nil},
		{"json numbers and set order", func(r aws.Request) {
			r["HumanTaskConfig"].(map[string]any)["TaskTimeLimitInSeconds"] = float64(600)
			r["InputConfig"].(map[string]any)["DataAttributes"].(map[string]any)["ContentClassifiers"] = []any{"FreeOfAdultContent", "FreeOfPersonallyIdentifiableInformation"}
		}, nil},
		{"tags are not compared", func(r aws.Request) { delete(r, "Tags") }, nil},
		{"changed value", func(r aws.Request) {
			r["HumanTaskConfig"].(map[string]any)["TaskTimeLimitInSeconds"] = int64(900)
		}, []Change{{"HumanTaskConfig.TaskTimeLimitInSeconds", int64(900), int64(600)}}},
		{"member only live", func(r aws.Request) {
			r["HumanTaskConfig"].(map[string]any)["MaxConcurrentTaskCount"] = int64(100)
		}, []Change{{"HumanTaskConfig.MaxConcurrentTaskCount", int64(100), nil}}},
		{"list item", func(r aws.Request) {
			r["HumanTaskConfig"].(map[string]any)["TaskKeywords"] = []any{"Images", "Birds"}
		}, []Change{{"HumanTaskConfig.TaskKeywords[1]", "Birds", "Boxes"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			live := base()
			tc.live(live)
			got := Diff(live, base())
			if diff := cmp.Diff(tc.change, got); diff != "" {
				t.Errorf("Diff (-want +got):\n%s", diff)
			}
		})
	}
}
