package cover

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"
	"unicode/utf8"

	"github.com/imprint-press/imprint/internal/fonts"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The cover is drawn into a paletted image: one background entry followed
// by a ramp of antialiasing levels per ink. One byte per pixel keeps both
// drawing and PNG encoding several times cheaper than RGBA, and a solid
// background means every level can be blended in advance.

// levels is the number of antialiasing steps per ink, full coverage included.
const levels = 63

// ink selects one colour ramp of the palette.
type ink int

// palette returns the background followed by a ramp of levels for each ink.
func palette(background color.RGBA, inks ...color.RGBA) color.Palette {
	p := color.Palette{background}
	for _, c := range inks {
		for l := 1; l <= levels; l++ {
			p = append(p, color.RGBA{
				R: mix(background.R, c.R, l),
				G: mix(background.G, c.G, l),
				B: mix(background.B, c.B, l),
				A: 255,
			})
		}
	}
	return p
}

// mix blends from background to ink at coverage l/levels. The blend is done
// in linear light, as a real ink would mix with its ground; blending sRGB
// values directly makes light type on a dark ground look thin and blotchy.
func mix(bg, fg uint8, l int) uint8 {
	t := float64(l) / levels
	v := (1-t)*toLinear(bg) + t*toLinear(fg)
	return toSRGB(v)
}

func toLinear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

func toSRGB(v float64) uint8 {
	if v <= 0.0031308 {
		v *= 12.92
	} else {
		v = 1.055*math.Pow(v, 1/2.4) - 0.055
	}
	return uint8(math.Round(math.Min(math.Max(v, 0), 1) * 255))
}

// coverageLevel maps 8-bit glyph coverage to a ramp level (0 = untouched).
var coverageLevel = func() (t [256]uint8) {
	for a := range t {
		t[a] = uint8((a*levels + 127) / 255)
	}
	return t
}()

// rowBytes is one PNG scanline: the filter byte, then a byte per pixel.
const rowBytes = 1 + Width

// canvasPool recycles the 4 MB pixel buffer between covers.
var canvasPool = sync.Pool{New: func() any {
	scanlines := make([]byte, Height*rowBytes)
	return &canvas{
		scanlines: scanlines,
		// The image's rows sit inside the PNG scanlines, each after its
		// filter byte (always 0, "none"), so the encoder deflates the
		// buffer in place.
		img: &image.Paletted{
			Pix:    scanlines[1:],
			Stride: rowBytes,
			Rect:   image.Rect(0, 0, Width, Height),
		},
		ink: make([]span, Height),
	}
}}

type canvas struct {
	scanlines []byte
	img       *image.Paletted
	// ink holds, for every row, the columns painted on; everything
	// outside is background. The encoder skips background without
	// looking, and the next cover need only clear these spans.
	ink []span
}

// span is the columns [lo, hi) of a row; empty when hi <= lo.
type span struct{ lo, hi int32 }

func (s span) empty() bool { return s.hi <= s.lo }

// add widens s to cover [lo, hi).
func (s *span) add(lo, hi int) {
	if s.empty() {
		s.lo, s.hi = int32(lo), int32(hi)
		return
	}
	s.lo, s.hi = min(s.lo, int32(lo)), max(s.hi, int32(hi))
}

func newCanvas(p color.Palette) *canvas {
	c := canvasPool.Get().(*canvas)
	for y, s := range c.ink {
		if !s.empty() {
			clear(c.img.Pix[y*c.img.Stride+int(s.lo) : y*c.img.Stride+int(s.hi)])
		}
	}
	clear(c.ink)
	c.img.Palette = p
	return c
}

func (c *canvas) release() { canvasPool.Put(c) }

func (c *canvas) index(k ink, level uint8) uint8 { return uint8(1 + int(k)*levels + int(level) - 1) }

// levelAt returns the coverage level a palette index stands for.
func levelAt(idx uint8) uint8 {
	if idx == 0 {
		return 0
	}
	return (idx-1)%levels + 1
}

// rule paints a solid rectangle in k.
func (c *canvas) rule(r image.Rectangle, k ink) {
	r = r.Intersect(c.img.Rect)
	full := c.index(k, levels)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		c.ink[y].add(r.Min.X, r.Max.X)
		row := c.img.Pix[y*c.img.Stride+r.Min.X : y*c.img.Stride+r.Max.X]
		for i := range row {
			row[i] = full
		}
	}
}

// drawBlock sets b's lines flush left at x, the first line's capitals
// starting at capTop, and returns the y of the last line's descenders.
func (c *canvas) drawBlock(b block, x, capTop float64, k ink) (float64, error) {
	if len(b.lines) == 0 {
		return capTop, nil
	}
	m := b.m
	face, pool, err := acquireFace(m, b.size)
	if err != nil {
		return 0, err
	}
	defer pool.Put(face)
	scale := b.size / m.upem
	baseline := capTop + m.capHeight*b.size
	for i, line := range b.lines {
		if i > 0 {
			baseline += b.style.leading * b.size
		}
		pen := x - line[0].leftInk*scale
		for j, w := range line {
			if j > 0 {
				pen += m.gap() * scale
			}
			c.drawWord(face, m, w.text, pen, baseline, scale, k)
			pen += w.advance * scale
		}
	}
	return baseline + m.descender*b.size, nil
}

