// Package pdf owns the print edition: it composes the document model into
// blocks, breaks paragraphs with Knuth–Plass (package linebreak), fills
// pages with widow, orphan and heading control (package paginate), and
// draws the result with fpdf, which is only ever the backend. Fonts are
// embedded, metadata matches the EPUB's field for field, and the bytes are
// reproducible.
package pdf

import (
	"bytes"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/fonts"
	"github.com/imprint-press/imprint/internal/hyphen"
	"github.com/imprint-press/imprint/internal/linebreak"
	"github.com/imprint-press/imprint/internal/paginate"
)

// Edition is a document typeset into pages, ready to be written. Its page
// starts let the EPUB mark where each printed page begins.
type Edition struct {
	doc        *document.Document
	format     pageFormat
	sheet      stylesheet
	blocks     []block
	set        [][]setLine
	pages      []paginate.Page
	PageStarts []document.PageStart
	// ready delivers the fpdf document, set up and with the faces every
	// edition uses already embedded: fpdf parses a font anew for every
	// document, so that work runs beside the typesetting, not after it.
	ready chan *fpdf.Fpdf
}

// alwaysSet are the faces every edition sets text in (the title is bold,
// the colophon roman and italic), embedded while the text is typeset.
var alwaysSet = []fonts.Face{fonts.SerifRegular, fonts.SerifItalic, fonts.SerifBold}

// Write typesets doc as a print-ready PDF and writes it to w.
func Write(w io.Writer, doc *document.Document) error {
	e, err := Typeset(doc)
	if err != nil {
		return err
	}
	_, err = e.WriteTo(w)
	return err
}

// Typeset composes, breaks and paginates doc.
func Typeset(doc *document.Document) (*Edition, error) {
	f, err := formatFor(doc.Meta.Print.Paper, doc.Meta.Print.Bleed)
	if err != nil {
		return nil, err
	}
	ready := make(chan *fpdf.Fpdf, 1)
	go func() {
		pdf := newFpdf(f, &doc.Meta)
		for _, face := range alwaysSet {
			addFace(pdf, face)
		}
		ready <- pdf
	}()
	sheet := newStylesheet(f)
	blocks, err := compose(doc, sheet)
	if err != nil {
		return nil, err
	}
	ts := &typesetter{sheet: sheet, measure: f.measure(), maxFig: f.textHeight() * 0.45, params: linebreak.DefaultParams()}
	if h, ok := hyphen.For(doc.Meta.Language); ok {
		ts.hyph = h
	}
	ts.rtl = rightToLeftLanguage(doc.Meta.Language)
	e := &Edition{doc: doc, format: f, sheet: sheet, blocks: blocks, set: make([][]setLine, len(blocks)), ready: ready}
	pb := make([]paginate.Block, len(blocks))
	for i := range blocks {
		b := &blocks[i]
		lines := ts.set(b)
		if len(lines) == 0 {
			// An empty block keeps its place (and its anchors) at no height.
			lines = []setLine{{height: 0.001, draw: func(*drawer, float64, float64) {}}}
		}
		e.set[i] = lines
		heights := make([]float64, len(lines))
		noBreakAfter := make([]bool, len(lines))
		for j, l := range lines {
			heights[j], noBreakAfter[j] = l.height, l.hyphenated
		}
		pb[i] = paginate.Block{Lines: heights, SpaceBefore: b.spaceBefore, SpaceAfter: b.spaceAfter,
			Orphans: 2, Widows: 2, Unbreakable: b.unbreakable, KeepWithNext: b.keepWithNext, BreakBefore: b.breakBefore,
			NoBreakAfter: noBreakAfter}
	}
	e.pages, err = paginate.Paginate(pb, func(int) float64 { return f.textHeight() })
	if err != nil {
		if tall := e.tooTall(f.textHeight()); tall != nil {
			return nil, tall
		}
		return nil, fmt.Errorf("%s: laying out pages: %w", doc.Body.Path, err)
	}
	for i, page := range e.pages {
		ps := document.PageStart{Page: i + 1, Part: "front", Offset: -1}
		if len(page.Slices) > 0 {
			s := page.Slices[0]
			b := &blocks[s.Block]
			ps.Part, ps.Offset = b.part, b.offset
			if s.First > 0 && b.offset >= 0 {
				ps.Word = e.set[s.Block][s.First].wordsBefore
			}
		}
		e.PageStarts = append(e.PageStarts, ps)
	}
	return e, nil
}

// Pages is the number of printed pages.
func (e *Edition) Pages() int { return len(e.pages) }

// WriteTo draws the pages and writes the PDF.
func (e *Edition) WriteTo(w io.Writer) (int64, error) {
	f, doc := e.format, e.doc
	pdf, ok := <-e.ready
	if !ok {
		return 0, fmt.Errorf("%s: the print edition was already written", doc.Body.Path)
	}
	close(e.ready)
	d := &drawer{pdf: pdf, sheet: e.sheet, links: map[string]int{}, images: map[*document.Image]string{}}
	for _, face := range alwaysSet {
		d.fontsAdded[face] = true
	}
	heads := runningHeads(doc, e.sheet, f)
	for pi, page := range e.pages {
		n := pi + 1
		pdf.AddPage()
		tx, ty := f.trimOrigin(n)
		pdf.SetPageBox("TrimBox", tx, ty, f.width, f.height)
		x := f.columnLeft(n)
		if n > 1 {
			withHead := len(page.Slices) == 0 || !e.blocks[page.Slices[0].Block].noRunningHead
			heads.draw(d, n, x, withHead)
		}
		for _, s := range page.Slices {
			b := &e.blocks[s.Block]
			top := f.columnTop() + s.Y
			if s.First == 0 && b.bookmark != "" {
				d.useStyle(styleOf(classBody, roman))
				pdf.Bookmark(b.bookmark, b.bookmarkLevel, top)
			}
			for _, l := range e.set[s.Block][s.First:s.Last] {
				l.draw(d, x, top)
				top += l.height
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return 0, fmt.Errorf("%s: writing the PDF: %w", doc.Body.Path, err)
	}
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}

// newFpdf sets up a document whose every byte is determined by its input:
// fixed dates, sorted catalog, no clock.
func newFpdf(f pageFormat, m *document.Metadata) *fpdf.Fpdf {
	mw, mh := f.mediaSize()
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: mw, Ht: mh}})
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	pdf.SetCreationDate(m.Modified)
	pdf.SetModificationDate(m.Modified)
	setInfo(pdf, m)
	return pdf
}
