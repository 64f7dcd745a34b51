// Package pdf owns the print edition: it composes the document model into
// blocks, breaks paragraphs with Knuth–Plass (package linebreak), fills
// pages with widow, orphan and heading control (package paginate), and
// draws the result through package pdfwrite, which only writes what it is
// told. Font subsets are embedded, metadata matches the EPUB's field for
// field, and the bytes are reproducible.
package pdf

import (
	"fmt"
	"io"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/hyphen"
	"github.com/imprint-press/imprint/internal/linebreak"
	"github.com/imprint-press/imprint/internal/paginate"
	"github.com/imprint-press/imprint/internal/pdfwrite"
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
}

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
	e := &Edition{doc: doc, format: f, sheet: sheet, blocks: blocks, set: make([][]setLine, len(blocks))}
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
	mw, mh := f.mediaSize()
	pdf := pdfwrite.New(mw, mh, info(&doc.Meta))
	d := &drawer{pdf: pdf, sheet: e.sheet, links: map[string]int{}, images: map[*document.Image]*pdfwrite.Image{}}
	heads := runningHeads(doc, e.sheet, f)
	for pi, page := range e.pages {
		n := pi + 1
		pdf.AddPage()
		tx, ty := f.trimOrigin(n)
		pdf.SetTrimBox(tx, ty, f.width, f.height)
		x := f.columnLeft(n)
		if n > 1 {
			withHead := len(page.Slices) == 0 || !e.blocks[page.Slices[0].Block].noRunningHead
			heads.draw(d, n, x, withHead)
		}
		for _, s := range page.Slices {
			b := &e.blocks[s.Block]
			top := f.columnTop() + s.Y
			if s.First == 0 && b.bookmark != "" {
				pdf.Bookmark(b.bookmark, b.bookmarkLevel, top)
			}
			for _, l := range e.set[s.Block][s.First:s.Last] {
				l.draw(d, x, top)
				top += l.height
			}
		}
	}
	if d.err != nil {
		return 0, fmt.Errorf("%s: writing the PDF: %w", doc.Body.Path, d.err)
	}
	data, err := pdf.Bytes()
	if err != nil {
		return 0, fmt.Errorf("%s: writing the PDF: %w", doc.Body.Path, err)
	}
	n, err := w.Write(data)
	return int64(n), err
}
