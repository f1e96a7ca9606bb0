package groundtruth

import (
	"fmt"
	"testing"

	"github.com/gtctl/gtctl/pkg/spec"
)

func doc(t *testing.T, pre, acs, workteam, ui string) *spec.Node {
	t.Helper()
	src := "HumanTaskConfig:\n"
	if pre != "" {
		src += fmt.Sprintf("  PreHumanTaskLambdaArn: %s\n", pre)
	}
	if acs != "" {
		src += fmt.Sprintf("  AnnotationConsolidationConfig:\n    AnnotationConsolidationLambdaArn: %s\n", acs)
	}
	if workteam != "" {
		src += fmt.Sprintf("  WorkteamArn: %s\n", workteam)
	}
	if ui != "" {
		src += fmt.Sprintf("  UiConfig:\n    HumanTaskUiArn: %s\n", ui)
	}
	docs, errs := spec.Parse("t.yaml", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return docs[0].Root
}

const (
	preBB  = "arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox"
	acsBB  = "arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox"
	acsIC  = "arn:aws:lambda:us-east-1:432418664414:function:ACS-ImageMultiClass"
	custom = "arn:aws:lambda:eu-west-1:111122223333:function:my-pre"
)

func TestResolve(t *testing.T) {
	f, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name                      string
		pre, acs, workteam, ui    string
		flag, def                 string
		taskType, region, regPath string
		workforce                 Workforce
	}{
		{"built-in pair", preBB, acsBB, "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t", "", "", "", "BoundingBox", "us-east-1", PathPreLambda, WorkforcePrivate},
		{"different keys: PRE decides", preBB, acsIC, "", "", "", "", "BoundingBox", "us-east-1", PathPreLambda, WorkforceUnknown},
		{"both custom", custom, "arn:aws:lambda:eu-west-1:111122223333:function:my-acs", "arn:aws:sagemaker:eu-west-1:394669845002:workteam/public-crowd/default", "", "", "", "Custom", "eu-west-1", PathPreLambda, WorkforceMTurk},
		{"video classification alias", "arn:aws:lambda:us-east-1:432418664414:function:PRE-VideoClassification", "arn:aws:lambda:us-east-1:432418664414:function:ACS-VideoClassification", "", "", "", "", "VideoMultiClass", "us-east-1", PathPreLambda, WorkforceUnknown},
		{"unknown key", "arn:aws:lambda:us-east-1:432418664414:function:PRE-tasktype", "arn:aws:lambda:us-east-1:432418664414:function:ACS-", "", "", "", "", "", "us-east-1", PathPreLambda, WorkforceUnknown},
		{"majority Region", preBB, acsBB, "arn:aws:sagemaker:eu-west-1:111122223333:workteam/vendor-crowd/v", "arn:aws:sagemaker:eu-west-1:394669845002:human-task-ui/X", "", "", "BoundingBox", "us-east-1", PathPreLambda, WorkforceVendor},
		{"ARNs win over the flag", preBB, acsBB, "", "", "eu-west-1", "ap-south-1", "BoundingBox", "us-east-1", PathPreLambda, WorkforceUnknown},
		{"flag when no ARN has a Region", "", "", "", "", "eu-west-1", "ap-south-1", "", "eu-west-1", "", WorkforceUnknown},
		{"default last", "", "", "", "", "", "ap-south-1", "", "ap-south-1", "", WorkforceUnknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := f.Resolve(doc(t, tc.pre, tc.acs, tc.workteam, tc.ui), tc.flag, tc.def)
			if j.TaskType != tc.taskType || j.Region != tc.region || j.RegionPath != tc.regPath || j.Workforce != tc.workforce {
				t.Errorf("got type %q region %q from %q workforce %v; want %q %q %q %v", j.TaskType, j.Region, j.RegionPath, j.Workforce, tc.taskType, tc.region, tc.regPath, tc.workforce)
			}
			if (j.Type != nil) != (tc.taskType != "") {
				t.Errorf("Type = %v for task type %q", j.Type, tc.taskType)
			}
			if j.RegionFlag != tc.flag {
				t.Errorf("RegionFlag = %q", j.RegionFlag)
			}
		})
	}
}

func TestParseARN(t *testing.T) {
	a, ok := ParseARN("arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox:1")
	if !ok || a.Service != "lambda" || a.Region != "us-east-1" || a.Resource != "function:PRE-BoundingBox:1" {
		t.Errorf("%+v %v", a, ok)
	}
	if _, ok := ParseARN("arn:aws:lambda:us-east-1"); ok {
		t.Error("an ARN needs six parts")
	}
}
