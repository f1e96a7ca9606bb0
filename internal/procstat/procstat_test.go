package procstat

import (
	"os"
	"runtime"
	"testing"
)

func TestVMHWM(t *testing.T) {
	for _, c := range []struct {
		status string
		want   int64
		err    bool
	}{
		{"Name:\tgtctl\nVmPeak:\t  812344 kB\nVmHWM:\t   56184 kB\nVmRSS:\t   40000 kB\n", 56184 << 10, false},
		{"VmHWM:\t0 kB", 0, false},
		{"Name:\tgtctl\n", 0, true},
		{"VmHWM:\t56184 MB\n", 0, true},
		{"VmHWM:\tlots kB\n", 0, true},
	} {
		got, err := vmHWM([]byte(c.status))
		if got != c.want || (err != nil) != c.err {
			t.Errorf("vmHWM(%q) = %d, %v; want %d, error %v", c.status, got, err, c.want, c.err)
		}
	}
}

// TestPeakRSSSelf: the peak covers memory this process touched and let go.
func TestPeakRSSSelf(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc/<pid>/status is Linux's")
	}
	b := make([]byte, 64<<20)
	for i := range b {
		b[i] = 1
	}
	runtime.KeepAlive(b)
	got, err := PeakRSS(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if got < 64<<20 {
		t.Errorf("peak RSS %d bytes after touching 64 MiB", got)
	}
	if _, err := PeakRSS(-1); err == nil {
		t.Error("PeakRSS(-1): no error")
	}
}
