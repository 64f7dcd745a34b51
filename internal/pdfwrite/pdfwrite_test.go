package pdfwrite_test

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/imprint-press/imprint/internal/fonts"
	"github.com/imprint-press/imprint/internal/pdfwrite"
	"github.com/imprint-press/imprint/internal/validate"
	"github.com/imprint-press/imprint/internal/verify/pdfread"
)

var stamp = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// sample draws a two-page document with everything the writer offers:
// text in three faces (one a fallback with non-Latin letters), a no-break
// space, a rule, a JPEG and a PNG with transparency, links of both kinds,
// a nested outline and a trim box.
func sample(t testing.TB) *pdfwrite.Document {
	t.Helper()
	d := pdfwrite.New(432, 648, pdfwrite.Info{
		Title: "Über (the) test", Author: "A. Writer", Subject: "Everything once", Keywords: "one, two",
		Creator: "imprint", Producer: "imprint", Created: stamp, Modified: stamp, Lang: "en-GB",
		XMP: []byte(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">` +
			`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""` +
			` xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Über (the) test` +
			`</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`),
	})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	d.AddPage()
	d.SetTrimBox(9, 9, 414, 630)
	d.Bookmark("Chapter one", 0, 72)
	must(d.SetFont(fonts.MustGet(fonts.SerifBold), 18))
	d.Text(72, 90, "Chapter one")
	must(d.SetFont(fonts.MustGet(fonts.SerifRegular), 11))
	d.Text(72, 120, "Plain text, “quoted”, and a no\u00a0break space.")
	d.LinkURI(72, 110, 100, 12, "https://example.org/a path/ü")
	note := d.NewDest()
	d.LinkDest(72, 130, 40, 12, note)
	d.Text(72, 140, "See the note.")
	must(d.SetFont(fonts.MustGet(fonts.FallbackSans), 11))
	d.Text(72, 160, "Հայերեն ქართული")
	d.Line(72, 170, 360, 170, 0.4)
	d.Bookmark("Section", 1, 180)
	jpg, err := d.RegisterImage(encodeJPEG(t))
	must(err)
	d.DrawImage(jpg, 72, 200, 100, 50)
	again, err := d.RegisterImage(encodeJPEG(t))
	must(err)
	if again != jpg {
		t.Error("the same image bytes registered twice are two images")
	}
	pngImage, err := d.RegisterImage(encodePNG(t))
	must(err)
	d.DrawImage(pngImage, 200, 200, 50, 50)
	d.AddPage()
	d.Bookmark("Chapter two", 0, 72)
	d.SetDest(note, 72)
	must(d.SetFont(fonts.MustGet(fonts.SerifItalic), 11))
	d.Text(72, 90, "The note (with parentheses) and a backslash \\.")
	return d
}

