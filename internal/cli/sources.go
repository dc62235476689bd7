package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// errNoMatch is a directory or pattern that names no file: a usage error,
// since a check of nothing must not pass for a check.
var errNoMatch = errors.New("matches no file")

// expand turns one argument of validate into the files to read: "-" and a
// file as they are; a directory into the files of its tree whose names end
// in one of exts; a pattern (with *, ? or [ and not an existing file) into
// the files it matches, ** matching any number of directories. The files
// come in a stable order, the order in which filepath.WalkDir visits them,
// and hidden directories are skipped, unless the argument or a segment of
// the pattern names them.
func expand(arg string, exts []string) ([]string, error) {
	if arg == "-" {
		return []string{arg}, nil
	}
	info, err := os.Stat(arg)
	switch {
	case err == nil && info.IsDir():
		files, err := walk(arg, exts)
		if err == nil && len(files) == 0 {
			err = fmt.Errorf("holds no %s file", strings.Join(patterns(exts), " or "))
		}
		return files, err
	case err == nil || !hasMeta(arg):
		return []string{arg}, nil // a file, or what cannot be read: said when it is read
	}
	g := glob{exts: exts, seen: map[string]bool{}}
	root, segs := g.split(arg)
	if err := g.match(root, segs); err != nil && !(errors.Is(err, fs.ErrNotExist) && len(g.files) == 0) {
		return nil, err
	}
	if len(g.files) == 0 {
		return nil, errNoMatch
	}
	slices.SortFunc(g.files, comparePaths)
	return g.files, nil
}

func patterns(exts []string) []string {
	ps := make([]string, len(exts))
	for i, e := range exts {
		ps[i] = "*" + e
	}
	return ps
}

func hasMeta(s string) bool { return strings.ContainsAny(s, "*?[") }

func hidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." && name != ".." }

func hasExt(name string, exts []string) bool {
	for _, e := range exts {
		if len(name) > len(e) && strings.EqualFold(name[len(name)-len(e):], e) {
			return true
		}
	}
	return false
}

// walk returns the files under dir whose names end in one of exts.
func walk(dir string, exts []string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			if p != dir && hidden(d.Name()) {
				return filepath.SkipDir
			}
		case hasExt(d.Name(), exts) && isFile(p, d):
			files = append(files, p)
		}
		return nil
	})
	slices.SortFunc(files, comparePaths)
	return files, err
}

// isFile reports whether d, found at p, is a regular file or a symbolic
// link to one. Links to directories are not followed: they could loop.
func isFile(p string, d fs.DirEntry) bool {
	if d.Type()&fs.ModeSymlink == 0 {
		return d.Type().IsRegular()
	}
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

// comparePaths orders paths as filepath.WalkDir visits them: by name
// within a directory, a directory's tree in its place ("a/z.json",
// "a-b/x.json", "a.json").
func comparePaths(a, b string) int {
	return slices.Compare(strings.Split(filepath.ToSlash(a), "/"), strings.Split(filepath.ToSlash(b), "/"))
}

// glob matches a pattern against the file tree.
type glob struct {
	exts  []string
	seen  map[string]bool
	files []string
}

// split cuts pattern into the directory its literal segments name, where
// matching starts, and the segments left to match.
func (g *glob) split(pattern string) (root string, segs []string) {
	all := strings.Split(filepath.ToSlash(pattern), "/")
	i := 0
	for i < len(all)-1 && !hasMeta(all[i]) {
		i++
	}
	root = strings.Join(all[:i], "/")
	if root == "" && i > 0 {
		root = "/"
	}
	for _, s := range all[i:] {
		if s != "" && s != "." {
			segs = append(segs, s)
		}
	}
	if root == "" {
		return ".", segs
	}
	return filepath.FromSlash(root), segs
}

func (g *glob) add(p string) {
	if !g.seen[p] {
		g.seen[p] = true
		g.files = append(g.files, p)
	}
}

// match adds the files under dir that segs match.
func (g *glob) match(dir string, segs []string) error {
	if len(segs) == 0 {
		return nil
	}
	seg := segs[0]
	if seg == "**" && len(segs) == 1 {
		// A trailing ** is the tree below, as a directory argument is.
		files, err := walk(dir, g.exts)
		for _, f := range files {
			g.add(f)
		}
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if seg == "**" {
		if err := g.match(dir, segs[1:]); err != nil { // no directory at all
			return err
		}
		for _, e := range entries {
			if e.IsDir() && !hidden(e.Name()) {
				if err := g.match(filepath.Join(dir, e.Name()), segs); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, e := range entries {
		if hidden(e.Name()) && !strings.HasPrefix(seg, ".") {
			continue // as in a shell, a wildcard does not match a leading dot
		}
		ok, err := path.Match(seg, e.Name())
		if err != nil {
			return err
		}
		p := filepath.Join(dir, e.Name())
		switch {
		case !ok:
		case e.IsDir() && len(segs) == 1:
			files, err := walk(p, g.exts)
			if err != nil {
				return err
			}
			for _, f := range files {
				g.add(f)
			}
		case e.IsDir():
			if err := g.match(p, segs[1:]); err != nil {
				return err
			}
		case len(segs) == 1 && isFile(p, e):
			g.add(p)
		}
	}
	return nil
}
