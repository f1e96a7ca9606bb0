package didyoumean

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"TaskDescription", "TaskTitle", "BoundingBox", "ImageMultiClass"}
	for _, tc := range []struct{ in, want string }{
		{"TaskDescriptoin", "TaskDescription"},
		{"boundingbox", "BoundingBox"},
		{"tasktitle", "TaskTitle"},
		{"tasktype", "TaskTitle"}, // 3 edits: still close
		{"Workteam", ""},
		{"", ""},
	} {
		if got := Closest(tc.in, names); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"région", "region", 1},
	} {
		if d := Distance(tc.a, tc.b); d != tc.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, d, tc.d)
		}
	}
}
