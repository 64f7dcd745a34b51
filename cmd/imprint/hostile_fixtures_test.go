package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Fixtures for the hostile-manuscript tests, made here rather than
// committed: images good and bad, and manuscripts too big to keep.

// frontMatter opens a manuscript with the required fields and extra lines.
func frontMatter(extra ...string) string {
	return "---\ntitle: A Title\nauthor: A. Writer\nlang: en\n" + strings.Join(extra, "") + "---\n\n"
}

// goodManuscript is what every case builds first, so that each can check
// that the editions it fails to make leave these ones alone.
const goodManuscript = "---\ntitle: Good\nauthor: A. Writer\nlang: en\n---\n\nSome text that builds.\n"

func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 24, 16))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func testJPEG(t *testing.T) []byte {
	t.Helper()
	// Noise, so that most of the file is scan data and cutting it
	// anywhere past the middle leaves a header that still parses.
	img := image.NewRGBA(image.Rect(0, 0, 160, 100))
	seed := uint32(1)
	for x := 0; x < 160; x++ {
		for y := 0; y < 100; y++ {
			seed = seed*1664525 + 1013904223
			img.Set(x, y, color.RGBA{uint8(seed >> 24), uint8(seed >> 16), uint8(seed >> 8), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngChunk is one PNG chunk with its length and checksum.
func pngChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// bombPNG is a small, well-formed PNG header claiming width x height
// pixels: a decompression bomb.
func bombPNG(width, height uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, width)
	ihdr = binary.BigEndian.AppendUint32(ihdr, height)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = append(b, pngChunk("IHDR", ihdr)...)
	b = append(b, pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(b, pngChunk("IEND", nil)...)
}

// corruptPNG flips a byte inside the first IDAT chunk, which its checksum
// then no longer matches.
func corruptPNG(t *testing.T) []byte {
	t.Helper()
	b := append([]byte(nil), testPNG(t)...)
	i := bytes.Index(b, []byte("IDAT"))
	if i < 0 {
		t.Fatal("test PNG has no IDAT chunk")
	}
	b[i+6] ^= 0xff
	return b
}

// articleBody is the first manuscript's text without its front matter,
// repeated to make manuscripts of a given size.
func articleBody(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "manuscript", "article.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
	if !ok {
		t.Fatal("manuscript/article.md has no front matter")
	}
	return body
}

// bigManuscript is about size bytes of real prose in sections.
func bigManuscript(t *testing.T, size int) string {
	t.Helper()
	body := articleBody(t)
	var b strings.Builder
	b.WriteString(frontMatter())
	for i := 1; b.Len() < size; i++ {
		b.WriteString("## Part " + strconv.Itoa(i) + "\n\n" + body + "\n")
	}
	return b.String()
}
