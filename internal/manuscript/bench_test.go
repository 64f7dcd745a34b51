package manuscript_test

import (
	"path/filepath"
	"testing"

	"github.com/imprint-press/imprint/internal/manuscript"
)

// BenchmarkLoad measures the first stage of a build: reading the article,
// its front matter, bio and lead image into the document model.
func BenchmarkLoad(b *testing.B) {
	const root = "../.."
	path := filepath.Join(root, "manuscript", "article.md")
	b.ReportAllocs()
	for b.Loop() {
		doc, err := manuscript.Load(path, manuscript.Options{Root: root})
		if err != nil {
			b.Fatal(err)
		}
		if doc.Meta.Title == "" {
			b.Fatal("the article loaded without a title")
		}
	}
}
