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
	"github.com/imprint-press/imprint/internal/hyphen"
	"github.com/imprint-press/imprint/internal/linebreak"
	"github.com/imprint-press/imprint/internal/paginate"
)

// Write typesets doc as a print-ready PDF and writes it to w.
func Write(w io.Writer, doc *document.Document) error {
	f, err := formatFor(doc.Meta.Print.Paper, doc.Meta.Print.Bleed)
	if err != nil {
		return err
	}
	sheet := newStylesheet(f)
	blocks, err := compose(doc, sheet)
	if err != nil {
		return err
	}
	ts := &typesetter{sheet: sheet, measure: f.measure(), maxFig: f.textHeight() * 0.45, params: linebreak.DefaultParams()}
	if h, ok := hyphen.For(doc.Meta.Language); ok {
		ts.hyph = h
	}
	set := make([][]setLine, len(blocks))
	pb := make([]paginate.Block, len(blocks))
	for i := range blocks {
		b := &blocks[i]
		set[i] = ts.set(b)
		heights := make([]float64, len(set[i]))
		noBreakAfter := make([]bool, len(set[i]))
		for j, l := range set[i] {
			heights[j], noBreakAfter[j] = l.height, l.hyphenated
		}
		if len(heights) == 0 {
			// An empty block keeps its place (and its anchors) at no height.
			set[i] = []setLine{{height: 0.001, draw: func(*drawer, float64, float64) {}}}
			heights = []float64{0.001}
		}
		pb[i] = paginate.Block{Lines: heights, SpaceBefore: b.spaceBefore, SpaceAfter: b.spaceAfter,
			Orphans: 2, Widows: 2, Unbreakable: b.unbreakable, KeepWithNext: b.keepWithNext, BreakBefore: b.breakBefore,
			NoBreakAfter: noBreakAfter}
	}
	pages, err := paginate.Paginate(pb, func(int) float64 { return f.textHeight() })
	if err != nil {
		return fmt.Errorf("%s: laying out pages: %w", doc.Body.Path, err)
	}
	pdf := newFpdf(f, &doc.Meta)
	d := &drawer{pdf: pdf, sheet: sheet, links: map[string]int{}, images: map[*document.Image]string{}}
	heads := runningHeads(doc, sheet, f)
	for pi, page := range pages {
		n := pi + 1
		pdf.AddPage()
		tx, ty := f.trimOrigin(n)
		pdf.SetPageBox("TrimBox", tx, ty, f.width, f.height)
		x := f.columnLeft(n)
		if n > 1 {
			withHead := len(page.Slices) == 0 || !blocks[page.Slices[0].Block].noRunningHead
			heads.draw(d, n, x, withHead)
		}
		for _, s := range page.Slices {
			b := &blocks[s.Block]
			top := f.columnTop() + s.Y
			if s.First == 0 && b.bookmark != "" {
				d.useStyle(styleOf(classBody, roman))
				pdf.Bookmark(b.bookmark, b.bookmarkLevel, top)
			}
			for _, l := range set[s.Block][s.First:s.Last] {
				l.draw(d, x, top)
				top += l.height
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("%s: writing the PDF: %w", doc.Body.Path, err)
	}
	_, err = w.Write(buf.Bytes())
	return err
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
