package linebreak

import (
	"math"
	"strings"
	"testing"
)

// itemSig is an item in a form that reads well in a failure message.
type itemSig struct {
	Kind                   ItemKind
	Text                   string
	Width, Stretch, Shrink float64
	Penalty                float64
	Flagged                bool
	Style                  Style
}

func sigs(items []Item) []itemSig {
	out := make([]itemSig, len(items))
	for i, it := range items {
		out[i] = itemSig{it.Kind, it.Text, it.Width, it.Stretch, it.Shrink, it.Penalty, it.Flagged, it.Style}
	}
	return out
}

func box(text string, style Style) itemSig {
	return itemSig{Kind: Box, Text: text, Width: float64(len([]rune(text))), Style: style}
}

var (
	space    = itemSig{Kind: Glue, Width: 1, Stretch: 0.5, Shrink: 1.0 / 3}
	paraEnd  = []itemSig{{Kind: Penalty, Penalty: Infinity}, {Kind: Glue, Stretch: math.Inf(1)}, {Kind: Penalty, Penalty: -Infinity}}
	hyphenAt = func(style Style) itemSig {
		return itemSig{Kind: Penalty, Text: "-", Width: 1, Penalty: 50, Flagged: true, Style: style}
	}
)

func para(s ...itemSig) []itemSig { return append(s, paraEnd...) }

func checkItems(t *testing.T, name string, got []Item, want []itemSig) {
	t.Helper()
	g := sigs(got)
	if len(g) != len(want) {
		t.Fatalf("%s: %d items %+v, want %d %+v", name, len(g), g, len(want), want)
	}
	for i := range want {
		if g[i] != want[i] {
			t.Errorf("%s: item %d = %+v, want %+v", name, i, g[i], want[i])
		}
	}
}

func TestItems(t *testing.T) {
	p := DefaultParams()
	hy := mapHyphenator{"hyphenation": {2, 6}, "details": {3}}
	cases := []struct {
		name string
		runs []Run
		want []itemSig
	}{
		{"words and a space", []Run{{Text: "hello world"}},
			para(box("hello", 0), space, box("world", 0))},
		{"spaces collapse across runs and trim", []Run{{Text: "  a \n"}, {Text: "\t b  ", Style: 1}},
			para(box("a", 0), space, box("b", 1))},
		{"hyphenation inside punctuation", []Run{{Text: "(hyphenation),"}},
			para(box("(hy", 0), hyphenAt(0), box("phen", 0), hyphenAt(0), box("ation),", 0))},
		{"style change inside a word", []Run{{Text: "hy"}, {Text: "phen", Style: 1}, {Text: "ation"}},
			para(box("hy", 0), hyphenAt(0), box("phen", 1), hyphenAt(1), box("ation", 0))},
		{"style change without a hyphenation point", []Run{{Text: "ab"}, {Text: "cd", Style: 2}},
			para(box("ab", 0), box("cd", 2))},
		{"explicit hyphen", []Run{{Text: "well-known -5 x-"}},
			para(box("well-", 0), itemSig{Kind: Penalty, Flagged: true}, box("known", 0), space, box("-5", 0), space, box("x-", 0))},
		{"em dash", []Run{{Text: "yes\u2014no \u2014"}},
			para(box("yes\u2014", 0), itemSig{Kind: Penalty}, box("no", 0), space, box("\u2014", 0))},
		{"no-break space", []Run{{Text: "Mr.\u00a0Smith"}},
			para(box("Mr.", 0), itemSig{Kind: Penalty, Penalty: Infinity}, space, box("Smith", 0))},
		{"soft hyphen and zero-width space", []Run{{Text: "co\u00adop foo\u200bbar"}},
			para(box("co", 0), hyphenAt(0), box("op", 0), space, box("foo", 0), itemSig{Kind: Penalty}, box("bar", 0))},
		{"forced line break", []Run{{Text: "a \u2028 b\u2028"}},
			append(para(box("a", 0)), para(box("b", 0))...)},
		{"hyphenator only sees letters", []Run{{Text: "details: 42"}},
			para(box("det", 0), hyphenAt(0), box("ails:", 0), space, box("42", 0))},
		{"no hyphenation in marked runs", []Run{{Text: "details "}, {Text: "details", Style: 3, NoHyphenation: true}, {Text: "hyphen"}, {Text: "ation"}},
			para(box("det", 0), hyphenAt(0), box("ails", 0), space, box("details", 3), box("hyphen", 0), box("ation", 0))},
	}
	for _, c := range cases {
		checkItems(t, c.name, Items(c.runs, monoMeasurer{}, hy, p), c.want)
	}
}

