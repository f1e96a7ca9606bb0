package rules

import (
	"regexp"
	"strings"
	"testing"
)

var idPattern = regexp.MustCompile(`^GT[1-9][0-9]{3}$`)

// Source names in RULES.md's short form (§0.1).
var sourcePattern = regexp.MustCompile(`^(api-docs|seed|validate\.py|model#[A-Za-z0-9]+|gt/[a-z0-9-]+\.md|web:https://\S+)$`)

func TestCatalogEntries(t *testing.T) {
	all := All()
	if len(all) == 0 {
		t.Fatal("empty catalog")
	}
	for _, r := range all {
		t.Run(r.ID, func(t *testing.T) {
			checks := []struct {
				name string
				ok   bool
			}{
				{"ID matches ^GT[1-9][0-9]{3}$", idPattern.MatchString(r.ID)},
				{"Title is non-empty", strings.TrimSpace(r.Title) != ""},
				{"Doc is non-empty", strings.TrimSpace(r.Doc) != ""},
				{"Source is non-empty", r.Source != ""},
				{"Source is in RULES.md short form (or gtctl for GT9xxx)", sourcePattern.MatchString(r.Source) || r.Source == "gtctl" && strings.HasPrefix(r.ID, "GT9")},
				{"URL starts with https://", strings.HasPrefix(r.URL, "https://")},
				{"Severity is error, warning or info", r.Severity == Error || r.Severity == Warning || r.Severity == Info},
			}
			for _, c := range checks {
				if !c.ok {
					t.Errorf("%s: %s (Title %q, Source %q, URL %q)", r.ID, c.name, r.Title, r.Source, r.URL)
				}
			}
			if n := strings.Count(strings.TrimSpace(r.Doc), "\n") + 1; n < 2 || n > 5 {
				t.Errorf("%s: Doc has %d lines, want 2–5", r.ID, n)
			}
			if got, ok := Get(r.ID); !ok || got != r {
				t.Errorf("Get(%q) does not return the catalog entry", r.ID)
			}
		})
	}
}

// The expected numbers are RULES.md §5 "Rule index". They agree with a count
// of the §3 rule headers (grep '^\*\*GT' RULES.md, minus GT4000, which is a
// classification and not a rule): 195 rules. The two rules whose severity
// depends on the case (GT6300, GT7095) are catalogued as Error, so §5's
// "error/warning by case" column is added to the error column here.
func TestFamilyCounts(t *testing.T) {
	tests := []struct {
		family                  string
		rules, errors, warnings int
		online                  int
		allFile                 bool
	}{
		{"GT1", 30, 28, 2, 1, false},
		{"GT2", 33, 22, 11, 3, false},
		{"GT3", 8, 5, 3, 1, false},
		{"GT4", 14, 8, 6, 1, false},
		{"GT5", 36, 25, 11, 0, true},
		{"GT6", 34, 27 + 1, 6, 1, true},
		{"GT7", 22, 13 + 1, 8, 7, false},
		{"GT8", 18, 5, 13, 0, true},
		// GT9xxx is gtctl's own family (suppression comments), not RULES.md's.
		{"GT9", 2, 1, 1, 0, false},
	}
	total := 0
	for _, tt := range tests {
		t.Run(tt.family, func(t *testing.T) {
			var n, errs, warns, online int
			for _, r := range All() {
				if !strings.HasPrefix(r.ID, tt.family) {
					continue
				}
				n++
				switch r.Severity {
				case Error:
					errs++
				case Warning:
					warns++
				}
				if r.Online {
					online++
				}
				if tt.allFile && !r.File {
					t.Errorf("%s: every %sxxx rule is a file rule", r.ID, tt.family)
				}
			}
			if n != tt.rules {
				t.Errorf("%sxxx: %d rules, want %d", tt.family, n, tt.rules)
			}
			if errs != tt.errors || warns != tt.warnings {
				t.Errorf("%sxxx: %d errors and %d warnings, want %d and %d", tt.family, errs, warns, tt.errors, tt.warnings)
			}
			if online != tt.online {
				t.Errorf("%sxxx: %d online rules, want %d", tt.family, online, tt.online)
			}
		})
		total += tt.rules
	}
	if got := len(All()); got != total {
		t.Errorf("catalog has %d rules, want %d", got, total)
	}
}

func TestSelectedRules(t *testing.T) {
	tests := []struct {
		id       string
		severity Severity
		online   bool
		file     bool
	}{
		{"GT3010", Error, false, false},
		{"GT1035", Error, true, false},
		{"GT1085", Warning, false, false},
		{"GT2160", Error, false, true},
		{"GT2190", Warning, false, true},
		{"GT3050", Error, true, false},
		{"GT6300", Error, false, true}, // warning for image audits, see Doc
		{"GT6400", Error, true, true},
		{"GT7095", Error, false, false}, // warning for adjustment jobs, see Doc
		{"GT8130", Warning, false, true},
	}
	for _, tt := range tests {
		r, ok := Get(tt.id)
		if !ok {
			t.Errorf("Get(%q): not found", tt.id)
			continue
		}
		if r.Severity != tt.severity || r.Online != tt.online || r.File != tt.file {
			t.Errorf("%s: severity %v online %v file %v, want %v %v %v",
				tt.id, r.Severity, r.Online, r.File, tt.severity, tt.online, tt.file)
		}
	}
	if _, ok := Get("GT4000"); ok {
		t.Error("GT4000 is a classification, not a rule")
	}
}

func TestURLs(t *testing.T) {
	tests := []struct{ id, url string }{
		{"GT1030", apiURL},
		{"GT1035", apiURL},
		{"GT1000", apiURL},
		{"GT1025", gtURL + "sms-create-labeling-job-api.html"},
		{"GT2030", gtURL + "sms-bounding-box.html"},
		{"GT3055", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html"},
	}
	for _, tt := range tests {
		if r := MustGet(tt.id); r.URL != tt.url {
			t.Errorf("%s: URL %q, want %q", tt.id, r.URL, tt.url)
		}
	}
}
