package build_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/archive"
	"github.com/imprint-press/imprint/internal/build"
)

const testRoot = "../.."

// writeFile creates dir/name with content, making folders as needed.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// testArchive generates n real manuscripts under a temporary folder.
func testArchive(t *testing.T, n int) (dir string, list []string) {
	t.Helper()
	dir = t.TempDir()
	var src archive.Source
	for _, f := range []struct {
		path string
		into *[]byte
	}{
		{filepath.Join(testRoot, "manuscript", "article.md"), &src.Article},
		{filepath.Join(testRoot, "manuscript", "bio.md"), &src.Bio},
		{filepath.Join(testRoot, "assets", "images", "lead.jpg"), &src.Lead},
	} {
		data, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		*f.into = data
	}
	src.LeadExt = ".jpg"
	if err := archive.Generate(dir, n, 7, src); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		list = append(list, filepath.Join(dir, archive.Path(i)))
	}
	return dir, list
}

const frontMatter = "---\ntitle: T\nauthor: A\nlang: en\n---\n\nText.\n"

func TestExpandFoldersFilesAndGlobs(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.md", frontMatter)
	b := writeFile(t, dir, "sub/b.md", frontMatter)
	writeFile(t, dir, "sub/bio.md", "A bio, without front matter.\n")
	writeFile(t, dir, "sub/notes.txt", frontMatter)
	writeFile(t, dir, ".hidden/c.md", frontMatter)
	c := writeFile(t, dir, "other/c.MD", frontMatter)
	bio := filepath.Join(dir, "sub", "bio.md")

	got, err := build.Expand([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{a, c, b}; !slices.Equal(got, sortedCopy(want)) {
		t.Errorf("folder: got %v, want %v (front matter only, no hidden folders)", got, sortedCopy(want))
	}

	// A file named explicitly is taken even without front matter; a
	// manuscript named twice (directly and through a glob) appears once.
	got, err = build.Expand([]string{bio, filepath.Join(dir, "*.md"), a})
	if err != nil {
		t.Fatal(err)
	}
	if want := sortedCopy([]string{a, bio}); !slices.Equal(got, want) {
		t.Errorf("files and glob: got %v, want %v", got, want)
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestExpandErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "empty/bio.md", "No front matter.\n")
	for _, args := range [][]string{
		{filepath.Join(dir, "missing.md")},
		{filepath.Join(dir, "*.nothing")},
		{filepath.Join(dir, "empty")},
		{filepath.Join(dir, "[")},
	} {
		if got, err := build.Expand(args); err == nil {
			t.Errorf("Expand(%q) = %v, want an error", args, got)
		}
	}
}

func TestParseShard(t *testing.T) {
	for _, s := range []string{"1/1", "2/4", "4/4"} {
		if _, _, err := build.ParseShard(s); err != nil {
			t.Errorf("ParseShard(%q): %v", s, err)
		}
	}
	if i, n, _ := build.ParseShard("3/8"); i != 3 || n != 8 {
		t.Errorf("ParseShard(3/8) = %d, %d", i, n)
	}
	for _, s := range []string{"", "1", "0/4", "5/4", "1/0", "a/b", "-1/2", "2/-1"} {
		if _, _, err := build.ParseShard(s); err == nil {
			t.Errorf("ParseShard(%q) accepted", s)
		}
	}
}

func manuscriptNames(n int) []string {
	var list []string
	for i := range n {
		list = append(list, fmt.Sprintf("archive/%03d/article-%05d.md", i%37, i))
	}
	return list
}

// TestShardPartitions checks that every manuscript falls in exactly one
// shard, and that the shards share the work out.
func TestShardPartitions(t *testing.T) {
	list := manuscriptNames(1000)
	for _, n := range []int{1, 2, 3, 7, 16} {
		seen := map[string]int{}
		for i := 1; i <= n; i++ {
			part := build.Shard(list, i, n)
			if len(part) < len(list)/n/2 {
				t.Errorf("shard %d/%d has %d of %d manuscripts: the split is lopsided", i, n, len(part), len(list))
			}
			for _, p := range part {
				seen[p]++
			}
		}
		for _, p := range list {
			if seen[p] != 1 {
				t.Fatalf("with %d shards, %s is in %d shards, want 1", n, p, seen[p])
			}
		}
	}
}

// TestShardStable checks that a manuscript's shard depends on nothing but
// its path: adding manuscripts never moves another between CI jobs, and
// the order of the list does not matter.
func TestShardStable(t *testing.T) {
	const n = 5
	before := manuscriptNames(300)
	after := slices.Concat(manuscriptNames(400), []string{"new/late-addition.md"})
	slices.Reverse(after)
	shardOf := func(list []string) map[string]int {
		m := map[string]int{}
		for i := 1; i <= n; i++ {
			for _, p := range build.Shard(list, i, n) {
				m[p] = i
			}
		}
		return m
	}
	was, is := shardOf(before), shardOf(after)
	for _, p := range before {
		if was[p] != is[p] {
			t.Errorf("%s moved from shard %d to %d when manuscripts were added", p, was[p], is[p])
		}
	}
}

// TestRunReportsFailuresAndBuildsTheRest puts broken manuscripts between
// good ones: each failure is reported with its file, every good manuscript
// is still built, and results come back in input order. With one
// processor Run renders a manuscript's editions in turn, with four at once.
func TestRunReportsFailuresAndBuildsTheRest(t *testing.T) {
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			testRunReportsFailures(t)
		})
	}
}

