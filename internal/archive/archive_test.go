package archive

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/imprint-press/imprint/internal/manuscript"
)

const repoRoot = "../.."

func articleSource(t *testing.T) Source {
	t.Helper()
	read := func(p string) []byte {
		data, err := os.ReadFile(filepath.Join(repoRoot, p))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	return Source{Article: read("manuscript/article.md"), Bio: read("manuscript/bio.md"),
		Lead: read("assets/images/lead.jpg"), LeadExt: ".jpg"}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenerateIsDeterministic(t *testing.T) {
	src := articleSource(t)
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, run := range []struct {
		dir  string
		seed uint64
	}{{a, 1}, {b, 1}, {c, 2}} {
		if err := Generate(run.dir, 120, run.seed, src); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb, tc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(ta) != 120+2 {
		t.Fatalf("%d files, want 120 manuscripts, a bio and a lead image", len(ta))
	}
	differ := 0
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if !bytes.Equal(data, tc[name]) {
			differ++
		}
	}
	if differ < 100 {
		t.Errorf("only %d of 122 files change with the seed", differ)
	}
	distinct := map[string]bool{}
	for i := range 120 {
		distinct[string(ta[Path(i)])] = true
	}
	if len(distinct) != 120 {
		t.Errorf("%d distinct manuscripts of 120", len(distinct))
	}
}

// TestManuscriptsLoadAndAreArticleSized checks that every generated
// manuscript is one imprint accepts, with the shared bio and lead image,
// and about as long as the article it comes from.
func TestManuscriptsLoadAndAreArticleSized(t *testing.T) {
	src := articleSource(t)
	dir := t.TempDir()
	const n = 30
	if err := Generate(dir, n, 1, src); err != nil {
		t.Fatal(err)
	}
	slugs := map[string]bool{}
	for i := range n {
		p := filepath.Join(dir, Path(i))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if ratio := float64(len(data)) / float64(len(src.Article)); ratio < 0.6 || ratio > 1.4 {
			t.Errorf("%s is %d bytes, the article %d: not article-sized", p, len(data), len(src.Article))
		}
		doc, err := manuscript.Load(p, manuscript.Options{Root: dir})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Bio == nil || doc.Meta.Lead == nil {
			t.Errorf("%s: bio or lead image missing", p)
		}
		if slugs[doc.Slug] {
			t.Errorf("%s: slug %q is not unique, so editions would overwrite each other", p, doc.Slug)
		}
		slugs[doc.Slug] = true
	}
}

func TestGenerateRejectsBadSource(t *testing.T) {
	src := articleSource(t)
	for name, article := range map[string]string{
		"no front matter": "Just text.\n",
		"unclosed":        "---\ntitle: T\n\nText.\n",
		"no paragraphs":   "---\ntitle: T\n---\n",
	} {
		src.Article = []byte(article)
		if err := Generate(t.TempDir(), 1, 1, src); err == nil {
			t.Errorf("%s: generated from a bad source", name)
		}
	}
	if err := Generate(t.TempDir(), -1, 1, articleSource(t)); err == nil {
		t.Error("a negative count was accepted")
	}
}
