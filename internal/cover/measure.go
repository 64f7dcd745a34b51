package cover

import (
	"unicode/utf8"

	"github.com/imprint-press/imprint/internal/fonts"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Layout works in font design units, so a word is measured once and then
// scaled to every candidate size the fitting loop tries.

// word is one unbreakable run of text with the measurements wrapping needs.
type word struct {
	text string
	// advance is the pen travel across the word in font units: the glyph
	// advances (from fonts.Font.Width), pair kerning and letter-spacing.
	advance float64
	// leftInk is where the first glyph's ink starts relative to its origin,
	// rightInk how far the last glyph's ink reaches past its advance (both
	// in units), so a line's inked extent, not its advance box, meets the
	// margins.
	leftInk, rightInk float64
}

// measurer measures text in one face with one letter-spacing.
type measurer struct {
	font     *fonts.Font
	upem     float64
	tracking float64 // extra units after every glyph but a line's last
	space    float64 // advance of U+0020 in units
	// capHeight and descender (ems) bound a line's ink vertically.
	capHeight, descender float64
	buf                  sfnt.Buffer
}

func newMeasurer(f *fonts.Font, trackingEm float64) *measurer {
	m := &measurer{font: f, upem: f.UnitsPerEm()}
	m.tracking = trackingEm * m.upem
	m.space = f.Width(" ", m.upem)
	above, _ := m.verticalInk('H')
	_, below := m.verticalInk('p')
	m.capHeight, m.descender = above/m.upem, below/m.upem
	return m
}

// runeAdvance is the rune's advance in units, as fonts.Font.Width reports it.
func (m *measurer) runeAdvance(s string, i, n int) float64 {
	return m.font.Width(s[i:i+n], m.upem)
}

// kern is the pair kerning between two runes in units; fonts without a
// kern table (or a pair without an entry) kern zero.
func (m *measurer) kern(prev, r rune) float64 {
	g0, err0 := m.font.SFNT.GlyphIndex(&m.buf, prev)
	g1, err1 := m.font.SFNT.GlyphIndex(&m.buf, r)
	if err0 != nil || err1 != nil || g0 == 0 || g1 == 0 {
		return 0
	}
	k, err := m.font.SFNT.Kern(&m.buf, g0, g1, fixed.I(int(m.upem)), font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(k) / 64
}

// inkBounds returns the rune's ink extent in units: left edge from the
// origin and right edge minus the advance.
func (m *measurer) inkBounds(r rune) (left, overhang float64) {
	g, err := m.font.SFNT.GlyphIndex(&m.buf, r)
	if err != nil || g == 0 {
		return 0, 0
	}
	b, adv, err := m.font.SFNT.GlyphBounds(&m.buf, g, fixed.I(int(m.upem)), font.HintingNone)
	if err != nil || b.Max.X <= b.Min.X {
		return 0, 0
	}
	return float64(b.Min.X) / 64, float64(b.Max.X-adv) / 64
}

// verticalInk returns how far r's ink rises above (positive) and drops
// below the baseline, in units.
func (m *measurer) verticalInk(r rune) (above, below float64) {
	g, err := m.font.SFNT.GlyphIndex(&m.buf, r)
	if err != nil || g == 0 {
		return 0, 0
	}
	b, _, err := m.font.SFNT.GlyphBounds(&m.buf, g, fixed.I(int(m.upem)), font.HintingNone)
	if err != nil {
		return 0, 0
	}
	return float64(-b.Min.Y) / 64, float64(b.Max.Y) / 64
}

func (m *measurer) measure(text string) word {
	w := word{text: text}
	var prev rune
	first := true
	for i, r := range text {
		_, n := utf8.DecodeRuneInString(text[i:])
		if !first {
			w.advance += m.kern(prev, r) + m.tracking
		}
		w.advance += m.runeAdvance(text, i, n)
		prev, first = r, false
	}
	if first {
		return w
	}
	r0, _ := utf8.DecodeRuneInString(text)
	w.leftInk, _ = m.inkBounds(r0)
	_, w.rightInk = m.inkBounds(prev)
	return w
}

// gap is the advance between two words on a line.
func (m *measurer) gap() float64 { return m.space + 2*m.tracking }

// inkWidth is the inked extent of words set on one line, in units.
func (m *measurer) inkWidth(line []word) float64 {
	if len(line) == 0 {
		return 0
	}
	total := 0.0
	for i, w := range line {
		if i > 0 {
			total += m.gap()
		}
		total += w.advance
	}
	return total - line[0].leftInk + line[len(line)-1].rightInk
}

// splitToFit breaks a word too wide for any line into pieces that each fit
// within limit units, so a pathological unbroken string still stays inside
// the margins.
func (m *measurer) splitToFit(w word, limit float64) []word {
	if m.inkWidth([]word{w}) <= limit {
		return []word{w}
	}
	var pieces []word
	start := 0
	var advance, leftInk float64
	var prev rune
	for i, r := range w.text {
		_, n := utf8.DecodeRuneInString(w.text[i:])
		_, overhang := m.inkBounds(r)
		if i == start {
			leftInk, _ = m.inkBounds(r)
			advance = m.runeAdvance(w.text, i, n)
		} else {
			next := advance + m.kern(prev, r) + m.tracking + m.runeAdvance(w.text, i, n)
			if next-leftInk+overhang > limit {
				pieces = append(pieces, m.measure(w.text[start:i]))
				start = i
				leftInk, _ = m.inkBounds(r)
				next = m.runeAdvance(w.text, i, n)
			}
			advance = next
		}
		prev = r
	}
	return append(pieces, m.measure(w.text[start:]))
}
