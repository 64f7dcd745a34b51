// Package paginate owns page building for the print edition: given a vertical
// list of blocks whose lines are already broken and measured, it decides which
// lines go on which page. It enforces widow and orphan control, keeps headings
// with what follows, honours forced page breaks and never splits an unbreakable
// block unless it is taller than a page. It knows nothing about PDF or fonts.
//
// Spacing model (TeX-like glue): between two blocks on the same page the gap is
// the upper block's SpaceAfter plus the lower block's SpaceBefore. Both are
// discarded at a page break, so a page never starts or ends with space.
package paginate

import (
	"errors"
	"fmt"
	"math"
)

// Block is one item of the vertical list: a paragraph, heading, figure, table
// row group or code block whose lines are already broken and measured.
type Block struct {
	Lines       []float64 // height of each line (or unbreakable row) in points, top to bottom
	SpaceBefore float64   // vertical space before the block; discarded at the top of a page
	SpaceAfter  float64   // vertical space after the block; discarded at the foot of a page
	Orphans     int       // minimum lines left at the foot of a page when the block splits (0/1 = no control)
	Widows      int       // minimum lines carried to the head of the next page when it splits (0/1 = no control)
	Unbreakable bool      // never split (figure, table row group, short code block) unless taller than a page
	// KeepWithNext marks a heading: it is never the last thing on a page and is
	// never split, so it shares a page with at least the first allowed chunk of
	// the next block (chains of such blocks stay together).
	KeepWithNext bool
	// BreakBefore forces a new page before this block. When the block follows
	// KeepWithNext blocks, the break moves up to the start of that chain so the
	// headings travel with it.
	BreakBefore bool
	// NoBreakAfter, when set, has one entry per line: true where a page
	// should not end after that line, as after a hyphenated line end (TeX's
	// \brokenpenalty). It is honoured like widows and orphans, and bent
	// only when no page break satisfies every rule.
	NoBreakAfter []bool
}

// Slice is lines First..Last-1 of blocks[Block], whose top is at Y points
// from the top of the text area.
type Slice struct {
	Block, First, Last int
	Y                  float64
}

// Page is one page of text area: its slices top to bottom and the height they
// fill (trailing space excluded).
type Page struct {
	Slices []Slice
	Used   float64
	// Notes explains each rule this page had to bend because nothing legal
	// fitted (an unbreakable block taller than the page, a stranded heading, a
	// widow or orphan, a page left empty). Empty when every rule held.
	Notes []string
}

// fitTolerance absorbs floating-point noise when summing heights, so ten
// 14.4pt lines still fit a 144pt page.
const fitTolerance = 1e-6

// Paginate fills pages whose text heights are height(0), height(1), ... and
// returns them. It picks, for each page, the legal break that fills it most;
// when no legal break fits it relaxes the rules one step at a time and says so
// in Page.Notes. Blocks with no lines, non-positive or non-finite line or page
// heights, and negative or non-finite spaces are errors, as is a line taller
// than both the page it would start and the next one. No blocks, no pages.
func Paginate(blocks []Block, height func(page int) float64) ([]Page, error) {
	if height == nil {
		return nil, errors.New("paginate: nil page height function")
	}
	if err := validate(blocks); err != nil {
		return nil, err
	}
	b := newBuilder(blocks, height)
	var pages []Page
	for start, p := 0, 0; start < len(b.lines); p++ {
		page, next, err := b.buildPage(p, start)
		if err != nil {
			return nil, err
		}
		pages = append(pages, page)
		start = next
	}
	return pages, nil
}

func validate(blocks []Block) error {
	for bi, blk := range blocks {
		if len(blk.Lines) == 0 {
			return fmt.Errorf("paginate: block %d has no lines", bi)
		}
		for li, h := range blk.Lines {
			if !(h > 0) || math.IsInf(h, 1) {
				return fmt.Errorf("paginate: block %d line %d: height %g must be positive and finite", bi, li, h)
			}
		}
		if !(blk.SpaceBefore >= 0) || math.IsInf(blk.SpaceBefore, 1) {
			return fmt.Errorf("paginate: block %d: SpaceBefore %g must be non-negative and finite", bi, blk.SpaceBefore)
		}
		if !(blk.SpaceAfter >= 0) || math.IsInf(blk.SpaceAfter, 1) {
			return fmt.Errorf("paginate: block %d: SpaceAfter %g must be non-negative and finite", bi, blk.SpaceAfter)
		}
	}
	return nil
}
