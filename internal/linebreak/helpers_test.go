package linebreak

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// monoMeasurer sets every rune, space included, 1 unit wide.
type monoMeasurer struct{}

func (monoMeasurer) Width(_ Style, s string) float64 { return float64(utf8.RuneCountInString(s)) }

// propMeasurer approximates Times-Roman at 10 points; Style 2 (bold) is 10%
// wider, so that styles measure differently.
type propMeasurer struct{}

var timesWidths = map[rune]float64{
	' ': 250, 'a': 444, 'b': 500, 'c': 444, 'd': 500, 'e': 444, 'f': 333, 'g': 500, 'h': 500,
	'i': 278, 'j': 278, 'k': 500, 'l': 278, 'm': 778, 'n': 500, 'o': 500, 'p': 500, 'q': 500,
	'r': 333, 's': 389, 't': 278, 'u': 500, 'v': 500, 'w': 722, 'x': 500, 'y': 500, 'z': 444,
	'.': 250, ',': 250, ';': 278, ':': 278, '-': 333, '/': 278, '\'': 333, '(': 333, ')': 333,
	'I': 333, 'M': 889, 'W': 944, 'T': 611, 'A': 722,
}

func (propMeasurer) Width(s Style, text string) float64 {
	total := 0.0
	for _, r := range text {
		w, ok := timesWidths[r]
		if !ok {
			w = 500
			if r >= 'A' && r <= 'Z' {
				w = 667
			}
		}
		total += w
	}
	total /= 100 // 10 points per 1000 units
	if s == 2 {
		total *= 1.1
	}
	return total
}

// vowelHyphenator allows a hyphen between a vowel and a following
// consonant, leaving at least two runes before and three after, like a
// crude English hyphenator.
type vowelHyphenator struct{}

func (vowelHyphenator) Points(word string) []int {
	runes := []rune(word)
	var offsets []int
	off := 0
	for k, r := range runes {
		if k >= 2 && k <= len(runes)-3 && isVowel(runes[k-1]) && !isVowel(r) {
			offsets = append(offsets, off)
		}
		off += utf8.RuneLen(r)
	}
	return offsets
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouyAEIOUY", r) }

// mapHyphenator knows the points of a few words.
type mapHyphenator map[string][]int

func (m mapHyphenator) Points(word string) []int { return m[word] }

const englishParagraph = `In olden times when wishing still helped one, there lived a king whose
daughters were all beautiful, but the youngest was so beautiful that the sun itself, which has seen
so much, was astonished whenever it shone in her face. Close by the castle of the king lay a great
dark forest, and under an old lime-tree in the forest was a well, and when the day was very warm,
the king's child went out into the forest and sat down by the side of the cool fountain, and when
she was bored she took a golden ball, and threw it up on high and caught it, and this ball was her
favorite plaything. Now it so happened that on one occasion the princess's golden ball did not fall
into the little hand which she was holding up for it, but on to the ground beyond, and rolled
straight into the water.`

func constWidth(w float64) func(int) float64 { return func(int) float64 { return w } }

// lineMetrics measures items[l.Start:l.End] plus the break's width.
func lineMetrics(items []Item, l Line) (natural, stretch, shrink float64, fil bool) {
	for _, it := range items[l.Start:l.End] {
		switch it.Kind {
		case Box:
			natural += it.Width
		case Glue:
			natural += it.Width
			shrink += it.Shrink
			if math.IsInf(it.Stretch, 1) {
				fil = true
			} else {
				stretch += it.Stretch
			}
		}
	}
	if l.End < len(items) && items[l.End].Kind == Penalty {
		natural += items[l.End].Width
	}
	return natural, stretch, shrink, fil
}

// legalBreak is TeX's rule, written independently of the package.
func legalBreak(items []Item, i int) bool {
	switch items[i].Kind {
	case Penalty:
		return items[i].Penalty < Infinity
	case Glue:
		return i > 0 && items[i-1].Kind == Box
	}
	return false
}

// checkLines asserts the lines tile the paragraph in order and that no line
// is wider than its width unless it is Overfull and unbreakable.
func checkLines(t *testing.T, items []Item, lines []Line, width func(int) float64) {
	t.Helper()
	prevEnd := -1
	for k, l := range lines {
		if l.Start < 0 || l.Start > l.End || l.End > len(items) {
			t.Fatalf("line %d: bad range [%d,%d) of %d items", k, l.Start, l.End, len(items))
		}
		if l.Start <= prevEnd {
			t.Fatalf("line %d starts at %d, not after the previous break %d", k, l.Start, prevEnd)
		}
		for i := prevEnd + 1; i < l.Start; i++ {
			if items[i].Kind == Box {
				t.Fatalf("line %d: box %d (%q) lost between lines", k, i, items[i].Text)
			}
		}
		if l.End < len(items) && !legalBreak(items, l.End) {
			t.Fatalf("line %d ends at item %d, which is not a legal break", k, l.End)
		}
		natural, _, shrink, _ := lineMetrics(items, l)
		lw := width(k)
		over := natural-shrink > lw+1e-6
		if over != l.Overfull {
			t.Fatalf("line %d: min width %g, line width %g, but Overfull=%v", k, natural-shrink, lw, l.Overfull)
		}
		if l.Overfull {
			for i := l.Start + 1; i < l.End; i++ {
				if legalBreak(items, i) {
					t.Fatalf("line %d is overfull (%g > %g) but could break at item %d", k, natural-shrink, lw, i)
				}
			}
		}
		prevEnd = l.End
	}
	for i := prevEnd + 1; i < len(items); i++ {
		if items[i].Kind == Box {
			t.Fatalf("box %d (%q) after the last line", i, items[i].Text)
		}
	}
}

// lineText is what a reader sees on a line: the fragments' text, with a
// space for each gap.
func lineText(items []Item, l Line) string {
	var sb strings.Builder
	end := 0.0
	for i, f := range Place(items, l, false) {
		if i > 0 && f.X > end+1e-9 {
			sb.WriteByte(' ')
		}
		sb.WriteString(f.Text)
		end = f.X + f.Width
	}
	return sb.String()
}

func linesText(items []Item, lines []Line) []string {
	out := make([]string, len(lines))
	for k, l := range lines {
		out[k] = lineText(items, l)
	}
	return out
}
