package validate

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestQPDFCheckAcceptsValidPDF(t *testing.T) {
	Require(t, ToolQPDF)
	out, err := QPDFCheck(makePDF(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("output lacks qpdf's all-clear:\n%s", out)
	}
}

func TestQPDFCheckRejectsDamagedPDF(t *testing.T) {
	Require(t, ToolQPDF)
	dir := t.TempDir()
	data, err := os.ReadFile(makePDF(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	// Point startxref at a wrong offset: qpdf recovers, but only with warnings.
	damaged := regexp.MustCompile(`startxref\s+\d+`).ReplaceAll(data, []byte("startxref\n1"))
	if bytes.Equal(damaged, data) {
		t.Fatal("fixture has no startxref to damage")
	}
	path := filepath.Join(dir, "damaged.pdf")
	writeFile(t, path, string(damaged))
	out, err := QPDFCheck(path)
	if err == nil {
		t.Fatalf("QPDFCheck accepted a damaged PDF:\n%s", out)
	}
	if !strings.Contains(err.Error(), "WARNING") {
		t.Errorf("error should carry qpdf's warnings: %v", err)
	}
}

func TestPDFInfoReadsMetadataAndBoxes(t *testing.T) {
	Require(t, ToolPDFInfo)
	info, err := PDFInfo(makePDF(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Title":        pdfTitle,
		"Author":       "Ada Author",
		"Subject":      "Validator fixture",
		"Keywords":     "imprint, validate",
		"Creator":      "imprint tests",
		"Producer":     "fpdf",
		"CreationDate": pdfDate.Format("2006-01-02T15:04:05Z"),
		"ModDate":      pdfDate.Format("2006-01-02T15:04:05Z"),
		"Pages":        "2",
		"Page size":    fmt.Sprintf("%g x %g pts", pdfPageWidth, pdfPageHeight),
	}
	for key, value := range want {
		if info[key] != value {
			t.Errorf("%s = %q, want %q", key, info[key], value)
		}
	}
	wantBoxes := map[string][4]float64{
		"MediaBox": {0, 0, pdfPageWidth, pdfPageHeight},
		"TrimBox":  {pdfTrimInset, pdfTrimInset, pdfPageWidth - pdfTrimInset, pdfPageHeight - pdfTrimInset},
	}
	for key, box := range wantBoxes {
		fields := strings.Fields(info[key])
		if len(fields) != 4 {
			t.Errorf("%s = %q, want four numbers", key, info[key])
			continue
		}
		for i, f := range fields {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || math.Abs(v-box[i]) > 0.01 {
				t.Errorf("%s = %q, want %v", key, info[key], box)
				break
			}
		}
	}
}

func TestPDFFontsListsEmbeddedAndCoreFonts(t *testing.T) {
	Require(t, ToolPDFFonts)
	fonts, err := PDFFonts(makePDF(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if len(fonts) != 2 {
		t.Fatalf("got %d fonts, want 2: %+v", len(fonts), fonts)
	}
	byName := map[string]Font{}
	for _, f := range fonts {
		byName[strings.ToLower(f.Name)] = f
	}
	helvetica, ok := byName["helvetica"]
	if !ok || helvetica.Type != "Type 1" || helvetica.Encoding != "WinAnsi" || helvetica.Embedded || helvetica.Unicode {
		t.Errorf("Helvetica = %+v, want a non-embedded Type 1 WinAnsi core font", helvetica)
	}
	// fpdf names the embedded UTF-8 font after its family.
	serif, ok := byName["utf8liberationserif"]
	if !ok || serif.Type != "CID TrueType" || serif.Encoding != "Identity-H" || !serif.Embedded || !serif.Unicode {
		t.Errorf("Liberation Serif = %+v, want an embedded CID TrueType font with ToUnicode", serif)
	}
	if serif.Object == "" || serif.Object == helvetica.Object {
		t.Errorf("object ids %q and %q should be distinct and present", serif.Object, helvetica.Object)
	}
}

func TestParsePDFFontsHandlesOverlongNamesAndSpaces(t *testing.T) {
	// Shaped like poppler 22's pdffonts: the first name overflows its 36-character column.
	out := `name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
ABCDEF+LiberationSerif-BoldItalicExtended-Long CID TrueType (OT) Identity-H       yes yes yes     12  0
[none]                               Type 3            Custom           yes no  no      40  0
Times New Roman                      TrueType          WinAnsi          no  no  yes      7  1
`
	fonts, err := parsePDFFonts(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []Font{
		{Name: "ABCDEF+LiberationSerif-BoldItalicExtended-Long", Type: "CID TrueType (OT)", Encoding: "Identity-H", Embedded: true, Subset: true, Unicode: true, Object: "12 0"},
		{Name: "[none]", Type: "Type 3", Encoding: "Custom", Embedded: true, Object: "40 0"},
		{Name: "Times New Roman", Type: "TrueType", Encoding: "WinAnsi", Unicode: true, Object: "7 1"},
	}
	if len(fonts) != len(want) {
		t.Fatalf("got %d fonts, want %d: %+v", len(fonts), len(want), fonts)
	}
	for i := range want {
		if fonts[i] != want[i] {
			t.Errorf("font %d = %+v, want %+v", i, fonts[i], want[i])
		}
	}
	if _, err := parsePDFFonts("Syntax Error: Couldn't open file\n"); err == nil {
		t.Error("parsePDFFonts accepted output without a header")
	}
}

func TestPDFTextExtractsUnicodeByPage(t *testing.T) {
	Require(t, ToolPDFToText)
	text, err := PDFText(makePDF(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(text, "\f")
	if len(pages) < 2 {
		t.Fatalf("want form-feed separated pages, got %q", text)
	}
	if !strings.Contains(pages[0], helloText) || !strings.Contains(pages[0], ampersandText) {
		t.Errorf("page 1 = %q, want %q and %q", pages[0], helloText, ampersandText)
	}
	if !strings.Contains(pages[1], unicodeText) {
		t.Errorf("page 2 = %q, want %q", pages[1], unicodeText)
	}
}

func TestPDFWordBoxesLocatesWords(t *testing.T) {
	Require(t, ToolPDFToText)
	pages, err := PDFWordBoxes(makePDF(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 {
		t.Fatalf("got %d pages, want 2", len(pages))
	}
	for i, p := range pages {
		if p.Width != pdfPageWidth || p.Height != pdfPageHeight {
			t.Errorf("page %d is %gx%g, want %gx%g", i+1, p.Width, p.Height, pdfPageWidth, pdfPageHeight)
		}
	}
	lines := allLines(pages[0])
	if len(lines) != 2 || lines[0].Text() != helloText || lines[1].Text() != ampersandText {
		t.Fatalf("page 1 lines = %+v, want %q then %q", lines, helloText, ampersandText)
	}
	hello := lines[0].Words[0]
	// The word starts where it was drawn and its box straddles the baseline.
	if math.Abs(hello.XMin-helloX) > 0.5 || hello.YMin >= helloBaseline || hello.YMax <= helloBaseline || hello.XMax <= hello.XMin {
		t.Errorf("%q box = %+v, want xMin≈%g around baseline y=%g", hello.Text, hello.Box, helloX, helloBaseline)
	}
	if !(lines[1].YMin > lines[0].YMax) {
		t.Errorf("second line %+v should lie below the first %+v", lines[1].Box, lines[0].Box)
	}
	page2 := allLines(pages[1])
	if len(page2) != 1 || page2[0].Text() != unicodeText {
		t.Errorf("page 2 lines = %+v, want %q", page2, unicodeText)
	}
}

func TestParseWordBoxesRejectsNonXML(t *testing.T) {
	if _, err := parseWordBoxes([]byte("<html><body><doc><page width=")); err == nil {
		t.Error("parseWordBoxes accepted truncated XHTML")
	}
}

func allLines(p Page) []Line {
	var lines []Line
	for _, b := range p.Blocks {
		lines = append(lines, b.Lines...)
	}
	return lines
}

func TestPDFToPNGRendersPagesAtDPI(t *testing.T) {
	Require(t, ToolPDFToPPM)
	dir := t.TempDir()
	const dpi = 144
	scale := float64(dpi) / 72
	prefix := filepath.Join(dir, "page")
	if err := PDFToPNG(makePDF(t, dir), prefix, dpi); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"page-1.png", "page-2.png"} {
		if _, err := os.Stat(filepath.Join(dir, page)); err != nil {
			t.Errorf("missing rendered %s: %v", page, err)
		}
	}
	f, err := os.Open(prefix + "-1.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	bounds := img.Bounds()
	if bounds.Dx() != int(pdfPageWidth*scale) || bounds.Dy() != int(pdfPageHeight*scale) {
		t.Errorf("page 1 is %dx%d px, want %gx%g", bounds.Dx(), bounds.Dy(), pdfPageWidth*scale, pdfPageHeight*scale)
	}
	centre := func(v float64) int { return int((v + squareSide/2) * scale) }
	if !isDark(img.At(centre(squareX), centre(squareY))) {
		t.Error("the black square's centre rendered light")
	}
	if isDark(img.At(int(5*scale), int(5*scale))) {
		t.Error("the empty top-left corner rendered dark")
	}
	if err := PDFToPNG(prefix+"-1.png", prefix, 0); err == nil {
		t.Error("PDFToPNG accepted dpi 0")
	}
}
