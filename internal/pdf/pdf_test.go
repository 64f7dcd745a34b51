package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/manuscript"
)

const repoRoot = "../.."

func loadArticle(t testing.TB) *document.Document {
	t.Helper()
	doc, err := manuscript.Load(filepath.Join(repoRoot, "manuscript", "article.md"), manuscript.Options{Root: repoRoot})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func buildPDF(t testing.TB, doc *document.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteArticle(t *testing.T) {
	b := buildPDF(t, loadArticle(t))
	if out := os.Getenv("IMPRINT_PDF_OUT"); out != "" {
		os.WriteFile(out, b, 0o644)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
}
