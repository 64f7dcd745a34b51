package linebreak

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// visibleText is what Items must keep of text as box content: everything
// but spaces and the invisible break characters.
func visibleText(text string) string {
	var sb strings.Builder
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isSpace(r), r == noBreakSpace, r == figureSpace, r == narrowNoBreak,
			r == lineSeparator, r == paraSeparator, r == softHyphen, r == zeroWidthSpace:
		default:
			sb.WriteString(text[i : i+size])
		}
		i += size
	}
	return sb.String()
}

func FuzzBreak(f *testing.F) {
	f.Add("The quick brown fox jumps over the lazy dog.", uint16(80), uint16(60), false, uint8(10), false)
	f.Add(englishParagraph, uint16(160), uint16(100), true, uint8(40), true)
	f.Add("see https://example.com/a/b/c?d=e&f=g#h now", uint16(40), uint16(40), false, uint8(4), false)
	f.Add(strings.Repeat("abcdefghij", 50), uint16(30), uint16(7), true, uint8(255), false)
	f.Add("a\u00a0b\u2028\u2028c\u00add e\u200bf well-known yes\u2014no", uint16(8), uint16(0), false, uint8(3), true)
	f.Add("x", uint16(0), uint16(0), true, uint8(0), false)
	f.Add("\xff\xfe \u0301\u0301 a\u200d\u200db", uint16(3), uint16(1), false, uint8(1), true)
	f.Fuzz(func(t *testing.T, text string, width, firstWidth uint16, proportional bool, split uint8, setLineWidth bool) {
		cut := int(split) % (len(text) + 1)
		runs := []Run{{Text: text[:cut]}, {Text: text[cut:], Style: 2, Link: "L"}}
		var m Measurer = monoMeasurer{}
		if proportional {
			m = propMeasurer{}
		}
		w, w0 := float64(width%800)/4, float64(firstWidth%800)/4
		widthOf := func(line int) float64 {
			if line == 0 {
				return w0
			}
			return w
		}
		p := DefaultParams()
		if setLineWidth {
			p.LineWidth = min(w, w0)
		}
		items := Items(runs, m, vowelHyphenator{}, p)
		var boxes strings.Builder
		for _, it := range items {
			if it.Kind == Box {
				boxes.WriteString(it.Text)
			}
		}
		if got, want := boxes.String(), visibleText(text); got != want {
			t.Fatalf("boxes hold %q, want %q", got, want)
		}
		lines := Break(items, widthOf, p)
		checkLines(t, items, lines, widthOf)
		if len(items) > 0 && len(lines) == 0 {
			t.Fatal("no lines for a non-empty paragraph")
		}
		for _, l := range lines {
			x := math.Inf(-1)
			for _, f := range Place(items, l, true) {
				if math.IsNaN(f.X) || math.IsNaN(f.Width) || f.X < x-1e-9 {
					t.Fatalf("bad placement %+v after x=%g", f, x)
				}
				x = f.X
			}
		}
	})
}
