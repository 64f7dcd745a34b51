package cover

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/imprint-press/imprint/internal/cpubench"
	"hash/adler32"
	"image"
	"image/png"
	"io"
	"testing"
)

// inflate decompresses a zlib stream with the standard library, which also
// verifies the stream's Adler-32.
func inflate(t *testing.T, stream []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(stream))
	if err != nil {
		t.Fatalf("zlib header: %v", err)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("inflating: %v", err)
	}
	return got
}

// piece is one call of the encoder: n zero bytes as a background run
// (run) or as known zeros in a dynamic block (zeros), or data scanned.
type piece struct {
	run, zeros int
	data       []byte
}

func deflatePieces(pieces []piece) (stream, want []byte) {
	var d deflater
	d.reset()
	d.out = append(d.out, 0x78, 0x01)
	for _, p := range pieces {
		start := len(want)
		switch {
		case p.run > 0:
			d.endBlock()
			want = append(want, make([]byte, p.run)...)
			d.zeros(want, start, p.run)
			d.endBlock()
		case p.zeros > 0:
			want = append(want, make([]byte, p.zeros)...)
			d.zeros(want, start, p.zeros)
		default:
			want = append(want, p.data...)
			d.scan(want, start, len(want))
		}
	}
	d.endBlock()
	d.finish()
	return d.out, want
}

// inkLike is n bytes resembling inked scanlines: runs, rows repeating the
// row above, and scattered unique values. seed picks the pattern.
func inkLike(n int, seed uint32) []byte {
	out := make([]byte, n)
	x := seed
	next := func() uint32 { x = x*1664525 + 1013904223; return x >> 8 }
	for i := 0; i < n; {
		switch k := int(next() % 8); {
		case k < 3 && i >= rowBytes: // copy from the row above
			l := min(int(next()%600)+1, n-i)
			copy(out[i:i+l], out[i-rowBytes:])
			i += l
		case k < 6: // a run
			l := min(int(next()%400)+1, n-i)
			v := byte(next())
			for j := range l {
				out[i+j] = v
			}
			i += l
		default: // noise
			l := min(int(next()%40)+1, n-i)
			for j := range l {
				out[i+j] = byte(next())
			}
			i += l
		}
	}
	return out
}

func TestDeflateRoundTrip(t *testing.T) {
	// Long runs once went by groups of eight 258-byte copies.
	const group = 8 * maxMatch
	cases := map[string][]piece{
		"empty":        nil,
		"one byte":     {{data: []byte{7}}},
		"two literals": {{data: []byte{7, 9}}},
		"ink rows":     {{data: inkLike(40*rowBytes, 1)}},
		// More tokens than one block holds.
		"many blocks": {{data: inkLike(200*rowBytes, 2)}},
		"mixed": {{run: 3 * rowBytes}, {data: inkLike(5*rowBytes, 3)}, {run: 1},
			{data: inkLike(7, 4)}, {run: 2}, {data: inkLike(3*rowBytes+5, 5)}, {run: 1000003}},
		"known zeros first": {{zeros: 5}, {data: inkLike(2*rowBytes, 6)}},
		"known zeros between": {{data: []byte{9}}, {zeros: 1}, {data: []byte{0, 0, 0, 0, 4}}, {zeros: 2},
			{data: inkLike(rowBytes, 7)}, {zeros: 70000}, {data: []byte{1, 2, 3}}, {zeros: 3 * blockTokens}},
		// Every byte the same: the run's checksum is the closed form.
		"one run": {{data: bytes.Repeat([]byte{0xfe}, 100000)}},
	}
	// Zero runs around the lengths where the encoder changes method.
	for _, n := range []int{1, 2, 3, 4, 257, 258, 259, 260, 261, 262, 2*group - 1, 2 * group, 2*group + 1,
		3*group + maxMatch + minMatch, 3*group + maxMatch + minMatch - 1, Height * rowBytes} {
		cases[fmt.Sprintf("run %d", n)] = []piece{{run: n}}
		cases[fmt.Sprintf("ink then run %d", n)] = []piece{{data: inkLike(1001, uint32(n))}, {run: n}}
		cases[fmt.Sprintf("ink then zeros %d", n)] = []piece{{data: inkLike(1001, uint32(n))}, {zeros: n}, {data: []byte{5, 5, 5, 5}}}
	}
	for name, pieces := range cases {
		stream, want := deflatePieces(pieces)
		if got := inflate(t, stream); !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes came back as %d different bytes", name, len(want), len(got))
		}
	}
}

