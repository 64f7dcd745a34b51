// Package cover owns the cover imprint draws for an EPUB whose manuscript
// names no cover image: a typographic cover set from the title, subtitle and
// authors in the embedded Liberation faces, encoded as a PNG. The same
// metadata always yields the same bytes.
package cover

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"strings"
	"sync"

	"github.com/imprint-press/imprint/internal/fonts"
)

// Content is the metadata a cover is set from.
type Content struct {
	Title, Subtitle string
	Authors         []string
}

// Width and Height are the cover's size in pixels (a 1:1.6 portrait, the
// shape e-book stores ask for).
const Width, Height = 1600, 2560

// Geometry, in pixels. Everything drawn lies inside safeArea.
const (
	marginX    = 160
	marginY    = 160
	measure    = Width - 2*marginX
	topRuleY   = 240 // the rule that heads the cover
	ruleWeight = 5
	titleTop   = 420 // cap height of the title's first line
	// footBaseline is the baseline of the byline's last line.
	footBaseline = Height - 230
)

var safeArea = image.Rect(marginX, marginY, Width-marginX, Height-marginY)

// The colours: oxford-blue ground, warm paper-white title, muted brass
// rules and byline, a greyed blue for the subtitle.
var (
	background   = color.RGBA{0x13, 0x22, 0x3a, 0xff}
	titleColour  = color.RGBA{0xf4, 0xee, 0xe1, 0xff}
	accentColour = color.RGBA{0xc9, 0xa4, 0x5c, 0xff}
	subColour    = color.RGBA{0xb4, 0xbf, 0xcf, 0xff}
	coverPalette = palette(background, titleColour, accentColour, subColour)
)

const (
	titleInk ink = iota
	accentInk
	subtitleInk
)

// The faces of the three blocks.
const (
	titleFace    = fonts.SansBold
	subtitleFace = fonts.SerifItalic
	bylineFace   = fonts.SansBold
)

// Letter-spacing, in ems: display type is set a touch tight, capitals in
// the byline open.
const (
	titleTracking  = -0.01
	bylineTracking = 0.12
)

// PNG draws the cover and writes it as a PNG. Same Content -> same bytes, always.
func PNG(w io.Writer, c Content) error {
	cv, err := drawCover(c)
	if err != nil {
		return err
	}
	defer cv.release()
	return encodePNG(w, cv)
}

// drawCover sets the cover on a canvas from the pool; the caller releases it.
func drawCover(c Content) (*canvas, error) {
	title := normalize(c.Title)
	if title == "" {
		return nil, errors.New("cover: the title is empty")
	}
	subtitle := normalize(c.Subtitle)
	if err := drawable("the title", title, titleFace); err != nil {
		return nil, err
	}
	if err := drawable("the subtitle", subtitle, subtitleFace); err != nil {
		return nil, err
	}
	authors := make([]string, len(c.Authors))
	for i, a := range c.Authors {
		authors[i] = normalize(a)
		// The message is made only when it is needed.
		if hasMissing(authors[i], bylineFace) {
			return nil, drawable(fmt.Sprintf("the author name %q", a), authors[i], bylineFace)
		}
	}
	byline := bylineTokens(authors)
	// The byline is set in capitals, unless the font lacks a capital form
	// a name needs (the names as given already checked out).
	if upper := strings.ToUpper(strings.Join(byline, " ")); !hasMissing(upper, bylineFace) {
		for i, t := range byline {
			byline[i] = strings.ToUpper(t)
		}
	}

	cv := newCanvas(coverPalette)
	if err := layout(cv, title, subtitle, byline); err != nil {
		cv.release()
		return nil, err
	}
	return cv, nil
}

