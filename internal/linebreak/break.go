package linebreak

import (
	"math"
)

const (
	infBad = 10000 // TeX's inf_bad: the badness of a line that cannot be set well
	// maxActive bounds the active list so that breaking stays linear on
	// pathological input (lines so wide that every break stays reachable).
	// Real paragraphs keep a few dozen nodes active; dropping the oldest
	// ones only ever costs optimality, never a solution.
	maxActive = 512
	// probeLines is how many line widths Break compares to learn from which
	// line on they stop changing, so that nodes on those lines can merge.
	probeLines = 128
	// maxLength bounds every length Break computes with, so that sums of
	// absurd input stay finite.
	maxLength = 1e15
	// lastResortBadness caps the uncapped badness of the last resort pass.
	lastResortBadness = 1e100
)

// Fitness classes of TeX, from loosest to tightest.
const (
	veryLoose uint8 = iota
	loose
	decent
	tight
)

type pass uint8

const (
	passFirst      pass = iota // \pretolerance, no hyphenation
	passSecond                 // \tolerance, with hyphenation
	passEmergency              // \tolerance plus \emergencystretch
	passLastResort             // any line that is not overfull; overfull only where nothing can be broken
)

// breakNode is an active or retired breakpoint of one pass.
type breakNode struct {
	pos      int   // index of the break item, -1 for the paragraph start, len(items) for the end
	start    int   // first item of the line after this break
	line     int   // number of lines ended by this break
	prev     int32 // node of the previous break, -1 at the start
	fit      uint8
	flagged  bool // the break is at a flagged penalty
	seen     bool // a break after start was already considered from here
	overflow float64
	demerits float64
}

type candidate struct {
	key      int // line number, or easyLine for all lines set at the same width
	line     int
	fit      uint8
	prev     int32
	overflow float64
	demerits float64
}

// better orders solutions: less overflow first, then fewer demerits.
func better(overflowA, demeritsA, overflowB, demeritsB float64) bool {
	return overflowA < overflowB || (overflowA == overflowB && demeritsA < demeritsB)
}

type breaker struct {
	items  []Item
	n      int
	width  func(int) float64
	widths []float64 // width(i), sanitised, asked once each
	p      Params
	// Prefix sums over items[:i] of width (boxes and glue), finite stretch,
	// shrink, and count of infinitely stretchable glue.
	sumWidth, sumStretch, sumShrink []float64
	sumFil                          []int32
	breaks                          []int // legal breakpoints in order; the last one is forced
	easyLine                        int   // lines from here on are all the same width
	nodes                           []breakNode
	cands                           []candidate
	candIndex                       map[int]int
}

// Break finds the breaks minimising total demerits for lines of the given
// widths (width(i) for line i, 0-based). It never returns a line wider than
// its width unless a single box alone is wider (then that line overflows and
// the error is nil but Line.Overfull is true). It must be robust: any input,
// even empty, no panic.
//
// Passes are TeX's: Pretolerance without hyphenation, Tolerance with it,
// Tolerance plus EmergencyStretch, and a last resort that accepts any line
// that is not overfull and lets a line overflow only where the material up
// to its first break is wider than the line. An Overfull line therefore
// holds no legal breakpoint. width is asked for lines 0 up to at most the
// number of breakpoints (it should repeat its last width, like TeX's
// \parshape); a nil width means unbounded lines. If items do not end with
// a forced break, the paragraph ends at len(items) anyway.
func Break(items []Item, width func(line int) float64, p Params) []Line {
	if len(items) == 0 {
		return nil
	}
	br := newBreaker(items, width, sanitizeParams(p))
	var best []Line
	bestMiss := math.MaxInt
	for ps := passFirst; ps <= passEmergency; ps++ {
		if (ps == passFirst && !(br.p.Pretolerance >= 0)) || (ps == passEmergency && !(br.p.EmergencyStretch > 0)) {
			continue
		}
		node, miss, ok := br.run(ps)
		if !ok {
			continue
		}
		if miss < bestMiss {
			best, bestMiss = br.lines(node), miss
		}
		if miss == 0 {
			break
		}
	}
	if best != nil {
		return best
	}
	if node, _, ok := br.run(passLastResort); ok {
		return br.lines(node)
	}
	return br.everyBreak() // unreachable by construction; a safety net
}

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

// length makes a caller's length usable: finite and bounded.
func length(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return math.Max(-maxLength, math.Min(maxLength, x))
}

