// Package fonts owns the typefaces imprint embeds: the Liberation families
// and, for the characters they lack, DejaVu Sans, shipped as Go modules,
// parsed once per process, with the per-rune advance widths and coverage
// that the PDF typesetter and the cover drawer measure with. No system
// font is ever consulted, so every machine sets the same text.
package fonts

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavusansboldoblique"
	"github.com/go-fonts/dejavu/dejavusansmono"
	"github.com/go-fonts/dejavu/dejavusansoblique"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Face names one embedded typeface.
type Face uint8

// The faces imprint sets text in. Serif is the text face, Sans the display
// face (headings on the cover, running heads), Mono the code face.
const (
	SerifRegular Face = iota
	SerifItalic
	SerifBold
	SerifBoldItalic
	SansRegular
	SansBold
	MonoRegular
	// The fallback faces set what the Liberation faces lack (Armenian,
	// Georgian, arrows, dingbats, more symbols): DejaVu Sans has the widest
	// coverage of any free family, and one family keeps the fallback
	// glyphs alike. Each Liberation face has one (see Fallback).
	FallbackSans
	FallbackSansOblique
	FallbackSansBold
	FallbackSansBoldOblique
	FallbackMono
	numFaces
)

// Faces lists every face in a fixed order.
var Faces = []Face{SerifRegular, SerifItalic, SerifBold, SerifBoldItalic, SansRegular, SansBold, MonoRegular}

// FallbackFaces lists the fallback faces (see Fallback) in a fixed order.
var FallbackFaces = []Face{FallbackSans, FallbackSansOblique, FallbackSansBold, FallbackSansBoldOblique, FallbackMono}

var sources = [numFaces]struct {
	family, style string
	ttf           []byte
}{
	SerifRegular:    {"LiberationSerif", "", liberationserifregular.TTF},
	SerifItalic:     {"LiberationSerif", "I", liberationserifitalic.TTF},
	SerifBold:       {"LiberationSerif", "B", liberationserifbold.TTF},
	SerifBoldItalic: {"LiberationSerif", "BI", liberationserifbolditalic.TTF},
	SansRegular:     {"LiberationSans", "", liberationsansregular.TTF},
	SansBold:        {"LiberationSans", "B", liberationsansbold.TTF},
	MonoRegular:     {"LiberationMono", "", liberationmonoregular.TTF},

	FallbackSans:            {"DejaVuSans", "", dejavusans.TTF},
	FallbackSansOblique:     {"DejaVuSans", "I", dejavusansoblique.TTF},
	FallbackSansBold:        {"DejaVuSans", "B", dejavusansbold.TTF},
	FallbackSansBoldOblique: {"DejaVuSans", "BI", dejavusansboldoblique.TTF},
	FallbackMono:            {"DejaVuSansMono", "", dejavusansmono.TTF},
}

// advanceCacheSize covers Latin, Greek, Cyrillic and general punctuation;
// rarer runes are looked up in the font each time.
const advanceCacheSize = 0x2200

// Font is one parsed face. It is safe for concurrent use.
type Font struct {
	Face   Face
	Family string // PDF family name
	Style  string // "", "I", "B" or "BI"
	TTF    []byte // the font file, for embedding
	SFNT   *sfnt.Font

	unitsPerEm float64
	// advances caches advance widths in font units; 0 means not yet looked
	// up, -1 means the font has no glyph for the rune. Values are stored as
	// units+1 so that a zero-width glyph is distinguishable from unknown.
	advances [advanceCacheSize]atomic.Int32
	// glyphs caches glyph indexes the same way: index+1, or -1 for none.
	glyphs [advanceCacheSize]atomic.Int32
	bufs   sync.Pool

	embedOnce sync.Once
	embed     *Embedding
	embedErr  error
}

var (
	loadOnce sync.Once
	loaded   [numFaces]*Font
	loadErr  error
)

