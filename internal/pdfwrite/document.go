// Package pdfwrite owns the bytes of a PDF file: pages and their content
// streams, embedded font subsets with their widths and ToUnicode maps,
// images, links, the outline, the Info dictionary and XMP packet, and the
// cross-reference table. It decides nothing about layout: package pdf
// tells it what to draw where, in points from the page's top-left corner.
//
// Everything that does not depend on the document (parsing the fonts) is
// done once per process by package fonts; a Document only cuts subsets
// and writes objects. The output is a function of what was drawn: no
// clock, no random identifier, no map order.
package pdfwrite

import (
	"bytes"
	"time"

	"github.com/imprint-press/imprint/internal/fonts"
)

// Info is the document's metadata, written to the Info dictionary and the
// catalog; XMP, when set, becomes the catalog's metadata stream as is.
type Info struct {
	Title, Author, Subject, Keywords, Creator, Producer string
	Created, Modified                                   time.Time
	Lang                                                string
	XMP                                                 []byte
}

// Document is a PDF being drawn. Draw on the current page (AddPage starts
// one), then WriteTo. It is not safe for concurrent use.
type Document struct {
	width, height float64
	info          Info
	pages         []*page
	fonts         []*fontUse
	fontIndex     map[*fonts.Font]*fontUse
	images        []*Image
	dests         []dest
	outline       []outlineItem

	font     *fontUse
	fontSize float64
}

type page struct {
	content bytes.Buffer
	trim    *[4]float64
	annots  []annot
	fonts   []*fontUse
	images  []*Image
	// The font the content stream last selected.
	textFont *fontUse
	textSize float64
}

// New starts a document whose pages are width by height points.
func New(width, height float64, info Info) *Document {
	return &Document{width: width, height: height, info: info, fontIndex: map[*fonts.Font]*fontUse{}}
}

// AddPage starts a new page; drawing goes to it from now on.
func (d *Document) AddPage() {
	d.pages = append(d.pages, &page{})
	d.font = nil
}

// PageNo is the current page's number, from 1; 0 before the first page.
func (d *Document) PageNo() int { return len(d.pages) }

func (d *Document) current() *page {
	if len(d.pages) == 0 {
		d.AddPage()
	}
	return d.pages[len(d.pages)-1]
}

// SetTrimBox sets the current page's trim box: the finished page, inside
// the bleed, at (x, y) from the top-left and w by h points.
func (d *Document) SetTrimBox(x, y, w, h float64) {
	d.current().trim = &[4]float64{x, d.height - y - h, x + w, d.height - y}
}

// Line draws a straight black line of the given width.
func (d *Document) Line(x1, y1, x2, y2, width float64) {
	c := &d.current().content
	num(c, width)
	c.WriteString(" w ")
	num(c, x1)
	c.WriteByte(' ')
	num(c, d.height-y1)
	c.WriteString(" m ")
	num(c, x2)
	c.WriteByte(' ')
	num(c, d.height-y2)
	c.WriteString(" l S\n")
}
