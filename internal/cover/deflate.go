package cover

import (
	"encoding/binary"
	"math/bits"
)

// A deflate encoder made for the cover's scanlines, several times faster
// than compress/flate and smaller on them. A cover's pixels repeat in two
// ways only: along a row (background, the inside of a stroke) and down a
// column (a stem is the same row after row). So the encoder looks for a
// match at exactly two distances, 1 and one scanline, instead of hashing;
// background it knows to be background (canvas.ink) it codes without
// looking; and every stretch of rows becomes a dynamic-Huffman block coded
// from its own symbol counts (huffman.go), which in a block of background
// spends a bit or two on each 258-byte copy where fixed codes spend 13.
// The Adler-32 is kept as the tokens are found, a run of one value in O(1).

const (
	minMatch = 3
	maxMatch = 258
	// distUpCode and distUpExtra code the distance of one scanline:
	// distance code 21 covers 1537..2048 with 9 extra bits.
	distUpCode  = 21
	distUpBits  = 9
	distUpExtra = rowBytes - 1537
	// blockTokens caps the tokens of one dynamic block, which bounds the
	// token buffer; a block boundary costs a header of about 80 bytes.
	blockTokens = 1 << 15
	// endOfBlock is the literal/length symbol that ends a block.
	endOfBlock = 256
)

// Both constants fail to compile if a scanline outgrows distance code 21.
const _, _ = uint(rowBytes - 1537), uint(2048 - rowBytes)

// A token is a literal byte (< 256), or a match: 256 + (length-3)<<1 + up,
// up being 1 for the distance of one scanline and 0 for distance 1.
type token uint32

func matchToken(length int, up bool) token {
	t := token(256 + (length-minMatch)<<1)
	if up {
		t++
	}
	return t
}

// Length symbols (RFC 1951, 3.2.5), by match length.
var (
	lengthSymbol    [maxMatch + 1]uint16
	lengthExtraBits [maxMatch + 1]uint8
	lengthExtraVal  [maxMatch + 1]uint16
)

