package linebreak

import (
	"math"
	"testing"
)

func TestPlaceMixedStyles(t *testing.T) {
	p := DefaultParams()
	runs := []Run{{Text: "plain "}, {Text: "bold", Style: 2}, {Text: " and "}, {Text: "ital", Style: 1, Link: "https://x.test"}, {Text: "ic."}}
	items := Items(runs, propMeasurer{}, nil, p)
	lines := Break(items, constWidth(500), p)
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	frags := Place(items, lines[0], true)
	want := []struct {
		text  string
		style Style
		link  string
	}{{"plain", 0, ""}, {"bold", 2, ""}, {"and", 0, ""}, {"ital", 1, "https://x.test"}, {"ic.", 0, ""}}
	if len(frags) != len(want) {
		t.Fatalf("fragments %+v", frags)
	}
	m := propMeasurer{}
	for i, w := range want {
		f := frags[i]
		if f.Text != w.text || f.Style != w.style || f.Link != w.link {
			t.Errorf("fragment %d = %+v, want %q style %d link %q", i, f, w.text, w.style, w.link)
		}
		if math.Abs(f.Width-m.Width(w.style, w.text)) > 1e-9 {
			t.Errorf("fragment %d width %g, want %g", i, f.Width, m.Width(w.style, w.text))
		}
	}
	// The last line is ragged: natural spaces, and "ital" touches "ic.".
	space := m.Width(0, " ")
	for i, gap := range []float64{space, space, space, 0} {
		if g := frags[i+1].X - (frags[i].X + frags[i].Width); math.Abs(g-gap) > 1e-9 {
			t.Errorf("gap after fragment %d = %g, want %g", i, g, gap)
		}
	}
}

func TestPlaceMergesWordPieces(t *testing.T) {
	hy := mapHyphenator{"hyphenation": {2, 6}}
	items := Items([]Run{{Text: "hyphenation"}}, monoMeasurer{}, hy, DefaultParams())
	whole := Place(items, Line{Start: 0, End: len(items) - 1}, true)
	if len(whole) != 1 || whole[0].Text != "hyphenation" || whole[0].Width != 11 || whole[0].X != 0 {
		t.Errorf("whole word placed as %+v", whole)
	}
	// Broken at the first point: the hyphen joins the fragment.
	first := Place(items, Line{Start: 0, End: 1, Hyphenated: true}, true)
	if len(first) != 1 || first[0].Text != "hy-" || first[0].Width != 3 {
		t.Errorf("hyphenated piece placed as %+v", first)
	}
	// A style change inside the word splits it, at the change only.
	items = Items([]Run{{Text: "hyphen"}, {Text: "ation", Style: 2}}, monoMeasurer{}, hy, DefaultParams())
	frags := Place(items, Line{Start: 0, End: 3, Hyphenated: true}, true)
	if len(frags) != 1 || frags[0].Text != "hyphen-" || frags[0].Style != 0 {
		t.Errorf("placed %+v", frags)
	}
	frags = Place(items, Line{Start: 0, End: 5}, true)
	if len(frags) != 2 || frags[0].Text != "hyphen" || frags[1].Text != "ation" || frags[1].X != 6 || frags[1].Style != 2 {
		t.Errorf("placed %+v", frags)
	}
}

func TestPlaceJustifiedFillsLine(t *testing.T) {
	p := DefaultParams()
	for _, c := range []struct {
		m     Measurer
		width float64
	}{{monoMeasurer{}, 40}, {monoMeasurer{}, 23}, {propMeasurer{}, 200}, {propMeasurer{}, 137}} {
		items := Items([]Run{{Text: englishParagraph}}, c.m, vowelHyphenator{}, p)
		lines := Break(items, constWidth(c.width), p)
		checkLines(t, items, lines, constWidth(c.width))
		for k, l := range lines[:len(lines)-1] {
			frags := Place(items, l, true)
			if len(frags) == 0 {
				t.Fatalf("line %d: no fragments", k)
			}
			total := frags[0].X
			for i, f := range frags {
				total += f.Width
				if i > 0 {
					gap := f.X - (frags[i-1].X + frags[i-1].Width)
					if gap < -1e-9 {
						t.Fatalf("line %d: fragments %d and %d overlap", k, i-1, i)
					}
					total += gap
				}
			}
			if math.Abs(total-c.width) > 1e-6 {
				t.Errorf("%T width %g line %d %q: fragments and gaps add up to %g",
					c.m, c.width, k, lineText(items, l), total)
			}
		}
		// The last line keeps natural spaces.
		last := Place(items, lines[len(lines)-1], true)
		for i := 1; i < len(last); i++ {
			gap := last[i].X - (last[i-1].X + last[i-1].Width)
			if gap > 0 && math.Abs(gap-c.m.Width(0, " ")) > 1e-9 {
				t.Errorf("%T last line gap %g, want a natural space", c.m, gap)
			}
		}
	}
}

func TestPlaceRagged(t *testing.T) {
	p := DefaultParams()
	items := Items([]Run{{Text: englishParagraph}}, propMeasurer{}, nil, p)
	lines := Break(items, constWidth(180), p)
	space := propMeasurer{}.Width(0, " ")
	stretched := false
	for _, l := range lines {
		frags := Place(items, l, false)
		for i := 1; i < len(frags); i++ {
			gap := frags[i].X - (frags[i-1].X + frags[i-1].Width)
			want := space
			if l.Ratio < 0 {
				want = space + l.Ratio*space/3
			}
			if math.Abs(gap-want) > 1e-9 {
				t.Errorf("ragged gap %g, want %g (ratio %g)", gap, want, l.Ratio)
			}
		}
		stretched = stretched || l.Ratio > 0
	}
	if !stretched {
		t.Fatal("no line would have been stretched; the test proves nothing")
	}
}

func TestPlaceIndentAndBadLines(t *testing.T) {
	items := []Item{{Kind: Box, Width: 15}, {Kind: Box, Width: 4, Text: "Once"}, {Kind: Glue, Width: 2, Stretch: 1}, {Kind: Box, Width: 4, Text: "upon"}}
	frags := Place(items, Line{Start: 0, End: 4, Ratio: 2}, true)
	if len(frags) != 2 || frags[0].X != 15 || frags[1].X != 23 {
		t.Errorf("placed %+v", frags)
	}
	for _, l := range []Line{{Start: -3, End: 99}, {Start: 3, End: 1}, {Start: 0, End: 4, Ratio: math.NaN()}, {Start: 4, End: 4, Hyphenated: true}} {
		for _, f := range Place(items, l, true) {
			if math.IsNaN(f.X) || math.IsInf(f.X, 0) {
				t.Errorf("line %+v placed %+v", l, f)
			}
		}
	}
}