// Get returns the parsed face, parsing every face on first use.
func Get(f Face) (*Font, error) {
	loadOnce.Do(load)
	if loadErr != nil {
		return nil, loadErr
	}
	if f >= numFaces {
		return nil, fmt.Errorf("fonts: unknown face %d", f)
	}
	return loaded[f], nil
}

// MustGet is Get for faces that are compiled into the binary and so cannot
// fail to parse unless the build itself is broken.
func MustGet(f Face) *Font {
	font, err := Get(f)
	if err != nil {
		panic(err)
	}
	return font
}

func load() {
	for i, src := range sources {
		parsed, err := sfnt.Parse(src.ttf)
		if err != nil {
			loadErr = fmt.Errorf("fonts: parsing %s %s: %w", src.family, src.style, err)
			return
		}
		f := &Font{Face: Face(i), Family: src.family, Style: src.style, TTF: src.ttf, SFNT: parsed}
		f.unitsPerEm = float64(parsed.UnitsPerEm())
		f.bufs.New = func() any { return new(sfnt.Buffer) }
		loaded[i] = f
	}
}

// advance returns the rune's advance in font units and whether the font
// has a glyph for it.
func (f *Font) advance(r rune) (int32, bool) {
	if r >= 0 && r < advanceCacheSize {
		if v := f.advances[r].Load(); v != 0 {
			return v - 1, v > 0
		}
	}
	units, ok := f.lookup(r)
	if r >= 0 && r < advanceCacheSize {
		v := units + 1
		if !ok {
			v = -1
		}
		f.advances[r].Store(v)
	}
	return units, ok
}

func (f *Font) lookup(r rune) (int32, bool) {
	buf := f.bufs.Get().(*sfnt.Buffer)
	defer f.bufs.Put(buf)
	idx, err := f.SFNT.GlyphIndex(buf, r)
	if err != nil || idx == 0 {
		return 0, false
	}
	adv, err := f.SFNT.GlyphAdvance(buf, idx, fixed.I(int(f.unitsPerEm)), 0)
	if err != nil {
		return 0, false
	}
	return int32(adv.Round()), true
}

// GlyphIndex returns the glyph that draws r, and false when the face has
// none.
func (f *Font) GlyphIndex(r rune) (uint16, bool) {
	if r >= 0 && r < advanceCacheSize {
		if v := f.glyphs[r].Load(); v != 0 {
			return uint16(max(v-1, 0)), v > 0
		}
	}
	buf := f.bufs.Get().(*sfnt.Buffer)
	idx, err := f.SFNT.GlyphIndex(buf, r)
	f.bufs.Put(buf)
	ok := err == nil && idx != 0
	if r >= 0 && r < advanceCacheSize {
		v := int32(idx) + 1
		if !ok {
			v = -1
		}
		f.glyphs[r].Store(v)
	}
	return uint16(idx), ok
}

// Has reports whether the face has a glyph for r.
func (f *Font) Has(r rune) bool {
	_, ok := f.advance(r)
	return ok
}

// Missing returns the first rune of s that the face cannot draw, and
// whether there is one. Line ends and tabs are not drawn, so they never
// count as missing.
func (f *Font) Missing(s string) (rune, bool) {
	for _, r := range s {
		if r == '\n' || r == '\t' || r == '\r' {
			continue
		}
		if !f.Has(r) {
			return r, true
		}
	}
	return 0, false
}

// Width returns the advance width of s set at size (in the unit size is
// given in, typically points). Runes the face lacks measure zero; callers
// check coverage with Missing first.
func (f *Font) Width(s string, size float64) float64 {
	var units int64
	for _, r := range s {
		u, _ := f.advance(r)
		units += int64(u)
	}
	return float64(units) * size / f.unitsPerEm
}

// UnitsPerEm is the font's design grid.
func (f *Font) UnitsPerEm() float64 { return f.unitsPerEm }
