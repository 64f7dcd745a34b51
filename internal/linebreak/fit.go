package linebreak

import "math"

func sanitizeParams(p Params) Params {
	clean := func(x, limit float64) float64 {
		if math.IsNaN(x) {
			return 0
		}
		return math.Max(-limit, math.Min(limit, x))
	}
	p.Tolerance = clean(p.Tolerance, 1e9)
	p.Pretolerance = clean(p.Pretolerance, 1e9)
	p.LinePenalty = clean(p.LinePenalty, 1e6)
	p.HyphenPenalty = clean(p.HyphenPenalty, Infinity)
	p.DoubleHyphenDemerits = clean(p.DoubleHyphenDemerits, 1e12)
	p.FinalHyphenDemerits = clean(p.FinalHyphenDemerits, 1e12)
	p.AdjDemerits = clean(p.AdjDemerits, 1e12)
	p.EmergencyStretch = clean(p.EmergencyStretch, maxLength)
	return p
}

func kindOf(it *Item) ItemKind {
	if it.Kind > Penalty {
		return Box // an unknown kind is material, never a break
	}
	return it.Kind
}

// length makes a caller's length usable: finite and bounded. (Plain
// comparisons: math.Min and math.Max are slow for this hot path.)
func length(x float64) float64 {
	switch {
	case x != x: // NaN
		return 0
	case x > maxLength:
		return maxLength
	case x < -maxLength:
		return -maxLength
	}
	return x
}

func penaltyOf(it *Item) float64 {
	switch x := it.Penalty; {
	case x != x: // NaN
		return 0
	case x > Infinity:
		return Infinity
	case x < -Infinity:
		return -Infinity
	default:
		return x
	}
}

func isForced(it *Item) bool { return kindOf(it) == Penalty && penaltyOf(it) <= -Infinity }

// isDiscretionary tells a hyphenation point (skipped by the first pass)
// from other optional breaks: it draws text when broken.
func isDiscretionary(it *Item) bool {
	return kindOf(it) == Penalty && it.Flagged && it.Text != "" && penaltyOf(it) > -Infinity
}

func newBreaker(items []Item, width func(int) float64, p Params) *breaker {
	n := len(items)
	br := &breaker{
		items:      items,
		n:          n,
		width:      width,
		p:          p,
		sumWidth:   make([]float64, n+1),
		sumStretch: make([]float64, n+1),
		sumShrink:  make([]float64, n+1),
		sumFil:     make([]int32, n+1),
	}
	for i := range items {
		it := &items[i]
		w, y, z, f := br.sumWidth[i], br.sumStretch[i], br.sumShrink[i], br.sumFil[i]
		switch kindOf(it) {
		case Box:
			w += length(it.Width)
		case Glue:
			w += length(it.Width)
			z += length(it.Shrink)
			if math.IsInf(it.Stretch, 1) {
				f++
			} else {
				y += length(it.Stretch)
			}
		}
		br.sumWidth[i+1], br.sumStretch[i+1], br.sumShrink[i+1], br.sumFil[i+1] = w, y, z, f
		if br.isLegalBreak(i) {
			br.breaks = append(br.breaks, i)
		}
	}
	if !isForced(&items[n-1]) {
		br.breaks = append(br.breaks, n)
	}
	probe := min(len(br.breaks)+1, probeLines)
	br.lineWidth(probe - 1)
	br.easyLine = probe - 1
	for br.easyLine > 0 && br.widths[br.easyLine-1] == br.widths[br.easyLine] {
		br.easyLine--
	}
	return br
}

func (br *breaker) isLegalBreak(i int) bool {
	it := &br.items[i]
	switch kindOf(it) {
	case Penalty:
		return penaltyOf(it) < Infinity
	case Glue:
		return i > 0 && kindOf(&br.items[i-1]) == Box
	}
	return false
}

// lineWidth returns width(line), asking the caller once per line.
func (br *breaker) lineWidth(line int) float64 {
	for len(br.widths) <= line {
		w := maxLength
		if br.width != nil {
			w = br.width(len(br.widths))
		}
		if math.IsNaN(w) || w < 0 {
			w = 0
		}
		br.widths = append(br.widths, math.Min(w, maxLength))
	}
	return br.widths[line]
}

// lineStart is the first item of the line after a break at pos: glue and
// optional penalties after a break vanish, as in TeX.
func (br *breaker) lineStart(pos int) int {
	j := pos + 1
	for j < br.n {
		it := &br.items[j]
		k := kindOf(it)
		if k == Box || (k == Penalty && isForced(it)) {
			break
		}
		j++
	}
	return min(j, br.n)
}

// breakWidth is the width a break at pos adds to its line (a hyphen).
func (br *breaker) breakWidth(pos int) float64 {
	if pos < br.n && kindOf(&br.items[pos]) == Penalty {
		return length(br.items[pos].Width)
	}
	return 0
}