func encodeJPEG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	for y := range 8 {
		for x := range 8 {
			img.Set(x, y, color.NRGBA{R: 200, G: 10, B: byte(x * 30), A: byte(y * 32)})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sampleBytes(t testing.TB) []byte {
	t.Helper()
	data, err := sample(t).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSameDrawingSameBytes(t *testing.T) {
	if !bytes.Equal(sampleBytes(t), sampleBytes(t)) {
		t.Error("drawing the same document twice gave different bytes")
	}
}

// TestReadBack reads the sample with the project's independent reader:
// metadata, every line's text (a no-break space stays one), page count.
func TestReadBack(t *testing.T) {
	doc, err := pdfread.Read(sampleBytes(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Title": "Über (the) test", "Author": "A. Writer", "Subject": "Everything once",
		"Keywords": "one, two", "Creator": "imprint", "Producer": "imprint"}
	for k, v := range want {
		if doc.Info[k] != v {
			t.Errorf("Info %s = %q, want %q", k, doc.Info[k], v)
		}
	}
	if doc.Lang != "en-GB" || doc.XMP == nil {
		t.Errorf("Lang %q, XMP %v", doc.Lang, doc.XMP)
	}
	if len(doc.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(doc.Pages))
	}
	var lines []string
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			lines = append(lines, l.Text)
		}
	}
	// The reader, like pdftotext, reads a no-break space as a space; that
	// it is written as its own character is checked in TestToUnicode.
	got := strings.Join(lines, "\n")
	wantText := "Chapter one\nPlain text, “quoted”, and a no break space.\nSee the note.\nՀայերեն ქართული\n" +
		"The note (with parentheses) and a backslash \\."
	if got != wantText {
		t.Errorf("text read back:\n%s\nwant:\n%s", got, wantText)
	}
}

// TestToUnicode finds, among the decompressed streams, the ToUnicode map
// of the roman face: a space and a no-break space share a glyph but keep
// their own codes, so each is extracted as itself.
func TestToUnicode(t *testing.T) {
	data := sampleBytes(t)
	streams := regexp.MustCompile(`/Filter/FlateDecode/Length (\d+)>>\nstream\n`)
	found := false
	for _, m := range streams.FindAllSubmatchIndex(data, -1) {
		n, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(data[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(plain, []byte("beginbfchar")) && bytes.Contains(plain, []byte("> <00A0>")) &&
			bytes.Contains(plain, []byte("> <0020>")) {
			found = true
		}
	}
	if !found {
		t.Error("no ToUnicode map gives both a space and a no-break space")
	}
}

// TestValidators runs qpdf, pdffonts and pdfinfo on the sample.
func TestValidators(t *testing.T) {
	validate.Require(t, validate.ToolQPDF)
	validate.Require(t, validate.ToolPDFFonts)
	validate.Require(t, validate.ToolPDFInfo)
	path := filepath.Join(t.TempDir(), "sample.pdf")
	if err := os.WriteFile(path, sampleBytes(t), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := validate.QPDFCheck(path); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	list, err := validate.PDFFonts(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 {
		t.Errorf("%d fonts, want the 4 faces drawn: %+v", len(list), list)
	}
	tag := regexp.MustCompile(`^[A-Z]{6}\+`)
	for _, f := range list {
		if f.Type != "CID TrueType" || f.Encoding != "Identity-H" || !f.Embedded || !f.Subset || !f.Unicode ||
			!tag.MatchString(f.Name) {
			t.Errorf("font %+v: want an embedded, tagged CID TrueType subset with a ToUnicode map", f)
		}
	}
	info, err := validate.PDFInfo(path)
	if err != nil {
		t.Fatal(err)
	}
	if info["TrimBox"] != "9.00 9.00 423.00 639.00" && !strings.HasPrefix(info["TrimBox"], "9") {
		t.Errorf("TrimBox %q", info["TrimBox"])
	}
	if info["Pages"] != "2" || info["Title"] != "Über (the) test" {
		t.Errorf("pdfinfo: %v", info)
	}
}

// TestLinksAndOutline checks the link annotations, destinations and the
// outline tree in the file's objects.
func TestLinksAndOutline(t *testing.T) {
	data := string(sampleBytes(t))
	if !strings.Contains(data, "/URI (https://example.org/a%20path/%C3%BC)") {
		t.Error("the URI is not written as percent-encoded ASCII")
	}
	if n := strings.Count(data, "/Subtype/Link"); n != 2 {
		t.Errorf("%d link annotations, want 2", n)
	}
	page2 := regexp.MustCompile(`(\d+) 0 obj\n<</Type/Page/Parent`).FindAllStringSubmatch(data, -1)
	if len(page2) != 2 {
		t.Fatalf("%d page objects", len(page2))
	}
	if !strings.Contains(data, "/Dest ["+page2[1][1]+" 0 R/XYZ 0 576 null]") {
		t.Error("the internal link does not point at page two, 72 pt from the top")
	}
	if !strings.Contains(data, "/Type/Outlines") || len(regexp.MustCompile(`/Title [^/]*/Parent`).FindAllString(data, -1)) != 3 {
		t.Error("the outline does not hold the three bookmarks")
	}
	if !regexp.MustCompile(`/Title \(Chapter one\)/Parent \d+ 0 R/Next \d+ 0 R/First \d+ 0 R/Last \d+ 0 R/Count 1`).MatchString(data) {
		t.Error("Chapter one is not the parent of Section")
	}
}

func BenchmarkSample(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sample(b).Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBytesTwice writes the same document twice: object numbers are the
// file's, so the second file must not point at the first one's images.
func TestBytesTwice(t *testing.T) {
	d := sample(t)
	first, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	first = bytes.Clone(first)
	second, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("the second file (%d bytes) differs from the first (%d bytes)", len(second), len(first))
	}
}

// TestTextWithoutGlyphs draws a string the face has no glyph for: the font
// is never written, so the content must not select it (a Tf naming a font
// that is not in the page's resources, ISO 32000-1 9.3.1), and the font
// in use before must still be the one text is drawn in.
func TestTextWithoutGlyphs(t *testing.T) {
	d := pdfwrite.New(200, 200, pdfwrite.Info{})
	d.AddPage()
	roman := fonts.MustGet(fonts.SerifRegular)
	if err := d.SetFont(roman, 11); err != nil {
		t.Fatal(err)
	}
	d.Text(10, 20, "Before")
	if err := d.SetFont(fonts.MustGet(fonts.MonoRegular), 11); err != nil {
		t.Fatal(err)
	}
	d.Text(10, 40, "\U0001F600")
	if err := d.SetFont(roman, 11); err != nil {
		t.Fatal(err)
	}
	d.Text(10, 60, "After")
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdfread.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range doc.Pages[0].Lines {
		lines = append(lines, l.Text)
	}
	if got := strings.Join(lines, "|"); got != "Before|After" {
		t.Errorf("text read back %q, want %q", got, "Before|After")
	}
}
