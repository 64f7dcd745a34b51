package cover

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// The dynamic-Huffman blocks of the cover's deflate stream (deflate.go):
// each block's codes are built from its own symbol counts.

// writeDynamicBlock writes the buffered tokens as one dynamic-Huffman
// block (not final) and empties the buffer.
func (d *deflater) writeDynamicBlock() {
	d.litFreq[endOfBlock]++
	d.lit.build(d.litFreq[:], 15, &d.scratch)
	d.dist.build(d.distFreq[:], 15, &d.scratch)
	d.writeDynamicHeader()

	// Every token's whole code, length symbol through distance extra
	// bits, is one entry: at most 15+5+1+9 bits, as the distance code has
	// two symbols in use and so one bit each.
	codes, lengths := &d.tokenCode, &d.tokenLen
	for t := range 256 {
		codes[t], lengths[t] = uint32(d.lit.code[t]), d.lit.length[t]
	}
	for l := minMatch; l <= maxMatch; l++ {
		sym := lengthSymbol[l]
		code := uint32(d.lit.code[sym]) | uint32(lengthExtraVal[l])<<d.lit.length[sym]
		n := d.lit.length[sym] + lengthExtraBits[l]
		one := matchToken(l, false)
		codes[one] = code | uint32(d.dist.code[0])<<n
		lengths[one] = n + d.dist.length[0]
		up := matchToken(l, true)
		codes[up] = code | (uint32(d.dist.code[distUpCode])|distUpExtra<<d.dist.length[distUpCode])<<n
		lengths[up] = n + d.dist.length[distUpCode] + distUpBits
	}
	d.out = slices.Grow(d.out, 4*len(d.tokens)+8)
	acc, nbits, out := d.acc, d.nbits, d.out
	for _, t := range d.tokens {
		acc |= uint64(codes[t]) << nbits
		nbits += uint(lengths[t])
		if nbits >= 32 {
			out = binary.LittleEndian.AppendUint32(out, uint32(acc))
			acc >>= 32
			nbits -= 32
		}
	}
	d.acc, d.nbits, d.out = acc, nbits, out
	d.put(uint32(d.lit.code[endOfBlock]), uint(d.lit.length[endOfBlock]))
	d.tokens = d.tokens[:0]
	clear(d.litFreq[:])
	clear(d.distFreq[:])
}

// codeLengthOrder is the order code-length code lengths are stored in.
var codeLengthOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// writeDynamicHeader writes a dynamic block's header: the code lengths of
// d.lit and d.dist, themselves run-length and Huffman coded.
func (d *deflater) writeDynamicHeader() {
	nlit := 257
	for i := len(d.lit.length) - 1; i >= 257; i-- {
		if d.lit.length[i] != 0 {
			nlit = i + 1
			break
		}
	}
	ndist := 1
	for i := len(d.dist.length) - 1; i >= 1; i-- {
		if d.dist.length[i] != 0 {
			ndist = i + 1
			break
		}
	}
	lengths := append(append(d.scratch.lengths[:0], d.lit.length[:nlit]...), d.dist.length[:ndist]...)
	d.scratch.lengths = lengths

	// Run-length code the lengths: 16 repeats the previous 3-6 times, 17
	// and 18 are 3-10 and 11-138 zeros. Each entry is symbol | extra<<8.
	rle := d.scratch.rle[:0]
	var freq [19]uint32
	for i := 0; i < len(lengths); {
		v := lengths[i]
		n := 1
		for i+n < len(lengths) && lengths[i+n] == v {
			n++
		}
		i += n
		if v == 0 {
			for n >= 11 {
				k := min(n, 138)
				rle = append(rle, 18|uint16(k-11)<<8)
				freq[18]++
				n -= k
			}
			if n >= 3 {
				rle = append(rle, 17|uint16(n-3)<<8)
				freq[17]++
				n = 0
			}
		} else {
			rle = append(rle, uint16(v))
			freq[v]++
			n--
			for n >= 3 {
				k := min(n, 6)
				rle = append(rle, 16|uint16(k-3)<<8)
				freq[16]++
				n -= k
			}
		}
		for ; n > 0; n-- {
			rle = append(rle, uint16(v))
			freq[v]++
		}
	}
	d.scratch.rle = rle
	d.clen.build(freq[:], 7, &d.scratch)
	nclen := 19
	for nclen > 4 && d.clen.length[codeLengthOrder[nclen-1]] == 0 {
		nclen--
	}

	d.put(0b100, 3) // not final, dynamic Huffman
	d.put(uint32(nlit-257), 5)
	d.put(uint32(ndist-1), 5)
	d.put(uint32(nclen-4), 4)
	for _, sym := range codeLengthOrder[:nclen] {
		d.put(uint32(d.clen.length[sym]), 3)
	}
	extraBits := [19]uint{16: 2, 17: 3, 18: 7}
	for _, e := range rle {
		sym := e & 0xff
		d.put(uint32(d.clen.code[sym]), uint(d.clen.length[sym]))
		if n := extraBits[sym]; n > 0 {
			d.put(uint32(e>>8), n)
		}
	}
}