// TestHuffmanCodesAreLimitedAndComplete feeds counts that would make
// codes far longer than deflate allows.
func TestHuffmanCodesAreLimitedAndComplete(t *testing.T) {
	fib := make([]uint32, 286)
	a, b := uint32(1), uint32(1)
	for i := range 40 {
		fib[i] = a
		a, b = b, a+b
	}
	var s huffmanScratch
	for name, tc := range map[string]struct {
		freq  []uint32
		limit uint8
	}{
		"fibonacci":    {fib, 15},
		"code lengths": {[]uint32{1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181}, 7},
		"lone symbol":  {[]uint32{5: 9, 29: 0}, 15},
		"none":         {make([]uint32, 30), 15},
	} {
		var h huffmanCode
		h.build(tc.freq, tc.limit, &s)
		kraft := 0.0
		for sym, l := range h.length[:len(tc.freq)] {
			if l > tc.limit {
				t.Errorf("%s: symbol %d has a %d-bit code, limit %d", name, sym, l, tc.limit)
			}
			if tc.freq[sym] > 0 && l == 0 {
				t.Errorf("%s: symbol %d is used but has no code", name, sym)
			}
			if l > 0 {
				kraft += 1 / float64(uint(1)<<l)
			}
		}
		if kraft != 1 {
			t.Errorf("%s: Kraft sum %v, want a complete code", name, kraft)
		}
	}
	// Through the decoder: literals counted like the Fibonacci numbers.
	var data []byte
	for i := range 24 {
		data = append(data, bytes.Repeat([]byte{byte(i), byte(i + 100)}, int(fib[i]))...)
	}
	stream, want := deflatePieces([]piece{{data: data}})
	if got := inflate(t, stream); !bytes.Equal(got, want) {
		t.Error("skewed literals did not survive the round trip")
	}
}

// goldenCovers are today's covers, by the SHA-256 of their decoded pixels
// (palette, then indices row by row), recorded from the encoder built on
// compress/flate before the hand-made deflate replaced it. A faster
// encoder or drawing path must not change a single pixel.
var goldenCovers = map[string]string{
	"article":               "c5da3fe2f31e25758351d19cabed91cd8dbb872df0004d0fe0591c156dc4cedf",
	"article with subtitle": "f5e9e701eded8da24a50df250558c6112aa2d705e714b340705541b958df62c8",
	"long everything":       "1f8cc56385e803b8a35fa8aa52531e8b583f2917f855c7d7077c58641bcfd4b1",
	"long subtitle":         "273ffe9c98a0eb4752ccdc429f8fe4b2fbc8336b892d320f6e8116c0c841cbb3",
	"long title":            "5587ad71531c7ca3210b9f51b8b526e4c7c0b02a6d973ffc9f5e20f70c863979",
	"short":                 "76b5121fd137ed096af502c05778b0e54c8c98d3de71eaf797ada618910cfe18",
	"unbreakable words":     "a57dd5aa92c6bf6ee88a4740be1dfbf4cbb37794d70306114ad49b2c9136d71c",
}

func goldenContent(name string) Content {
	switch name {
	case "article":
		return article
	case "article with subtitle":
		return articleWithSubtitle()
	case "short":
		return Content{Title: "Dust", Subtitle: "A Natural History", Authors: []string{"Ann Other", "B. Writer", "Carla Third"}}
	}
	return stress[name]
}

// TestPixelsUnchanged decodes each cover with image/png, checks the pixels
// against the canvas they were encoded from and against the golden hash.
func TestPixelsUnchanged(t *testing.T) {
	for name, want := range goldenCovers {
		c := goldenContent(name)
		cv, err := drawCover(c)
		if err != nil {
			t.Fatal(err)
		}
		canvasPixels := pixelHash(cv.img)
		cv.release()

		img, err := png.Decode(bytes.NewReader(render(t, c)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p, ok := img.(*image.Paletted)
		if !ok {
			t.Fatalf("%s: decoded as %T, want *image.Paletted", name, img)
		}
		got := pixelHash(p)
		if got != canvasPixels {
			t.Errorf("%s: the decoded PNG differs from the canvas drawn", name)
		}
		if got != want {
			t.Errorf("%s: pixels hash to %s, want %s: the cover looks different", name, got, want)
		}
	}
}

func pixelHash(p *image.Paletted) string {
	h := sha256.New()
	for _, c := range p.Palette {
		r, g, b, a := c.RGBA()
		fmt.Fprintf(h, "%d,%d,%d,%d;", r>>8, g>>8, b>>8, a>>8)
	}
	for y := range p.Rect.Dy() {
		h.Write(p.Pix[y*p.Stride:][:p.Rect.Dx()])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// BenchmarkStages times a cover's two stages apart: drawing it, and
// encoding the drawn canvas.
func BenchmarkStages(b *testing.B) {
	for _, bc := range []struct {
		name string
		c    Content
	}{{"NoSubtitle", article}, {"Subtitle", articleWithSubtitle()}} {
		b.Run("draw/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			cpubench.Loop(b, func() {
				cv, err := drawCover(bc.c)
				if err != nil {
					b.Fatal(err)
				}
				cv.release()
			})
		})
		b.Run("encode/"+bc.name, func(b *testing.B) {
			cv, err := drawCover(bc.c)
			if err != nil {
				b.Fatal(err)
			}
			defer cv.release()
			b.ReportAllocs()
			cpubench.Loop(b, func() {
				if err := encodePNG(io.Discard, cv); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// TestAdlerSpanMatchesStdlib checks the eight-bytes-at-a-time checksum,
// whose lanes are fullest when every byte is 0xff.
func TestAdlerSpanMatchesStdlib(t *testing.T) {
	noise := inkLike(4*maxMatch, 9)
	for _, data := range [][]byte{bytes.Repeat([]byte{0xff}, maxMatch), noise[:maxMatch], make([]byte, maxMatch)} {
		for n := 0; n <= len(data); n++ {
			a, b := adlerSpan(1, 0, data[:n])
			if got, want := uint32(b%adlerMod)<<16|uint32(a%adlerMod), adler32.Checksum(data[:n]); got != want {
				t.Fatalf("%d bytes from %x...: adler %08x, want %08x", n, data[:min(n, 8)], got, want)
			}
		}
	}
}
