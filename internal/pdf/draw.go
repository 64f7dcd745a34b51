package pdf

import (
	"bytes"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/fonts"
	"github.com/imprint-press/imprint/internal/linebreak"
)

// drawer is the thin backend: it puts placed fragments, images and rules
// on fpdf pages. All decisions about where things go were made before.
type drawer struct {
	pdf        *fpdf.Fpdf
	sheet      stylesheet
	fontsAdded [len(fontFamilies)]bool
	links      map[string]int // internal link targets by anchor name
	images     map[*document.Image]string
	current    linebreak.Style
	hasFont    bool
}

// fontFamilies names each embedded face for fpdf, indexed by fonts.Face.
var fontFamilies = [...]struct{ family, style string }{
	fonts.SerifRegular:    {"serif", ""},
	fonts.SerifItalic:     {"serif", "I"},
	fonts.SerifBold:       {"serif", "B"},
	fonts.SerifBoldItalic: {"serif", "BI"},
	fonts.SansRegular:     {"sans", ""},
	fonts.SansBold:        {"sans", "B"},
	fonts.MonoRegular:     {"mono", ""},

	fonts.FallbackSans:            {"fallback", ""},
	fonts.FallbackSansOblique:     {"fallback", "I"},
	fonts.FallbackSansBold:        {"fallback", "B"},
	fonts.FallbackSansBoldOblique: {"fallback", "BI"},
	fonts.FallbackMono:            {"fallbackmono", ""},
}

// useStyle selects a style's font, embedding the face on first use so the
// edition carries only the faces it sets text in.
func (d *drawer) useStyle(st linebreak.Style) {
	if d.hasFont && st == d.current {
		return
	}
	f := face(st)
	ff := fontFamilies[f]
	if !d.fontsAdded[f] {
		addFace(d.pdf, f)
		d.fontsAdded[f] = true
	}
	d.pdf.SetFont(ff.family, ff.style, d.sheet.spec(st).size)
	d.current, d.hasFont = st, true
}

// addFace embeds a face in the document.
func addFace(pdf *fpdf.Fpdf, f fonts.Face) {
	ff := fontFamilies[f]
	pdf.AddUTF8FontFromBytes(ff.family, ff.style, fonts.MustGet(f).TTF)
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
		d.pdf.Link(x, top, f.Width, sp.size*1.15, d.link(name))
		// A note reference is also where the note links back to.
		if strings.HasPrefix(name, "fn-") {
			d.anchor("fnref-"+strings.TrimPrefix(name, "fn-"), top)
		}
		return
	}
	d.pdf.LinkString(x, top, f.Width, sp.size*1.15, f.Link)
}

func (d *drawer) link(name string) int {
	id, ok := d.links[name]
	if !ok {
		id = d.pdf.AddLink()
		d.links[name] = id
	}
	return id
}

// anchor makes the current page at y the target of links to name.
func (d *drawer) anchor(name string, y float64) {
	d.pdf.SetLink(d.link(name), y, d.pdf.PageNo())
}

func (d *drawer) image(im *document.Image, x, y, w, h float64) {
	name, ok := d.images[im]
	if !ok {
		if name = d.sameImage(im); name == "" {
			name = "img" + strconv.Itoa(len(d.images)+1)
			kind := strings.ToUpper(strings.TrimPrefix(im.Ext(), "."))
			d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: kind}, bytes.NewReader(im.Data))
		}
		d.images[im] = name
	}
	d.pdf.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{}, 0, "")
}

func (d *drawer) rule(x, y, w float64) {
	d.pdf.SetLineWidth(0.4)
	d.pdf.Line(x, y, x+w, y)
}
