package pdf_test

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/pdf"
)

func benchArticle(b *testing.B) *document.Document {
	b.Helper()
	const root = "../.."
	doc, err := manuscript.Load(filepath.Join(root, "manuscript", "article.md"), manuscript.Options{Root: root})
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkTypeset measures layout: composing blocks, breaking every
// paragraph with Knuth–Plass and hyphenation, and paginating.
func BenchmarkTypeset(b *testing.B) {
	doc := benchArticle(b)
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		e, err := pdf.Typeset(doc)
		if err != nil {
			b.Fatal(err)
		}
		pages = e.Pages()
	}
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkWritePDF measures drawing an already typeset edition and
// writing the PDF: font subsetting and embedding, images, compression.
func BenchmarkWritePDF(b *testing.B) {
	doc := benchArticle(b)
	e, err := pdf.Typeset(doc)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		n, err := e.WriteTo(io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		size = n
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}