// huffmanCode is a canonical Huffman code, codes stored bit-reversed as
// deflate writes them. It has room for the largest alphabet (286).
type huffmanCode struct {
	length [286]uint8
	code   [286]uint16
}

// huffmanScratch holds the buffers building a code needs.
type huffmanScratch struct {
	leaves  []uint64 // freq<<16 | symbol, sorted
	weight  []uint64
	parent  []int32
	depth   []uint16
	lengths []uint8
	rle     []uint16
}

// build makes the code for an alphabet of len(freq) symbols whose codes
// are at most limit bits. The code is always complete: with fewer than two
// symbols in use, symbols 0 and 1 are given one-bit codes. Ties between
// equal counts break by symbol, so the same counts give the same code.
func (h *huffmanCode) build(freq []uint32, limit uint8, s *huffmanScratch) {
	n := len(freq)
	clear(h.length[:])
	for shift := uint(0); ; shift++ {
		leaves := s.leaves[:0]
		for sym, f := range freq {
			if f > 0 {
				leaves = append(leaves, uint64(max(f>>shift, 1))<<16|uint64(sym))
			}
		}
		s.leaves = leaves
		if len(leaves) < 2 {
			// A lone symbol (or none) gets a partner, symbol 0 or 1.
			clear(h.length[:n])
			h.length[0], h.length[1] = 1, 1
			if len(leaves) == 1 {
				if sym := leaves[0] & 0xffff; sym > 1 {
					h.length[1] = 0
					h.length[sym] = 1
				}
			}
			break
		}
		slices.Sort(leaves)
		if h.lengthsFor(leaves, limit, s) {
			break
		}
		// Too deep: flatten the counts and try again. Halving often
		// enough makes every count 1 and the tree balanced.
	}
	// Canonical codes (RFC 1951, 3.2.2).
	var count [16]uint16
	for _, l := range h.length[:n] {
		count[l]++
	}
	count[0] = 0
	var next [16]uint16
	code := uint16(0)
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	for sym, l := range h.length[:n] {
		if l != 0 {
			h.code[sym] = uint16(reverseBits(uint32(next[l]), uint(l)))
			next[l]++
		}
	}
}

// lengthsFor sets the code lengths of the sorted leaves with the
// two-queue Huffman construction, or reports false if a code would be
// longer than limit.
func (h *huffmanCode) lengthsFor(leaves []uint64, limit uint8, s *huffmanScratch) bool {
	n := len(leaves)
	total := 2*n - 1
	s.weight = slices.Grow(s.weight[:0], total)[:total]
	s.parent = slices.Grow(s.parent[:0], total)[:total]
	s.depth = slices.Grow(s.depth[:0], total)[:total]
	for i, l := range leaves {
		s.weight[i] = l >> 16
	}
	// Nodes 0..n-1 are the leaves, n.. the internal nodes in the order
	// made, which is also increasing weight.
	leaf, inner := 0, n
	smallest := func(made int) int {
		if leaf < n && (inner >= made || s.weight[leaf] <= s.weight[inner]) {
			leaf++
			return leaf - 1
		}
		inner++
		return inner - 1
	}
	for made := n; made < total; made++ {
		x := smallest(made)
		y := smallest(made)
		s.weight[made] = s.weight[x] + s.weight[y]
		s.parent[x], s.parent[y] = int32(made), int32(made)
	}
	s.depth[total-1] = 0
	for i := total - 2; i >= 0; i-- {
		s.depth[i] = s.depth[s.parent[i]] + 1
		if i < n && s.depth[i] > uint16(limit) {
			return false
		}
	}
	for i, l := range leaves {
		h.length[l&0xffff] = uint8(s.depth[i])
	}
	return true
}

// reverseBits reverses the n low bits of v: Huffman codes are defined most
// significant bit first but written into the stream least significant first.
func reverseBits(v uint32, n uint) uint32 {
	return bits.Reverse32(v) >> (32 - n)
}
