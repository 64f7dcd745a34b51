package epub

import (
	"github.com/imprint-press/imprint/internal/cpubench"
	"io"
	"testing"
)

// BenchmarkWrite builds the article's EPUB (the sample fixture when the
// article is absent), once drawing the cover and once with a cover image
// given, which isolates the cost of drawing it.
func BenchmarkWrite(b *testing.B) {
	doc := loadArticle(b)
	b.Run("drawn-cover", func(b *testing.B) {
		d := *doc
		d.Meta.Cover = nil
		b.ReportAllocs()
		cpubench.Loop(b, func() {
			if err := Write(io.Discard, &d); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("given-cover", func(b *testing.B) {
		if doc.Meta.Lead == nil {
			b.Skip("SKIP: no lead image to use as the cover")
		}
		d := *doc
		cover := *doc.Meta.Lead
		d.Meta.Cover = &cover
		b.ReportAllocs()
		cpubench.Loop(b, func() {
			if err := Write(io.Discard, &d); err != nil {
				b.Fatal(err)
			}
		})
	})
}
