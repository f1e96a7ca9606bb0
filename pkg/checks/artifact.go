package checks

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/spec"
)

// Artifact members: the three fields that may name a local file.
const (
	PathManifest   = "InputConfig.DataSource.S3DataSource.ManifestS3Uri"
	PathLabelFile  = "LabelCategoryConfigS3Uri"
	PathUITemplate = groundtruth.PathUITemplate
)

// Artifact is a local file named by an artifact member.
type Artifact struct {
	Member string     // the member path, e.g. LabelCategoryConfigS3Uri
	Node   *spec.Node // the member's value in the spec
	// Path is the file as shown to the user: relative to the working
	// directory when the spec path was.
	Path string
	// Err is set when the file must not or cannot be read: it does not
	// exist, is not a regular file, or resolves outside the repository.
	Err error
}

// ErrOutsideRepo is returned for a path that leaves the repository root.
var ErrOutsideRepo = errors.New("resolves outside the repository")

// IsLocal reports whether an artifact member's value names a local file
// (a relative path) rather than a URI.
func IsLocal(s string) bool {
	return s != "" && !strings.Contains(s, "://") && !strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "\\")
}

// Local returns the local artifact named at member, or nil when the
// member is absent or holds a URI. Callers must check Err before reading.
func (p *Pass) Local(member string) *Artifact {
	if p.locals == nil {
		p.locals = map[string]*Artifact{}
	}
	if a, ok := p.locals[member]; ok {
		return a
	}
	s, n, ok := p.Root.Str(member)
	if !ok || !IsLocal(s) {
		p.locals[member] = nil
		return nil
	}
	a := &Artifact{Member: member, Node: n}
	a.Path, a.Err = ResolveLocal(p.Doc.File, s)
	p.locals[member] = a
	return a
}

// ResolveLocal resolves rel against the spec's directory and refuses paths
// whose real location (symlinks followed) is outside the repository root.
// It returns the path as shown to the user; plan and apply use it too, so
// what lint refuses is never uploaded.
func ResolveLocal(specFile, rel string) (string, error) {
	dir := filepath.Dir(specFile)
	if specFile == "<stdin>" {
		dir = "."
	}
	shown := filepath.Join(dir, filepath.FromSlash(rel))
	root, err := RepoRoot(dir)
	if err != nil {
		return shown, err
	}
	abs, err := filepath.Abs(shown)
	if err != nil {
		return shown, err
	}
	if !within(root, abs) {
		return shown, ErrOutsideRepo
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return shown, os.ErrNotExist
		}
		return shown, err
	}
	if !within(root, real) {
		return shown, ErrOutsideRepo
	}
	info, err := os.Stat(real)
	if err != nil {
		return shown, err
	}
	if !info.Mode().IsRegular() {
		return shown, errors.New("is not a regular file")
	}
	return shown, nil
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// RepoRoot is the repository a spec directory belongs to: the nearest
// ancestor holding .git or .gtctl.yaml, else the working directory. The
// result has symlinks resolved.
func RepoRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	for d := abs; ; {
		for _, marker := range []string{".git", ".gtctl.yaml"} {
			if _, err := os.Lstat(filepath.Join(d, marker)); err == nil {
				return d, nil
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(wd); err == nil {
		wd = real
	}
	return wd, nil
}