func penaltyOf(it *Item) float64 {
	if math.IsNaN(it.Penalty) {
		return 0
	}
	return math.Max(-Infinity, math.Min(Infinity, it.Penalty))
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
	br.easyLine = math.MaxInt
	if p.Looseness == 0 {
		probe := min(len(br.breaks)+1, probeLines)
		br.lineWidth(probe - 1)
		br.easyLine = probe - 1
		for br.easyLine > 0 && br.widths[br.easyLine-1] == br.widths[br.easyLine] {
			br.easyLine--
		}
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

func overfullSlack(lineWidth float64) float64 { return 1e-9 * math.Max(1, math.Abs(lineWidth)) }

// fit is how a line from start to a break at pos sets.
type fit struct {
	badness  float64
	class    uint8
	overflow float64 // > 0: overfull by this much even fully shrunk
}

func (br *breaker) fitLine(start, pos int, lineWidth, background float64, lastResort bool) fit {
	natural := br.sumWidth[pos] - br.sumWidth[start] + br.breakWidth(pos)
	shortfall := lineWidth - natural
	switch {
	case shortfall > 0:
		if br.sumFil[pos] > br.sumFil[start] {
			return fit{class: decent}
		}
		stretch := br.sumStretch[pos] - br.sumStretch[start] + background
		var bad float64
		switch {
		case lastResort:
			if stretch <= 0 {
				// A notional stretch keeps the order of shortfalls, so the
				// last resort still prefers fuller lines.
				stretch = 1e-3 * math.Max(lineWidth, 1)
			}
			r := shortfall / stretch
			bad = math.Min(100*r*r*r, lastResortBadness)
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
	case shortfall < 0:
		shrink := br.sumShrink[pos] - br.sumShrink[start]
		if -shortfall > shrink+overfullSlack(lineWidth) {
			return fit{badness: infBad + 1, class: tight, overflow: -shortfall - shrink}
		}
		r := 1.0
		if shrink > 0 {
			r = math.Min(-shortfall/shrink, 1)
		}
		bad := badness(r)
		if bad > 12 {
			return fit{badness: bad, class: tight}
		}
		return fit{badness: bad, class: decent}
	}
	return fit{class: decent}
}

// badness is TeX's 100·r³, capped at inf_bad.
func badness(r float64) float64 {
	if r > 4.65 { // 100·4.65³ > 10000
		return infBad
	}
	return math.Min(100*r*r*r, infBad)
}

// run makes one pass. It returns the chosen final node and how many lines
// it misses the Looseness target by, or ok false when the pass finds no
// feasible breaks.
func (br *breaker) run(ps pass) (best int32, miss int, ok bool) {
	threshold, background, hyphenate := br.p.Tolerance, 0.0, true
	lastResort := ps == passLastResort
	switch ps {
	case passFirst:
		threshold, hyphenate = br.p.Pretolerance, false
	case passEmergency, passLastResort:
		background = math.Max(br.p.EmergencyStretch, 0)
	}
	br.nodes = append(br.nodes[:0], breakNode{pos: -1, start: 0, prev: -1, fit: decent})
	active := []int32{0}
	for bi, pos := range br.breaks {
		var it *Item
		if pos < br.n {
			it = &br.items[pos]
			if !hyphenate && isDiscretionary(it) {
				continue
			}
		}
		final := bi == len(br.breaks)-1
		forced := it == nil || isForced(it)
		flagged := it != nil && kindOf(it) == Penalty && it.Flagged
		pi := 0.0
		if it != nil && kindOf(it) == Penalty {
			pi = penaltyOf(it)
		}
		br.cands = br.cands[:0]
		kept := active[:0]
		for _, ai := range active {
			a := &br.nodes[ai]
			if pos < a.start {
				kept = append(kept, ai) // the break lies in glue discarded after a
				continue
			}
			f := br.fitLine(a.start, pos, br.lineWidth(a.line), background, lastResort)
			firstBreak := !a.seen
			a.seen = true
			var feasible bool
			if f.overflow > 0 {
				feasible = lastResort && firstBreak
			} else {
				feasible = lastResort || f.badness <= threshold
			}
			if feasible {
				d := br.demerits(f, pi, a, flagged, final, lastResort)
				br.offer(candidate{line: a.line + 1, fit: f.class, prev: ai,
					overflow: a.overflow + f.overflow, demerits: a.demerits + d})
			}
			if f.overflow == 0 && !forced {
				kept = append(kept, ai)
			}
		}
		active = kept
		if len(br.cands) > 0 {
			active = br.addNodes(active, pos, flagged)
		}
		if len(active) > maxActive {
			active = active[:copy(active, active[len(active)-maxActive:])]
		}
		if len(active) == 0 {
			return -1, 0, false
		}
	}
	// The last break is forced, so only nodes made there are left.
	best = active[0]
	for _, ai := range active[1:] {
		a, b := &br.nodes[ai], &br.nodes[best]
		if better(a.overflow, a.demerits, b.overflow, b.demerits) {
			best = ai
		}
	}
	if br.p.Looseness == 0 {
		return best, 0, true
	}
	target := br.nodes[best].line + br.p.Looseness
	chosen := best
	for _, ai := range active {
		a, c := &br.nodes[ai], &br.nodes[chosen]
		da, dc := abs(a.line-target), abs(c.line-target)
		if da < dc || (da == dc && better(a.overflow, a.demerits, c.overflow, c.demerits)) {
			chosen = ai
		}
	}
	return chosen, abs(br.nodes[chosen].line - target), true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
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

// offer keeps the best candidate per fitness class and line key.
func (br *breaker) offer(c candidate) {
	c.key = min(c.line, br.easyLine)
	const linearLimit = 16
	if len(br.cands) < linearLimit {
		for i := range br.cands {
			if x := &br.cands[i]; x.key == c.key && x.fit == c.fit {
				if better(c.overflow, c.demerits, x.overflow, x.demerits) {
					*x = c
				}
				return
			}
		}
		br.cands = append(br.cands, c)
		return
	}
	if br.candIndex == nil {
		br.candIndex = make(map[int]int)
	}
	if len(br.candIndex) == 0 {
		for i, x := range br.cands {
			br.candIndex[x.key*4+int(x.fit)] = i
		}
	}
	k := c.key*4 + int(c.fit)
	if i, ok := br.candIndex[k]; ok {
		if x := &br.cands[i]; better(c.overflow, c.demerits, x.overflow, x.demerits) {
			*x = c
		}
		return
	}
	br.candIndex[k] = len(br.cands)
	br.cands = append(br.cands, c)
}

// addNodes turns the candidates of a break into active nodes, dropping
// those that cannot beat the best of their line by more than the
// adjacency demerits they might save (TeX does the same).
func (br *breaker) addNodes(active []int32, pos int, flagged bool) []int32 {
	clear(br.candIndex)
	start := br.n
	if pos < br.n {
		start = br.lineStart(pos)
	}
	slack := math.Max(br.p.AdjDemerits, 0)
	for _, c := range br.cands {
		dominated := false
		if len(br.cands) <= 16 {
			for _, x := range br.cands {
				if x.key == c.key && (x.overflow < c.overflow || (x.overflow == c.overflow && x.demerits+slack < c.demerits)) {
					dominated = true
					break
				}
			}
		}
		if dominated {
			continue
		}
		br.nodes = append(br.nodes, breakNode{pos: pos, start: start, line: c.line, prev: c.prev,
			fit: c.fit, flagged: flagged, overflow: c.overflow, demerits: c.demerits})
		active = append(active, int32(len(br.nodes)-1))
	}
	return active
}

// lines turns the chain of breaks ending at node last into Lines.
func (br *breaker) lines(last int32) []Line {
	count := 0
	for k := last; br.nodes[k].prev >= 0; k = br.nodes[k].prev {
		count++
	}
	out := make([]Line, count)
	for k := last; br.nodes[k].prev >= 0; k = br.nodes[k].prev {
		count--
		node := &br.nodes[k]
		out[count] = br.setLine(br.nodes[node.prev].start, node.pos, count)
	}
	return out
}

// everyBreak breaks at every legal breakpoint.
func (br *breaker) everyBreak() []Line {
	out := make([]Line, 0, len(br.breaks))
	start := 0
	for _, pos := range br.breaks {
		if pos < start {
			continue
		}
		out = append(out, br.setLine(start, pos, len(out)))
		if pos < br.n {
			start = br.lineStart(pos)
		}
	}
	return out
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
			l.Ratio = math.Max(shortfall/shrink, -1)
		}
		l.Overfull = -shortfall > shrink+overfullSlack(lineWidth)
	}
	return l
}
