package verify

import (
	"slices"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/markdown"
	"github.com/imprint-press/imprint/internal/verify/epubread"
	"github.com/imprint-press/imprint/internal/verify/pdfread"
)

func TestMatchAcrossLineEnds(t *testing.T) {
	cases := []struct {
		hay, needle string
		want        bool
	}{
		{"the self-\nstyled sanctity", "the self-styled sanctity", true}, // the word's own hyphen at a line end
		{"the cosmopoli-\ntan hubs", "the cosmopolitan hubs", true},      // the typesetter's hyphen
		{"Barcelona—\namong far", "Barcelona—among far", true},           // a line may end after a dash
		{"REUTERS/Dado\nRuvic", "REUTERS/Dado Ruvic", true},              // a line end is a space
		{"one two\u00adthree", "one twothree", true},                     // soft hyphens are invisible
		{"the cosmo politan hubs", "the cosmopolitan hubs", false},       // a space is not a hyphenation
		{"the cosmopoli-tan hubs", "the cosmopolitan hubs", false},       // nor a hyphen inside a line
		{"ISIS has lost", "ISIS has lost any", false},                    // the text ends first
		{"ISIS  has\n\n lost", "ISIS has lost", true},                    // white space collapses
		{"al-Ad-\nnani. More", "al-Adnani. More", true},                  // a hyphen break after a hyphen
		{"Emni’s alarming", "Emni's alarming", false},                    // quotes are compared as written
	}
	for _, c := range cases {
		_, end := prepare(c.hay).find(prepareNeedle(c.needle), 0)
		if got := end >= 0; got != c.want {
			t.Errorf("find(%q in %q) = %v, want %v", c.needle, c.hay, got, c.want)
		}
	}
}

func TestInOrder(t *testing.T) {
	hay := prepare("alpha beta\ngamma delta\nepsilon")
	ps := func(texts ...string) []passage {
		var out []passage
		for _, s := range texts {
			out = append(out, passage{pieces: strings.Split(s, "|")})
		}
		return out
	}
	if i, _, _ := hay.inOrder(ps("alpha", "gamma|delta", "epsilon")); i != -1 {
		t.Errorf("in-order passages reported %d as failing", i)
	}
	if i, outOfOrder, failed := hay.inOrder(ps("gamma", "alpha", "epsilon")); i != 1 || !outOfOrder || failed != 1 {
		t.Errorf("swapped: first %d outOfOrder %v failed %d, want 1 true 1", i, outOfOrder, failed)
	}
	if i, outOfOrder, failed := hay.inOrder(ps("alpha", "zeta", "eta", "epsilon")); i != 1 || outOfOrder || failed != 2 {
		t.Errorf("missing: first %d outOfOrder %v failed %d, want 1 false 2", i, outOfOrder, failed)
	}
	if i, _, _ := hay.inOrder(ps("delta|gamma")); i != 0 {
		t.Error("pieces of one passage out of order were accepted")
	}
}

func TestPassages(t *testing.T) {
	src := []byte("# Head *one*\n\nText with \\*stars\\*, AT&T &amp; &copy; `co*de` and\na [link](http://x) <http://auto.link>.[^1]\n\n" +
		"- item one\n- item two\n\n| a | b |\n|---|---|\n| c | d |\n\n```\ncode  block\n```\n\n<div>html</div>\n\n[^1]: The note.\n")
	part := &document.Part{Source: src, Root: markdown.Parse(src)}
	var got [][]string
	for _, p := range passages(part) {
		got = append(got, p.pieces)
	}
	want := [][]string{
		{"Head one"},
		{"Text with *stars*, AT&T & © co*de and a link http://auto.link."},
		{"item one"}, {"item two"},
		{"a"}, {"b"}, {"c"}, {"d"},
		{"code block"},
		{"The note."},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("passages\n got %q\nwant %q", got, want)
	}
	// A footnote reference interrupts the text: what each edition prints
	// for it differs.
	src = []byte("Before the note[^n] and after.\n\n[^n]: Note.\n")
	p := passages(&document.Part{Source: src, Root: markdown.Parse(src)})[0]
	if !slices.Equal(p.pieces, []string{"Before the note", "and after."}) {
		t.Errorf("pieces around a footnote reference = %q", p.pieces)
	}
}