// overfullSlack forgives rounding in sums of widths; line widths are >= 0.
func overfullSlack(lineWidth float64) float64 { return 1e-9 * max(1, lineWidth) }

// fit is how a line from start to a break at pos sets.
type fit struct {
	badness  float64
	class    uint8
	overflow float64 // > 0: overfull by this much even fully shrunk
}

func (br *breaker) fitLine(start int, end totals, lineWidth, background float64, lastResort bool) fit {
	shortfall := lineWidth - (end.width - br.sumWidth[start])
	if shortfall > 0 {
		if end.fil > br.sumFil[start] {
			return fit{class: decent}
		}
		stretch := end.stretch - br.sumStretch[start] + background
		var bad float64
		switch {
		case lastResort:
			if stretch <= 0 {
				// A notional stretch keeps the order of shortfalls, so the
				// last resort still prefers fuller lines.
				stretch = 1e-3 * max(lineWidth, 1)
			}
			r := shortfall / stretch
			bad = min(100*r*r*r, lastResortBadness)
		case stretch <= 0:
			bad = infBad
		default:
			bad = badness(shortfall / stretch)
		}
		switch {
		case bad > 99:
			return fit{badness: bad, class: veryLoose}
		case bad > 12:
			return fit{badness: bad, class: loose}
		}
		return fit{badness: bad, class: decent}
	}
	if shortfall < 0 {
		shrink := end.shrink - br.sumShrink[start]
		if -shortfall > shrink+overfullSlack(lineWidth) {
			return fit{badness: infBad + 1, class: tight, overflow: -shortfall - shrink}
		}
		bad := 0.0
		if shrink > 0 {
			bad = badness(min(-shortfall/shrink, 1))
		}
		if bad > 12 {
			return fit{badness: bad, class: tight}
		}
		return fit{badness: bad, class: decent}
	}
	return fit{class: decent}
}

// totals are the prefix sums up to a break, with the break's own width.
type totals struct {
	width, stretch, shrink float64
	fil                    int32
}

func (br *breaker) totalsAt(pos int) totals {
	return totals{width: br.sumWidth[pos] + br.breakWidth(pos), stretch: br.sumStretch[pos],
		shrink: br.sumShrink[pos], fil: br.sumFil[pos]}
}

// badness is TeX's 100·r³, capped at inf_bad.
func badness(r float64) float64 {
	if r > 4.65 { // 100·4.65³ > 10000
		return infBad
	}
	return min(100*r*r*r, infBad)
}

// demerits are those of "Breaking Paragraphs into Lines" as TeX computes
// them; the last resort pass does not cap the badness term.
func (br *breaker) demerits(f fit, pi float64, a *breakNode, flagged, final, lastResort bool) float64 {
	l := br.p.LinePenalty + f.badness
	d := l * l
	if !lastResort && math.Abs(l) >= infBad {
		d = 1e8
	}
	switch {
	case pi > 0:
		d += pi * pi
	case pi < 0 && pi > -Infinity:
		d -= pi * pi
	}
	// TeX treats the paragraph end as a flagged break, so that a hyphen
	// on the second-last line costs FinalHyphenDemerits.
	if a.flagged {
		switch {
		case final:
			d += br.p.FinalHyphenDemerits
		case flagged:
			d += br.p.DoubleHyphenDemerits
		}
	}
	if int(f.class)-int(a.fit) > 1 || int(a.fit)-int(f.class) > 1 {
		d += br.p.AdjDemerits
	}
	return d
}

// setLine measures the line items[start:end] afresh (not from the prefix
// sums, which lose precision on long paragraphs) and sets its glue.
func (br *breaker) setLine(start, end, index int) Line {
	natural, stretch, shrink, fil := br.breakWidth(end), 0.0, 0.0, false
	for i := start; i < end; i++ {
		it := &br.items[i]
		switch kindOf(it) {
		case Box:
			natural += length(it.Width)
		case Glue:
			natural += length(it.Width)
			shrink += length(it.Shrink)
			if math.IsInf(it.Stretch, 1) {
				fil = true
			} else {
				stretch += length(it.Stretch)
			}
		}
	}
	l := Line{Start: start, End: end}
	if end < br.n {
		it := &br.items[end]
		l.Hyphenated = kindOf(it) == Penalty && it.Flagged
	}
	lineWidth := br.lineWidth(index)
	shortfall := lineWidth - natural
	switch {
	case shortfall > 0 && !fil && stretch > 0:
		l.Ratio = shortfall / stretch
	case shortfall < 0:
		if shrink > 0 {
			l.Ratio = max(shortfall/shrink, -1)
		}
		l.Overfull = -shortfall > shrink+overfullSlack(lineWidth)
	}
	return l
}
