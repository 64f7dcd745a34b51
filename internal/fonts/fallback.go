package fonts

// fallbacks maps each text face to the face that sets what it lacks.
var fallbacks = map[Face]Face{
	SerifRegular:    FallbackSans,
	SerifItalic:     FallbackSansOblique,
	SerifBold:       FallbackSansBold,
	SerifBoldItalic: FallbackSansBoldOblique,
	SansRegular:     FallbackSans,
	SansBold:        FallbackSansBold,
	MonoRegular:     FallbackMono,
}

// Fallback returns the face that sets the characters f lacks, and false
// for a face that is itself a fallback.
func Fallback(f Face) (Face, bool) {
	fb, ok := fallbacks[f]
	return fb, ok
}

// SetIn returns the face that sets r for text in face f: f itself when it
// has r, else its fallback when that has r. ok is false when neither has.
func SetIn(f Face, r rune) (face Face, ok bool) {
	if MustGet(f).Has(r) {
		return f, true
	}
	if fb, ok := Fallback(f); ok && MustGet(fb).Has(r) {
		return fb, true
	}
	return f, false
}

// WidthWithFallback measures s set in face f at size, each character in
// the face that sets it (see SetIn). Characters neither face has measure
// zero, as in Width.
func WidthWithFallback(f Face, s string, size float64) float64 {
	primary := MustGet(f)
	var units int64
	var fallbackWidth float64
	for _, r := range s {
		if u, ok := primary.advance(r); ok {
			units += int64(u)
			continue
		}
		if fb, ok := Fallback(f); ok {
			font := MustGet(fb)
			if u, ok := font.advance(r); ok {
				fallbackWidth += float64(u) * size / font.unitsPerEm
			}
		}
	}
	return float64(units)*size/primary.unitsPerEm + fallbackWidth
}
