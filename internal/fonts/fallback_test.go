package fonts

import (
	"math"
	"testing"
)

func TestFallbackFacesParse(t *testing.T) {
	for _, face := range FallbackFaces {
		f, err := Get(face)
		if err != nil {
			t.Fatal(err)
		}
		if !f.Has('✓') || f.Width("✓", 1000) <= 0 {
			t.Errorf("%s %q: no check mark", f.Family, f.Style)
		}
	}
	for _, face := range Faces {
		fb, ok := Fallback(face)
		if !ok {
			t.Errorf("face %d has no fallback", face)
			continue
		}
		// A fallback keeps the face's weight and slant.
		if want, got := MustGet(face).Style, MustGet(fb).Style; face != MonoRegular && want != got {
			t.Errorf("face %d (%q) falls back to style %q", face, want, got)
		}
		if _, ok := Fallback(fb); ok {
			t.Errorf("fallback face %d has a fallback of its own", fb)
		}
	}
}

func TestSetIn(t *testing.T) {
	for _, c := range []struct {
		r    rune
		face Face
		ok   bool
	}{
		{'a', SerifRegular, true},
		{'ש', SerifRegular, true}, // Liberation Serif has Hebrew
		{'✓', FallbackSans, true},
		{'Բ', FallbackSans, true}, // Armenian
		{'日', SerifRegular, false},
	} {
		face, ok := SetIn(SerifRegular, c.r)
		if face != c.face || ok != c.ok {
			t.Errorf("SetIn(SerifRegular, %q) = %d, %v; want %d, %v", c.r, face, ok, c.face, c.ok)
		}
	}
	if face, ok := SetIn(SerifBoldItalic, '✓'); !ok || face != FallbackSansBoldOblique {
		t.Errorf("bold italic ✓ set in %d", face)
	}
}

func TestWidthWithFallback(t *testing.T) {
	plain := "Plain text, all in Liberation."
	if a, b := WidthWithFallback(SerifRegular, plain, 11), MustGet(SerifRegular).Width(plain, 11); a != b {
		t.Errorf("text the face covers measures %v with fallback, %v without", a, b)
	}
	check := MustGet(FallbackSans).Width("✓", 11)
	got := WidthWithFallback(SerifRegular, "a✓", 11)
	if want := MustGet(SerifRegular).Width("a", 11) + check; math.Abs(got-want) > 1e-9 || check <= 0 {
		t.Errorf("a✓ measures %v, want %v", got, want)
	}
	if w := WidthWithFallback(SerifRegular, "日", 11); w != 0 {
		t.Errorf("a character no face has measures %v, want 0", w)
	}
}