func TestItemsCarriesLinks(t *testing.T) {
	items := Items([]Run{{Text: "see "}, {Text: "the docs", Link: "#docs"}, {Text: " now"}}, monoMeasurer{}, nil, DefaultParams())
	var links []string
	for _, it := range items {
		if it.Kind == Box {
			links = append(links, it.Text+"="+it.Link)
		}
	}
	if got := strings.Join(links, " "); got != "see= the=#docs docs=#docs now=" {
		t.Errorf("links %q", got)
	}
}

func TestItemsIgnoresBadHyphenationPoints(t *testing.T) {
	// "naïveté": ï is bytes 2-3, so 3 is inside a rune; 0, 9 and -1 are
	// not inside the word. Only 4 ("naï|veté") is usable.
	hy := mapHyphenator{"naïveté": {-1, 0, 3, 4, 9, 100}}
	items := Items([]Run{{Text: "naïveté"}}, monoMeasurer{}, hy, DefaultParams())
	checkItems(t, "naïveté", items, para(box("naï", 0), hyphenAt(0), box("veté", 0)))
}

func TestItemsLongStrings(t *testing.T) {
	p := DefaultParams()
	lastResortBreaks := func(items []Item) int {
		n := 0
		for _, it := range items {
			if it.Kind == Penalty && it.Penalty == LastResortPenalty {
				n++
			}
		}
		return n
	}
	// Without LineWidth, a string wider than 30 "n" gets a break of last
	// resort between every two characters.
	if n := lastResortBreaks(Items([]Run{{Text: strings.Repeat("x", 30)}}, monoMeasurer{}, nil, p)); n != 0 {
		t.Errorf("30 runes: %d breaks of last resort, want 0", n)
	}
	if n := lastResortBreaks(Items([]Run{{Text: strings.Repeat("x", 31)}}, monoMeasurer{}, nil, p)); n != 30 {
		t.Errorf("31 runes: %d breaks of last resort, want 30", n)
	}
	p.LineWidth = 10
	if n := lastResortBreaks(Items([]Run{{Text: "abcdefghijkl short"}}, monoMeasurer{}, nil, p)); n != 11 {
		t.Errorf("12 runes over a 10 wide line: %d breaks of last resort, want 11", n)
	}
	// Combining marks stay with their letter.
	if n := lastResortBreaks(Items([]Run{{Text: strings.Repeat("e\u0301", 6)}}, monoMeasurer{}, nil, p)); n != 5 {
		t.Errorf("6 accented letters: %d breaks of last resort, want 5", n)
	}
}

func TestItemsURL(t *testing.T) {
	p := DefaultParams()
	// A URL breaks after its punctuation even when it fits a line, and is
	// never hyphenated.
	hy := mapHyphenator{"https": {2}, "example": {2}, "path": {2}}
	items := Items([]Run{{Text: "https://example.com/path"}}, monoMeasurer{}, hy, p)
	checkItems(t, "url", items, para(
		box("https://", 0), itemSig{Kind: Penalty, Penalty: urlBreakPenalty},
		box("example.", 0), itemSig{Kind: Penalty, Penalty: urlBreakPenalty},
		box("com/", 0), itemSig{Kind: Penalty, Penalty: urlBreakPenalty},
		box("path", 0)))
}

func TestItemsNilMeasurerAndHyphenator(t *testing.T) {
	items := Items([]Run{{Text: "some words here"}}, nil, nil, DefaultParams())
	if len(items) != 8 {
		t.Fatalf("%d items", len(items))
	}
	for _, it := range items {
		if it.Width != 0 {
			t.Errorf("width %g with no Measurer", it.Width)
		}
	}
	checkLines(t, items, Break(items, constWidth(10), DefaultParams()), constWidth(10))
}
