package linebreak

import (
	"math"
	"strings"
	"testing"
	"unicode"
)

func TestBreakKnownParagraph(t *testing.T) {
	// Mono widths, interword glue 1 plus 1/2 minus 1/3, lines of 15.
	// Words: a bbb ccc dddd e ffff ggg hhh iiii j kkk.
	//
	// First fit takes "a bbb ccc dddd e" (16, shrunk by 1 of 4/3: r=-3/4),
	// which leaves "ffff ggg hhh" (12 of 15, stretch 1: r=3, badness 2700)
	// and "ffff ggg hhh iiii" (17, shrink 1) overfull: no feasible second
	// line. From a break after "dddd" (14, stretch 3/2: r=2/3, badness
	// 29.6) the next line "e ffff ggg hhh" is also 14 (r=2/3), and
	// "iiii j kkk" ends the paragraph. So total fit breaks after dddd and
	// after hhh, at the glue items 7 and 15.
	p := DefaultParams()
	items := Items([]Run{{Text: "a bbb ccc dddd e ffff ggg hhh iiii j kkk"}}, monoMeasurer{}, nil, p)
	lines := Break(items, constWidth(15), p)
	checkLines(t, items, lines, constWidth(15))
	want := []Line{{Start: 0, End: 7, Ratio: 2.0 / 3}, {Start: 8, End: 15, Ratio: 2.0 / 3}, {Start: 16, End: 23}}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines %q, want %d", len(lines), linesText(items, lines), len(want))
	}
	for k := range want {
		g, w := lines[k], want[k]
		if g.Start != w.Start || g.End != w.End || math.Abs(g.Ratio-w.Ratio) > 1e-9 || g.Hyphenated || g.Overfull {
			t.Errorf("line %d = %+v, want %+v", k, g, w)
		}
	}
	if got := linesText(items, lines); strings.Join(got, "|") != "a bbb ccc dddd|e ffff ggg hhh|iiii j kkk" {
		t.Errorf("lines %q", got)
	}

	// The first fit breaker really does make the bad choice.
	greedy := greedyBreak(items, constWidth(15))
	if len(greedy) < 2 || greedy[1].Ratio < 2.9 {
		t.Fatalf("greedy lines %q, ratios %v: expected a loose second line", linesText(items, greedy), greedy)
	}
}

func TestBreakEvensOutSpacing(t *testing.T) {
	cases := []struct {
		m     Measurer
		width float64
	}{
		{monoMeasurer{}, 30}, {monoMeasurer{}, 50}, {monoMeasurer{}, 60},
		{propMeasurer{}, 150}, {propMeasurer{}, 200}, {propMeasurer{}, 250}, {propMeasurer{}, 300},
	}
	p := DefaultParams()
	for _, c := range cases {
		items := Items([]Run{{Text: englishParagraph}}, c.m, vowelHyphenator{}, p)
		total := Break(items, constWidth(c.width), p)
		checkLines(t, items, total, constWidth(c.width))
		greedy := greedyBreak(items, constWidth(c.width))
		st, sg := sumSquaredRatios(total), sumSquaredRatios(greedy)
		if !(st < sg) {
			t.Errorf("%T width %g: total fit sum of squared ratios %.3f, not below first fit's %.3f", c.m, c.width, st, sg)
		}
	}
}

func TestBreakNoLineOverWidth(t *testing.T) {
	p := DefaultParams()
	for _, m := range []Measurer{monoMeasurer{}, propMeasurer{}} {
		for _, h := range []Hyphenator{nil, vowelHyphenator{}} {
			items := Items([]Run{{Text: englishParagraph}}, m, h, p)
			for w := 20.0; w <= 400; w += 7 {
				lines := Break(items, constWidth(w), p)
				checkLines(t, items, lines, constWidth(w))
				for k, l := range lines {
					if l.Overfull {
						// Only a word wider than the line may overflow.
						natural, _, _, _ := lineMetrics(items, l)
						if natural <= w {
							t.Errorf("%T width %g line %d %q overfull", m, w, k, lineText(items, l))
						}
					}
				}
			}
		}
	}
}

