package fonts

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// subsetTables are the tables a subset keeps: what a PDF CIDFontType2
// needs to draw glyphs by index (glyf, loca, metrics, hinting programs),
// plus OS/2, a short post and a cmap of its own for tools that read them.
// name is left out: the PDF names the font in its descriptor.
var subsetTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post", "prep"}

// Composite glyph flags (the glyf table's component records).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// Subset returns a TrueType font holding only the given glyphs, the
// glyphs composites among them are built from, and glyph 0 (.notdef).
// Kept glyphs are renumbered from 0 in their original order: Kept lists
// the original index of each new one, and NewIndex translates. The
// subset's cmap maps each of chars (runes of the Basic Multilingual
// Plane) to its glyph, so that the font stands on its own outside the
// PDF. The bytes depend only on the face and the glyphs and characters.
func (e *Embedding) Subset(gids []uint16, chars map[rune]uint16) (*Subset, error) {
	keep := make([]bool, e.numGlyphs)
	keep[0] = true
	queue := make([]int, 0, len(gids)+1)
	for _, g := range gids {
		if int(g) < e.numGlyphs && !keep[g] {
			keep[g] = true
			queue = append(queue, int(g))
		}
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		parts, err := components(e.glyph(g))
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		for _, c := range parts {
			if c.gid < e.numGlyphs && !keep[c.gid] {
				keep[c.gid] = true
				queue = append(queue, c.gid)
			}
		}
	}
	sub := &Subset{newIndex: make(map[uint16]uint16)}
	for g, k := range keep {
		if k {
			sub.newIndex[uint16(g)] = uint16(len(sub.Kept))
			sub.Kept = append(sub.Kept, uint16(g))
		}
	}
	n := len(sub.Kept)

	// glyf with each glyph padded to four bytes and composites pointing at
	// their parts' new indexes; a long loca; full metrics for every glyph.
	size := 0
	for _, g := range sub.Kept {
		size += (len(e.glyph(int(g))) + 3) &^ 3
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	for i, g := range sub.Kept {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		binary.BigEndian.PutUint16(hmtx[4*i:], e.Advances[g])
		binary.BigEndian.PutUint16(hmtx[4*i+2:], e.leftSideBearing(int(g)))
		start := len(glyf)
		glyf = append(glyf, e.glyph(int(g))...)
		parts, _ := components(glyf[start:]) // read without error above
		for _, c := range parts {
			binary.BigEndian.PutUint16(glyf[start+c.at:], sub.newIndex[uint16(c.gid)])
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := slices.Clone(e.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // indexToLocFormat: long
	hhea := slices.Clone(e.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n)) // numberOfHMetrics
	maxp := slices.Clone(e.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n)) // numGlyphs
	tables := map[string][]byte{"glyf": glyf, "loca": loca, "head": head, "hhea": hhea, "hmtx": hmtx, "maxp": maxp,
		"cmap": sub.cmap(chars)}
	for _, tag := range subsetTables {
		if _, done := tables[tag]; done {
			continue
		}
		t := e.tables[tag]
		if t == nil {
			continue
		}
		if tag == "post" && len(t) >= 32 {
			// Version 3: the header without glyph names.
			t = slices.Clone(t[:32])
			binary.BigEndian.PutUint32(t, 0x00030000)
		}
		tables[tag] = t
	}
	sub.Program = writeFont(tables)
	adjust := 0xB1B0AFBA - checksum(sub.Program)
	binary.BigEndian.PutUint32(sub.Program[headOffset(sub.Program)+8:], adjust)
	return sub, nil
}

// Subset is a font program cut down to some glyphs, renumbered.
type Subset struct {
	Program  []byte   // the TrueType font
	Kept     []uint16 // by new glyph index: the original index
	newIndex map[uint16]uint16
}

// NewIndex returns the subset's index for original glyph gid, and false
// when the subset does not hold it.
func (s *Subset) NewIndex(gid uint16) (uint16, bool) {
	n, ok := s.newIndex[gid]
	return n, ok
}

// cmap writes a format 4 (Windows Unicode BMP) cmap of chars, one segment
// per character, in code order, mapping to the subset's glyph indexes.
func (s *Subset) cmap(chars map[rune]uint16) []byte {
	runes := make([]rune, 0, len(chars))
	for r, g := range chars {
		if _, ok := s.newIndex[g]; ok && r > 0 && r < 0xFFFF {
			runes = append(runes, r)
		}
	}
	slices.Sort(runes)
	segs := len(runes) + 1 // and the closing 0xFFFF segment
	sub := make([]byte, 16+8*segs)
	put := func(off int, v uint16) { binary.BigEndian.PutUint16(sub[off:], v) }
	entrySelector := 0
	for 1<<(entrySelector+1) <= segs {
		entrySelector++
	}
	put(0, 4)
	put(2, uint16(len(sub)))
	put(6, uint16(2*segs))
	put(8, uint16(2<<entrySelector))
	put(10, uint16(entrySelector))
	put(12, uint16(2*segs-2<<entrySelector))
	ends, starts, deltas := 14, 16+2*segs, 16+4*segs
	for i, r := range runes {
		put(ends+2*i, uint16(r))
		put(starts+2*i, uint16(r))
		put(deltas+2*i, s.newIndex[chars[r]]-uint16(r))
	}
	put(ends+2*len(runes), 0xFFFF)
	put(starts+2*len(runes), 0xFFFF)
	put(deltas+2*len(runes), 1)
	// idRangeOffset stays zero: every segment maps by delta.
	header := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12} // version 0, one table: (3, 1) at 12
	return append(header, sub...)
}

// component is one part of a composite glyph: the glyph it draws and
// where in the composite's data that glyph's index is written.
type component struct{ gid, at int }

// components lists the parts a composite glyph is built from; a simple
// glyph has none.
func components(g []byte) ([]component, error) {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil, nil
	}
	var parts []component
	for off := 10; ; {
		if off+4 > len(g) {
			return nil, errShortTable
		}
		flags := binary.BigEndian.Uint16(g[off:])
		parts = append(parts, component{gid: int(binary.BigEndian.Uint16(g[off+2:])), at: off + 2})
		off += 4
		if flags&argsAreWords != 0 {
			off += 4
		} else {
			off += 2
		}
		switch {
		case flags&haveScale != 0:
			off += 2
		case flags&haveXYScale != 0:
			off += 4
		case flags&haveTwoByTwo != 0:
			off += 8
		}
		if flags&moreComponents == 0 {
			return parts, nil
		}
	}
}

// writeFont lays out an sfnt file: the table directory in tag order, then
// each table four-byte aligned, with its checksum.
func writeFont(tables map[string][]byte) []byte {
	tags := sortedTags(tables)
	n := len(tags)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-searchRange))
	for i, t := range tags {
		data := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// checksum is the sfnt table checksum: the sum of big-endian uint32s,
// the last one zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// headOffset finds the head table in a font written by writeFont.
func headOffset(font []byte) int {
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := range n {
		rec := font[12+16*i:]
		if string(rec[0:4]) == "head" {
			return int(binary.BigEndian.Uint32(rec[8:]))
		}
	}
	return 0
}
