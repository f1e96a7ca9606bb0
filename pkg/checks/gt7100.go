package checks

import "regexp"

// The KMS key forms of RULES.md GT7100 (api-docs .VolumeKmsKeyId: "KMS
// Key ID" or "Amazon Resource Name (ARN) of a KMS Key"; OutputConfig.KmsKeyId
// may also name an alias).
var (
	kmsKeyID    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	kmsKeyARN   = regexp.MustCompile(`^arn:aws[a-z\-]*:kms:[a-z0-9\-]+:\d{12}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	kmsAlias    = regexp.MustCompile(`^alias/[a-zA-Z0-9/_\-]+$`)
	kmsAliasARN = regexp.MustCompile(`^arn:aws[a-z\-]*:kms:[a-z0-9\-]+:\d{12}:alias/[a-zA-Z0-9/_\-]+$`)
)

// GT7100: a KMS key member that passes the KmsKeyId pattern (GT1080) but
// is none of the documented forms. "" and the placeholder "string" are
// GT1085's.
var _ = register(Check{
	Rules: []string{"GT7100"},
	Run: func(p *Pass) {
		for _, m := range []struct {
			path  string
			alias bool
		}{
			{pathResourceConfig + ".VolumeKmsKeyId", false},
			{"OutputConfig.KmsKeyId", true},
		} {
			s, ok := p.Str(m.path)
			if !ok || s == "" || s == "string" {
				continue
			}
			if kmsKeyID.MatchString(s) || kmsKeyARN.MatchString(s) {
				continue
			}
			if m.alias && (kmsAlias.MatchString(s) || kmsAliasARN.MatchString(s)) {
				continue
			}
			forms := "a KMS key ID (`1234abcd-12ab-34cd-56ef-1234567890ab`) or key ARN (`arn:aws:kms:<region>:<account>:key/<id>`)"
			if m.alias {
				forms = "a KMS key ID (`1234abcd-12ab-34cd-56ef-1234567890ab`), key ARN (`arn:aws:kms:<region>:<account>:key/<id>`), alias (`alias/<name>`) or alias ARN"
			}
			p.Reportf("GT7100", m.path, "`%s` should be %s; got `%s`.", m.path, forms, s)
		}
	},
})