func TestBreakVariableWidths(t *testing.T) {
	p := DefaultParams()
	widths := []float64{120, 150, 180} // then 200 for the rest
	width := func(i int) float64 {
		if i < len(widths) {
			return widths[i]
		}
		return 200
	}
	items := Items([]Run{{Text: englishParagraph}}, propMeasurer{}, vowelHyphenator{}, p)
	lines := Break(items, width, p)
	checkLines(t, items, lines, width)
	for k, l := range lines[:len(lines)-1] {
		natural, stretch, shrink, _ := lineMetrics(items, l)
		set := natural + l.Ratio*stretch
		if l.Ratio < 0 {
			set = natural + l.Ratio*shrink
		}
		if math.Abs(set-width(k)) > 1e-6 {
			t.Errorf("line %d set to %g, want its width %g", k, set, width(k))
		}
	}
}

func TestBreakHyphensOnlyAtHyphenatorPoints(t *testing.T) {
	p := DefaultParams()
	h := vowelHyphenator{}
	hyphenated := 0
	for _, m := range []Measurer{monoMeasurer{}, propMeasurer{}} {
		items := Items([]Run{{Text: englishParagraph}}, m, h, p)
		for _, w := range []float64{18, 22, 26, 60, 90, 110, 130} {
			lines := Break(items, constWidth(w), p)
			checkLines(t, items, lines, constWidth(w))
			for k, l := range lines {
				if !l.Hyphenated || items[l.End].Text != "-" {
					continue
				}
				hyphenated++
				// The word is the boxes around the break, up to glue.
				before, after := "", ""
				for i := l.End - 1; i >= 0 && items[i].Kind != Glue; i-- {
					before = items[i].Text + before
				}
				for i := l.End + 1; i < len(items) && items[i].Kind != Glue; i++ {
					after += items[i].Text
				}
				word := strings.TrimFunc(before+after, func(r rune) bool { return !unicode.IsLetter(r) })
				offset := len(strings.TrimLeftFunc(before, func(r rune) bool { return !unicode.IsLetter(r) }))
				ok := false
				for _, pt := range h.Points(word) {
					ok = ok || pt == offset
				}
				if !ok {
					t.Errorf("%T width %g line %d breaks %q at %d, not a hyphenation point %v", m, w, k, word, offset, h.Points(word))
				}
			}
		}
	}
	if hyphenated == 0 {
		t.Fatal("no line was hyphenated; the test proves nothing")
	}
}

func TestBreakFirstPassDoesNotHyphenate(t *testing.T) {
	// The paragraph sets within \pretolerance at 40 (see the mono output
	// of TestBreakEvensOutSpacing), so no hyphen may appear; with the first
	// pass skipped hyphens are allowed and, at this narrow width, used.
	p := DefaultParams()
	items := Items([]Run{{Text: englishParagraph}}, monoMeasurer{}, vowelHyphenator{}, p)
	for _, l := range Break(items, constWidth(40), p) {
		if l.Hyphenated {
			t.Fatalf("first pass hyphenated %q", lineText(items, l))
		}
	}
	p.Pretolerance = -1
	used := false
	for _, w := range []float64{18, 22, 26} {
		for _, l := range Break(items, constWidth(w), p) {
			used = used || l.Hyphenated
		}
	}
	if !used {
		t.Error("no hyphenation at narrow widths without the first pass")
	}
}

func TestBreakForced(t *testing.T) {
	p := DefaultParams()
	// U+2028 forces a break, set ragged.
	items := Items([]Run{{Text: "one two\u2028three four five six seven"}}, monoMeasurer{}, nil, p)
	lines := Break(items, constWidth(30), p)
	checkLines(t, items, lines, constWidth(30))
	got := linesText(items, lines)
	if len(got) != 2 || got[0] != "one two" || got[1] != "three four five six seven" {
		t.Fatalf("lines %q", got)
	}
	if lines[0].Ratio != 0 {
		t.Errorf("forced line ratio %g, want 0 (ragged)", lines[0].Ratio)
	}

	// A hand-made list: a forced penalty in the middle of a justified line.
	box := func(s string) Item { return Item{Kind: Box, Width: float64(len(s)), Text: s} }
	glue := Item{Kind: Glue, Width: 1, Stretch: 1, Shrink: 0.5}
	list := []Item{box("aa"), glue, box("bb"), {Kind: Penalty, Penalty: -Infinity}, box("cc"), glue, box("dd"), {Kind: Penalty, Penalty: -Infinity}}
	lines = Break(list, constWidth(100), p)
	if len(lines) != 2 || lines[0].End != 3 || lines[1].Start != 4 || lines[1].End != 7 {
		t.Fatalf("lines %+v", lines)
	}
}

