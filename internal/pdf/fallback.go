package pdf

import (
	"fmt"
	"unicode"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/fonts"
	"github.com/imprint-press/imprint/internal/linebreak"
)

// Characters the Liberation faces lack are set in their DejaVu fallback
// (fonts.Fallback), measured and drawn in that face. What neither can set,
// and what this typesetter cannot set correctly, is refused with
// a GlyphError that names the character, its line and why.

// glyphProblem says why a character cannot be printed.
type glyphProblem uint8

const (
	noGlyph      glyphProblem = iota // no embedded face has it
	emoji                            // a pictograph above U+FFFF
	astral                           // another character above U+FFFF
	needsShaping                     // a script whose letters change shape with their neighbours
)

// shapedScripts are the scripts whose letters join or reorder, which this
// typesetter does not do: set letter by letter they would print wrongly, not blank.
var shapedScripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Arabic", unicode.Arabic}, {"Syriac", unicode.Syriac}, {"Thaana", unicode.Thaana}, {"N'Ko", unicode.Nko},
	{"Mongolian", unicode.Mongolian}, {"Devanagari", unicode.Devanagari}, {"Bengali", unicode.Bengali},
	{"Gurmukhi", unicode.Gurmukhi}, {"Gujarati", unicode.Gujarati}, {"Oriya", unicode.Oriya},
	{"Tamil", unicode.Tamil}, {"Telugu", unicode.Telugu}, {"Kannada", unicode.Kannada},
	{"Malayalam", unicode.Malayalam}, {"Sinhala", unicode.Sinhala}, {"Thai", unicode.Thai}, {"Lao", unicode.Lao},
	{"Tibetan", unicode.Tibetan}, {"Myanmar", unicode.Myanmar}, {"Khmer", unicode.Khmer},
	{"Javanese", unicode.Javanese}, {"Balinese", unicode.Balinese},
}

// scriptNeedingShaping names the script of r when it is one fpdf cannot set.
func scriptNeedingShaping(r rune) (string, bool) {
	if r < 0x0600 {
		return "", false
	}
	for _, s := range shapedScripts {
		if unicode.Is(s.table, r) {
			return s.name, true
		}
	}
	return "", false
}

// ignorable reports whether r is a default-ignorable character: it has no
// appearance of its own (a variation selector, a joiner, a bidi control),
// so a face without a glyph for it sets it as nothing.
func ignorable(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x206F, r >= 0xFE00 && r <= 0xFE0F:
		return true
	}
	return false
}

func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0xE0000 && r <= 0xE007F
}

// findGlyphProblem returns the first character of text that face f (with
// its fallback) cannot print, and why.
func findGlyphProblem(f fonts.Face, text string) (rune, glyphProblem, bool) {
	for _, r := range text {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
		case r > 0xFFFF:
			// No embedded face has a glyph above the Basic Multilingual Plane.
			if isEmoji(r) {
				return r, emoji, true
			}
			return r, astral, true
		case r >= 0x0600:
			if _, shaped := scriptNeedingShaping(r); shaped {
				return r, needsShaping, true
			}
			fallthrough
		default:
			if _, ok := fonts.SetIn(f, r); !ok && !ignorable(r) {
				return r, noGlyph, true
			}
		}
	}
	return 0, 0, false
}

// glyphMessage is GlyphError's text: where, which character, why, and what
// to do about it.
func glyphMessage(e *GlyphError) string {
	where := fmt.Sprintf("%s:%d:", e.File, e.Line)
	char := fmt.Sprintf("U+%04X %s", e.Rune, quoted(e.Rune))
	switch e.Problem {
	case emoji:
		return fmt.Sprintf("%s character %s is an emoji, and emoji cannot be printed: replace it with words or an image", where, char)
	case astral:
		return fmt.Sprintf("%s character %s is beyond the characters the print edition can set (above U+FFFF): replace it with an ordinary character, words or an image", where, char)
	case needsShaping:
		script, _ := scriptNeedingShaping(e.Rune)
		return fmt.Sprintf("%s character %s is %s script, which needs shaping the print edition cannot do yet: transliterate the passage, or set it as an image", where, char, script)
	}
	return fmt.Sprintf("%s character %s has no glyph in the print edition's fonts: replace it (or remove it) in the manuscript", where, char)
}

// quoted shows r between quotes, or escaped when it is invisible.
func quoted(r rune) string {
	if unicode.IsGraphic(r) && !unicode.Is(unicode.Mn, r) {
		return "'" + string(r) + "'"
	}
	return fmt.Sprintf("%+q", r)
}

// needsFallback reports whether some character of s is not set in f.
func needsFallback(f fonts.Face, s string) bool {
	font := fonts.MustGet(f)
	for _, r := range s {
		if !font.Has(r) {
			return true
		}
	}
	return false
}

// text draws s in style st with its baseline at (x, y). The style's font
// is current (useStyle); characters its face lacks are drawn in the
// fallback face, and ignorable characters neither has are left out, so
// what is drawn is what Width measured.
func (d *drawer) text(st linebreak.Style, x, y float64, s string) {
	if traceText != nil {
		traceText(d.pdf.PageNo(), x, d.sheet.Width(st, s), s)
	}
	primary := face(st)
	if !needsFallback(primary, s) {
		d.pdf.Text(x, y, s)
		return
	}
	size := d.sheet.spec(st).size
	start, current := 0, primary
	flush := func(end int) {
		if end > start {
			d.useFace(current, size)
			d.pdf.Text(x, y, s[start:end])
			x += fonts.MustGet(current).Width(s[start:end], size)
		}
	}
	for i, r := range s {
		f, ok := fonts.SetIn(primary, r)
		if r > 0xFFFF {
			// The composer refuses these, so this only guards against a
			// string that escaped its check.
			ok = false
		}
		if !ok {
			// Only ignorable characters get here (the composer refused
			// the rest): they are not drawn.
			flush(i)
			start = i + len(string(r))
			continue
		}
		if f != current {
			flush(i)
			start, current = i, f
		}
	}
	flush(len(s))
	// The font set last may not be st's: the next useStyle must set it.
	d.hasFont = false
}

// traceText, when set (by tests only), sees every string drawn: its page,
// left edge and width, which is how FuzzLayout checks the measure.
var traceText func(page int, x, width float64, text string)

// frontMatterText is every metadata string the print edition sets: on the
// title page, in the running heads, under the lead image and in the
// colophon.
func frontMatterText(m *document.Metadata) []string {
	list := []string{m.Title, m.Subtitle, m.Description, m.Rights, m.Publisher, identifierLine(m.Identifier)}
	if m.Lead != nil {
		list = append(list, m.Lead.Caption, m.Lead.Credit)
	}
	return list
}

// checkInfoText holds metadata that is never set in a face but goes into
// the PDF's Info dictionary (the subjects) to the rule for text that is:
// nothing above U+FFFF, so one rule says what a manuscript may hold.
func (c *composer) checkInfoText(list []string) error {
	for _, s := range list {
		for _, r := range s {
			if r > 0xFFFF {
				problem := astral
				if isEmoji(r) {
					problem = emoji
				}
				return &GlyphError{File: c.part.Path, Line: 1, Rune: r, Problem: problem}
			}
		}
	}
	return nil
}
