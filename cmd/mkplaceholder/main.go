// Command mkplaceholder draws the placeholder lead image that the article
// ships with until a publisher drops the licensed photograph at the same
// path. It is deterministic: `make placeholder` always writes the same bytes.
//
//	go run ./cmd/mkplaceholder -o assets/images/lead.jpg "caption line" "credit line"
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"

	"github.com/imprint-press/imprint/internal/fonts"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

func main() {
	out := flag.String("o", "assets/images/lead.jpg", "output JPEG")
	flag.Parse()
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "mkplaceholder:", err)
		os.Exit(1)
	}
}

func run(out string, notes []string) error {
	const w, h = 1800, 1200
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{0x5b, 0x61, 0x6b, 0xff}}, image.Point{}, draw.Src)
	// A frame inset from the edge, so the placeholder reads as a picture area.
	frame := color.RGBA{0x8d, 0x93, 0x9c, 0xff}
	for i := 0; i < 6; i++ {
		for x := 60; x < w-60; x++ {
			img.Set(x, 60+i, frame)
			img.Set(x, h-66+i, frame)
		}
		for y := 60; y < h-60; y++ {
			img.Set(60+i, y, frame)
			img.Set(w-66+i, y, frame)
		}
	}
	lines := append([]string{"Lead image placeholder", "Place the licensed photograph at assets/images/lead.jpg"}, notes...)
	sizes := []float64{96, 44}
	y := 480
	for i, line := range lines {
		size := 40.0
		if i < len(sizes) {
			size = sizes[i]
		}
		faceID := fonts.SansRegular
		if i == 0 {
			faceID = fonts.SansBold
		}
		f := fonts.MustGet(faceID)
		face, err := opentype.NewFace(f.SFNT, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return err
		}
		d := font.Drawer{Dst: img, Src: image.White, Face: face}
		width := d.MeasureString(line).Round()
		d.Dot = fixed.P((w-width)/2, y)
		d.DrawString(line)
		y += int(size * 1.8)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}
