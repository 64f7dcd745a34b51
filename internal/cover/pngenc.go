package cover

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
)

// A cover is mostly rows of pure background, which image/png pushes through
// deflate and Adler-32 byte by byte; that was over half the cost of a cover.
// This encoder deflates only the rows that carry ink and writes each run of
// background rows as a hand-made run-length block, checksumming it in O(1).
// The output is an ordinary 8-bit paletted, non-interlaced PNG.

// encodeState is the reusable scratch of one encoding.
type encodeState struct {
	idat bytes.Buffer
	fw   *flate.Writer
}

var encodePool = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed) // a valid level cannot fail
	return &encodeState{fw: fw}
}}

// encodePNG writes cv as a PNG. inkRows[y] must be true for every row that
// holds anything but background; other rows are encoded without looking.
func encodePNG(w io.Writer, cv *canvas) error {
	st := encodePool.Get().(*encodeState)
	defer encodePool.Put(st)
	st.idat.Reset()
	img := cv.img
	// zlib header: deflate, 32 KiB window, no dictionary, check bits.
	st.idat.Write([]byte{0x78, 0x01})
	sum := adler{a: 1}
	var bits bitWriter
	for y := 0; y < Height; {
		end := y
		for end < Height && cv.inkRows[end] == cv.inkRows[y] {
			end++
		}
		n := (end - y) * rowBytes
		if !cv.inkRows[y] {
			bits.zeroRun(&st.idat, n)
			sum.zeros(n)
			y = end
			continue
		}
		st.fw.Reset(&st.idat)
		span := cv.scanlines[y*rowBytes : end*rowBytes]
		if _, err := st.fw.Write(span); err != nil {
			return fmt.Errorf("cover: deflating rows %d-%d: %w", y, end-1, err)
		}
		sum.update(span)
		y = end
		// Flush ends the segment byte-aligned and unfinished, so the next
		// segment may follow it directly.
		if err := st.fw.Flush(); err != nil {
			return fmt.Errorf("cover: deflating: %w", err)
		}
	}
	st.idat.Write([]byte{0x03, 0x00}) // an empty final fixed-Huffman block
	st.idat.Write(binary.BigEndian.AppendUint32(nil, sum.value()))

	ihdr := binary.BigEndian.AppendUint32(nil, Width)
	ihdr = binary.BigEndian.AppendUint32(ihdr, Height)
	ihdr = append(ihdr, 8, 3, 0, 0, 0) // 8-bit, paletted, deflate, adaptive filtering, no interlace
	plte := make([]byte, 0, 3*len(img.Palette))
	for _, c := range img.Palette {
		r, g, b, _ := c.RGBA()
		plte = append(plte, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	pw := pngWriter{w: w}
	pw.write([]byte("\x89PNG\r\n\x1a\n"))
	pw.chunk("IHDR", ihdr)
	pw.chunk("PLTE", plte)
	pw.chunk("IDAT", st.idat.Bytes())
	pw.chunk("IEND", nil)
	if pw.err != nil {
		return fmt.Errorf("cover: writing PNG: %w", pw.err)
	}
	return nil
}

// pngWriter writes chunks, keeping the first error.
type pngWriter struct {
	w   io.Writer
	err error
}

func (pw *pngWriter) write(p []byte) {
	if pw.err == nil {
		_, pw.err = pw.w.Write(p)
	}
}

func (pw *pngWriter) chunk(kind string, data []byte) {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], kind)
	crc := crc32.Update(crc32.ChecksumIEEE(head[4:]), crc32.IEEETable, data)
	pw.write(head[:])
	pw.write(data)
	pw.write(binary.BigEndian.AppendUint32(head[:0], crc))
}

// adler is the zlib checksum, with a shortcut for runs of zero bytes: a
// zero leaves a unchanged and adds a to b.
type adler struct{ a, b uint32 }

const adlerMod = 65521

