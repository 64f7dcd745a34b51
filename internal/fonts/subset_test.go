package fonts

import (
	"encoding/binary"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// subsetOf cuts a subset of face for the characters of text.
func subsetOf(t *testing.T, face Face, text string) (*Font, *Embedding, *Subset, []uint16) {
	t.Helper()
	f := MustGet(face)
	e, err := f.Embedding()
	if err != nil {
		t.Fatal(err)
	}
	var gids []uint16
	chars := map[rune]uint16{}
	for _, r := range text {
		g, ok := f.GlyphIndex(r)
		if !ok {
			t.Fatalf("%s has no glyph for %q", f.Family, r)
		}
		gids = append(gids, g)
		chars[r] = g
	}
	sub, err := e.Subset(gids, chars)
	if err != nil {
		t.Fatal(err)
	}
	return f, e, sub, gids
}

// TestSubsetDrawsTheSameGlyphs parses each subset with an independent
// reader and compares every kept glyph's outline and advance with the
// full font's, composites (whose parts are renumbered) included.
func TestSubsetDrawsTheSameGlyphs(t *testing.T) {
	for _, tc := range []struct {
		face Face
		text string
	}{
		{SerifRegular, "Hello, world — “quoted” café naïve Ångström 2026"},
		{SerifBoldItalic, "Émigré façade, Œuvre"},
		{FallbackSans, "Հայերեն ქართული ǅ ǖ ḗ"},
	} {
		f, e, sub, gids := subsetOf(t, tc.face, tc.text)
		parsed, err := sfnt.Parse(sub.Program)
		if err != nil {
			t.Fatalf("%s: the subset does not parse: %v", f.Family, err)
		}
		if parsed.NumGlyphs() != len(sub.Kept) || parsed.NumGlyphs() >= e.NumGlyphs() {
			t.Errorf("%s: subset has %d glyphs, kept %d, font %d", f.Family, parsed.NumGlyphs(), len(sub.Kept), e.NumGlyphs())
		}
		if sub.Kept[0] != 0 {
			t.Errorf("%s: glyph 0 (.notdef) is not first", f.Family)
		}
		var a, b sfnt.Buffer
		ppem := fixed.I(e.UnitsPerEm)
		composites := 0
		for _, g := range gids {
			ng, ok := sub.NewIndex(g)
			if !ok {
				t.Fatalf("%s: glyph %d is not in the subset", f.Family, g)
			}
			want, err := f.SFNT.LoadGlyph(&a, sfnt.GlyphIndex(g), ppem, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parsed.LoadGlyph(&b, sfnt.GlyphIndex(ng), ppem, nil)
			if err != nil {
				t.Fatalf("%s: glyph %d (new %d): %v", f.Family, g, ng, err)
			}
			if !reflect.DeepEqual([]sfnt.Segment(want), []sfnt.Segment(got)) {
				t.Errorf("%s: glyph %d draws differently in the subset", f.Family, g)
			}
			wa, _ := f.SFNT.GlyphAdvance(&a, sfnt.GlyphIndex(g), ppem, 0)
			ga, _ := parsed.GlyphAdvance(&b, sfnt.GlyphIndex(ng), ppem, 0)
			if wa != ga {
				t.Errorf("%s: glyph %d advance %v, subset %v", f.Family, g, wa, ga)
			}
			if parts, _ := components(e.glyph(int(g))); len(parts) > 0 {
				composites++
			}
		}
		if tc.face == SerifRegular && composites == 0 {
			t.Errorf("no composite glyph among %q: the renumbering of parts goes untested", tc.text)
		}
		for _, r := range tc.text {
			g, err := parsed.GlyphIndex(&b, r)
			if want, _ := f.GlyphIndex(r); err != nil || uint16(g) != sub.newIndex[want] {
				t.Errorf("%s: the subset's cmap maps %q to %d (%v), want %d", f.Family, r, g, err, sub.newIndex[want])
			}
		}
		if sum := checksum(sub.Program); sum != 0xB1B0AFBA {
			t.Errorf("%s: whole-font checksum %#x, want 0xB1B0AFBA", f.Family, sum)
		}
	}
}

func TestSubsetIsDeterministicAndSmall(t *testing.T) {
	_, e, one, gids := subsetOf(t, SerifRegular, "The same words")
	one, err := e.Subset(gids, nil)
	if err != nil {
		t.Fatal(err)
	}
	reversed := make([]uint16, len(gids))
	for i, g := range gids {
		reversed[len(gids)-1-i] = g
	}
	two, err := e.Subset(reversed, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(one.Program) != string(two.Program) {
		t.Error("the same glyphs in another order gave other bytes")
	}
	if n := len(one.Program); n > len(MustGet(SerifRegular).TTF)/4 {
		t.Errorf("a subset of a dozen glyphs is %d bytes", n)
	}
	// The directory is sorted by tag, as readers binary-search it.
	n := int(binary.BigEndian.Uint16(one.Program[4:]))
	prev := ""
	for i := range n {
		tag := string(one.Program[12+16*i : 16+16*i])
		if tag <= prev {
			t.Errorf("table %q after %q", tag, prev)
		}
		prev = tag
	}
}

// TestSerifFromPANOSE sets a face's PANOSE serif style: 2 to 10 are serif
// styles, 0 (any) and 1 (no fit) say nothing, 11 and up are sans serif.
func TestSerifFromPANOSE(t *testing.T) {
	ttf := slices.Clone(MustGet(SansRegular).TTF)
	os2 := -1
	for i := range int(binary.BigEndian.Uint16(ttf[4:])) {
		if rec := ttf[12+16*i:]; string(rec[:4]) == "OS/2" {
			os2 = int(binary.BigEndian.Uint32(rec[8:]))
		}
	}
	if os2 < 0 {
		t.Fatal("no OS/2 table")
	}
	for style, want := range map[byte]bool{0: false, 1: false, 2: true, 10: true, 11: false} {
		ttf[os2+32], ttf[os2+33] = 2, style
		e, err := readEmbedding(ttf)
		if err != nil {
			t.Fatal(err)
		}
		if e.Serif != want {
			t.Errorf("PANOSE serif style %d: Serif %v, want %v", style, e.Serif, want)
		}
	}
}
