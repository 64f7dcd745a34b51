package pdf

import "fmt"

// pt is one PostScript point; the typesetter works in points throughout.
const inch = 72.0

// pageFormat is a trim size with its margins and type sizes. Margins are
// inside (gutter) and outside, so recto and verso pages mirror each other.
type pageFormat struct {
	name                     string
	width, height            float64 // trim size
	top, bottom              float64
	inside, outside          float64
	bodySize, leading        float64
	headRaise, folioDrop     float64 // running head above the text area, folio below it
	bleed                    float64 // added on the outside, top and bottom edges
	titleSize, subtitleScale float64
}

// formats are the presets. Trade (6x9 in) is the default: the standard
// trim for nonfiction from print-on-demand services, and at 10.5/14 pt its
// measure of about 66 characters is the one readers find easiest.
var formats = map[string]pageFormat{
	"trade": {name: "trade", width: 6 * inch, height: 9 * inch, top: 0.75 * inch, bottom: 0.8 * inch,
		inside: 0.8 * inch, outside: 0.6 * inch, bodySize: 10.5, leading: 14, headRaise: 22, folioDrop: 28, titleSize: 21},
	"letter": {name: "letter", width: 8.5 * inch, height: 11 * inch, top: 1 * inch, bottom: 1 * inch,
		inside: 1.5 * inch, outside: 1.25 * inch, bodySize: 11.5, leading: 15.5, headRaise: 26, folioDrop: 32, titleSize: 25},
	"a4": {name: "a4", width: 595.28, height: 841.89, top: 72, bottom: 76,
		inside: 100, outside: 86, bodySize: 11.5, leading: 15.5, headRaise: 26, folioDrop: 32, titleSize: 25},
}

// bleedWidth is the 0.125 in that printers ask for beyond the trim.
const bleedWidth = 0.125 * inch

func formatFor(name string, bleed bool) (pageFormat, error) {
	f, ok := formats[name]
	if !ok {
		return f, fmt.Errorf("pdf: unknown paper %q: use trade, letter or a4", name)
	}
	if bleed {
		f.bleed = bleedWidth
	}
	return f, nil
}

// measure is the width of the text column.
func (f pageFormat) measure() float64 { return f.width - f.inside - f.outside }

// textHeight is the height of the text column.
func (f pageFormat) textHeight() float64 { return f.height - f.top - f.bottom }

// mediaSize is the sheet: the trim plus bleed on the outside edge, top and
// bottom (the gutter edge is bound and never trimmed), as KDP specifies.
func (f pageFormat) mediaSize() (w, h float64) {
	return f.width + f.bleed, f.height + 2*f.bleed
}

// trimOrigin is where the trim box starts on page n (1-based): recto
// (odd) pages bleed on the right, verso pages on the left.
func (f pageFormat) trimOrigin(page int) (x, y float64) {
	if page%2 == 0 {
		return f.bleed, f.bleed
	}
	return 0, f.bleed
}

// columnLeft is the x of the text column on page n.
func (f pageFormat) columnLeft(page int) float64 {
	x, _ := f.trimOrigin(page)
	if page%2 == 1 {
		return x + f.inside
	}
	return x + f.outside
}

// columnTop is the y of the text column's top on any page.
func (f pageFormat) columnTop() float64 { return f.bleed + f.top }