func (s *adler) update(p []byte) {
	a, b := s.a, s.b
	for len(p) > 0 {
		// 5552 bytes is the most that cannot overflow uint32 before reducing.
		chunk := p[:min(len(p), 5552)]
		p = p[len(chunk):]
		// Eight bytes at a time, weighting each by how many more times it
		// is added into b, so the loop does not crawl one byte per step.
		for len(chunk) >= 8 {
			if binary.LittleEndian.Uint64(chunk) == 0 {
				b += 8 * a
			} else {
				c0, c1, c2, c3 := uint32(chunk[0]), uint32(chunk[1]), uint32(chunk[2]), uint32(chunk[3])
				c4, c5, c6, c7 := uint32(chunk[4]), uint32(chunk[5]), uint32(chunk[6]), uint32(chunk[7])
				b += 8*a + 8*c0 + 7*c1 + 6*c2 + 5*c3 + 4*c4 + 3*c5 + 2*c6 + c7
				a += c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7
			}
			chunk = chunk[8:]
		}
		for _, c := range chunk {
			a += uint32(c)
			b += a
		}
		a %= adlerMod
		b %= adlerMod
	}
	s.a, s.b = a, b
}

func (s *adler) zeros(n int) {
	s.b = uint32((uint64(s.b) + uint64(n%adlerMod)*uint64(s.a)) % adlerMod)
}

func (s *adler) value() uint32 { return s.b<<16 | s.a }

// bitWriter emits deflate bits, least significant first.
type bitWriter struct {
	acc   uint64
	count uint
}

func (bw *bitWriter) put(v uint32, n uint) {
	bw.acc |= uint64(v) << bw.count
	bw.count += n
}

func (bw *bitWriter) drain(out *bytes.Buffer) {
	for bw.count >= 8 {
		out.WriteByte(byte(bw.acc))
		bw.acc >>= 8
		bw.count -= 8
	}
}

// putCode writes a Huffman code, which deflate stores most significant bit first.
func (bw *bitWriter) putCode(code uint32, n uint) {
	var rev uint32
	for i := uint(0); i < n; i++ {
		rev = rev<<1 | (code>>i)&1
	}
	bw.put(rev, n)
}

// Fixed-Huffman codes (RFC 1951, 3.2.6).
func (bw *bitWriter) literalZero() { bw.putCode(0x30, 8) }
func (bw *bitWriter) endOfBlock()  { bw.putCode(0, 7) }
func (bw *bitWriter) distanceOne() { bw.putCode(0, 5) }
func (bw *bitWriter) lengthSymbol(sym int) {
	if sym < 280 {
		bw.putCode(uint32(sym-256), 7)
	} else {
		bw.putCode(uint32(0xc0+sym-280), 8)
	}
}

// lengthBase and lengthExtra describe length symbols 257..285.
var (
	lengthBase  = [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [...]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
)

// match writes a copy of length 3..258 at distance 1.
func (bw *bitWriter) match(length int) {
	i := len(lengthBase) - 1
	for lengthBase[i] > length {
		i--
	}
	bw.lengthSymbol(257 + i)
	if lengthExtra[i] > 0 {
		bw.put(uint32(length-lengthBase[i]), lengthExtra[i])
	}
	bw.distanceOne()
}

// zeroRun writes n zero bytes as one fixed-Huffman block of a literal zero
// and copies of the byte before, then an empty stored block to come back
// to a byte boundary for whatever follows.
func (bw *bitWriter) zeroRun(out *bytes.Buffer, n int) {
	bw.put(0, 1) // not final
	bw.put(1, 2) // fixed Huffman
	bw.literalZero()
	n--
	for n > 0 {
		bw.drain(out)
		switch {
		case n >= 258+3 || n == 258:
			bw.match(258)
			n -= 258
		case n > 258:
			// Leave at least 3 for the last copy.
			bw.match(n - 3)
			n = 3
		case n >= 3:
			bw.match(n)
			n = 0
		default:
			bw.literalZero()
			n--
		}
	}
	bw.endOfBlock()
	bw.put(0, 1) // not final
	bw.put(0, 2) // stored
	if bw.count%8 != 0 {
		bw.put(0, 8-bw.count%8)
	}
	bw.drain(out)
	out.Write([]byte{0x00, 0x00, 0xff, 0xff}) // LEN 0, NLEN
}
