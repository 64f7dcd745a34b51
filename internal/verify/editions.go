package verify

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/verify/epubread"
	"github.com/imprint-press/imprint/internal/verify/pdfread"
)

// editions is what one check reads: the manuscript (nil when only the
// editions are compared), both editions, and their text prepared once.
type editions struct {
	doc  *document.Document
	book *epubread.Book
	pdf  *pdfread.Document

	epubText haystack
	// pageLines are the PDF pages' lines without running heads and folios;
	// pageBodies are their text, lines separated by '\n'.
	pageLines  [][]pdfread.Line
	pageBodies []string
	pdfText    haystack
	// epubBlocks holds the text of every EPUB block, for telling a heading
	// only the PDF has; filled when first needed.
	epubBlocks map[string]bool
}

func newEditions(doc *document.Document, book *epubread.Book, pdf *pdfread.Document) *editions {
	ed := &editions{doc: doc, book: book, pdf: pdf}
	ed.epubText = prepare(book.Text)
	heads := ed.runningHeads()
	var all strings.Builder
	for i, p := range pdf.Pages {
		lines := bodyLines(p, i == 0, heads)
		body := joinLines(lines)
		ed.pageLines = append(ed.pageLines, lines)
		ed.pageBodies = append(ed.pageBodies, body)
		if i > 0 {
			all.WriteByte('\n')
		}
		all.WriteString(body)
	}
	ed.pdfText = prepare(all.String())
	return ed
}

// runningHeads are the texts a PDF page may carry above its text: the
// title and the authors, as the manuscript and the PDF's own metadata give
// them, so that a drift in one place does not hide a head.
func (ed *editions) runningHeads() []string {
	var heads []string
	add := func(s string) {
		if s = collapseSpace(s); s != "" {
			heads = append(heads, s)
		}
	}
	add(ed.pdf.Info["Title"])
	add(ed.pdf.Info["Author"])
	add(ed.pdf.XMP.Value(pdfread.NSDC, "title"))
	add(strings.Join(ed.pdf.XMP.Values(pdfread.NSDC, "creator"), ", "))
	add(ed.book.Meta.MainTitle())
	add(strings.Join(ed.book.Meta.CreatorNames(), ", "))
	if ed.doc != nil {
		add(ed.doc.Meta.Title)
		add(strings.Join(ed.doc.Meta.AuthorNames(), ", "))
	}
	return heads
}

// isRunningHead reports whether line is one of heads, or one shortened to
// fit the measure with an ellipsis.
func isRunningHead(line string, heads []string) bool {
	for _, h := range heads {
		if line == h {
			return true
		}
		if short, ok := strings.CutSuffix(line, "…"); ok && short != "" && strings.HasPrefix(h, strings.TrimSpace(short)) {
			return true
		}
	}
	return false
}

// isFolio reports whether a line is a bare page number, arabic or roman.
func isFolio(line string) bool {
	if line == "" {
		return false
	}
	if _, err := strconv.Atoi(line); err == nil {
		return true
	}
	return romanFolio.MatchString(line)
}

// romanFolio matches a lowercase roman numeral, as front matter is numbered.
var romanFolio = regexp.MustCompile(`^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$`)

// bodyLines are a page's lines without its furniture: on pages after the
// first, a first line that is a running head; on every page, a last line
// that is a bare folio.
func bodyLines(p *pdfread.Page, first bool, heads []string) []pdfread.Line {
	lines := p.Lines
	if !first && len(lines) > 0 && isRunningHead(lines[0].Text, heads) {
		lines = lines[1:]
	}
	if n := len(lines); n > 0 && isFolio(lines[n-1].Text) {
		lines = lines[:n-1]
	}
	return lines
}

// bodyText is a page's text without its furniture.
func bodyText(p *pdfread.Page, first bool, heads []string) string {
	return joinLines(bodyLines(p, first, heads))
}

func joinLines(lines []pdfread.Line) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text)
	}
	return b.String()
}

// wordCount counts a text's words.
func wordCount(s string) int {
	return len(strings.FieldsFunc(s, unicode.IsSpace))
}
