package pdfwrite

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"unicode/utf16"
)

// Font descriptor flags (PDF 32000-1, 9.8.2).
const (
	flagFixedPitch = 1 << 0
	flagSerif      = 1 << 1
	flagSymbolic   = 1 << 2
	flagItalic     = 1 << 6
)

// writeFont writes u as a Type 0 font over a CIDFontType2 whose program is
// the subset of the glyphs drawn, and returns the Type 0 font's object.
func (o *objects) writeFont(u *fontUse) (int, error) {
	e := u.emb
	gids := slices.Clone(u.gids)
	slices.Sort(gids)
	gids = slices.Compact(gids)
	chars := make(map[rune]uint16, len(u.runes))
	for i, r := range u.runes {
		chars[r] = u.gids[i]
	}
	sub, err := e.Subset(gids, chars)
	if err != nil {
		return 0, fmt.Errorf("subsetting %s: %w", e.PostScriptName, err)
	}
	program := sub.Program
	base := subsetTag(program) + "+" + e.PostScriptName
	scale := func(v int) string { return numStr(float64(v) * 1000 / float64(e.UnitsPerEm)) }

	file := o.reserve()
	o.stream(file, "/Length1 "+strconv.Itoa(len(program)), program, true)

	flags := flagSymbolic
	if e.FixedPitch {
		flags |= flagFixedPitch
	}
	if e.Serif {
		flags |= flagSerif
	}
	if e.Italic || e.ItalicAngle != 0 {
		flags |= flagItalic
	}
	stemV := 80
	if e.Bold {
		stemV = 140
	}
	descriptor := o.reserve()
	o.dict(descriptor, "/Type/FontDescriptor/FontName"+name(base)+"/Flags "+strconv.Itoa(flags)+
		"/FontBBox["+scale(e.BBox[0])+" "+scale(e.BBox[1])+" "+scale(e.BBox[2])+" "+scale(e.BBox[3])+"]"+
		"/ItalicAngle "+numStr(e.ItalicAngle)+"/Ascent "+scale(e.Ascent)+"/Descent "+scale(e.Descent)+
		"/CapHeight "+scale(e.CapHeight)+"/StemV "+strconv.Itoa(stemV)+"/FontFile2 "+ref(file))

	// Codes run from 1 in first-drawn order; code 0 is never drawn.
	cidToGID := make([]byte, 2*(len(u.gids)+1))
	var widths bytes.Buffer
	widths.WriteString("[1[")
	for i, g := range u.gids {
		ng, _ := sub.NewIndex(g) // every drawn glyph is kept
		binary.BigEndian.PutUint16(cidToGID[2*(i+1):], ng)
		if i > 0 {
			widths.WriteByte(' ')
		}
		widths.WriteString(scale(int(e.Advances[g])))
	}
	widths.WriteString("]]")
	gidMap := o.reserve()
	o.stream(gidMap, "", cidToGID, true)

	cid := o.reserve()
	o.dict(cid, "/Type/Font/Subtype/CIDFontType2/BaseFont"+name(base)+
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "+ref(descriptor)+
		"/DW 0/W"+widths.String()+"/CIDToGIDMap "+ref(gidMap))

	toUnicode := o.reserve()
	o.stream(toUnicode, "", toUnicodeCMap(u.runes), true)

	font := o.reserve()
	o.dict(font, "/Type/Font/Subtype/Type0/BaseFont"+name(base)+"/Encoding/Identity-H/DescendantFonts["+ref(cid)+
		"]/ToUnicode "+ref(toUnicode))
	return font, nil
}

// subsetTag is the six capital letters that mark a font subset's name,
// taken from a hash of the subset so the same glyphs get the same tag.
func subsetTag(program []byte) string {
	h := fnv.New64a()
	h.Write(program)
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag)
}

// toUnicodeCMap maps each code (from 1, in order) back to its character.
func toUnicodeCMap(runes []rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(runes); start += 100 {
		chunk := runes[start:min(start+100, len(runes))]
		b.WriteString(strconv.Itoa(len(chunk)))
		b.WriteString(" beginbfchar\n")
		for i, r := range chunk {
			b.WriteByte('<')
			hex4(&b, uint16(start+i+1))
			b.WriteString("> <")
			for _, u := range utf16.Encode([]rune{r}) {
				hex4(&b, u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}
