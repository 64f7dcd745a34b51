package paginate

import (
	"fmt"
	"math"
)

// The builder flattens the blocks into one list of lines; a page break is a
// position g meaning "the page ends before line g". Each page takes the
// largest position that fits and is legal at the strictest level possible.

// level says how many rules a page break may bend; each level allows
// everything the previous ones do.
type level int

const (
	strict         level = iota // every rule holds
	splitOversized              // split unbreakable or keep-with-next blocks taller than the page (still minding widows/orphans)
	strandKeep                  // end a page right after a keep-with-next block
	anyBreak                    // break between any two lines
)

type line struct {
	block  int     // index into blocks
	index  int     // index within the block
	height float64 // line height
	gap    float64 // space above the line when the previous line is on the same page
	forced bool    // a page must start with this line
}

type builder struct {
	blocks      []Block
	lines       []line
	blockHeight []float64 // sum of each block's line heights
	height      func(int) float64
	heights     []float64 // page heights fetched so far, each fetched and checked once
}

func newBuilder(blocks []Block, height func(int) float64) *builder {
	total := 0
	for _, blk := range blocks {
		total += len(blk.Lines)
	}
	b := &builder{blocks: blocks, height: height, blockHeight: make([]float64, len(blocks)), lines: make([]line, 0, total)}
	firstLine := make([]int, len(blocks))
	chainStart := 0 // first block of the keep-with-next chain the current block ends
	for bi, blk := range blocks {
		if bi == 0 || !blocks[bi-1].KeepWithNext {
			chainStart = bi
		}
		firstLine[bi] = len(b.lines)
		for li, h := range blk.Lines {
			ln := line{block: bi, index: li, height: h}
			if li == 0 && bi > 0 {
				ln.gap = blocks[bi-1].SpaceAfter + blk.SpaceBefore
			}
			b.lines = append(b.lines, ln)
			b.blockHeight[bi] += h
		}
		if blk.BreakBefore && chainStart > 0 {
			b.lines[firstLine[chainStart]].forced = true
		}
	}
	return b
}

func (b *builder) pageHeight(p int) (float64, error) {
	for len(b.heights) <= p {
		i := len(b.heights)
		h := b.height(i)
		if !(h > 0) || h > math.MaxFloat64 {
			return 0, fmt.Errorf("paginate: height(%d) = %g: page text height must be positive and finite", i, h)
		}
		b.heights = append(b.heights, h)
	}
	return b.heights[p], nil
}

// buildPage fills page p starting at line start and returns the page and the
// line the next page starts with.
func (b *builder) buildPage(p, start int) (Page, int, error) {
	h, err := b.pageHeight(p)
	if err != nil {
		return Page{}, 0, err
	}
	if end, ok := b.fill(start, h, strict); ok {
		return b.page(start, end), end, nil
	}
	next, err := b.pageHeight(p + 1)
	if err != nil {
		return Page{}, 0, err
	}
	// A shorter page (page one under the title block) may be all that stops
	// the material from fitting; leaving it empty bends fewer rules.
	if _, ok := b.fill(start, next, strict); ok {
		return b.emptyPage(start, h, next), start, nil
	}
	for lvl := splitOversized; lvl <= anyBreak; lvl++ {
		if end, ok := b.fill(start, h, lvl); ok {
			page := b.page(start, end)
			page.Notes = append(page.Notes, b.explain(end, h))
			return page, end, nil
		}
	}
	first := b.lines[start]
	if first.height <= next+fitTolerance {
		return b.emptyPage(start, h, next), start, nil
	}
	return Page{}, 0, fmt.Errorf("paginate: block %d line %d is %.2fpt tall, taller than pages %d (%.2fpt) and %d (%.2fpt)",
		first.block, first.index, first.height, p, h, p+1, next)
}

// fill returns the largest page break after start, legal at lvl, such that
// lines start..end-1 fit in h. It stops at the first overflow or forced
// break, so its cost is proportional to the lines one page holds.
func (b *builder) fill(start int, h float64, lvl level) (end int, ok bool) {
	used := 0.0
	end = -1
	for g := start; g < len(b.lines); g++ {
		ln := b.lines[g]
		top := used
		if g > start {
			if ln.forced {
				return g, true
			}
			top += ln.gap
		}
		if top+ln.height > h+fitTolerance {
			break
		}
		used = top + ln.height
		if g+1 == len(b.lines) || b.canBreak(g+1, h, lvl) {
			end = g + 1
		}
	}
	return end, end >= 0
}

// canBreak reports whether a page of height h may end before line g
// (0 < g < len(lines)) at level lvl.
func (b *builder) canBreak(g int, h float64, lvl level) bool {
	prev, next := b.lines[g-1], b.lines[g]
	if prev.block != next.block {
		return !b.blocks[prev.block].KeepWithNext || lvl >= strandKeep
	}
	if lvl >= anyBreak {
		return true
	}
	blk := &b.blocks[next.block]
	if blk.Unbreakable || blk.KeepWithNext {
		if lvl < splitOversized || b.blockHeight[next.block] <= h+fitTolerance {
			return false
		}
	}
	if lvl == strict && prev.index < len(blk.NoBreakAfter) && blk.NoBreakAfter[prev.index] {
		return false
	}
	return next.index >= blk.Orphans && len(blk.Lines)-next.index >= blk.Widows
}

// page lays out lines start..end-1 as slices.
func (b *builder) page(start, end int) Page {
	var page Page
	y := 0.0
	for g := start; g < end; g++ {
		ln := b.lines[g]
		top := y
		if g > start {
			top += ln.gap
		}
		if n := len(page.Slices); n > 0 && page.Slices[n-1].Block == ln.block {
			page.Slices[n-1].Last++
		} else {
			page.Slices = append(page.Slices, Slice{Block: ln.block, First: ln.index, Last: ln.index + 1, Y: top})
		}
		y = top + ln.height
	}
	page.Used = y
	return page
}

func (b *builder) emptyPage(start int, h, next float64) Page {
	ln := b.lines[start]
	return Page{Notes: []string{fmt.Sprintf(
		"page left empty: block %d from line %d does not fit in %.2fpt but fits on the next page (%.2fpt)",
		ln.block, ln.index, h, next)}}
}

// explain says which rule a page break before line g bends.
func (b *builder) explain(g int, h float64) string {
	prev, next := b.lines[g-1], b.lines[g]
	if prev.block != next.block {
		return fmt.Sprintf("keep-with-next block %d ends the page: it does not fit together with what follows", prev.block)
	}
	blk := &b.blocks[next.block]
	n, j := len(blk.Lines), next.index
	switch {
	case (blk.Unbreakable || blk.KeepWithNext) && b.blockHeight[next.block] > h+fitTolerance:
		return fmt.Sprintf("block %d cannot be split but is taller than the page (%.2fpt > %.2fpt): split after line %d of %d",
			next.block, b.blockHeight[next.block], h, j, n)
	case blk.Unbreakable || blk.KeepWithNext:
		return fmt.Sprintf("block %d cannot be split but was split after line %d of %d: no legal break fits the page", next.block, j, n)
	default:
		return fmt.Sprintf("block %d split after line %d of %d against orphans %d / widows %d: no legal break fits the page",
			next.block, j, n, blk.Orphans, blk.Widows)
	}
}
