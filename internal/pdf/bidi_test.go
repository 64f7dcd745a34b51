package pdf

import (
	"math"
	"sort"
	"testing"

	"github.com/imprint-press/imprint/internal/linebreak"
)

func TestVisualText(t *testing.T) {
	for _, c := range []struct {
		in   string
		rtl  bool
		want string
	}{
		{"plain English", false, "plain English"},
		{"שלום", false, "םולש"},
		{"abc שלום עולם def", false, "abc םלוע םולש def"},
		{"שנת 2024", false, "2024 תנש"},           // numbers keep their order
		{"גרסה 3.14 כאן", false, "ןאכ 3.14 הסרג"}, // a decimal point joins digits
		{"(שלום)", false, "(םולש)"},
		{"(שלום)", true, "(םולש)"}, // reversed and mirrored
		{"שלום world", true, "world םולש"},
		{"hello world", true, "hello world"},
		{"\u05e9\u05b8\u05c1\u05dc", false, "\u05dc\u05e9\u05b8\u05c1"}, // marks stay after their base
	} {
		if got := visualText(c.in, c.rtl); got != c.want {
			t.Errorf("visualText(%q, rtl=%v) = %q, want %q", c.in, c.rtl, got, c.want)
		}
	}
}

func TestVisualLine(t *testing.T) {
	ts := &typesetter{sheet: newStylesheet(formats["trade"])}
	st := styleOf(classBody, roman)
	frag := func(x float64, text string) linebreak.Placed {
		return linebreak.Placed{X: x, Width: ts.sheet.Width(st, text), Text: text, Style: st}
	}
	// Left to right with two Hebrew words: the words swap places and each
	// is reversed; the English stays put.
	line := []linebreak.Placed{frag(0, "abc"), frag(30, "שלום"), frag(70, "עולם"), frag(110, "def")}
	got := ts.visualLine(line, 200)
	// The Hebrew span runs from 30 to the end of עולם; mirrored in it,
	// עולם starts at 30 and שלום ends where עולם ended.
	spanEnd := 70 + line[2].Width
	want := []struct {
		x    float64
		text string
	}{{0, "abc"}, {30, "םלוע"}, {spanEnd - line[1].Width, "םולש"}, {110, "def"}}
	if len(got) != len(want) {
		t.Fatalf("got %d fragments: %+v", len(got), got)
	}
	// Fragments are drawn where they are placed, in any order.
	sort.Slice(got, func(i, j int) bool { return got[i].X < got[j].X })
	for i, w := range want {
		if math.Abs(got[i].X-w.x) > 1e-9 || got[i].Text != w.text {
			t.Errorf("fragment %d = %q at %.2f, want %q at %.2f", i, got[i].Text, got[i].X, w.text, w.x)
		}
	}
	// A line with no right-to-left text is returned as it was.
	plain := []linebreak.Placed{frag(0, "plain"), frag(40, "text")}
	if got := ts.visualLine(plain, 200); &got[0] != &plain[0] {
		t.Error("a left-to-right line was copied")
	}
	// With a right-to-left base, a short line sets flush right.
	ts.rtl = true
	short := ts.visualLine([]linebreak.Placed{frag(0, "שלום")}, 200)
	if w := ts.sheet.Width(st, "שלום"); math.Abs(short[0].X+w-200) > 1e-9 || short[0].Text != "םולש" {
		t.Errorf("right-to-left short line: %+v", short)
	}
	// A fragment whose trailing comma belongs to the English after it is
	// split there, the comma measured on its own.
	ts.rtl = false
	mixed := ts.visualLine([]linebreak.Placed{frag(0, "שלום,"), frag(50, "world")}, 200)
	sort.Slice(mixed, func(i, j int) bool { return mixed[i].X < mixed[j].X })
	if len(mixed) != 3 || mixed[0].Text != "םולש" || mixed[1].Text != "," || mixed[2].Text != "world" {
		t.Errorf("a Hebrew word with a comma before English: %+v", mixed)
	}
}

func TestGlyphProblems(t *testing.T) {
	for _, c := range []struct {
		text    string
		r       rune
		problem glyphProblem
		found   bool
	}{
		{"Plain, with ✓ and ⇒ from the fallback and שלום.", 0, 0, false},
		{"Joiners\u200d and selectors\ufe0f are set as nothing", 0, 0, false},
		{"A rocket 🚀", '🚀', emoji, true},
		{"Bold 𝐀", '𝐀', astral, true},
		{"Arabic مرحبا", 'م', needsShaping, true},
		{"Thai ภาษา", 'ภ', needsShaping, true},
		{"CJK 日本", '日', noGlyph, true},
	} {
		r, problem, found := findGlyphProblem(face(styleOf(classBody, roman)), c.text)
		if r != c.r || problem != c.problem || found != c.found {
			t.Errorf("%q: %U %d %v, want %U %d %v", c.text, r, problem, found, c.r, c.problem, c.found)
		}
	}
	e := &GlyphError{File: "a.md", Line: 3, Rune: 'م', Problem: needsShaping}
	if want := "a.md:3: character U+0645 'م' is Arabic script, which needs shaping the print edition cannot do yet: transliterate the passage, or set it as an image"; e.Error() != want {
		t.Errorf("message %q", e.Error())
	}
}