// normalize collapses runs of white space (line breaks included) to single
// spaces and turns invalid UTF-8 into U+FFFD, which is then either drawn or
// reported like any other character.
func normalize(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

// layout sets the three blocks: the title from the top, the byline up
// from the foot, and the subtitle in whatever lies between.
func layout(cv *canvas, title, subtitle string, byline []string) error {
	ms := measurerPool.Get().(*coverMeasurers)
	defer measurerPool.Put(ms)
	cv.rule(image.Rect(marginX, topRuleY, Width-marginX, topRuleY+ruleWeight), accentInk)

	// The byline is fitted first because the subtitle gets what it leaves.
	footRule := footBaseline - 200
	if len(byline) > 0 {
		m := ms.byline
		by := fitByline(m, byline)
		n := float64(len(by.lines))
		capTop := footBaseline - (n-1)*by.style.leading*by.size - m.capHeight*by.size
		if _, err := cv.drawBlock(by, marginX, capTop, accentInk); err != nil {
			return err
		}
		footRule = int(capTop) - 90
	}
	cv.rule(image.Rect(marginX, footRule, Width-marginX, footRule+ruleWeight), accentInk)

	titleZone := float64(footRule - 160 - titleTop)
	if subtitle != "" {
		titleZone = min(titleZone, 1100)
	}
	tb := fitTitle(ms.title, title, titleZone)
	bottom, err := cv.drawBlock(tb, marginX, titleTop, titleInk)
	if err != nil || subtitle == "" {
		return err
	}

	dashTop := int(bottom) + 90
	cv.rule(image.Rect(marginX, dashTop, marginX+140, dashTop+ruleWeight*2), accentInk)
	subTop := float64(dashTop + 2*ruleWeight + 100)
	sm := ms.subtitle
	sb := fit(sm, strings.Fields(subtitle), blockStyle{
		maxSize: 68, minSize: 40, step: 2, maxLines: 7, hardMaxLines: 9, leading: 1.3,
		width: measure, height: float64(footRule-120) - subTop, balance: true,
	})
	_, err = cv.drawBlock(sb, marginX, subTop, subtitleInk)
	return err
}

// coverMeasurers are the measurers of a cover's three blocks. They are
// pooled: a measurer's glyph buffer grows on first use, and making them
// anew was most of a cover's remaining garbage.
type coverMeasurers struct{ title, subtitle, byline *measurer }

var measurerPool = sync.Pool{New: func() any {
	return &coverMeasurers{
		title:    newMeasurer(fonts.MustGet(titleFace), titleTracking),
		subtitle: newMeasurer(fonts.MustGet(subtitleFace), 0),
		byline:   newMeasurer(fonts.MustGet(bylineFace), bylineTracking),
	}
}}

// fitTitle lets a title of up to three lines grow past the usual largest
// size, so a one-word title holds the cover rather than floating on it;
// longer titles shrink from 150 px until they fit in six lines.
func fitTitle(m *measurer, title string, height float64) block {
	words := measureAll(m, strings.Fields(title))
	short := blockStyle{
		maxSize: 200, minSize: 152, step: 4, maxLines: 3, leading: 1.04,
		width: measure, height: height, balance: true,
	}
	if b, ok := tryFit(m, words, short); ok {
		return b
	}
	long := blockStyle{
		maxSize: 150, minSize: 72, step: 2, maxLines: 6, hardMaxLines: 9, leading: 1.06,
		width: measure, height: height, balance: true,
	}
	if b, ok := tryFit(m, words, long); ok {
		return b
	}
	return squeeze(m, words, long)
}

// fitByline keeps each name whole: on one line if any size allows, else
// on two, and only if a name is itself too long are names broken.
func fitByline(m *measurer, tokens []string) block {
	st := blockStyle{
		maxSize: 60, minSize: 34, step: 2, maxLines: 1, hardMaxLines: 2, leading: 1.45,
		width: measure, height: 200,
	}
	names := measureAll(m, tokens)
	if b, ok := tryFit(m, names, st); ok {
		return b
	}
	st.maxLines = 2
	if b, ok := tryFit(m, names, st); ok {
		return b
	}
	return fit(m, strings.Fields(strings.Join(tokens, " ")), st)
}

// bylineTokens joins the authors as "A", "A and B", "A, B and C", returned
// as the pieces a line may break between: ["A,", "B", "and C"].
func bylineTokens(authors []string) []string {
	var names []string
	for _, a := range authors {
		if a = normalize(a); a != "" {
			names = append(names, a)
		}
	}
	for i := range names {
		switch {
		case i == len(names)-1 && i > 0:
			names[i] = "and " + names[i]
		case i < len(names)-2:
			names[i] += ","
		}
	}
	return names
}

// drawable reports the first rune of text that face cannot draw, naming it
// so the author knows what to change. what is the text as the message
// names it: "the title".
func drawable(what, text string, face fonts.Face) error {
	r, missing := fonts.MustGet(face).Missing(text)
	if !missing {
		return nil
	}
	for _, other := range fonts.Faces {
		if fonts.MustGet(other).Has(r) {
			return fmt.Errorf("cover: %s contains %U %s, which the cover's typeface (%s) cannot draw",
				what, r, quoteRune(r), faceName(fonts.MustGet(face)))
		}
	}
	return fmt.Errorf("cover: %s contains %U %s, which no embedded font can draw", what, r, quoteRune(r))
}

// faceName spells a face as people do: "Liberation Sans Bold".
func faceName(f *fonts.Font) string {
	family := strings.Replace(f.Family, "Liberation", "Liberation ", 1)
	style := map[string]string{"": "Regular", "I": "Italic", "B": "Bold", "BI": "Bold Italic"}[f.Style]
	return family + " " + style
}

func hasMissing(text string, face fonts.Face) bool {
	_, missing := fonts.MustGet(face).Missing(text)
	return missing
}

// quoteRune shows a rune between single quotes, or as an escape when it is
// invisible.
func quoteRune(r rune) string {
	if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
		return fmt.Sprintf("%q", r)
	}
	return "'" + string(r) + "'"
}
