package cover

import (
	"bytes"
	"fmt"
	"github.com/imprint-press/imprint/internal/cpubench"
	"image"
	"image/color"
	_ "image/png" // image.Decode must recognise the output as PNG
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/fonts"
)

var article = Content{
	Title:   "How Is ISIS Able to Commit Acts of Terror as It Loses Territory?",
	Authors: []string{"Jacqueline R. Sutherland"},
}

const articleSubtitle = "As Iraq and Syria are liberated from ISIS’s tyrannical grip, the cosmopolitan hubs of New York, London and Barcelona—among far too many others—are assaulted in its name."

func articleWithSubtitle() Content {
	c := article
	c.Subtitle = articleSubtitle
	return c
}

// stress holds covers whose text cannot fit at the largest sizes.
var stress = map[string]Content{
	"long title": {
		Title:   strings.Repeat("Notes on the Governance of Rivers, Harbours and Cities ", 12),
		Authors: []string{"A. Author"},
	},
	"long subtitle": {
		Title:    "Rivers",
		Subtitle: strings.Repeat("A long sentence about what the book argues and why it matters now, ", 40),
		Authors:  []string{"A. Author"},
	},
	"long everything": {
		Title:    strings.Repeat("Governance of Rivers and Cities ", 20),
		Subtitle: strings.Repeat("A long sentence about what the book argues, ", 40),
		Authors:  []string{strings.Repeat("Wolfeschlegelsteinhausen ", 4), "Second Author", "Third Author", "Fourth Author"},
	},
	"unbreakable words": {
		Title:    strings.Repeat("Donaudampfschifffahrtsgesellschaft", 8),
		Subtitle: strings.Repeat("Kapitänsmützenabzeichen", 30),
		Authors:  []string{strings.Repeat("X", 200)},
	},
}

func render(t testing.TB, c Content) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := PNG(&buf, c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoding the cover: %v", err)
	}
	if format != "png" {
		t.Fatalf("format %q, want png", format)
	}
	return img
}

func TestDecodesAtFullSize(t *testing.T) {
	img := decode(t, render(t, articleWithSubtitle()))
	if got := img.Bounds(); got != image.Rect(0, 0, Width, Height) {
		t.Errorf("bounds %v, want %dx%d", got, Width, Height)
	}
}

// TestEncoderRoundTrip checks the hand-made PNG against the canvas it came
// from, pixel for pixel, through the standard library's decoder.
func TestEncoderRoundTrip(t *testing.T) {
	for name, c := range map[string]Content{"article": articleWithSubtitle(), "long": stress["long everything"]} {
		cv := newCanvas(coverPalette)
		if err := layout(cv, c.Title, c.Subtitle, bylineTokens(c.Authors)); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := encodePNG(&buf, cv); err != nil {
			t.Fatal(err)
		}
		got, ok := decode(t, buf.Bytes()).(*image.Paletted)
		if !ok {
			t.Fatalf("%s: decoded as %T, want *image.Paletted", name, got)
		}
		for y := 0; y < Height; y++ {
			want := cv.img.Pix[y*cv.img.Stride:][:Width]
			if row := got.Pix[y*got.Stride:][:Width]; !bytes.Equal(row, want) {
				t.Fatalf("%s: row %d differs after decoding", name, y)
			}
		}
		cv.release()
	}
}

func TestDeterministic(t *testing.T) {
	first := render(t, articleWithSubtitle())
	// A different cover in between must leave nothing behind in the
	// recycled buffers.
	render(t, stress["long everything"])
	if again := render(t, articleWithSubtitle()); !bytes.Equal(first, again) {
		t.Error("the same content gave different bytes")
	}
}

func TestDifferentContentDifferentBytes(t *testing.T) {
	base := render(t, article)
	other := article
	other.Title = "How Is ISIS Able to Commit Acts of Terror as It Gains Territory?"
	if bytes.Equal(base, render(t, other)) {
		t.Error("a different title gave the same bytes")
	}
	if bytes.Equal(base, render(t, articleWithSubtitle())) {
		t.Error("adding a subtitle gave the same bytes")
	}
	other = article
	other.Authors = []string{"Someone Else"}
	if bytes.Equal(base, render(t, other)) {
		t.Error("a different author gave the same bytes")
	}
}

