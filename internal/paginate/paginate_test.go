package paginate

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// lines returns n lines of height h.
func lines(n int, h float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = h
	}
	return out
}

func paragraph(n int) Block { return Block{Lines: lines(n, 10), Orphans: 2, Widows: 2} }

func heading() Block { return Block{Lines: []float64{10}, KeepWithNext: true, Unbreakable: true} }

func mustPaginate(t *testing.T, blocks []Block, height func(int) float64) []Page {
	t.Helper()
	pages, err := Paginate(blocks, height)
	if err != nil {
		t.Fatal(err)
	}
	checkPages(t, blocks, height, pages, true)
	return pages
}

// layout renders pages compactly, e.g. "0:0-9 | 1:0-4", so expectations read
// like the page they describe.
func layout(pages []Page) string {
	var parts []string
	for _, p := range pages {
		var s []string
		for _, sl := range p.Slices {
			s = append(s, fmt.Sprintf("%d:%d-%d", sl.Block, sl.First, sl.Last))
		}
		parts = append(parts, strings.Join(s, " "))
	}
	return strings.Join(parts, " | ")
}

func expectLayout(t *testing.T, pages []Page, want string) {
	t.Helper()
	if got := layout(pages); got != want {
		t.Fatalf("layout\n got %s\nwant %s", got, want)
	}
}

var page100 = uniform(100, 100)

func TestOrphanIsMovedToNextPage(t *testing.T) {
	// 10pt is left under block 0: block 1's first line would fit there alone.
	blocks := []Block{paragraph(9), paragraph(4)}
	expectLayout(t, mustPaginate(t, blocks, page100), "0:0-9 | 1:0-4")

	// Without orphan control the same line does stay at the foot.
	blocks[1].Orphans = 1
	expectLayout(t, mustPaginate(t, blocks, page100), "0:0-9 1:0-1 | 1:1-4")
}

func TestWidowPullsALineOver(t *testing.T) {
	// 10 of 11 lines fit; the 11th would be a widow, so line 9 goes with it.
	pages := mustPaginate(t, []Block{paragraph(11)}, page100)
	expectLayout(t, pages, "0:0-9 | 0:9-11")
	if pages[0].Used != 90 {
		t.Fatalf("first page Used = %g, want 90", pages[0].Used)
	}
}

func TestParagraphAcrossThreePagesKeepsWidows(t *testing.T) {
	expectLayout(t, mustPaginate(t, []Block{paragraph(21)}, page100), "0:0-10 | 0:10-19 | 0:19-21")
}

func TestShortParagraphThatCannotSplitMovesWhole(t *testing.T) {
	// Two lines of block 1 fit, but any split of 3 lines leaves a widow or an orphan.
	pages := mustPaginate(t, []Block{paragraph(8), paragraph(3)}, page100)
	expectLayout(t, pages, "0:0-8 | 1:0-3")
	if pages[0].Used != 80 || len(pages[0].Notes) != 0 {
		t.Fatalf("first page = %+v, want a shorter page without notes", pages[0])
	}
}

func TestHeadingIsNotLeftLastOnPage(t *testing.T) {
	// The heading fits, and so would one orphan line of the paragraph.
	h := heading()
	h.SpaceBefore = 5
	blocks := []Block{paragraph(8), h, paragraph(3)}
	pages := mustPaginate(t, blocks, uniform(100, 100))
	expectLayout(t, pages, "0:0-8 | 1:0-1 2:0-3")
	if pages[1].Slices[0].Y != 0 {
		t.Fatalf("heading at the top of a page starts at Y=%g, want 0 (SpaceBefore discarded)", pages[1].Slices[0].Y)
	}
}

func TestChainOfHeadingsMovesTogether(t *testing.T) {
	h2 := heading()
	h2.SpaceBefore = 4
	blocks := []Block{paragraph(7), heading(), h2, paragraph(3)}
	pages := mustPaginate(t, blocks, page100)
	expectLayout(t, pages, "0:0-7 | 1:0-1 2:0-1 3:0-3")
	if got := pages[1].Slices[1].Y; got != 14 {
		t.Fatalf("second heading Y = %g, want 14 (10 + SpaceBefore 4)", got)
	}
}

