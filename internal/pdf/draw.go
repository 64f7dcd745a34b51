package pdf

import (
	"fmt"
	"strings"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/fonts"
	"github.com/imprint-press/imprint/internal/linebreak"
	"github.com/imprint-press/imprint/internal/pdfwrite"
)

// drawer is the thin backend: it puts placed fragments, images and rules
// on pdfwrite pages. All decisions about where things go were made before.
type drawer struct {
	pdf     *pdfwrite.Document
	sheet   stylesheet
	links   map[string]int // internal link destinations by anchor name
	images  map[*document.Image]*pdfwrite.Image
	current linebreak.Style
	hasFont bool
	err     error // the first error drawing met, reported when writing
}

// useStyle selects a style's font. pdfwrite embeds a face on first use, so
// the edition carries only the faces it sets text in.
func (d *drawer) useStyle(st linebreak.Style) {
	if d.hasFont && st == d.current {
		return
	}
	d.useFace(face(st), d.sheet.spec(st).size)
	d.current, d.hasFont = st, true
}

// useFace selects face f at size.
func (d *drawer) useFace(f fonts.Face, size float64) {
	if err := d.pdf.SetFont(fonts.MustGet(f), size); err != nil && d.err == nil {
		d.err = err
	}
}

// fragment draws one placed fragment with its baseline at y, and makes it
// a link when it carries one.
func (d *drawer) fragment(f linebreak.Placed, x, y float64) {
	sp := d.sheet.spec(f.Style)
	d.useStyle(f.Style)
	d.text(f.Style, x, y-sp.rise, f.Text)
	if f.Link == "" {
		return
	}
	top := y - sp.rise - sp.size*0.9
	if strings.HasPrefix(f.Link, "#") {
		name := f.Link[1:]
		d.pdf.LinkDest(x, top, f.Width, sp.size*1.15, d.link(name))
		// A note reference is also where the note links back to.
		if strings.HasPrefix(name, "fn-") {
			d.anchor("fnref-"+strings.TrimPrefix(name, "fn-"), top)
		}
		return
	}
	d.pdf.LinkURI(x, top, f.Width, sp.size*1.15, f.Link)
}

func (d *drawer) link(name string) int {
	id, ok := d.links[name]
	if !ok {
		id = d.pdf.NewDest()
		d.links[name] = id
	}
	return id
}

// anchor makes the current page at y the target of links to name.
func (d *drawer) anchor(name string, y float64) {
	d.pdf.SetDest(d.link(name), y)
}

func (d *drawer) image(im *document.Image, x, y, w, h float64) {
	img, ok := d.images[im]
	if !ok {
		var err error
		if img, err = d.pdf.RegisterImage(im.Data); err != nil {
			if d.err == nil {
				d.err = fmt.Errorf("%s: %w", im.Path, err)
			}
			return
		}
		d.images[im] = img
	}
	d.pdf.DrawImage(img, x, y, w, h)
}

func (d *drawer) rule(x, y, w float64) {
	d.pdf.Line(x, y, x+w, y, 0.4)
}