// inkOutside counts pixels that are not background outside the safe area,
// and pixels in the title's colour inside it.
func inkOutside(t *testing.T, img image.Image) (outside, titleInside int) {
	p, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("decoded as %T, want *image.Paletted", img)
	}
	bg := color.RGBAModel.Convert(background)
	title := color.RGBAModel.Convert(titleColour)
	isBackground := make([]bool, len(p.Palette))
	isTitle := make([]bool, len(p.Palette))
	for i, c := range p.Palette {
		isBackground[i] = color.RGBAModel.Convert(c) == bg
		isTitle[i] = color.RGBAModel.Convert(c) == title
	}
	for y := 0; y < Height; y++ {
		row := p.Pix[y*p.Stride:][:Width]
		for x, idx := range row {
			switch {
			case !(image.Point{x, y}).In(safeArea):
				if !isBackground[idx] {
					outside++
				}
			case isTitle[idx]:
				titleInside++
			}
		}
	}
	return outside, titleInside
}

func TestInkStaysWithinMargins(t *testing.T) {
	cases := map[string]Content{"article": article, "article with subtitle": articleWithSubtitle()}
	for name, c := range stress {
		cases[name] = c
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			outside, title := inkOutside(t, decode(t, render(t, c)))
			if outside > 0 {
				t.Errorf("%d pixels of ink outside the margins %v", outside, safeArea)
			}
			// Guards against passing by drawing nothing at all.
			if title < 10000 {
				t.Errorf("only %d fully inked title pixels; was the title drawn?", title)
			}
		})
	}
}

func TestLongTextShrinksThenTruncates(t *testing.T) {
	st := blockStyle{maxSize: 68, minSize: 40, step: 2, maxLines: 7, leading: 1.3, width: 1280, height: 700, balance: true}
	m := newMeasurer(fonts.MustGet(subtitleFace), 0)
	b := fit(m, strings.Fields(stress["long subtitle"].Subtitle), st)
	if b.size != st.minSize {
		t.Errorf("size %v, want the minimum %v", b.size, st.minSize)
	}
	if h := m.inkHeight(len(b.lines), b.size, st.leading); h > st.height {
		t.Errorf("%d lines are %.0f px tall, zone is %.0f", len(b.lines), h, st.height)
	}
	last := b.lines[len(b.lines)-1]
	if end := last[len(last)-1].text; !strings.HasSuffix(end, "…") || strings.HasSuffix(end, ",…") {
		t.Errorf("truncated block ends %q, want a word and an ellipsis", end)
	}
	for i, line := range b.lines {
		if w := m.inkWidth(line) * b.size / m.upem; w > st.width {
			t.Errorf("line %d is %.1f px wide, measure is %v", i, w, st.width)
		}
	}

	short := fit(m, strings.Fields("A Natural History"), st)
	if short.size != st.maxSize || len(short.lines) != 1 {
		t.Errorf("a short subtitle was set at %v px in %d lines, want %v px in 1", short.size, len(short.lines), st.maxSize)
	}
}

func TestTitleLinesAreBalanced(t *testing.T) {
	m := newMeasurer(fonts.MustGet(titleFace), titleTracking)
	b := fit(m, strings.Fields(article.Title), blockStyle{maxSize: 150, minSize: 72, step: 2, maxLines: 6, leading: 1.06, width: measure, height: 1100, balance: true})
	var shortest, longest float64
	for i, line := range b.lines {
		w := m.inkWidth(line)
		if i == 0 || w < shortest {
			shortest = w
		}
		longest = max(longest, w)
	}
	if len(b.lines) < 2 || shortest < 0.6*longest {
		t.Errorf("lines from %.0f to %.0f units: not balanced (%d lines)", shortest, longest, len(b.lines))
	}
}

func TestMissingGlyphIsNamed(t *testing.T) {
	for _, tc := range []struct {
		c     Content
		wants []string
	}{
		{Content{Title: "Smile 😀 please", Authors: []string{"A"}}, []string{"title", "U+1F600", "'😀'", "no embedded font"}},
		{Content{Title: "Fine", Subtitle: "with a ☃ snowman"}, []string{"subtitle", "U+2603", "'☃'"}},
		{Content{Title: "Fine", Authors: []string{"OK", "Bad\u0007Bell"}}, []string{"author", "U+0007", `'\a'`}},
	} {
		var buf bytes.Buffer
		err := PNG(&buf, tc.c)
		if err == nil {
			t.Errorf("%+v: no error", tc.c)
			continue
		}
		for _, want := range tc.wants {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not mention %q", err, want)
			}
		}
		if buf.Len() != 0 {
			t.Errorf("%d bytes written despite the error", buf.Len())
		}
	}
}

