package lint

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// specExt are the file endings a directory walk picks up.
var specExt = map[string]bool{".yaml": true, ".yml": true, ".json": true}

// skipDir are directories a walk never enters.
var skipDir = map[string]bool{".git": true, "node_modules": true, "vendor": true, ".terraform": true, "cue.mod": true}

// MaxSpecBytes is the largest spec file read. A request is a few kilobytes
// (its longest members are 50 tags and a handful of 255-character
// strings), so a file of hundreds of jobs stays below it. The YAML parser
// holds a document's whole node tree before gtctl's node limit applies, at
// up to about 120 bytes of memory per byte of input (measured: a 1 MiB
// flow list of one-letter items costs 150 MB RSS, 4 MiB cost 430 MB), so
// a larger file is a finding, not something to parse.
const MaxSpecBytes = 1 << 20

// readSpec reads a spec file, at most MaxSpecBytes+1 bytes of it.
func readSpec(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxSpecBytes+1))
}

// PathError is a path that cannot be read at all: a usage problem (exit
// 2), not a finding.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }

// Expand turns command-line paths into inputs: files as named, directories
// walked recursively for spec files, "-" read from stdin. Symbolic links to
// directories are not followed, so a link loop cannot trap the walk.
func Expand(paths []string, stdin io.Reader) ([]Input, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var out []Input
	seen := map[string]bool{}
	for _, p := range paths {
		if p == "-" {
			b, err := io.ReadAll(io.LimitReader(stdin, MaxSpecBytes+1))
			if err != nil {
				return nil, &PathError{"-", err}
			}
			if len(b) > MaxSpecBytes {
				return nil, &PathError{"-", fmt.Errorf("standard input holds more than %d MiB; a spec is never that large", MaxSpecBytes>>20)}
			}
			out = append(out, Input{Path: "<stdin>", Data: b})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			return nil, &PathError{p, cleanErr(err)}
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				return nil, &PathError{p, fmt.Errorf("not a regular file (%s)", info.Mode().Type())}
			}
			clean := filepath.Clean(p)
			if strings.EqualFold(filepath.Ext(clean), ".cue") {
				// A .cue file stands for its directory's package.
				dir := filepath.Dir(clean)
				if !seen["cue:"+dir] {
					seen["cue:"+dir] = true
					in, err := cueInput(dir, false)
					if err != nil {
						return nil, err
					}
					out = append(out, in)
				}
				continue
			}
			if !seen[clean] {
				seen[clean] = true
				out = append(out, Input{Path: clean})
			}
			continue
		}
		var found []string
		cueDirs := map[string]bool{} // directories holding .cue files
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return &PathError{path, cleanErr(err)}
			}
			if d.IsDir() {
				if path != p && (skipDir[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			if specExt[strings.ToLower(filepath.Ext(path))] {
				found = append(found, path)
			} else if strings.EqualFold(filepath.Ext(path), ".cue") {
				cueDirs[filepath.Clean(filepath.Dir(path))] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, f := range found {
			clean := filepath.Clean(f)
			if !seen[clean] {
				seen[clean] = true
				out = append(out, Input{Path: clean, FromDir: true})
			}
		}
		dirs := make([]string, 0, len(cueDirs))
		for d := range cueDirs {
			dirs = append(dirs, d)
		}
		sort.Strings(dirs)
		for _, d := range dirs {
			if !seen["cue:"+d] {
				seen["cue:"+d] = true
				in, err := cueInput(d, true)
				if err != nil {
					return nil, err
				}
				out = append(out, in)
			}
		}
	}
	return out, nil
}

func cleanErr(err error) error {
	var pe *fs.PathError
	if e, ok := err.(*fs.PathError); ok {
		pe = e
		return pe.Err
	}
	return err
}