func TestUnbreakableThatDoesNotFitMovesToNextPage(t *testing.T) {
	figure := Block{Lines: []float64{50}, Unbreakable: true}
	table := Block{Lines: lines(5, 10), Unbreakable: true}
	expectLayout(t, mustPaginate(t, []Block{paragraph(6), figure, paragraph(2)}, page100), "0:0-6 | 1:0-1 2:0-2")
	expectLayout(t, mustPaginate(t, []Block{paragraph(6), table, paragraph(2)}, page100), "0:0-6 | 1:0-5 2:0-2")
}

func TestBlockTallerThanPageGetsOwnPagesAndNotes(t *testing.T) {
	table := Block{Lines: lines(25, 10), Unbreakable: true}
	pages := mustPaginate(t, []Block{paragraph(3), table, paragraph(2)}, page100)
	expectLayout(t, pages, "0:0-3 | 1:0-10 | 1:10-20 | 1:20-25 2:0-2")
	for i, want := range []int{0, 1, 1, 0} {
		if len(pages[i].Notes) != want {
			t.Fatalf("page %d notes = %q, want %d", i, pages[i].Notes, want)
		}
	}
	if !strings.Contains(pages[1].Notes[0], "taller than the page") {
		t.Fatalf("note %q does not say why", pages[1].Notes[0])
	}
}

func TestHeadingStaysWithFirstRowsOfOversizedTable(t *testing.T) {
	table := Block{Lines: lines(12, 10), Unbreakable: true}
	pages := mustPaginate(t, []Block{heading(), table}, page100)
	expectLayout(t, pages, "0:0-1 1:0-9 | 1:9-12")
}

func TestHeadingStrandedOnlyWhenNothingElseWorks(t *testing.T) {
	// Heading plus figure exceed a page, the figure alone does not: the
	// heading is stranded (with a note) rather than the figure split.
	figure := Block{Lines: lines(10, 10), Unbreakable: true}
	pages := mustPaginate(t, []Block{heading(), figure}, page100)
	expectLayout(t, pages, "0:0-1 | 1:0-10")
	if len(pages[0].Notes) != 1 || !strings.Contains(pages[0].Notes[0], "keep-with-next") {
		t.Fatalf("notes = %q, want one about keep-with-next", pages[0].Notes)
	}
}

func TestLineTallerThanEveryPageIsAnError(t *testing.T) {
	_, err := Paginate([]Block{paragraph(2), {Lines: []float64{150}}}, page100)
	if err == nil || !strings.Contains(err.Error(), "block 1 line 0") {
		t.Fatalf("err = %v, want one naming block 1 line 0", err)
	}
}

func TestShortFirstPageLeftEmptyForFigureThatFitsTheNext(t *testing.T) {
	height := uniform(50, 100)
	pages := mustPaginate(t, []Block{{Lines: []float64{80}, Unbreakable: true}, paragraph(2)}, height)
	expectLayout(t, pages, " | 0:0-1 1:0-2")
	if len(pages[0].Notes) != 1 {
		t.Fatalf("empty page notes = %q, want one", pages[0].Notes)
	}
}

func TestBreakBefore(t *testing.T) {
	about := paragraph(2)
	about.BreakBefore = true
	expectLayout(t, mustPaginate(t, []Block{paragraph(2), about}, page100), "0:0-2 | 1:0-2")

	// On the first block it does not produce an empty page.
	expectLayout(t, mustPaginate(t, []Block{about, paragraph(2)}, page100), "0:0-2 1:0-2")

	// After a heading, the forced break moves up so the heading comes along.
	expectLayout(t, mustPaginate(t, []Block{paragraph(2), heading(), about}, page100), "0:0-2 | 1:0-1 2:0-2")
}

