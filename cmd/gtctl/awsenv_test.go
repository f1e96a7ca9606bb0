package main

import (
	"maps"
	"path/filepath"
	"testing"
)

// setAWSEnv points the standard AWS configuration, which gtctl reads as
// users run it, at local endpoints and nowhere else: no file from the home
// directory, fake credentials, and every service without an
// AWS_ENDPOINT_URL_<SERVICE> in vars at a closed port, so that no test
// reaches AWS. vars (the endpoints, or any variable to set otherwise) are
// set over these. Not for parallel tests: it sets the environment.
func setAWSEnv(t *testing.T, vars map[string]string) {
	t.Helper()
	home := t.TempDir()
	env := map[string]string{
		"HOME":                        home,
		"AWS_CONFIG_FILE":             filepath.Join(home, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "credentials"),
		"AWS_PROFILE":                 "",
		"AWS_ACCESS_KEY_ID":           "testing",
		"AWS_SECRET_ACCESS_KEY":       "testing",
		"AWS_SESSION_TOKEN":           "",
		"AWS_REGION":                  "us-east-1",
		"AWS_DEFAULT_REGION":          "",
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_MAX_ATTEMPTS":            "",
		"AWS_ENDPOINT_URL":            "http://127.0.0.1:9",
	}
	maps.Copy(env, vars)
	for k, v := range env {
		t.Setenv(k, v)
	}
}
