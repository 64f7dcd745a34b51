package linebreak

// greedyBreak is first-fit line breaking, the yardstick Knuth–Plass must
// beat: each line takes as many items as fit (shrinking glue if need be)
// and breaks at the last legal breakpoint that fits.
func greedyBreak(items []Item, width func(int) float64) []Line {
	var lines []Line
	start := 0
	for start < len(items) {
		lw := width(len(lines))
		lastFit := -1
		end := -1
		for i := start; i < len(items); i++ {
			if !legalBreak(items, i) {
				continue
			}
			natural, _, shrink, _ := lineMetrics(items, Line{Start: start, End: i})
			if natural-shrink > lw+1e-9 && lastFit >= 0 {
				break
			}
			lastFit = i
			if items[i].Kind == Penalty && items[i].Penalty <= -Infinity {
				break
			}
		}
		end = lastFit
		if end < 0 {
			end = len(items)
		}
		l := Line{Start: start, End: end}
		natural, stretch, shrink, fil := lineMetrics(items, l)
		switch short := lw - natural; {
		case short > 0 && stretch > 0 && !fil:
			l.Ratio = short / stretch
		case short < 0 && shrink > 0:
			l.Ratio = max(short/shrink, -1)
		}
		l.Hyphenated = end < len(items) && items[end].Kind == Penalty && items[end].Flagged
		lines = append(lines, l)
		start = end + 1
		for start < len(items) && items[start].Kind != Box && !(items[start].Kind == Penalty && items[start].Penalty <= -Infinity) {
			start++
		}
		if end >= len(items)-1 {
			break
		}
	}
	return lines
}

// sumSquaredRatios measures how unevenly a paragraph is spaced.
func sumSquaredRatios(lines []Line) float64 {
	s := 0.0
	for _, l := range lines {
		s += l.Ratio * l.Ratio
	}
	return s
}
