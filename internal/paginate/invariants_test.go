package paginate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// This file checks the invariants of any pagination independently of the
// builder: it re-derives every rule from the blocks, not from builder state.

const checkTolerance = 1e-6

// ruleBent says which rule a page break before line j of block b bends; j == 0
// means the break falls between blocks b-1 and b. "" when every rule holds.
func ruleBent(blocks []Block, b, j int) string {
	if j == 0 {
		if blocks[b-1].KeepWithNext {
			return fmt.Sprintf("keep-with-next block %d last on its page", b-1)
		}
		return ""
	}
	blk := blocks[b]
	switch {
	case blk.Unbreakable:
		return fmt.Sprintf("unbreakable block %d split", b)
	case blk.KeepWithNext:
		return fmt.Sprintf("keep-with-next block %d split", b)
	case j < blk.Orphans:
		return fmt.Sprintf("orphan: %d line(s) of block %d at a page foot (orphans %d)", j, b, blk.Orphans)
	case len(blk.Lines)-j < blk.Widows:
		return fmt.Sprintf("widow: %d line(s) of block %d at a page head (widows %d)", len(blk.Lines)-j, b, blk.Widows)
	}
	return ""
}

// forcedStarts lists, as block indices, where BreakBefore demands a page start:
// the start of the keep-with-next chain ending at the block asking for it.
func forcedStarts(blocks []Block) map[int]bool {
	forced := map[int]bool{}
	for b := 1; b < len(blocks); b++ {
		if !blocks[b].BreakBefore {
			continue
		}
		c := b
		for c > 0 && blocks[c-1].KeepWithNext {
			c--
		}
		if c > 0 {
			forced[c] = true
		}
	}
	return forced
}

func sumHeights(lines []float64) float64 {
	s := 0.0
	for _, h := range lines {
		s += h
	}
	return s
}

// checkPages verifies every invariant of pages built from blocks. Pages that
// carry notes may bend a rule, but every bent rule must carry a note; with
// allowNotes false no page may carry one.
func checkPages(t testing.TB, blocks []Block, height func(int) float64, pages []Page, allowNotes bool) {
	t.Helper()
	// Every line placed exactly once, in order.
	b, j := 0, 0
	for p, page := range pages {
		if len(page.Slices) == 0 && len(page.Notes) == 0 {
			t.Fatalf("page %d is empty and has no note", p)
		}
		for i, s := range page.Slices {
			if b >= len(blocks) || s.Block != b || s.First != j || s.Last <= s.First || s.Last > len(blocks[b].Lines) {
				t.Fatalf("page %d slice %d = %+v, want block %d from line %d", p, i, s, b, j)
			}
			if i > 0 && s.First != 0 {
				t.Fatalf("page %d slice %d = %+v continues a block mid-page", p, i, s)
			}
			j = s.Last
			if j == len(blocks[b].Lines) {
				b, j = b+1, 0
			}
		}
	}
	if b != len(blocks) {
		t.Fatalf("only %d of %d blocks placed", b, len(blocks))
	}

	forced := forcedStarts(blocks)
	pageStarts := map[int]bool{}
	for p, page := range pages {
		h := height(p)
		if !allowNotes && len(page.Notes) > 0 {
			t.Fatalf("page %d has notes %q, none expected", p, page.Notes)
		}
		// Geometry: Y follows from heights and gaps, increases, never overflows.
		y := 0.0
		for i, s := range page.Slices {
			want := y
			if i > 0 {
				want += blocks[s.Block-1].SpaceAfter + blocks[s.Block].SpaceBefore
				if s.Y <= page.Slices[i-1].Y {
					t.Fatalf("page %d: Y not increasing: %+v after %+v", p, s, page.Slices[i-1])
				}
			}
			if math.Abs(s.Y-want) > checkTolerance {
				t.Fatalf("page %d slice %d: Y = %g, want %g", p, i, s.Y, want)
			}
			y = s.Y + sumHeights(blocks[s.Block].Lines[s.First:s.Last])
		}
		if math.Abs(page.Used-y) > checkTolerance {
			t.Fatalf("page %d: Used = %g, slices fill %g", p, page.Used, y)
		}
		if page.Used > h+checkTolerance {
			t.Fatalf("page %d overfull: %g > %g", p, page.Used, h)
		}
		if len(page.Slices) == 0 {
			continue
		}
		if first := page.Slices[0]; first.First == 0 {
			pageStarts[first.Block] = true
		}
		last := page.Slices[len(page.Slices)-1]
		if last.Block == len(blocks)-1 && last.Last == len(blocks[last.Block].Lines) {
			continue // the end of the document, not a page break
		}
		nb, nj := last.Block, last.Last
		if nj == len(blocks[nb].Lines) {
			nb, nj = nb+1, 0
		}
		bent := ruleBent(blocks, nb, nj)
		if bent != "" && len(page.Notes) == 0 {
			t.Fatalf("page %d breaks a rule without a note: %s", p, bent)
		}
		if bent == "" && len(page.Notes) > 0 {
			t.Fatalf("page %d has notes %q but bends no rule", p, page.Notes)
		}
		if nj > 0 && (blocks[nb].Unbreakable || blocks[nb].KeepWithNext) && sumHeights(blocks[nb].Lines) <= h {
			t.Fatalf("page %d splits block %d although it fits a page (%g <= %g)", p, nb, sumHeights(blocks[nb].Lines), h)
		}
		if len(page.Notes) == 0 {
			checkFullest(t, blocks, forced, p, h, page.Used, nb, nj)
		}
	}
	for c := range forced {
		if !pageStarts[c] {
			t.Fatalf("block %d should start a page (BreakBefore)", c)
		}
	}
}