func TestBreakEmpty(t *testing.T) {
	p := DefaultParams()
	if lines := Break(nil, constWidth(10), p); lines != nil {
		t.Errorf("Break(nil) = %v", lines)
	}
	if items := Items(nil, monoMeasurer{}, nil, p); items != nil {
		t.Errorf("Items(nil) = %v", items)
	}
	if items := Items([]Run{{Text: " \n\t "}, {Text: ""}}, monoMeasurer{}, nil, p); items != nil {
		t.Errorf("Items(spaces) = %v", items)
	}
	// Only glue and penalties: no panic, lines well formed.
	list := []Item{{Kind: Glue, Width: 3}, {Kind: Penalty, Penalty: 5}, {Kind: Penalty, Penalty: -Infinity}}
	checkLines(t, list, Break(list, constWidth(10), p), constWidth(10))
}

func TestBreakLongURL(t *testing.T) {
	p := DefaultParams()
	url := "https://example.com/library/volumes/second-edition/chapter_twelve/appendix/notes?lang=en&page=3#section"
	items := Items([]Run{{Text: "See "}, {Text: url, Style: 3, Link: url}, {Text: " for details."}}, monoMeasurer{}, mapHyphenator{"details": {3}}, p)
	for _, w := range []float64{20, 30, 40} {
		lines := Break(items, constWidth(w), p)
		checkLines(t, items, lines, constWidth(w))
		text := ""
		insideBreaks := 0
		for _, l := range lines {
			if l.Overfull {
				t.Fatalf("width %g: overfull line %q", w, lineText(items, l))
			}
			for _, f := range Place(items, l, true) {
				if f.Link == url {
					text += f.Text
				}
			}
			if l.End < len(items) && l.End > 0 && items[l.End].Kind == Penalty && items[l.End-1].Link == url && items[l.End+1].Link == url {
				insideBreaks++
				last := items[l.End-1].Text
				if c := last[len(last)-1]; !strings.ContainsRune(urlBreakAfter, rune(c)) {
					t.Errorf("width %g: URL broken after %q", w, last)
				}
				if l.Hyphenated {
					t.Errorf("width %g: URL broken with a hyphen", w)
				}
			}
		}
		if text != url {
			t.Errorf("width %g: URL drawn as %q", w, text)
		}
		if insideBreaks == 0 {
			t.Errorf("width %g: URL never broken", w)
		}
	}
}

func TestBreakHugeWord(t *testing.T) {
	p := DefaultParams()
	word := strings.Repeat("abcdefghij", 10000)
	for _, c := range []struct {
		m     Measurer
		width float64
	}{{monoMeasurer{}, 60}, {propMeasurer{}, 300}} {
		items := Items([]Run{{Text: "A " + word + " ends."}}, c.m, vowelHyphenator{}, p)
		lines := Break(items, constWidth(c.width), p)
		checkLines(t, items, lines, constWidth(c.width))
		var sb strings.Builder
		for _, l := range lines {
			if l.Overfull {
				t.Fatalf("%T: overfull line %q", c.m, lineText(items, l))
			}
			for _, f := range Place(items, l, true) {
				sb.WriteString(f.Text)
			}
		}
		if got := sb.String(); got != "A"+word+"ends." {
			t.Fatalf("%T: text changed: %d bytes, want %d", c.m, len(got), len(word)+6)
		}
		if n := len(lines); n < 100000/int(c.width) {
			t.Errorf("%T: only %d lines", c.m, n)
		}
	}
}

