package pdfwrite

import (
	"bytes"
	"strconv"

	"github.com/imprint-press/imprint/internal/fonts"
)

// fontUse is one face as this document uses it: its resource name and
// the characters drawn in it. Each distinct character gets a code (a CID)
// in the order first drawn, so the ToUnicode map gives every character
// back exactly, even two that share a glyph (a space and a no-break
// space); CIDToGIDMap then says which glyph draws each code.
type fontUse struct {
	font  *fonts.Font
	emb   *fonts.Embedding
	name  string   // resource name, /F1 …
	runes []rune   // by code-1: the character
	gids  []uint16 // by code-1: the glyph that draws it
	// Codes by character: an array for the common ones, a map beyond.
	low  [lowRunes]uint16
	high map[rune]uint16
}

// lowRunes covers Latin, Greek, Cyrillic and general punctuation.
const lowRunes = 0x2200

// code returns r's code in this font, assigning the next one on first
// use, and false when the face has no glyph for r.
func (u *fontUse) code(r rune) (uint16, bool) {
	if r >= 0 && r < lowRunes {
		if c := u.low[r]; c != 0 {
			return c, true
		}
	} else if c, ok := u.high[r]; ok {
		return c, true
	}
	gid, ok := u.font.GlyphIndex(r)
	if !ok || len(u.runes) >= 0xFFFE {
		return 0, false
	}
	u.runes = append(u.runes, r)
	u.gids = append(u.gids, gid)
	c := uint16(len(u.runes))
	if r >= 0 && r < lowRunes {
		u.low[r] = c
	} else {
		if u.high == nil {
			u.high = map[rune]uint16{}
		}
		u.high[r] = c
	}
	return c, true
}

// SetFont makes face f at size points the font Text draws in.
func (d *Document) SetFont(f *fonts.Font, size float64) error {
	u, ok := d.fontIndex[f]
	if !ok {
		emb, err := f.Embedding()
		if err != nil {
			return err
		}
		u = &fontUse{font: f, emb: emb, name: "F" + strconv.Itoa(len(d.fonts)+1)}
		d.fonts = append(d.fonts, u)
		d.fontIndex[f] = u
	}
	d.font, d.fontSize = u, size
	return nil
}

// Text draws s in the current font with its baseline starting at (x, y).
// Characters the face has no glyph for are not drawn: the caller chooses
// faces (and fallbacks) so that none are left.
func (d *Document) Text(x, y float64, s string) {
	u := d.font
	if u == nil || s == "" {
		return
	}
	p := d.current()
	c := &p.content
	// Drawing nothing must leave no trace: a Tf naming a font that drew
	// no character would name a font the file never writes.
	mark, textFont, textSize := c.Len(), p.textFont, p.textSize
	c.WriteString("BT ")
	// The font is part of the graphics state, which lasts past ET: it is
	// set again only when it changes.
	if p.textFont != u || p.textSize != d.fontSize {
		c.WriteByte('/')
		c.WriteString(u.name)
		c.WriteByte(' ')
		num(c, d.fontSize)
		c.WriteString(" Tf ")
		p.textFont, p.textSize = u, d.fontSize
	}
	num(c, x)
	c.WriteByte(' ')
	num(c, d.height-y)
	// The codes go in a literal string, two bytes each: half the bytes of
	// hex, so half the work for the compressor.
	c.WriteString(" Td (")
	drawn := false
	for _, r := range s {
		if code, ok := u.code(r); ok {
			codeByte(c, byte(code>>8))
			codeByte(c, byte(code))
			drawn = true
		}
	}
	if !drawn {
		c.Truncate(mark)
		p.textFont, p.textSize = textFont, textSize
		return
	}
	p.useFont(u)
	c.WriteString(") Tj ET\n")
}

func (p *page) useFont(u *fontUse) {
	for _, f := range p.fonts {
		if f == u {
			return
		}
	}
	p.fonts = append(p.fonts, u)
}

// codeByte writes one byte of a literal string, escaping the bytes a
// literal cannot hold as they are (a carriage return would be read as a
// line feed).
func codeByte(c *bytes.Buffer, b byte) {
	switch b {
	case '(', ')', '\\':
		c.WriteByte('\\')
		c.WriteByte(b)
	case '\r':
		c.WriteString("\\r")
	default:
		c.WriteByte(b)
	}
}

const hexDigits = "0123456789ABCDEF"

func hex4(b *bytes.Buffer, v uint16) {
	b.Write([]byte{hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15]})
}

// num writes v with at most three decimals and no trailing zeros: enough
// for a thousandth of a point, and the same bytes for the same value.
func num(b *bytes.Buffer, v float64) {
	var tmp [32]byte
	out := strconv.AppendFloat(tmp[:0], v, 'f', 3, 64)
	if bytes.IndexByte(out, '.') >= 0 {
		out = bytes.TrimRight(out, "0")
		out = bytes.TrimSuffix(out, []byte("."))
	}
	if string(out) == "-0" {
		out = out[1:]
	}
	b.Write(out)
}