func init() {
	base := [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	extra := [...]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	for i := len(base) - 1; i >= 0; i-- {
		for l := base[i]; l <= maxMatch && lengthSymbol[l] == 0; l++ {
			lengthSymbol[l] = uint16(257 + i)
			lengthExtraBits[l] = extra[i]
			lengthExtraVal[l] = uint16(l - base[i])
		}
	}
}

// deflater is the reusable state of one zlib stream.
type deflater struct {
	out   []byte
	acc   uint64 // bits not yet in out, least significant first
	nbits uint
	a, b  uint64 // Adler-32 sums, reduced lazily

	tokens   []token
	litFreq  [286]uint32
	distFreq [30]uint32
	lit      huffmanCode
	dist     huffmanCode
	clen     huffmanCode
	scratch  huffmanScratch
	// tokenCode and tokenLen are the current block's code for each token.
	tokenCode [256 + 2*(maxMatch-minMatch+1)]uint32
	tokenLen  [256 + 2*(maxMatch-minMatch+1)]uint8
}

func (d *deflater) reset() {
	d.out = d.out[:0]
	d.acc, d.nbits = 0, 0
	d.a, d.b = 1, 0
	d.tokens = d.tokens[:0]
}

// put appends the n low bits of v; n is at most 32.
func (d *deflater) put(v uint32, n uint) {
	d.acc |= uint64(v) << d.nbits
	d.nbits += n
	if d.nbits >= 32 {
		d.out = binary.LittleEndian.AppendUint32(d.out, uint32(d.acc))
		d.acc >>= 32
		d.nbits -= 32
	}
}

// flushBytes moves every whole byte of pending bits to out.
func (d *deflater) flushBytes() {
	for d.nbits >= 8 {
		d.out = append(d.out, byte(d.acc))
		d.acc >>= 8
		d.nbits -= 8
	}
}

// finish ends the stream with an empty final fixed-Huffman block, pads
// to a byte and appends the Adler-32.
func (d *deflater) finish() {
	d.put(0b011, 3) // final, fixed Huffman
	d.put(0, 7)     // end of block
	d.flushBytes()
	if d.nbits > 0 {
		d.out = append(d.out, byte(d.acc))
		d.acc, d.nbits = 0, 0
	}
	d.reduceAdler()
	d.out = binary.BigEndian.AppendUint32(d.out, uint32(d.b)<<16|uint32(d.a))
}

func (d *deflater) reduceAdler() { d.a %= adlerMod; d.b %= adlerMod }

// zeroAdler adds n zero bytes to the checksum: each adds a to b.
func (d *deflater) zeroAdler(n int) {
	d.b += uint64(n) * d.a
	d.settleAdler()
}

// settleAdler reduces the sums once b, which grows fastest, nears 2^40.
// Below that, no addition the encoder makes can overflow: a never passes
// b by more than the modulus, and the longest zero run (a whole cover,
// under 2^22 bytes) adds n·a < 2^63.
func (d *deflater) settleAdler() {
	if d.b >= 1<<40 {
		d.reduceAdler()
	}
}

// The dynamic blocks: scan and zeros add tokens for the bytes of s from p
// on, which may refer back to anything in s before p that is in the
// stream already; endBlock writes what they added.

// scan finds the tokens for s[p:end], keeping the checksum as it goes:
// a run of one value adds to it by a closed form, so only literals and
// copies from the row above are summed byte by byte.
func (d *deflater) scan(s []byte, p, end int) {
	for p < end {
		if len(d.tokens) >= blockTokens {
			d.writeDynamicBlock()
		}
		c := s[p]
		if c == 0 {
			// Background between strokes: measured against nothing, and
			// coded as copies of the zero before.
			n := zeroLen(s[p:end])
			d.zeros(s, p, n)
			p += n
			continue
		}
		limit := min(end-p, maxMatch)
		// Most bytes that begin no match differ from both candidates;
		// those are settled without measuring a match. A run as long as
		// allowed needs no comparing with the row above.
		run, up := 0, 0
		if limit >= minMatch {
			if p >= 1 && s[p-1] == c {
				run = matchLen(s[p:p+limit], s[p-1:])
			}
			if run < limit && p >= rowBytes && s[p-rowBytes] == c {
				up = matchLen(s[p:p+limit], s[p-rowBytes:])
			}
		}
		switch {
		case run >= minMatch && run >= up:
			l, v := uint64(run), uint64(c)
			d.b += l*d.a + v*(l*(l+1)/2)
			d.a += l * v
			d.settleAdler()
			d.match(run, false)
			p += run
		case up >= minMatch:
			d.a, d.b = adlerSpan(d.a, d.b, s[p:p+up])
			d.settleAdler()
			d.match(up, true)
			p += up
		default:
			d.a += uint64(c)
			d.b += d.a
			d.settleAdler()
			d.literal(c)
			p++
		}
	}
}

// zeros adds the tokens for n zero bytes at s[p:], known to be zero
// without looking.
func (d *deflater) zeros(s []byte, p, n int) {
	if n > 0 {
		d.zeroAdler(n)
		d.zeroTokens(s, p, n)
	}
}

// zeroTokens codes n (>0) zeros at s[p:] as copies of the byte before,
// once that is a zero.
func (d *deflater) zeroTokens(s []byte, p, n int) {
	if p == 0 || s[p-1] != 0 {
		d.literal(0)
		n--
	}
	for n > 0 {
		if len(d.tokens) >= blockTokens {
			d.writeDynamicBlock()
		}
		switch {
		case n >= maxMatch+minMatch || n == maxMatch:
			d.match(maxMatch, false)
			n -= maxMatch
		case n > maxMatch:
			d.match(n-minMatch, false)
			n = minMatch
		case n >= minMatch:
			d.match(n, false)
			n = 0
		default:
			d.literal(0)
			n--
		}
	}
}

// zeroLen is the number of zero bytes p starts with.
func zeroLen(p []byte) int {
	n := 0
	for len(p)-n >= 8 {
		if w := binary.LittleEndian.Uint64(p[n:]); w != 0 {
			return n + bits.TrailingZeros64(w)/8
		}
		n += 8
	}
	for n < len(p) && p[n] == 0 {
		n++
	}
	return n
}

func (d *deflater) literal(c byte) {
	d.tokens = append(d.tokens, token(c))
	d.litFreq[c]++
}

// match adds a copy of length bytes from one scanline up, or from the
// byte before.
func (d *deflater) match(length int, up bool) {
	d.tokens = append(d.tokens, matchToken(length, up))
	d.litFreq[lengthSymbol[length]]++
	if up {
		d.distFreq[distUpCode]++
	} else {
		d.distFreq[0]++
	}
}

// endBlock writes the tokens added since the last block, if any.
func (d *deflater) endBlock() {
	if len(d.tokens) > 0 {
		d.writeDynamicBlock()
	}
}

// adlerSpan adds p, at most maxMatch bytes, to the unreduced Adler-32
// sums a and b. Eight bytes at a time: a zero word only adds 8a to b, and
// any other word is summed, plain and weighted, in 16-bit lanes by
// multiplication.
func adlerSpan(a, b uint64, p []byte) (uint64, uint64) {
	const (
		lanes = 0x00ff00ff00ff00ff
		ones  = 0x0001000100010001
		// The top lane of a product collects lane i times weight 3-i.
		evenWeights = 0x0008000600040002 // bytes 0, 2, 4, 6 count 8, 6, 4, 2 times
		oddWeights  = 0x0007000500030001 // bytes 1, 3, 5, 7 count 7, 5, 3, 1 times
	)
	for len(p) >= 8 {
		w := binary.LittleEndian.Uint64(p)
		p = p[8:]
		if w == 0 {
			b += 8 * a
			continue
		}
		even, odd := w&lanes, w>>8&lanes
		b += 8*a + (even*evenWeights)>>48 + (odd*oddWeights)>>48
		a += ((even + odd) * ones) >> 48
	}
	for _, c := range p {
		a += uint64(c)
		b += a
	}
	return a, b
}

// matchLen is the length of the common prefix of a and b; b is at least
// as long as a.
func matchLen(a, b []byte) int {
	n := 0
	for len(a)-n >= 8 {
		if x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
		n += 8
	}
	for n < len(a) && a[n] == b[n] {
		n++
	}
	return n
}
