package checks

import (
	"strings"
)

// GT8010: the worker task template's file name should end in .html or
// .liquid (.liquid.html for custom workflows; conflict C9 accepts all
// three). Like every GT8 rule it is a file rule (RULES.md §0.2): it checks
// the local template, whose name becomes the last segment of the key that
// apply uploads it to; an s3:// URI is not checked offline.
var _ = register(Check{
	Rules: []string{"GT8010"},
	Run: func(p *Pass) {
		if _, a := gt8Template(p); a == nil {
			return
		}
		s, n, _ := p.Root.Str(gt8Path)
		name := s[strings.LastIndexAny(s, `/\`)+1:]
		low := strings.ToLower(name)
		if strings.HasSuffix(low, ".html") || strings.HasSuffix(low, ".liquid") {
			return
		}
		p.ReportNode("GT8010", n, gt8Path, "Template file `%s` ends in neither `.html` nor `.liquid`. Save worker task templates with a `.html`, `.liquid` or `.liquid.html` extension.", name)
	},
})