func TestSpacesDiscardedAtPageBreaks(t *testing.T) {
	first := paragraph(9)
	first.SpaceAfter = 20
	second := Block{Lines: []float64{10}, SpaceBefore: 30}
	pages := mustPaginate(t, []Block{first, second}, page100)
	expectLayout(t, pages, "0:0-9 | 1:0-1")
	if pages[0].Used != 90 {
		t.Fatalf("page 0 Used = %g, want 90 (SpaceAfter dropped at the foot)", pages[0].Used)
	}
	if pages[1].Slices[0].Y != 0 || pages[1].Used != 10 {
		t.Fatalf("page 1 = %+v, want the block at Y=0 (SpaceBefore dropped at the head)", pages[1])
	}

	// Mid-page both spaces add up.
	first = paragraph(2)
	first.SpaceAfter = 20
	pages = mustPaginate(t, []Block{first, second}, page100)
	if got := pages[0].Slices[1].Y; got != 70 {
		t.Fatalf("second block Y = %g, want 70 (20 + 20 + 30)", got)
	}
}

func TestInvalidInputIsAnError(t *testing.T) {
	good := paragraph(2)
	cases := map[string]struct {
		blocks []Block
		height func(int) float64
	}{
		"nil height":          {[]Block{good}, nil},
		"empty block":         {[]Block{good, {}}, page100},
		"zero line":           {[]Block{{Lines: []float64{10, 0}}}, page100},
		"negative line":       {[]Block{{Lines: []float64{-3}}}, page100},
		"NaN line":            {[]Block{{Lines: []float64{math.NaN()}}}, page100},
		"infinite line":       {[]Block{{Lines: []float64{math.Inf(1)}}}, page100},
		"negative space":      {[]Block{{Lines: []float64{10}, SpaceBefore: -1}}, page100},
		"NaN space":           {[]Block{{Lines: []float64{10}, SpaceAfter: math.NaN()}}, page100},
		"zero page":           {[]Block{good}, uniform(0, 100)},
		"negative later page": {[]Block{paragraph(30)}, uniform(100, -5)},
		"NaN page":            {[]Block{good}, uniform(math.NaN(), 100)},
		"infinite page":       {[]Block{good}, uniform(math.Inf(1), 100)},
	}
	for name, c := range cases {
		if pages, err := Paginate(c.blocks, c.height); err == nil || pages != nil {
			t.Errorf("%s: got %d pages, err %v; want an error", name, len(pages), err)
		}
	}
}

func TestNoBlocksNoPages(t *testing.T) {
	pages, err := Paginate(nil, page100)
	if err != nil || len(pages) != 0 {
		t.Fatalf("got %d pages, err %v", len(pages), err)
	}
}

func TestDeterministic(t *testing.T) {
	blocks := []Block{paragraph(7), heading(), paragraph(30), {Lines: lines(25, 10), Unbreakable: true}, paragraph(3)}
	first := mustPaginate(t, blocks, uniform(60, 100))
	for range 5 {
		if again := mustPaginate(t, blocks, uniform(60, 100)); !reflect.DeepEqual(first, again) {
			t.Fatalf("results differ:\n%+v\n%+v", first, again)
		}
	}
}

// TestNoBreakAfterHyphenatedLine: a page does not end on a hyphenated line
// when moving the break one line up keeps every other rule.
func TestNoBreakAfterHyphenatedLine(t *testing.T) {
	lines := make([]float64, 12)
	for i := range lines {
		lines[i] = 10
	}
	noBreak := make([]bool, 12)
	noBreak[5] = true // the sixth line ends in a hyphen
	blocks := []Block{{Lines: lines, Orphans: 2, Widows: 2, NoBreakAfter: noBreak}}
	pages, err := Paginate(blocks, func(int) float64 { return 60 })
	if err != nil {
		t.Fatal(err)
	}
	if got := pages[0].Slices[0].Last; got != 5 {
		t.Errorf("page one ends after line %d, want 5 (line 6 ends in a hyphen)", got)
	}
	if len(pages[0].Notes) != 0 {
		t.Errorf("notes: %v", pages[0].Notes)
	}
	// Without the flag the page fills to six lines.
	blocks[0].NoBreakAfter = nil
	pages, _ = Paginate(blocks, func(int) float64 { return 60 })
	if got := pages[0].Slices[0].Last; got != 6 {
		t.Errorf("without NoBreakAfter page one ends after line %d, want 6", got)
	}
}