func TestBreakOverfullOnlyForUnbreakableBox(t *testing.T) {
	p := DefaultParams()
	box := func(w float64) Item { return Item{Kind: Box, Width: w, Text: "x"} }
	glue := Item{Kind: Glue, Width: 1, Stretch: 0.5, Shrink: 0.3}
	list := []Item{box(3), glue, box(3), glue, box(50), glue, box(3), glue, box(4),
		{Kind: Penalty, Penalty: Infinity}, {Kind: Glue, Stretch: math.Inf(1)}, {Kind: Penalty, Penalty: -Infinity}}
	lines := Break(list, constWidth(10), p)
	checkLines(t, list, lines, constWidth(10))
	overfull := 0
	for _, l := range lines {
		if l.Overfull {
			overfull++
			if l.Start != 4 || l.End != 5 {
				t.Errorf("overfull line %+v is not the wide box alone", l)
			}
		}
	}
	if overfull != 1 {
		t.Errorf("%d overfull lines, want 1: %+v", overfull, lines)
	}
}

func TestBreakLooseness(t *testing.T) {
	// At these widths the paragraph sets within tolerance one line longer
	// (260) or shorter (300) than its best.
	for _, c := range []struct {
		width     float64
		looseness int
	}{{260, 1}, {300, -1}} {
		p := DefaultParams()
		items := Items([]Run{{Text: englishParagraph}}, propMeasurer{}, vowelHyphenator{}, p)
		base := Break(items, constWidth(c.width), p)
		p.Looseness = c.looseness
		lines := Break(items, constWidth(c.width), p)
		checkLines(t, items, lines, constWidth(c.width))
		if len(lines) != len(base)+c.looseness {
			t.Errorf("width %g looseness %d: %d lines, want %d", c.width, c.looseness, len(lines), len(base)+c.looseness)
		}
		for k, l := range lines[:len(lines)-1] {
			if l.Ratio > 1.26 { // badness 200
				t.Errorf("width %g looseness %d: line %d ratio %g beyond tolerance", c.width, c.looseness, k, l.Ratio)
			}
		}
	}
}

func TestBreakRobustToGarbage(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	list := []Item{
		{Kind: Box, Width: nan, Text: "a"}, {Kind: Glue, Width: inf, Stretch: nan, Shrink: inf},
		{Kind: Box, Width: -5, Text: "b"}, {Kind: Penalty, Penalty: nan, Width: inf, Flagged: true, Text: "-"},
		{Kind: 7, Width: 3, Text: "c"}, {Kind: Glue, Width: 1, Stretch: -inf, Shrink: -2},
		{Kind: Box, Width: 1e300, Text: "d"}, {Kind: Glue, Width: -1e300, Stretch: inf},
		{Kind: Penalty, Penalty: -inf}, {Kind: Penalty, Penalty: inf}, {Kind: Box, Width: 2, Text: "e"},
	}
	widths := []func(int) float64{
		nil, constWidth(nan), constWidth(-3), constWidth(inf), constWidth(0),
		func(i int) float64 { return float64(i%3) * 4 },
	}
	params := []Params{DefaultParams(), {}, {Tolerance: nan, Pretolerance: nan, LinePenalty: inf, AdjDemerits: nan, EmergencyStretch: inf, Looseness: 5}}
	for _, w := range widths {
		for _, p := range params {
			lines := Break(list, w, p)
			for _, l := range lines {
				if l.Start < 0 || l.Start > l.End || l.End > len(list) {
					t.Fatalf("bad line %+v", l)
				}
				for _, f := range Place(list, l, true) {
					if math.IsNaN(f.X) || math.IsNaN(f.Width) {
						t.Fatalf("NaN placement %+v", f)
					}
				}
			}
		}
	}
}

func TestBreakLongParagraph(t *testing.T) {
	// 200 KB in one paragraph: every line fits and stays within tolerance,
	// so the active list's bound did not spoil the result.
	p := DefaultParams()
	text := longParagraph(200 << 10)
	items := Items([]Run{{Text: text}}, propMeasurer{}, vowelHyphenator{}, p)
	lines := Break(items, constWidth(300), p)
	checkLines(t, items, lines, constWidth(300))
	for k, l := range lines[:len(lines)-1] {
		if l.Overfull || l.Ratio > 1.26 || l.Ratio < -1 {
			t.Fatalf("line %d %q: ratio %g overfull %v", k, lineText(items, l), l.Ratio, l.Overfull)
		}
	}
}
