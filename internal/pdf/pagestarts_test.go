package pdf

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/sourcetext"
	"github.com/imprint-press/imprint/internal/validate"
	"github.com/yuin/goldmark/ast"
)

// blockWords finds the block a page start names and returns its words, by
// the rule the EPUB writer follows: the first node in document order whose
// first source line starts at the offset.
func blockWords(part *document.Part, offset int) []string {
	var words []string
	ast.Walk(part.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || words != nil || n.Type() != ast.TypeBlock || n.Lines().Len() == 0 || n.Lines().At(0).Start != offset {
			return ast.WalkContinue, nil
		}
		var b strings.Builder
		ast.Walk(n, func(t ast.Node, entering bool) (ast.WalkStatus, error) {
			if tx, ok := t.(*ast.Text); ok && entering {
				b.Write(tx.Value(part.Source))
				if tx.SoftLineBreak() || tx.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
			return ast.WalkContinue, nil
		})
		words = strings.Fields(b.String())
		return ast.WalkStop, nil
	})
	return words
}

// TestPageStartsNameTheFirstWordOfEachPage checks the page starts the EPUB
// follows against the PDF itself: the word a page start points at is the
// first word pdftotext reads on that page.
func TestPageStartsNameTheFirstWordOfEachPage(t *testing.T) {
	validate.Require(t, "pdftotext")
	doc := loadArticle(t)
	ed, err := Typeset(doc)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := ed.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	raw, err := validate.PDFRawText(writeTemp(t, buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(raw, "\f")
	if len(ed.PageStarts) != ed.Pages() || ed.Pages() < 4 {
		t.Fatalf("%d page starts for %d pages", len(ed.PageStarts), ed.Pages())
	}
	sawMidParagraph := false
	for _, ps := range ed.PageStarts {
		text := sourcetext.StripPageFurniture(pages[ps.Page-1], doc.Meta.Title, doc.Meta.AuthorNames()[0])
		fields := strings.Fields(text)
		if len(fields) == 0 {
			t.Fatalf("page %d has no text", ps.Page)
		}
		first := fields[0]
		switch {
		case ps.Page == 1:
			if ps.Part != "front" || first != "How" {
				t.Errorf("page 1 starts %+v with %q", ps, first)
			}
		case ps.Offset < 0:
			if ps.Part != "colophon" && ps.Part != "bio" && ps.Part != "notes" {
				t.Errorf("page %d: %+v has no source", ps.Page, ps)
			}
		default:
			part := &doc.Body
			if ps.Part == "bio" {
				part = doc.Bio
			}
			words := blockWords(part, ps.Offset)
			if ps.Word >= len(words) {
				t.Fatalf("page %d: word %d of a %d-word block", ps.Page, ps.Word, len(words))
			}
			if want := words[ps.Word]; !strings.HasSuffix(want, first) {
				t.Errorf("page %d begins with %q, but its page start points at %q", ps.Page, first, want)
			}
			sawMidParagraph = sawMidParagraph || ps.Word > 0
		}
	}
	if !sawMidParagraph {
		t.Error("no page of the article begins inside a paragraph; the word count is untested")
	}
}

// TestEveryBlockNamesItsSource: every block composed from the manuscript
// says where its source starts, so any page can begin at it; only blocks
// imprint makes itself (title page, added headings, colophon) have none.
func TestEveryBlockNamesItsSource(t *testing.T) {
	dir := t.TempDir()
	src := featuresManuscript + "\nA\n: one\n\nB\n: two\n\n- \n- second\n\nEnd.\n"
	doc, err := manuscript.Parse(filepath.Join(dir, "features.md"), []byte(src), manuscript.Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := compose(doc, newStylesheet(formats["trade"]))
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range blocks {
		if b.part == "" {
			t.Errorf("block %d (%q) has no part", i, plainText(b.runs))
		}
		if b.part == "body" && b.offset < 0 {
			t.Errorf("block %d (%q table=%v rule=%v code=%v) in the body has no source offset", i, plainText(b.runs), b.table != nil, b.rule, b.code != nil)
		}
	}
}
