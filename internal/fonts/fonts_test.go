package fonts

import (
	"math"
	"testing"
)

func TestEveryFaceParses(t *testing.T) {
	for _, face := range Faces {
		f, err := Get(face)
		if err != nil {
			t.Fatal(err)
		}
		if !f.Has('A') || f.Width("A", 1000) <= 0 {
			t.Errorf("%s %q: no width for A", f.Family, f.Style)
		}
	}
}

func TestWidthIsAdditiveAndScales(t *testing.T) {
	f := MustGet(SerifRegular)
	a, b := f.Width("Emni", 12), f.Width(" chief", 12)
	if got := f.Width("Emni chief", 12); math.Abs(got-(a+b)) > 1e-9 {
		t.Errorf("Width not additive: %v vs %v", got, a+b)
	}
	if got := f.Width("Emni", 24); math.Abs(got-2*a) > 1e-9 {
		t.Errorf("Width does not scale with size: %v vs %v", got, 2*a)
	}
	// Liberation Serif is metric-compatible with Times: the em dash is one em wide.
	if got := f.Width("—", 10); math.Abs(got-10) > 0.01 {
		t.Errorf("em dash at 10pt = %v, want 10", got)
	}
	// The cached and uncached paths agree (a rune past the cache).
	if f.Width("\u2212", 10) != f.Width("\u2212", 10) || !f.Has('\u2212') {
		t.Error("minus sign lookup unstable")
	}
}

func TestMissing(t *testing.T) {
	f := MustGet(SerifRegular)
	if r, ok := f.Missing("ISIS’s “quoted” — text…"); ok {
		t.Errorf("Missing reported %U in plain article punctuation", r)
	}
	if r, ok := f.Missing("ok 😀"); !ok || r != '😀' {
		t.Errorf("Missing(emoji) = %U, %v", r, ok)
	}
	if r, ok := f.Missing("日本"); !ok || r != '日' {
		t.Errorf("Missing(CJK) = %U, %v", r, ok)
	}
}

func BenchmarkWidth(b *testing.B) {
	f := MustGet(SerifRegular)
	s := "It is often incorrectly assumed that ISIS’s external pivot away from the self-styled sanctity"
	for b.Loop() {
		f.Width(s, 11)
	}
}
