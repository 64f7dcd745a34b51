package linebreak

import (
	"math"
)

// LastResortPenalty and penalties up to Infinity mark breaks of last resort,
// such as those Items puts between the characters of a string too wide for
// any line: Break uses them only in its last pass, and as few as it can.
const LastResortPenalty = Infinity - 1

const (
	infBad = 10000 // TeX's inf_bad: the badness of a line that cannot be set well
	// maxActive bounds the active list so that breaking stays linear on
	// pathological input (lines so wide that every break stays reachable).
	// Real paragraphs keep a few dozen nodes active; dropping the oldest
	// ones only ever costs optimality, never a solution.
	maxActive = 1024
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

// cost orders partial solutions: least overflow, then fewest breaks of
// last resort, then least demerits.
type cost struct {
	overflow   float64
	lastResort int
	demerits   float64
}

func (c cost) less(d cost) bool {
	if c.overflow != d.overflow {
		return c.overflow < d.overflow
	}
	if c.lastResort != d.lastResort {
		return c.lastResort < d.lastResort
	}
	return c.demerits < d.demerits
}

// breakNode is an active or retired breakpoint of one pass.
type breakNode struct {
	pos     int     // index of the break item, -1 for the paragraph start, len(items) for the end
	start   int     // first item of the line after this break
	line    int     // number of lines ended by this break
	width   float64 // width of the line after this break
	prev    int32   // node of the previous break, -1 at the start
	fit     uint8
	flagged bool // the break is at a flagged penalty
	seen    bool // a break after start was already considered from here
	cost    cost
}

type candidate struct {
	key  int // line number, or the first line of those all set at one width
	line int
	fit  uint8
	prev int32
	cost cost
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
	keyLimit                        int   // easyLine, or no limit while Looseness needs every line count
	nodes                           []breakNode
	cands                           []candidate
	candIndex                       map[int]int
}

// Break finds the breaks minimising total demerits for lines of the given
// widths (width(i) for line i, 0-based). It never returns a line wider than
// its width unless a single box alone is wider (then that line overflows and
// Line.Overfull is true). Any input, even empty or absurd, is safe.
//
// Passes are TeX's: Pretolerance without hyphenation, Tolerance with it,
// Tolerance plus EmergencyStretch (when > 0), and a last resort, run when
// those find nothing, that accepts any line that is not overfull, uses
// breaks of last resort (see LastResortPenalty), and lets a line overflow
// only where the material up to its first break is wider than the line; so
// an Overfull line holds no legal breakpoint. Looseness is honoured by the
// first three passes. width is asked for lines 0 up to at most the number
// of breakpoints (it should repeat its last width, like TeX's \parshape); a
// nil width means unbounded lines. If items do not end with a forced break,
// the paragraph ends at len(items) anyway.
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
	br.keyLimit = br.easyLine
	if br.p.Looseness != 0 && !lastResort {
		br.keyLimit = math.MaxInt
	}
	if br.nodes == nil {
		br.nodes = make([]breakNode, 0, len(br.breaks)+1)
	}
	br.nodes = append(br.nodes[:0], breakNode{pos: -1, start: 0, prev: -1, fit: decent, width: br.lineWidth(0)})
	active := []int32{0}
	for bi, pos := range br.breaks {
		var it *Item
		pi := 0.0
		if pos < br.n {
			it = &br.items[pos]
			if kindOf(it) == Penalty {
				pi = penaltyOf(it)
			}
			if (!hyphenate && isDiscretionary(it)) || (!lastResort && pi >= LastResortPenalty) {
				continue
			}
		}
		final := bi == len(br.breaks)-1
		forced := it == nil || isForced(it)
		flagged := it != nil && kindOf(it) == Penalty && it.Flagged
		lastResortBreak := 0
		if pi >= LastResortPenalty {
			lastResortBreak = 1
		}
		end := br.totalsAt(pos)
		br.cands = br.cands[:0]
		kept := active[:0]
		for _, ai := range active {
			a := &br.nodes[ai]
			if pos < a.start {
				kept = append(kept, ai) // the break lies in glue discarded after a
				continue
			}
			f := br.fitLine(a.start, end, a.width, background, lastResort)
			firstBreak := !a.seen
			a.seen = true
			var feasible bool
			if f.overflow > 0 {
				feasible = lastResort && firstBreak
			} else {
				feasible = lastResort || f.badness <= threshold
			}
			if feasible {
				c := a.cost
				c.overflow += f.overflow
				c.lastResort += lastResortBreak
				c.demerits += br.demerits(f, pi, a, flagged, final, lastResort)
				br.offer(candidate{line: a.line + 1, fit: f.class, prev: ai, cost: c})
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
		if br.nodes[ai].cost.less(br.nodes[best].cost) {
			best = ai
		}
	}
	if br.p.Looseness == 0 || lastResort {
		return best, 0, true
	}
	target := br.nodes[best].line + br.p.Looseness
	chosen := best
	for _, ai := range active {
		a, c := &br.nodes[ai], &br.nodes[chosen]
		da, dc := abs(a.line-target), abs(c.line-target)
		if da < dc || (da == dc && a.cost.less(c.cost)) {
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

// offer keeps the best candidate per fitness class and line key.
func (br *breaker) offer(c candidate) {
	c.key = min(c.line, br.keyLimit)
	const linearLimit = 16
	if len(br.cands) < linearLimit {
		for i := range br.cands {
			if x := &br.cands[i]; x.key == c.key && x.fit == c.fit {
				if c.cost.less(x.cost) {
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
		if x := &br.cands[i]; c.cost.less(x.cost) {
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
				if x.key != c.key {
					continue
				}
				relaxed := x.cost
				relaxed.demerits += slack
				if relaxed.less(c.cost) {
					dominated = true
					break
				}
			}
		}
		if dominated {
			continue
		}
		br.nodes = append(br.nodes, breakNode{pos: pos, start: start, line: c.line, prev: c.prev,
			fit: c.fit, flagged: flagged, cost: c.cost, width: br.lineWidth(c.line)})
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