func TestEmptyTitle(t *testing.T) {
	for _, title := range []string{"", " \n\t "} {
		if err := PNG(&bytes.Buffer{}, Content{Title: title, Authors: []string{"A"}}); err == nil || !strings.Contains(err.Error(), "title") {
			t.Errorf("title %q: error %v, want one about the empty title", title, err)
		}
	}
}

func TestBylineTokens(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{" ", ""}, ""},
		{[]string{"Ann  Lee"}, "Ann Lee"},
		{[]string{"Ann", "Bo"}, "Ann|and Bo"},
		{[]string{"Ann", "", "Bo Li", "Cy"}, "Ann,|Bo Li|and Cy"},
	} {
		if got := strings.Join(bylineTokens(tc.in), "|"); got != tc.want {
			t.Errorf("bylineTokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBylineKeepsNamesWhole(t *testing.T) {
	m := newMeasurer(fonts.MustGet(bylineFace), bylineTracking)
	three := fitByline(m, bylineTokens([]string{"ANN OTHER", "B. WRITER", "CARLA THIRD"}))
	if len(three.lines) != 1 {
		t.Errorf("three short names took %d lines, want 1", len(three.lines))
	}
	long := []string{"ALEXANDRA CONSTANTINOPOULOU-WINTERBOTTOM", "BARNABY FITZWILLIAM-HORNSBY", "CARLA THIRD"}
	b := fitByline(m, bylineTokens(long))
	if len(b.lines) != 2 {
		t.Fatalf("long names took %d lines, want 2", len(b.lines))
	}
	for _, line := range b.lines {
		for _, w := range line {
			if !strings.Contains(w.text, " ") {
				t.Errorf("a name was broken: line piece %q", w.text)
			}
		}
	}
}

// TestWriteSamples writes sample covers for a person to look at, when
// IMPRINT_COVER_SAMPLES names a directory.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("IMPRINT_COVER_SAMPLES")
	if dir == "" {
		t.Skip("set IMPRINT_COVER_SAMPLES=dir to write sample covers")
	}
	samples := map[string]Content{
		"cover-article.png":       articleWithSubtitle(),
		"cover-article-nosub.png": article,
		"cover-short.png":         {Title: "Dust", Subtitle: "A Natural History", Authors: []string{"Ann Other", "B. Writer", "Carla Third"}},
	}
	for name, c := range stress {
		samples["cover-"+strings.ReplaceAll(name, " ", "-")+".png"] = c
	}
	for name, c := range samples {
		if err := os.WriteFile(filepath.Join(dir, name), render(t, c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	for _, bc := range []struct {
		name string
		c    Content
	}{{"NoSubtitle", article}, {"Subtitle", articleWithSubtitle()}} {
		b.Run(bc.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			cpubench.Loop(b, func() {
				buf.Reset()
				if err := PNG(&buf, bc.c); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(buf.Len())/1024, "KiB")
		})
	}
}

func TestInvalidUTF8IsReported(t *testing.T) {
	// No embedded face has U+FFFD, so broken text is reported, not drawn.
	for _, c := range []Content{{Title: "Broken \xff byte"}, {Title: "Fine", Authors: []string{"A\xc3"}}} {
		err := PNG(&bytes.Buffer{}, c)
		if err == nil || !strings.Contains(err.Error(), "U+FFFD") {
			t.Errorf("%q: error %v, want one naming U+FFFD", c, err)
		}
	}
}

func TestConcurrentCoversMatch(t *testing.T) {
	want := map[string][]byte{}
	contents := map[string]Content{"article": articleWithSubtitle(), "long": stress["long everything"], "short": article}
	for name, c := range contents {
		want[name] = render(t, c)
	}
	errs := make(chan error, 12)
	for i := range 12 {
		go func() {
			for name, c := range contents {
				var buf bytes.Buffer
				if err := PNG(&buf, c); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(buf.Bytes(), want[name]) {
					errs <- fmt.Errorf("goroutine %d: %s differs", i, name)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 12 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
