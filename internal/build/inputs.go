package build

import (
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/imprint-press/imprint/internal/manuscript"
)

// Expand turns command-line arguments (files, folders, globs) into a sorted
// list of manuscripts. A folder contributes every Markdown file under it
// that opens with front matter, so a bio or README beside a manuscript is
// not mistaken for one; a file named explicitly is always taken.
func Expand(args []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		p = filepath.Clean(p)
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		matches := []string{arg}
		if strings.ContainsAny(arg, "*?[") {
			m, err := filepath.Glob(arg)
			if err != nil {
				return nil, fmt.Errorf("%s: not a valid pattern: %v", arg, err)
			}
			if len(m) == 0 {
				return nil, fmt.Errorf("%s: no file matches", arg)
			}
			matches = m
		}
		for _, p := range matches {
			info, err := os.Stat(p)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", p, unwrap(err))
			}
			if !info.IsDir() {
				add(p)
				continue
			}
			found, err := manuscriptsUnder(p)
			if err != nil {
				return nil, err
			}
			if len(found) == 0 {
				return nil, fmt.Errorf("%s: no manuscript in this folder (a manuscript is a .md file that opens with --- front matter)", p)
			}
			for _, f := range found {
				add(f)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func manuscriptsUnder(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(filepath.Ext(p), ".md") {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		head := make([]byte, 8)
		n, _ := f.Read(head)
		f.Close()
		if manuscript.IsManuscript(head[:n]) {
			found = append(found, p)
		}
		return nil
	})
	return found, err
}

// ParseShard reads "i/n" (1 <= i <= n).
func ParseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("--shard %q: write it as i/n with 1 <= i <= n, e.g. --shard 2/4", s)
	}
	return i, n, nil
}

// Shard keeps the manuscripts that belong to shard i of n. A manuscript's
// shard depends only on its path, so adding a manuscript to an archive
// never moves the others between CI jobs.
func Shard(list []string, i, n int) []string {
	var out []string
	for _, p := range list {
		h := fnv.New32a()
		h.Write([]byte(filepath.ToSlash(p)))
		if int(h.Sum32()%uint32(n)) == i-1 {
			out = append(out, p)
		}
	}
	return out
}
