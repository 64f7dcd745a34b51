package pdf

import (
	"github.com/imprint-press/imprint/internal/fonts"
	"github.com/imprint-press/imprint/internal/linebreak"
)

// A style is a linebreak.Style: the size class in the high bits and the
// face variant in the low three, so the line breaker can carry it without
// knowing what it means.
type variant uint8

const (
	roman variant = iota
	italic
	bold
	boldItalic
	mono
)

type sizeClass uint8

const (
	classBody  sizeClass = iota
	classSmall           // captions, notes, colophon
	classTiny            // credit line, running heads, folios
	classSup             // note references
	classTitle
	classSubtitle
	classStandfirst
	classH1
	classH2
	classH3
	classCode
	numClasses
)

func styleOf(c sizeClass, v variant) linebreak.Style { return linebreak.Style(uint8(c)<<3 | uint8(v)) }

func (s stylesheet) class(st linebreak.Style) sizeClass { return sizeClass(uint8(st) >> 3) }

func variantOf(st linebreak.Style) variant { return variant(uint8(st) & 7) }

// spec is what a size class means on a given page format.
type spec struct {
	size, leading float64
	rise          float64 // baseline shift up (superscripts)
}

// stylesheet is the typographic scale of one page format.
type stylesheet struct {
	specs [numClasses]spec
}

func newStylesheet(f pageFormat) stylesheet {
	b, l := f.bodySize, f.leading
	var s stylesheet
	s.specs[classBody] = spec{size: b, leading: l}
	s.specs[classSmall] = spec{size: b * 0.86, leading: l * 0.84}
	s.specs[classTiny] = spec{size: b * 0.76, leading: l * 0.74}
	s.specs[classSup] = spec{size: b * 0.64, leading: l, rise: b * 0.36}
	s.specs[classTitle] = spec{size: f.titleSize, leading: f.titleSize * 1.18}
	s.specs[classSubtitle] = spec{size: b * 1.3, leading: b * 1.3 * 1.25}
	s.specs[classStandfirst] = spec{size: b * 1.12, leading: l * 1.12}
	s.specs[classH1] = spec{size: b * 1.35, leading: l * 1.2}
	s.specs[classH2] = spec{size: b * 1.14, leading: l}
	s.specs[classH3] = spec{size: b, leading: l}
	s.specs[classCode] = spec{size: b * 0.84, leading: l * 0.86}
	return s
}

// monoScale sets code inside running text a little smaller: Liberation
// Mono's letters are larger than the serif's at the same size.
const monoScale = 0.88

func (s stylesheet) spec(st linebreak.Style) spec {
	sp := s.specs[s.class(st)]
	if variantOf(st) == mono && s.class(st) != classCode {
		sp.size *= monoScale
	}
	return sp
}

// face is the embedded font a style is set in.
func face(st linebreak.Style) fonts.Face {
	switch variantOf(st) {
	case italic:
		return fonts.SerifItalic
	case bold:
		return fonts.SerifBold
	case boldItalic:
		return fonts.SerifBoldItalic
	case mono:
		return fonts.MonoRegular
	}
	return fonts.SerifRegular
}

// Width measures text for the line breaker.
func (s stylesheet) Width(st linebreak.Style, text string) float64 {
	return fonts.WidthWithFallback(face(st), text, s.spec(st).size)
}