// checkFullest verifies that a page ending before line nj of block nb with
// used points filled could not have ended at a later rule-abiding break.
func checkFullest(t testing.TB, blocks []Block, forced map[int]bool, p int, h, used float64, nb, nj int) {
	t.Helper()
	if nj == 0 && forced[nb] {
		return // a forced break
	}
	for b, j := nb, nj; ; {
		if j == 0 {
			used += blocks[b-1].SpaceAfter + blocks[b].SpaceBefore
		}
		used += blocks[b].Lines[j]
		if used > h+checkTolerance {
			return
		}
		j++
		if j == len(blocks[b].Lines) {
			b, j = b+1, 0
		}
		if b == len(blocks) {
			t.Fatalf("page %d could hold the rest of the document", p)
		}
		if (j == 0 && forced[b]) || ruleBent(blocks, b, j) == "" {
			t.Fatalf("page %d could end later, before line %d of block %d (%g <= %g)", p, j, b, used, h)
		}
	}
}

func uniform(first, rest float64) func(int) float64 {
	return func(p int) float64 {
		if p == 0 {
			return first
		}
		return rest
	}
}

// tameBlocks builds a document shaped like a real book: every chunk that must
// stay together fits the shortest page (500pt), so no rule ever needs bending.
func tameBlocks(r *rand.Rand) []Block {
	n := 1 + r.IntN(80)
	blocks := make([]Block, 0, n)
	headingRun := 0
	for range n {
		var blk Block
		switch k := r.IntN(10); {
		case k < 2 && headingRun < 2:
			blk = Block{SpaceBefore: float64(12 + r.IntN(13)), SpaceAfter: 6, KeepWithNext: true, Unbreakable: r.IntN(2) == 0,
				BreakBefore: r.IntN(8) == 0}
			for range 1 + r.IntN(2) {
				blk.Lines = append(blk.Lines, float64(18+r.IntN(7)))
			}
		case k == 2:
			blk = Block{Lines: []float64{float64(50 + r.IntN(250))}, SpaceBefore: 10, SpaceAfter: 10, Unbreakable: true}
		case k == 3:
			blk = Block{SpaceBefore: 8, SpaceAfter: 8, Unbreakable: true, BreakBefore: r.IntN(20) == 0}
			for range 1 + r.IntN(10) {
				blk.Lines = append(blk.Lines, float64(14+r.IntN(7)))
			}
		default:
			blk = Block{SpaceAfter: float64(r.IntN(8)), Orphans: r.IntN(4), Widows: r.IntN(4)}
			for range 1 + r.IntN(12) {
				blk.Lines = append(blk.Lines, 13.2+float64(r.IntN(3)))
			}
		}
		if blk.KeepWithNext {
			headingRun++
		} else {
			headingRun = 0
		}
		blocks = append(blocks, blk)
	}
	return blocks
}

// wildBlocks builds anything valid: oversized blocks, long keep chains, tiny
// pages, lines taller than a page.
func wildBlocks(r *rand.Rand, pageHeight int) []Block {
	n := 1 + r.IntN(40)
	blocks := make([]Block, n)
	for i := range blocks {
		blk := Block{
			SpaceBefore:  float64(r.IntN(30)),
			SpaceAfter:   float64(r.IntN(30)),
			Orphans:      r.IntN(7) - 1,
			Widows:       r.IntN(7) - 1,
			Unbreakable:  r.IntN(4) == 0,
			KeepWithNext: r.IntN(4) == 0,
			BreakBefore:  r.IntN(8) == 0,
		}
		tallest := pageHeight / (1 + r.IntN(8))
		if r.IntN(30) == 0 {
			tallest = pageHeight * 6 / 5
		}
		for range 1 + r.IntN(25) {
			blk.Lines = append(blk.Lines, float64(1+r.IntN(tallest+1)))
		}
		blocks[i] = blk
	}
	return blocks
}

func TestPaginateTameDocumentsBendNoRule(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	height := uniform(500, 700)
	for i := range 2000 {
		blocks := tameBlocks(r)
		pages, err := Paginate(blocks, height)
		if err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
		checkPages(t, blocks, height, pages, false)
	}
}

func TestPaginateWildDocumentsKeepInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var noted, failed int
	for i := range 5000 {
		h := 20 + r.IntN(400)
		h0 := h/2 + r.IntN(h/2+1)
		height := uniform(float64(h0), float64(h))
		blocks := wildBlocks(r, h)
		tooTall := false
		for _, blk := range blocks {
			for _, lh := range blk.Lines {
				tooTall = tooTall || lh > float64(h)
			}
		}
		pages, err := Paginate(blocks, height)
		if tooTall != (err != nil) {
			t.Fatalf("document %d: line taller than the page: %v, error: %v", i, tooTall, err)
		}
		if err != nil {
			failed++
			continue
		}
		for _, p := range pages {
			if len(p.Notes) > 0 {
				noted++
			}
		}
		checkPages(t, blocks, height, pages, true)
	}
	// The generator must actually provoke relaxations and errors, or the
	// test proves little.
	if noted == 0 || failed == 0 {
		t.Fatalf("wild generator too tame: %d noted pages, %d errors", noted, failed)
	}
}

// fuzzDocument decodes bytes into a document; valid reports whether every
// height and space is acceptable to Paginate.
func fuzzDocument(data []byte) (blocks []Block, height func(int) float64, tallest float64, valid bool) {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		v := int(data[0])
		data = data[1:]
		return v
	}
	h := float64(1 + next())
	h0 := math.Min(h, float64(1+next()))
	height = uniform(h0, h)
	valid = true
	for len(data) > 0 {
		flags := next()
		blk := Block{
			Unbreakable:  flags&1 != 0,
			KeepWithNext: flags&2 != 0,
			BreakBefore:  flags&4 != 0,
			Orphans:      (flags >> 3) & 3,
			Widows:       (flags >> 5) & 3,
			SpaceBefore:  float64(next()%32) / 2,
			SpaceAfter:   float64(next() % 16),
		}
		if flags&128 != 0 {
			blk.SpaceAfter = -1
			valid = false
		}
		for range next() % 8 {
			lh := float64(next())
			blk.Lines = append(blk.Lines, lh)
			valid = valid && lh > 0
			tallest = math.Max(tallest, lh)
		}
		valid = valid && len(blk.Lines) > 0
		blocks = append(blocks, blk)
	}
	return blocks, height, tallest, valid
}

func FuzzPaginate(f *testing.F) {
	f.Add([]byte{100, 60, 0, 0, 0, 3, 10, 10, 10})
	f.Add([]byte{50, 50, 2, 4, 4, 1, 12, 24 | 64, 0, 0, 3, 14, 14, 14, 1, 0, 0, 5, 40, 40, 40, 40, 40})
	f.Add([]byte{30, 10, 1, 0, 0, 2, 25, 25, 4, 0, 0, 1, 31})
	f.Add([]byte{200, 200, 128, 1, 1, 1, 5})
	f.Add([]byte{10, 10, 0, 0, 0, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		blocks, height, tallest, valid := fuzzDocument(data)
		pages, err := Paginate(blocks, height)
		if !valid {
			if err == nil {
				t.Fatalf("invalid document accepted: %+v", blocks)
			}
			return
		}
		if tooTall := tallest > height(1); tooTall != (err != nil) {
			t.Fatalf("line taller than the page: %v, error: %v", tooTall, err)
		}
		if err == nil {
			checkPages(t, blocks, height, pages, true)
		}
	})
}

func BenchmarkPaginate(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	blocks := make([]Block, 1000)
	lines := 0
	for i := range blocks {
		blk := Block{SpaceAfter: 6, Orphans: 2, Widows: 2}
		for range 5 + r.IntN(8) {
			blk.Lines = append(blk.Lines, 14.4)
		}
		lines += len(blk.Lines)
		blocks[i] = blk
	}
	height := uniform(500, 700)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Paginate(blocks, height); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(lines), "ns/line")
}

func TestCheckPagesCatchesBrokenRules(t *testing.T) {
	// The checker itself must be able to fail: feed it hand-made bad pages.
	blocks := []Block{{Lines: []float64{10, 10, 10, 10}, Orphans: 2, Widows: 2}}
	height := uniform(100, 100)
	bad := map[string][]Page{
		"widow":       {{Slices: []Slice{{0, 0, 3, 0}}, Used: 30}, {Slices: []Slice{{0, 3, 4, 0}}, Used: 10}},
		"lost line":   {{Slices: []Slice{{0, 0, 3, 0}}, Used: 30}},
		"wrong Y":     {{Slices: []Slice{{0, 0, 4, 5}}, Used: 45}},
		"not fullest": {{Slices: []Slice{{0, 0, 2, 0}}, Used: 20}, {Slices: []Slice{{0, 2, 4, 0}}, Used: 20}},
	}
	for name, pages := range bad {
		ft := &fakeT{}
		func() {
			defer func() { _ = recover() }()
			checkPages(ft, blocks, height, pages, true)
		}()
		if !ft.failed {
			t.Errorf("%s: checker accepted bad pages", name)
		}
	}
}

// fakeT records a failure; Fatalf panics to stop the check like FailNow would.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.failed = true
	panic(strings.TrimSpace(fmt.Sprintf(format, args...)))
}
