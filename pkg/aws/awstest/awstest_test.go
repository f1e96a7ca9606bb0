package awstest

import "testing"

func TestCheckLoopback(t *testing.T) {
	for u, ok := range map[string]bool{
		"http://127.0.0.1:5000":           true,
		"http://localhost:5000":           true,
		"http://[::1]:5000":               true,
		"http://127.8.0.1":                true,
		"https://sagemaker.amazonaws.com": false,
		"http://10.0.0.1:5000":            false,
		"http://192.168.1.2":              false,
	} {
		if err := checkLoopback(u); (err == nil) != ok {
			t.Errorf("checkLoopback(%s) = %v", u, err)
		}
	}
}