func testRunReportsFailures(t *testing.T) {
	dir, good := testArchive(t, 4)
	noTitle := writeFile(t, dir, "articles/broken/no-title.md", "---\nauthor: A\nlang: en\n---\n\nText.\n")
	noImage := writeFile(t, dir, "articles/broken/no-image.md", "---\ntitle: T\nauthor: A\nlang: en\n---\n\n![alt](missing.png)\n")
	list := []string{good[0], noTitle, good[1], good[2], noImage, good[3]}
	out := t.TempDir()

	var calls []int
	totals := map[int]bool{}
	results := build.Run(context.Background(), list, build.Options{OutDir: out, Root: dir, Jobs: 3,
		Progress: func(done, total int, r build.Result) {
			calls = append(calls, done)
			totals[total] = true
		}})

	if len(results) != len(list) {
		t.Fatalf("%d results for %d manuscripts", len(results), len(list))
	}
	for i, r := range results {
		if r.Manuscript != list[i] {
			t.Errorf("result %d is for %s, want %s (input order)", i, r.Manuscript, list[i])
		}
		bad := list[i] == noTitle || list[i] == noImage
		switch {
		case bad && r.Err == nil:
			t.Errorf("%s: built, want an error", list[i])
		case bad && !strings.Contains(r.Err.Error(), filepath.Base(list[i])):
			t.Errorf("%s: the error %q does not name the manuscript", list[i], r.Err)
		case bad && len(r.Editions) != 0:
			t.Errorf("%s: failed but reports editions %v", list[i], r.Editions)
		case !bad && r.Err != nil:
			t.Errorf("%s: %v (a failing manuscript must not stop the others)", list[i], r.Err)
		case !bad && len(r.Editions) != 2:
			t.Errorf("%s: editions %v, want an EPUB and a PDF", list[i], r.Editions)
		}
		for _, ed := range r.Editions {
			if info, err := os.Stat(ed); err != nil || info.Size() == 0 {
				t.Errorf("edition %s is missing or empty (%v)", ed, err)
			}
		}
	}
	for _, slug := range []string{"no-title", "no-image"} {
		if m, _ := filepath.Glob(filepath.Join(out, slug+".*")); len(m) != 0 {
			t.Errorf("a failed manuscript left %v", m)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(out, ".*.tmp")); len(m) != 0 {
		t.Errorf("temporary files left behind: %v", m)
	}

	// Progress is told of every manuscript once, counting up to the total.
	if want := []int{1, 2, 3, 4, 5, 6}; !slices.Equal(calls, want) {
		t.Errorf("progress counted %v, want %v", calls, want)
	}
	if len(totals) != 1 || !totals[len(list)] {
		t.Errorf("progress totals %v, want only %d", totals, len(list))
	}
}

// TestRunOneJobKeepsOrder checks that -j 1 builds strictly one manuscript
// after another, in input order.
func TestRunOneJobKeepsOrder(t *testing.T) {
	dir, list := testArchive(t, 3)
	var order []string
	results := build.Run(context.Background(), list, build.Options{OutDir: t.TempDir(), Root: dir, Jobs: 1,
		Progress: func(done, total int, r build.Result) { order = append(order, r.Manuscript) }})
	if !slices.Equal(order, list) {
		t.Errorf("with one job, finished in order %v, want %v", order, list)
	}
	for _, r := range results {
		if r.Err != nil {
			t.Error(r.Err)
		}
	}
}

// TestRunCancelled checks that a cancelled run reports every manuscript
// it did not build as failed, rather than silently dropping it.
func TestRunCancelled(t *testing.T) {
	dir, list := testArchive(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	for _, r := range build.Run(ctx, list, build.Options{OutDir: out, Root: dir}) {
		if r.Err == nil {
			t.Errorf("%s: built after cancellation", r.Manuscript)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(out, "*")); len(m) != 0 {
		t.Errorf("a cancelled run wrote %v", m)
	}
}

// TestFailedRebuildKeepsOldEditions checks the staging: when a manuscript
// that built before is broken, its old editions stay as they were.
func TestFailedRebuildKeepsOldEditions(t *testing.T) {
	dir, list := testArchive(t, 1)
	out := t.TempDir()
	opts := build.Options{OutDir: out, Root: dir}
	written, err := build.One(list[0], opts)
	if err != nil {
		t.Fatal(err)
	}
	old := map[string][]byte{}
	for _, ed := range written {
		old[ed], _ = os.ReadFile(ed)
	}
	src, _ := os.ReadFile(list[0])
	broken := bytes.Replace(src, []byte("lead.jpg"), []byte("no-such-image.jpg"), 1)
	if err := os.WriteFile(list[0], broken, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build.One(list[0], opts); err == nil {
		t.Fatal("a manuscript naming a missing lead image built")
	}
	for ed, data := range old {
		now, err := os.ReadFile(ed)
		if err != nil || !bytes.Equal(now, data) {
			t.Errorf("%s changed after a failed rebuild (%v)", ed, err)
		}
	}
}

// TestRunOutputFolderUnwritable checks that every manuscript is reported
// when the output folder cannot be made.
func TestRunOutputFolderUnwritable(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "file", "not a folder")
	list := []string{filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")}
	results := build.Run(context.Background(), list, build.Options{OutDir: filepath.Join(file, "out")})
	if len(results) != 2 || results[0].Err == nil || results[1].Err == nil {
		t.Errorf("results %+v, want both failed", results)
	}
}
