package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestSchemaFormats(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"schema", "--format", "jsonschema"}, nil, &out, &errOut); code != exitOK {
		t.Fatalf("schema --format jsonschema: exit %d\n%s", code, errOut.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc["$schema"] != "http://json-schema.org/draft-07/schema#" || doc["properties"] == nil {
		t.Errorf("not a draft-07 schema of the request: $schema %v", doc["$schema"])
	}

	out.Reset()
	if code := run([]string{"schema"}, nil, &out, &errOut); code != exitOK || !strings.Contains(out.String(), "#CreateLabelingJobRequest") {
		t.Errorf("schema (cue): exit %d", code)
	}
	for _, args := range [][]string{{"schema", "--format", "yaml"}, {"schema", "extra"}} {
		errOut.Reset()
		if code := run(args, nil, &out, &errOut); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
