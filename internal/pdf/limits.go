package pdf

import "fmt"

// maxLinkBytes is the longest URL the print edition makes clickable. Every
// fragment of a link carries the whole URL in its annotation, so a link
// costs its length times the fragments it is set in: a 100,000-character
// URL made a 116 MB PDF. Browsers and servers stop near 2,000 characters
// anyway; a longer URL is still printed, as text.
const maxLinkBytes = 2048

// minMeasureShare is the least part of the measure a block keeps however
// deep it is nested: the loader allows 32 levels of block quotes and
// lists, and 1.5 em a level would push the text of the deepest past the
// page's edge, losing it.
const minMeasureShare = 1.0 / 3

// clampInsets narrows a deeply nested block's indents in proportion so
// that its text keeps minMeasureShare of the measure.
func (t *typesetter) clampInsets(b *block) {
	most := t.measure * (1 - minMeasureShare)
	if inset := b.indent + b.rightIndent; inset > most {
		k := most / inset
		b.indent *= k
		b.rightIndent *= k
	}
}

// TooTallError is a table row taller than a page: the page builder cannot
// split a row, so the table must change.
type TooTallError struct {
	File         string
	Line         int
	Height, Page float64 // points
}

func (e *TooTallError) Error() string {
	return fmt.Sprintf("%s:%d: a row of this table is %.0f pt tall, more than a page holds (%.0f pt): give the table fewer columns or shorter cells", e.File, e.Line, e.Height, e.Page)
}

// tooTall finds the first line (a table row) taller than the text block,
// which is the one way the page builder can fail, and says where its
// block came from.
func (e *Edition) tooTall(page float64) *TooTallError {
	for i, lines := range e.set {
		for _, l := range lines {
			if l.height <= page {
				continue
			}
			b := &e.blocks[i]
			part := &e.doc.Body
			if b.part == "bio" && e.doc.Bio != nil {
				part = e.doc.Bio
			}
			line := 1
			if b.offset >= 0 {
				line = part.Line(b.offset)
			}
			return &TooTallError{File: part.Path, Line: line, Height: l.height, Page: page}
		}
	}
	return nil
}
