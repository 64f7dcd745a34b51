package hyphen

import "slices"

// trie holds the patterns as a flat rune trie, so a match walks arrays
// instead of hashing substrings (BenchmarkPointsMapReference measures the
// map layout). Node 0 is the root; a last sentinel node only marks where
// the edges end.
type trie struct {
	nodes []trieNode
	// edges[nodes[n].firstEdge:nodes[n+1].firstEdge] leave node n,
	// sorted by label.
	edges []edge
	// dense holds denseSlots child numbers (0 for none) per node that has
	// many children, indexed by denseSlot(label): those nodes, near the
	// root, are visited from every start position of every word.
	dense   []uint32
	weights []uint8
}

type trieNode struct {
	firstEdge uint32
	// weightsAt is 1 + the offset in trie.weights of the values of the
	// pattern ending here, or 0 when no pattern ends here. A pattern
	// ending at depth d has d+1 values.
	weightsAt uint32
	// denseAt is 1 + the offset in trie.dense of this node's table, or 0.
	denseAt uint32
}

type edge struct {
	label rune
	to    uint32
}

const (
	denseSlots = 27 // 'a'...'z' and '.'
	// denseMinChildren is how many children earn a node a dense table;
	// below it a linear scan is as fast.
	denseMinChildren = 6
)

func denseSlot(r rune) int {
	switch {
	case 'a' <= r && r <= 'z':
		return int(r - 'a')
	case r == '.':
		return 26
	}
	return -1
}

// buildTrie lays the patterns out breadth first, so each node's edges are
// contiguous and nodes are numbered in the order their edges are written.
// Patterns with the same letters are merged by taking the larger weight at
// each position, which is what applying both of them would do.
func buildTrie(patterns []pattern) *trie {
	sorted := slices.Clone(patterns)
	slices.SortStableFunc(sorted, func(a, b pattern) int { return slices.Compare(a.letters, b.letters) })

	// In sorted order each pattern adds one node per letter beyond the
	// prefix it shares with the one before, which gives the exact sizes.
	nodes := 1
	for i, p := range sorted {
		shared := 0
		if i > 0 {
			prev := sorted[i-1].letters
			for shared < len(prev) && shared < len(p.letters) && prev[shared] == p.letters[shared] {
				shared++
			}
		}
		nodes += len(p.letters) - shared
	}
	t := &trie{
		nodes: make([]trieNode, 1, nodes+1),
		edges: make([]edge, 0, nodes-1),
	}
	// A queue entry is a node and the run sorted[lo:hi] of patterns whose
	// first depth letters spell the node's path.
	type span struct{ node, lo, hi, depth int }
	queue := make([]span, 1, nodes)
	queue[0] = span{node: 0, lo: 0, hi: len(sorted), depth: 0}
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		t.nodes[s.node].firstEdge = uint32(len(t.edges))
		i := s.lo
		for i < s.hi && len(sorted[i].letters) == s.depth {
			t.mergeWeights(s.node, sorted[i].weights)
			i++
		}
		for i < s.hi {
			label := sorted[i].letters[s.depth]
			j := i + 1
			for j < s.hi && sorted[j].letters[s.depth] == label {
				j++
			}
			child := len(t.nodes)
			t.nodes = append(t.nodes, trieNode{})
			t.edges = append(t.edges, edge{label: label, to: uint32(child)})
			queue = append(queue, span{node: child, lo: i, hi: j, depth: s.depth + 1})
			i = j
		}
	}
	t.nodes = append(t.nodes, trieNode{firstEdge: uint32(len(t.edges))})
	t.buildDense()
	return t
}

func (t *trie) buildDense() {
	for n := range len(t.nodes) - 1 {
		edges := t.edges[t.nodes[n].firstEdge:t.nodes[n+1].firstEdge]
		if len(edges) < denseMinChildren {
			continue
		}
		t.nodes[n].denseAt = uint32(len(t.dense)) + 1
		table := make([]uint32, denseSlots)
		for _, e := range edges {
			if slot := denseSlot(e.label); slot >= 0 {
				table[slot] = e.to
			}
		}
		t.dense = append(t.dense, table...)
	}
}

func (t *trie) mergeWeights(node int, w []uint8) {
	nd := &t.nodes[node]
	if nd.weightsAt == 0 {
		nd.weightsAt = uint32(len(t.weights)) + 1
		t.weights = append(t.weights, w...)
		return
	}
	have := t.weights[nd.weightsAt-1:][:len(w)]
	for k := range w {
		have[k] = max(have[k], w[k])
	}
}

// child returns the node reached from n over label, or 0 when there is none
// (0 is the root, which is never anyone's child).
func (t *trie) child(n uint32, label rune) uint32 {
	nd := t.nodes[n]
	if nd.denseAt != 0 {
		if slot := denseSlot(label); slot >= 0 {
			return t.dense[int(nd.denseAt-1)+slot]
		}
	}
	for _, e := range t.edges[nd.firstEdge:t.nodes[n+1].firstEdge] {
		if e.label == label {
			return e.to
		}
	}
	return 0
}

// apply raises levels with every pattern that matches text at some start
// position: levels[p] is the value between text[p-1] and text[p], so
// len(levels) must be len(text)+1.
func (t *trie) apply(text []rune, levels []uint8) {
	for start := range text {
		n := uint32(0)
		for pos := start; pos < len(text); pos++ {
			n = t.child(n, text[pos])
			if n == 0 {
				break
			}
			if at := t.nodes[n].weightsAt; at != 0 {
				depth := pos - start + 1
				for k, w := range t.weights[at-1 : int(at-1)+depth+1] {
					levels[start+k] = max(levels[start+k], w)
				}
			}
		}
	}
}
