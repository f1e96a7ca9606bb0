//go:build !linux

package awstest

import "syscall"

// sysProcAttr puts moto in its own process group, stopped as a whole.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