func TestPageFurniture(t *testing.T) {
	heads := []string{"How Is ISIS Able to Commit Acts of Terror as It Loses Territory?", "Jacqueline R. Sutherland"}
	page := func(lines ...string) *pdfread.Page {
		p := &pdfread.Page{}
		for _, l := range lines {
			p.Lines = append(p.Lines, pdfread.Line{Text: l})
		}
		return p
	}
	cases := []struct {
		page  *pdfread.Page
		first bool
		want  string
	}{
		{page("Jacqueline R. Sutherland", "body text", "2"), false, "body text"},
		{page("How Is ISIS Able to Commit…", "body", "xiv"), false, "body"},
		{page("Colophon", "text", "6"), false, "Colophon\ntext"},                           // no running head on this page
		{page("Jacqueline R. Sutherland", "body"), true, "Jacqueline R. Sutherland\nbody"}, // page one has none
		{page("Jacqueline R. Sutherland", "body", "in 2016"), false, "body\nin 2016"},
		{page("Jacqueline R. Sutherland", "body", "civil"), false, "body\ncivil"},
	}
	for _, c := range cases {
		if got := bodyText(c.page, c.first, heads); got != c.want {
			t.Errorf("bodyText(%v) = %q, want %q", c.page.Lines, got, c.want)
		}
	}
}

func TestStartsLike(t *testing.T) {
	cases := []struct {
		page       string
		words      []string
		prevHyphen bool
		want       bool
	}{
		{"command of ISIS’s late spokesman and\nEmni chief", strings.Fields("command of ISIS’s late spokesman and"), false, true},
		{"command of ISIS’s late spokes-\nman and", strings.Fields("command of ISIS’s late spokesman and"), false, true},
		{"of ISIS’s late", strings.Fields("command of ISIS’s"), false, false},
		{"mopolitan hubs of New", strings.Fields("cosmopolitan hubs of New"), true, true}, // the tail of a split word
		{"mopolitan hubs of New", strings.Fields("hubs of New"), true, true},              // the marker after the split word
		{"mopolitan hubs of New", strings.Fields("hubs of New"), false, false},
		{"Last words.", strings.Fields("Last words. About the Author"), false, true}, // a short last page
		{"Last words. And more", strings.Fields("Last words. About the"), false, false},
	}
	for _, c := range cases {
		if got := startsLike(c.page, c.words, c.prevHyphen); got != c.want {
			t.Errorf("startsLike(%q, %q, %v) = %v, want %v", c.page, c.words, c.prevHyphen, got, c.want)
		}
	}
}

func TestReportFormat(t *testing.T) {
	r := &Report{Manuscript: "a.md", EPUB: "dist/a.epub", PDF: "dist/a.pdf", Results: []Result{
		compare("title", text("manuscript", "A"), text("epub", "A")),
		compare("creator", list("manuscript", []string{"X", "Y"}), list("epub", []string{"X"}), joined("pdf(info)", "X, Y", []string{"X", "Y"}, ", ")),
		{Field: "pages", Note: "the EPUB has no page list (the PDF has 6 pages)"},
	}}
	got := reportText(r)
	want := `a.md: dist/a.epub, dist/a.pdf
ok    title       "A"
DRIFT creator     manuscript=["X", "Y"] epub="X" pdf(info)="X, Y"
DRIFT pages       the EPUB has no page list (the PDF has 6 pages)
`
	if got != want {
		t.Errorf("report\n%s\nwant\n%s", got, want)
	}
	if r.OK() || len(r.Drift()) != 2 {
		t.Errorf("OK %v with %d drifted, want false with 2", r.OK(), len(r.Drift()))
	}
}

// A page may open with a heading only the print edition has ("Notes");
// a heading the EPUB has too, or a line no larger than the text, is
// compared as usual.
func TestPageOpensWithPrintOnlyHeading(t *testing.T) {
	lines := []pdfread.Line{{Text: "Notes", Size: 12}, {Text: "1. The note itself.", Size: 9}}
	words := strings.Fields("1. The note itself.")
	ed := func(epubBlocks ...string) *editions {
		doc := &epubread.Document{}
		for _, b := range epubBlocks {
			doc.Blocks = append(doc.Blocks, epubread.Block{Text: b})
		}
		return &editions{book: &epubread.Book{Documents: []*epubread.Document{doc}}, pageLines: [][]pdfread.Line{lines}}
	}
	if !ed("The end.", "1. The note itself.").startsAfterOwnHeading(1, words) {
		t.Error("a print-only Notes heading was not passed over")
	}
	if ed("Notes", "1. The note itself.").startsAfterOwnHeading(1, words) {
		t.Error("a heading the EPUB has was passed over")
	}
	lines[0].Size = 9
	if ed("1. The note itself.").startsAfterOwnHeading(1, words) {
		t.Error("a line set no larger than the text was passed over as a heading")
	}
}
