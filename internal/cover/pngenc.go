package cover

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
)

// The cover's own PNG encoder. A cover is mostly rows of pure background,
// which image/png would push through compress/flate's match finder and
// Adler-32 byte by byte; deflate.go knows how a cover repeats and which
// pixels the canvas left blank, and is several times faster. The output is
// an ordinary 8-bit paletted, non-interlaced PNG, every scanline unfiltered.

// shortGap is the most background rows deflated along with the inked rows
// around them: starting a new block costs more than a few rows of runs.
const shortGap = 16

// encodeState is the reusable scratch of one encoding.
type encodeState struct {
	deflater
	ihdr, plte []byte
	pw         pngWriter
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

var encodePool = sync.Pool{New: func() any { return new(encodeState) }}

// encodePNG writes cv as a PNG. cv.ink must hold every pixel that is not
// background; the rest is encoded without looking.
func encodePNG(w io.Writer, cv *canvas) error {
	st := encodePool.Get().(*encodeState)
	defer encodePool.Put(st)
	d := &st.deflater
	d.reset()
	// zlib header: deflate, 32 KiB window, no dictionary, check bits.
	d.out = append(d.out, 0x78, 0x01)
	for y := 0; y < Height; {
		end := y + 1
		if cv.ink[y].empty() {
			for end < Height && cv.ink[end].empty() {
				end++
			}
			// A block of its own, whose code spends a bit or two on each
			// 258-byte copy of the zero before.
			d.zeros(cv.scanlines, y*rowBytes, (end-y)*rowBytes)
			d.endBlock()
			y = end
			continue
		}
		// Take in the inked rows that follow, and any short gaps between them.
		for end < Height {
			if !cv.ink[end].empty() {
				end++
				continue
			}
			gap := end
			for gap < Height && gap-end < shortGap && cv.ink[gap].empty() {
				gap++
			}
			if gap == Height || cv.ink[gap].empty() {
				break
			}
			end = gap
		}
		// Between one row's ink and the next's lie only zeros.
		s, p := cv.scanlines, y*rowBytes
		for ; y < end; y++ {
			if ink := cv.ink[y]; !ink.empty() {
				from := y*rowBytes + 1 + int(ink.lo)
				d.zeros(s, p, from-p)
				p = y*rowBytes + 1 + int(ink.hi)
				d.scan(s, from, p)
			}
		}
		d.zeros(s, p, end*rowBytes-p)
		d.endBlock()
	}
	d.finish()

	st.ihdr = binary.BigEndian.AppendUint32(st.ihdr[:0], Width)
	st.ihdr = binary.BigEndian.AppendUint32(st.ihdr, Height)
	st.ihdr = append(st.ihdr, 8, 3, 0, 0, 0) // 8-bit, paletted, deflate, adaptive filtering, no interlace
	st.plte = st.plte[:0]
	for _, c := range cv.img.Palette {
		r, g, b, _ := c.RGBA()
		st.plte = append(st.plte, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	pw := &st.pw
	pw.w, pw.err = w, nil
	defer func() { pw.w = nil }()
	pw.write(pngSignature)
	pw.chunk("IHDR", st.ihdr)
	pw.chunk("PLTE", st.plte)
	pw.chunk("IDAT", d.out)
	pw.chunk("IEND", nil)
	if pw.err != nil {
		return fmt.Errorf("cover: writing PNG: %w", pw.err)
	}
	return nil
}

// pngWriter writes chunks, keeping the first error.
type pngWriter struct {
	w    io.Writer
	err  error
	head [8]byte
}

func (pw *pngWriter) write(p []byte) {
	if pw.err == nil {
		_, pw.err = pw.w.Write(p)
	}
}

func (pw *pngWriter) chunk(kind string, data []byte) {
	head := pw.head[:]
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], kind)
	crc := crc32.Update(crc32.ChecksumIEEE(head[4:]), crc32.IEEETable, data)
	pw.write(head)
	pw.write(data)
	pw.write(binary.BigEndian.AppendUint32(head[:0], crc))
}

// adlerMod is the modulus of Adler-32.
const adlerMod = 65521
