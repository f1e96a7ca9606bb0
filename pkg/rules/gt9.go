package rules

// GT9xxx: gtctl's own rules about its inline suppression comments. They
// are not in RULES.md, which catalogs what Ground Truth documents.
var _ = add(
	Rule{
		ID:       "GT9010",
		Severity: Error,
		Title:    "Suppression without a reason",
		Source:   "gtctl",
		URL:      "https://github.com/gtctl/gtctl#suppressing-a-finding",
		Doc: `A "# gtctl:ignore GTxxxx -- reason" comment must say why the finding does
not apply; without a reason it silences nothing. Add the reason after "--".`,
	},
	Rule{
		ID:       "GT9020",
		Severity: Warning,
		Title:    "Suppression that silences nothing",
		Source:   "gtctl",
		URL:      "https://github.com/gtctl/gtctl#suppressing-a-finding",
		Doc: `A "# gtctl:ignore" comment names a rule that reports nothing on its line or
the line below. Remove the comment, or fix the rule ID it names.`,
	},
)
