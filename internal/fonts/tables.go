package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	"golang.org/x/image/font/sfnt"
)

// Embedding is what a PDF needs to embed a face: its metrics for the font
// descriptor, the advance of every glyph, and the raw tables a subset is
// cut from. It is read from the font file once per process (see
// (*Font).Embedding) and never changes, so every document shares it.
type Embedding struct {
	PostScriptName string
	UnitsPerEm     int
	// Ascent, Descent, CapHeight and BBox are in font units; Descent is
	// negative below the baseline.
	Ascent, Descent, CapHeight int
	BBox                       [4]int
	ItalicAngle                float64
	FixedPitch, Serif, Italic  bool
	Bold                       bool
	// Advances holds every glyph's advance width in font units, by glyph
	// index.
	Advances []uint16

	tables      map[string][]byte
	numGlyphs   int
	numHMetrics int
	loca        []uint32 // numGlyphs+1 offsets into glyf
}

// NumGlyphs is the number of glyphs in the face.
func (e *Embedding) NumGlyphs() int { return e.numGlyphs }

// Embedding returns the face's embedding data, reading it on first use.
func (f *Font) Embedding() (*Embedding, error) {
	f.embedOnce.Do(func() {
		f.embed, f.embedErr = readEmbedding(f.TTF)
		if f.embedErr != nil {
			f.embedErr = fmt.Errorf("fonts: reading %s %s for embedding: %w", f.Family, f.Style, f.embedErr)
			return
		}
		buf := f.bufs.Get().(*sfnt.Buffer)
		defer f.bufs.Put(buf)
		if name, err := f.SFNT.Name(buf, sfnt.NameIDPostScript); err == nil && name != "" {
			f.embed.PostScriptName = name
		} else {
			f.embed.PostScriptName = f.Family + styleSuffix(f.Style)
		}
	})
	return f.embed, f.embedErr
}

func styleSuffix(style string) string {
	switch style {
	case "B":
		return "-Bold"
	case "I":
		return "-Italic"
	case "BI":
		return "-BoldItalic"
	}
	return ""
}

var errShortTable = errors.New("a table is shorter than its format")

// readEmbedding reads the table directory and the few tables a PDF font
// descriptor and a subset need. Only TrueType outlines (glyf) are read:
// every embedded face is one.
func readEmbedding(ttf []byte) (*Embedding, error) {
	if len(ttf) < 12 {
		return nil, errShortTable
	}
	if v := binary.BigEndian.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("not a TrueType font (version %#08x)", v)
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errShortTable
	}
	e := &Embedding{tables: make(map[string][]byte, n)}
	for i := range n {
		rec := ttf[12+16*i:]
		tag := string(rec[0:4])
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(ttf)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", tag)
		}
		e.tables[tag] = ttf[off : off+length]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if e.tables[tag] == nil {
			return nil, fmt.Errorf("no %q table", tag)
		}
	}
	head, hhea, maxp := e.tables["head"], e.tables["hhea"], e.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errShortTable
	}
	be16 := func(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }
	u16 := func(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
	e.UnitsPerEm = u16(head, 18)
	e.BBox = [4]int{be16(head, 36), be16(head, 38), be16(head, 40), be16(head, 42)}
	macStyle := u16(head, 44)
	e.Bold, e.Italic = macStyle&1 != 0, macStyle&2 != 0
	e.Ascent, e.Descent = be16(hhea, 4), be16(hhea, 6)
	e.numGlyphs = u16(maxp, 4)
	if err := e.readAdvances(u16(hhea, 34)); err != nil {
		return nil, err
	}
	if err := e.readLoca(be16(head, 50)); err != nil {
		return nil, err
	}
	e.CapHeight = e.Ascent
	if os2 := e.tables["OS/2"]; len(os2) >= 90 && u16(os2, 0) >= 2 {
		e.CapHeight = be16(os2, 88)
	}
	if os2 := e.tables["OS/2"]; len(os2) >= 32 {
		// The PANOSE family kind 2 (text) with a serif style from 2 to 10
		// marks a serif face: 0 is any, 1 no fit, 11 and up sans serif.
		e.Serif = os2[32] == 2 && os2[33] >= 2 && os2[33] <= 10
	}
	if post := e.tables["post"]; len(post) >= 16 {
		e.ItalicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		e.FixedPitch = binary.BigEndian.Uint32(post[12:]) != 0
	}
	return e, nil
}

func (e *Embedding) readAdvances(numHMetrics int) error {
	hmtx := e.tables["hmtx"]
	if numHMetrics == 0 || numHMetrics > e.numGlyphs || len(hmtx) < 4*numHMetrics {
		return fmt.Errorf("hmtx holds %d bytes for %d metrics", len(hmtx), numHMetrics)
	}
	e.numHMetrics = numHMetrics
	e.Advances = make([]uint16, e.numGlyphs)
	for i := range numHMetrics {
		e.Advances[i] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	// Glyphs past the last metric share its advance.
	for i := numHMetrics; i < e.numGlyphs; i++ {
		e.Advances[i] = e.Advances[numHMetrics-1]
	}
	return nil
}

func (e *Embedding) readLoca(format int) error {
	loca, glyf := e.tables["loca"], e.tables["glyf"]
	e.loca = make([]uint32, e.numGlyphs+1)
	for i := range e.loca {
		var off uint32
		switch format {
		case 0:
			if len(loca) < 2*(i+1) {
				return errShortTable
			}
			off = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		case 1:
			if len(loca) < 4*(i+1) {
				return errShortTable
			}
			off = binary.BigEndian.Uint32(loca[4*i:])
		default:
			return fmt.Errorf("unknown loca format %d", format)
		}
		if off > uint32(len(glyf)) || (i > 0 && off < e.loca[i-1]) {
			return fmt.Errorf("loca entry %d is out of order or past glyf", i)
		}
		e.loca[i] = off
	}
	return nil
}

// leftSideBearing returns glyph gid's left side bearing from hmtx.
func (e *Embedding) leftSideBearing(gid int) uint16 {
	hmtx := e.tables["hmtx"]
	off := 4*gid + 2
	if gid >= e.numHMetrics {
		off = 4*e.numHMetrics + 2*(gid-e.numHMetrics)
	}
	if off+2 > len(hmtx) {
		return 0
	}
	return binary.BigEndian.Uint16(hmtx[off:])
}

// glyph returns the outline data of glyph gid (empty for a blank glyph).
func (e *Embedding) glyph(gid int) []byte {
	if gid < 0 || gid >= e.numGlyphs {
		return nil
	}
	return e.tables["glyf"][e.loca[gid]:e.loca[gid+1]]
}

// sortedTags lists tags in the byte order a font's table directory wants.
func sortedTags(m map[string][]byte) []string {
	tags := make([]string, 0, len(m))
	for t := range m {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	return tags
}
