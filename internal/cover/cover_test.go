package cover

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"
)

var article = Content{
	Title:   "How Is ISIS Able to Commit Acts of Terror as It Loses Territory?",
	Authors: []string{"Jacqueline R. Sutherland"},
}

const articleSubtitle = "As Iraq and Syria are liberated from ISIS’s tyrannical grip, the cosmopolitan hubs of New York, London and Barcelona—among far too many others—are assaulted in its name."

func render(t testing.TB, c Content) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := PNG(&buf, c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteArticleCover(t *testing.T) {
	c := article
	c.Subtitle = articleSubtitle
	if err := os.WriteFile("/tmp/cover-article.png", render(t, c), 0o644); err != nil {
		t.Fatal(err)
	}
	_ = png.Decode
	_ = image.Decode
	_ = strings.Repeat
}

func BenchmarkPNG(b *testing.B) {
	withSub := article
	withSub.Subtitle = articleSubtitle
	for _, bc := range []struct {
		name string
		c    Content
	}{{"NoSubtitle", article}, {"Subtitle", withSub}} {
		b.Run(bc.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := PNG(&buf, bc.c); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len())/1024, "KiB")
		})
	}
}

func TestAdlerMatchesStdlib(t *testing.T) {
	data := make([]byte, 3*5552+13)
	for i := range data {
		if i%7 < 3 {
			data[i] = byte(i*31 + 255)
		}
	}
	data = append(data, make([]byte, 40000)...)
	var s adler
	s.a = 1
	s.update(data[:100])
	s.zeros(0)
	s.update(data[100:])
	if got, want := s.value(), adler32.Checksum(data); got != want {
		t.Errorf("adler = %08x, want %08x", got, want)
	}
	s = adler{a: 1}
	s.update(data[:5])
	s.zeros(200000)
	if got, want := s.value(), adler32.Checksum(append(data[:5:5], make([]byte, 200000)...)); got != want {
		t.Errorf("adler over zero run = %08x, want %08x", got, want)
	}
}
