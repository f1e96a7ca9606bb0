package awstest

import "syscall"

// sysProcAttr puts moto in its own process group (stopped as a whole) and
// has the kernel stop it if the test binary dies without cleaning up.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
