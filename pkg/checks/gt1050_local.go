package checks

import (
	"errors"
	"os"
)

// GT1050 for the three artifact members that hold a local path: the file
// must exist inside the repository. (Their URI form is checked by the
// schema, as for every other S3 URI member.)
var _ = register(Check{
	Rules: []string{"GT1050"},
	Run: func(p *Pass) {
		for _, m := range []string{PathManifest, PathLabelFile, PathUITemplate} {
			a := p.Local(m)
			if a == nil || a.Err == nil {
				continue
			}
			switch {
			case errors.Is(a.Err, ErrOutsideRepo):
				p.ReportNode("GT1050", a.Node, m, "`%s` names the local file %s, which resolves outside the repository; it is not read or uploaded. Keep artifacts in the repository or use an s3:// URI.", m, a.Path)
			case errors.Is(a.Err, os.ErrNotExist):
				p.ReportNode("GT1050", a.Node, m, "`%s` is neither an S3 URI nor an existing file: %s does not exist (paths are relative to the spec file).", m, a.Path)
			default:
				p.ReportNode("GT1050", a.Node, m, "`%s` names %s, which cannot be used: %v.", m, a.Path, a.Err)
			}
		}
	},
})
