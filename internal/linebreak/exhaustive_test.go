package linebreak

import (
	"math"
	"strings"
	"testing"
)

// TestBreakMatchesExhaustiveSearch compares Break's total demerits with the
// best of every possible choice of breaks on small paragraphs.
func TestBreakMatchesExhaustiveSearch(t *testing.T) {
	p := DefaultParams()
	p.Pretolerance = -1 // one pass at Tolerance, which the search mirrors
	seed := uint32(12345)
	rnd := func(n int) int { seed = seed*1664525 + 1013904223; return int(seed>>16) % n }
	letters := "abecidofug"
	compared := 0
	for trial := 0; trial < 400; trial++ {
		var words []string
		for i := 2 + rnd(9); i > 0; i-- {
			n := 1 + rnd(9)
			var sb strings.Builder
			for j := 0; j < n; j++ {
				sb.WriteByte(letters[rnd(len(letters))])
			}
			words = append(words, sb.String())
		}
		items := Items([]Run{{Text: strings.Join(words, " ")}}, monoMeasurer{}, vowelHyphenator{}, p)
		widths := []float64{float64(8 + rnd(14)), float64(8 + rnd(14))}
		width := func(i int) float64 { return widths[min(i, 1)] }
		best, ok := exhaustiveBest(items, width, p)
		lines := Break(items, width, p)
		checkLines(t, items, lines, width)
		if !ok {
			continue
		}
		compared++
		got, feasible := pathDemerits(items, lines, width, p)
		if !feasible || math.Abs(got-best) > 1e-6*math.Max(1, best) {
			t.Errorf("%q widths %v: Break's demerits %g (feasible %v), exhaustive best %g; lines %q",
				words, widths, got, feasible, best, linesText(items, lines))
		}
	}
	if compared < 100 {
		t.Fatalf("only %d paragraphs had a feasible solution", compared)
	}
}

// The search below restates the demerits of Knuth and Plass independently
// of the package's breaker.

func nextLineStart(items []Item, brk int) int {
	j := brk + 1
	for j < len(items) && (items[j].Kind == Glue || (items[j].Kind == Penalty && items[j].Penalty > -Infinity)) {
		j++
	}
	return j
}

// lineDemerits returns a line's demerits and fitness class, or ok false when
// it is overfull or worse than the tolerance.
func lineDemerits(items []Item, start, end int, lw float64, prevFit int, prevFlagged, last bool, p Params) (d float64, fit int, ok bool) {
	natural, stretch, shrink, fil := lineMetrics(items, Line{Start: start, End: end})
	bad := 0.0
	fit = 2
	switch short := lw - natural; {
	case short > 0 && !fil:
		if stretch <= 0 {
			bad = 10000
		} else {
			bad = math.Min(100*math.Pow(short/stretch, 3), 10000)
		}
		if bad > 99 {
			fit = 0
		} else if bad > 12 {
			fit = 1
		}
	case short < 0:
		if -short > shrink+1e-9 {
			return 0, 0, false
		}
		bad = 100 * math.Pow(-short/shrink, 3)
		if bad > 12 {
			fit = 3
		}
	}
	if bad > p.Tolerance {
		return 0, 0, false
	}
	l := p.LinePenalty + bad
	d = l * l
	if l >= 10000 {
		d = 1e8
	}
	flagged := false
	if end < len(items) && items[end].Kind == Penalty {
		pi := items[end].Penalty
		if pi > 0 {
			d += pi * pi
		} else if pi > -Infinity {
			d -= pi * pi
		}
		flagged = items[end].Flagged
	}
	if prevFlagged && last {
		d += p.FinalHyphenDemerits
	} else if prevFlagged && flagged {
		d += p.DoubleHyphenDemerits
	}
	if fit-prevFit > 1 || prevFit-fit > 1 {
		d += p.AdjDemerits
	}
	return d, fit, true
}

func exhaustiveBest(items []Item, width func(int) float64, p Params) (float64, bool) {
	best, found := math.Inf(1), false
	var walk func(start, line, prevFit int, prevFlagged bool, total float64)
	walk = func(start, line, prevFit int, prevFlagged bool, total float64) {
		for end := start; end < len(items); end++ {
			if !legalBreak(items, end) {
				continue
			}
			last := end == len(items)-1
			d, fit, ok := lineDemerits(items, start, end, width(line), prevFit, prevFlagged, last, p)
			if ok {
				if last {
					if total+d < best {
						best, found = total+d, true
					}
				} else {
					walk(nextLineStart(items, end), line+1, fit, items[end].Kind == Penalty && items[end].Flagged, total+d)
				}
			}
			natural, _, shrink, _ := lineMetrics(items, Line{Start: start, End: end})
			if natural-shrink > width(line) {
				return
			}
		}
	}
	walk(0, 0, 2, false, 0)
	return best, found
}

func pathDemerits(items []Item, lines []Line, width func(int) float64, p Params) (float64, bool) {
	total, prevFit, prevFlagged := 0.0, 2, false
	for k, l := range lines {
		d, fit, ok := lineDemerits(items, l.Start, l.End, width(k), prevFit, prevFlagged, k == len(lines)-1, p)
		if !ok {
			return total, false
		}
		total += d
		prevFit, prevFlagged = fit, l.Hyphenated
	}
	return total, true
}
