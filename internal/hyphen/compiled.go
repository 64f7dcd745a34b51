package hyphen

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
)

// The US English trie is compiled from patterns/en-us.dic ahead of time, so
// a process spends microseconds, not milliseconds, before its first
// hyphenation: parsing the 106 KB pattern file, sorting and building the
// trie was a tenth of a cold `imprint build`. TestCompiledPatternsUpToDate
// fails whenever the .dic file or the trie layout changes without the file
// being regenerated.
//
//go:generate go test -run TestCompiledPatternsUpToDate -update-compiled .

//go:embed patterns/en-us.trie
var enUSTrie []byte

// compiledMagic opens a compiled trie; its last byte is the layout version.
const compiledMagic = "imprint-hyphen-trie\x01"

// encodeCompiled writes h as: magic, left-min and right-min as one byte
// each, the four table lengths, then nodes (firstEdge, weightsAt, denseAt),
// edges (label, to) and dense entries as little-endian uint32s, and the
// weights as bytes.
func encodeCompiled(h *Hyphenator) []byte {
	t := h.trie
	out := make([]byte, 0, len(compiledMagic)+2+16+12*len(t.nodes)+8*len(t.edges)+4*len(t.dense)+len(t.weights))
	out = append(out, compiledMagic...)
	out = append(out, byte(h.leftMin), byte(h.rightMin))
	for _, n := range []int{len(t.nodes), len(t.edges), len(t.dense), len(t.weights)} {
		out = binary.LittleEndian.AppendUint32(out, uint32(n))
	}
	for _, n := range t.nodes {
		out = binary.LittleEndian.AppendUint32(out, n.firstEdge)
		out = binary.LittleEndian.AppendUint32(out, n.weightsAt)
		out = binary.LittleEndian.AppendUint32(out, n.denseAt)
	}
	for _, e := range t.edges {
		out = binary.LittleEndian.AppendUint32(out, uint32(e.label))
		out = binary.LittleEndian.AppendUint32(out, e.to)
	}
	for _, d := range t.dense {
		out = binary.LittleEndian.AppendUint32(out, d)
	}
	return append(out, t.weights...)
}

// decodeCompiled reads what encodeCompiled wrote, checking every index so
// that a damaged file is an error, never an out-of-range panic later.
func decodeCompiled(data []byte) (*Hyphenator, error) {
	rest, ok := cutPrefix(data, compiledMagic)
	if !ok {
		return nil, errors.New("not a compiled hyphenation trie of this version")
	}
	if len(rest) < 2+16 {
		return nil, errors.New("compiled trie: truncated header")
	}
	h := &Hyphenator{leftMin: int(rest[0]), rightMin: int(rest[1])}
	rest = rest[2:]
	var n [4]int
	for i := range n {
		n[i] = int(binary.LittleEndian.Uint32(rest))
		rest = rest[4:]
	}
	nodes, edges, dense, weights := n[0], n[1], n[2], n[3]
	if nodes < 2 || len(rest) != 12*nodes+8*edges+4*dense+weights {
		return nil, fmt.Errorf("compiled trie: %d bytes of tables do not match their lengths", len(rest))
	}
	t := &trie{
		nodes: make([]trieNode, nodes),
		edges: make([]edge, edges),
		dense: make([]uint32, dense),
	}
	u32 := func() uint32 {
		v := binary.LittleEndian.Uint32(rest)
		rest = rest[4:]
		return v
	}
	for i := range t.nodes {
		t.nodes[i] = trieNode{firstEdge: u32(), weightsAt: u32(), denseAt: u32()}
	}
	for i := range t.edges {
		t.edges[i] = edge{label: rune(u32()), to: u32()}
	}
	for i := range t.dense {
		t.dense[i] = u32()
	}
	// The weights are only ever read, so they can stay in the embedded data.
	t.weights = rest[:weights:weights]
	if err := t.check(); err != nil {
		return nil, fmt.Errorf("compiled trie: %w", err)
	}
	h.trie = t
	return h, nil
}

// check verifies that every index in t stays inside its table.
func (t *trie) check() error {
	last := len(t.nodes) - 1
	prev := uint32(0)
	for i, n := range t.nodes {
		if n.firstEdge < prev || int(n.firstEdge) > len(t.edges) {
			return fmt.Errorf("node %d: edges out of order or range", i)
		}
		prev = n.firstEdge
		if n.denseAt != 0 && int(n.denseAt-1)+denseSlots > len(t.dense) {
			return fmt.Errorf("node %d: dense table out of range", i)
		}
	}
	if int(t.nodes[last].firstEdge) != len(t.edges) {
		return errors.New("the sentinel node does not close the edges")
	}
	for i, e := range t.edges {
		if e.to == 0 || int(e.to) >= last {
			return fmt.Errorf("edge %d: leads to node %d of %d", i, e.to, last)
		}
	}
	// A pattern ending at depth d has d+1 weights; nodes are numbered
	// breadth first, so a node's depth is known before its children's.
	depth := make([]int32, last)
	for n := range last {
		if at := t.nodes[n].weightsAt; at != 0 && int(at-1)+int(depth[n])+1 > len(t.weights) {
			return fmt.Errorf("node %d: weights out of range", n)
		}
		for _, e := range t.edges[t.nodes[n].firstEdge:t.nodes[n+1].firstEdge] {
			if int(e.to) <= n {
				return fmt.Errorf("node %d: edge back to node %d", n, e.to)
			}
			depth[e.to] = depth[n] + 1
		}
	}
	for i, d := range t.dense {
		if int(d) >= last {
			return fmt.Errorf("dense entry %d: node %d of %d", i, d, last)
		}
	}
	return nil
}

func cutPrefix(b []byte, prefix string) ([]byte, bool) {
	if len(b) < len(prefix) || string(b[:len(prefix)]) != prefix {
		return b, false
	}
	return b[len(prefix):], true
}