// faceKey names a rasterizing face: an embedded font at a pixel size.
type faceKey struct {
	font fonts.Face
	size float64
}

// faces keeps rasterizing faces between covers: a face grows its glyph
// buffers to the largest glyph it has drawn, and reallocating them for
// every cover was most of a cover's garbage. A face is not safe for
// concurrent use, so each size has a pool rather than a single face.
var faces struct {
	sync.Mutex
	pools map[faceKey]*sync.Pool
}

// acquireFace returns a face for m's font at size and the pool to put it
// back in.
func acquireFace(m *measurer, size float64) (font.Face, *sync.Pool, error) {
	key := faceKey{m.font.Face, size}
	faces.Lock()
	pool := faces.pools[key]
	if pool == nil {
		if faces.pools == nil {
			faces.pools = make(map[faceKey]*sync.Pool)
		}
		pool = new(sync.Pool)
		faces.pools[key] = pool
	}
	faces.Unlock()
	face, _ := pool.Get().(font.Face)
	if face == nil {
		var err error
		face, err = opentype.NewFace(m.font.SFNT, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, nil, fmt.Errorf("cover: %s at %v px: %w", faceName(m.font), size, err)
		}
	}
	return face, pool, nil
}

// drawWord advances the pen exactly as measure did, so what was fitted is
// what is drawn.
func (c *canvas) drawWord(face font.Face, m *measurer, text string, pen, baseline, scale float64, k ink) {
	var prev rune
	for i, r := range text {
		_, n := utf8.DecodeRuneInString(text[i:])
		if i > 0 {
			pen += (m.kern(prev, r) + m.tracking) * scale
		}
		dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(pen * 64)), Y: fixed.Int26_6(math.Round(baseline * 64))}
		dr, mask, maskp, _, ok := face.Glyph(dot, r)
		if ok {
			c.blit(dr, mask, maskp, k)
		}
		pen += m.runeAdvance(text, i, n) * scale
		prev = r
	}
}

// blit paints a glyph's coverage mask in k, keeping the stronger coverage
// where glyphs overlap.
func (c *canvas) blit(dr image.Rectangle, mask image.Image, maskp image.Point, k ink) {
	clipped := dr.Intersect(c.img.Rect)
	if clipped.Empty() {
		return
	}
	maskp = maskp.Add(clipped.Min.Sub(dr.Min))
	alpha, ok := mask.(*image.Alpha)
	if !ok {
		// opentype faces always return *image.Alpha; convert anything else.
		alpha = image.NewAlpha(image.Rect(0, 0, clipped.Dx(), clipped.Dy()))
		draw.Draw(alpha, alpha.Rect, mask, maskp, draw.Src)
		maskp = image.Point{}
	}
	paint := &inkIndex[k]
	for y := 0; y < clipped.Dy(); y++ {
		c.ink[clipped.Min.Y+y].add(clipped.Min.X, clipped.Max.X)
		dst := c.img.Pix[(clipped.Min.Y+y)*c.img.Stride+clipped.Min.X:][:clipped.Dx()]
		src := alpha.Pix[alpha.PixOffset(maskp.X, maskp.Y+y):][:len(dst)]
		x := 0
		// Eight pixels at a time: a glyph's box is mostly empty, and
		// where it is not, the canvas under it mostly is.
		for ; x+8 <= len(src); x += 8 {
			if binary.LittleEndian.Uint64(src[x:]) == 0 {
				continue
			}
			d, s := dst[x:x+8], src[x:x+8]
			if binary.LittleEndian.Uint64(d) != 0 {
				blitRun(d, s, paint)
				continue
			}
			d[0], d[1], d[2], d[3] = paint[s[0]], paint[s[1]], paint[s[2]], paint[s[3]]
			d[4], d[5], d[6], d[7] = paint[s[4]], paint[s[5]], paint[s[6]], paint[s[7]]
		}
		blitRun(dst[x:], src[x:], paint)
	}
}

// blitRun paints one stretch of coverage; dst and src are equally long.
func blitRun(dst, src []byte, paint *[256]uint8) {
	for x, a := range src {
		// A coverage too faint for the first level paints nothing, and
		// a stronger level wins over a weaker one already there.
		if idx := paint[a]; paletteLevel[idx] > paletteLevel[dst[x]] {
			dst[x] = idx
		}
	}
}

// inkIndex maps 8-bit glyph coverage to the palette index that paints it
// in each ink (0, the background, for no visible coverage).
var inkIndex = func() (t [subtitleInk + 1][256]uint8) {
	for k := range t {
		for a := range t[k] {
			if l := coverageLevel[a]; l > 0 {
				t[k][a] = uint8(1 + k*levels + int(l) - 1)
			}
		}
	}
	return t
}()

// paletteLevel is the coverage level each palette index stands for.
var paletteLevel = func() (t [256]uint8) {
	for i := range t {
		t[i] = levelAt(uint8(i))
	}
	return t
}()
