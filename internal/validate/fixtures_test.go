package validate

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// zipEntry is one file of a hand-made EPUB container.
type zipEntry struct {
	name string
	body string
}

// writeEPUB zips entries into path as an OCF container: the mimetype entry first and stored
// uncompressed, as EPUB requires, everything else deflated.
func writeEPUB(t testing.TB, path string, entries []zipEntry) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	mimetype, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		t.Fatalf("zip mimetype: %v", err)
	}
	if _, err := mimetype.Write([]byte("application/epub+zip")); err != nil {
		t.Fatalf("zip mimetype: %v", err)
	}
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			t.Fatalf("zip %s: %v", e.name, err)
		}
		if _, err := w.Write([]byte(e.body)); err != nil {
			t.Fatalf("zip %s: %v", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatalf("zip close: %v", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
}

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

// a11yMetadata is the accessibility metadata Ace asks for; with it, the only findings in a
// fixture are the ones a test plants on purpose.
const a11yMetadata = `
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessMode">visual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">alternativeText</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">A one-chapter fixture with a described image.</meta>
    <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`

// packageOPF declares nav, one chapter and one PNG; withA11y adds a11yMetadata.
func packageOPF(withA11y bool) string {
	extra := ""
	if withA11y {
		extra = a11yMetadata
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0b8e1f0e-5a4e-4c55-9a55-1d6a4b8a0c01</dc:identifier>
    <dc:title>Validator Fixture</dc:title>
    <dc:language>en</dc:language>
    <dc:creator>Imprint Tests</dc:creator>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>` + extra + `
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="chapter" href="chapter.xhtml" media-type="application/xhtml+xml"/>
    <item id="dot" href="dot.png" media-type="image/png"/>
  </manifest>
  <spine>
    <itemref idref="chapter"/>
  </spine>
</package>
`
}

const navXHTML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en">
<head><title>Contents</title></head>
<body>
  <nav epub:type="toc" id="toc" role="doc-toc">
    <h1>Contents</h1>
    <ol><li><a href="chapter.xhtml">Chapter One</a></li></ol>
  </nav>
</body>
</html>
`

// chapterXHTML wraps body in a minimal XHTML5 content document.
func chapterXHTML(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en">
<head><title>Chapter One</title></head>
<body>
  <section id="ch1" aria-labelledby="ch1-title">
` + body + `
  </section>
</body>
</html>
`
}

// Chapter bodies: a clean one; one whose image lacks alt text (an Ace violation); one that
// references a file the package lacks on two lines (one EPUBCheck error with two locations) and
// uses fixed positioning (a USAGE finding).
const (
	cleanChapter = `    <h1 id="ch1-title">Chapter One</h1>
    <p>It was a quiet morning in the print shop.</p>
    <p><img src="dot.png" alt="A small grey dot."/></p>`
	imageWithoutAltChapter = `    <h1 id="ch1-title">Chapter One</h1>
    <p>It was a quiet morning in the print shop.</p>
    <p><img src="dot.png"/></p>`
	brokenChapter = `    <h1 id="ch1-title">Chapter One</h1>
    <p>It was a quiet morning in the print shop.</p>
    <p><img src="dot.png" alt="A small grey dot."/></p>
    <p><img src="absent.png" alt="An image that was never packaged."/></p>
    <p><img src="absent.png" alt="The same image again."/></p>
    <p style="position:fixed">A pinned note.</p>`
)

// makeEPUB writes a one-chapter EPUB 3 into dir and returns its path.
func makeEPUB(t testing.TB, dir, name string, withA11y bool, chapterBody string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	writeEPUB(t, path, []zipEntry{
		{"META-INF/container.xml", containerXML},
		{"EPUB/package.opf", packageOPF(withA11y)},
		{"EPUB/nav.xhtml", navXHTML},
		{"EPUB/chapter.xhtml", chapterXHTML(chapterBody)},
		{"EPUB/dot.png", string(tinyPNG(t))},
	})
	return path
}

func tinyPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 4, 4))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatalf("encode png: %v", err)
	}
	return buf.Bytes()
}

// Geometry and content of the fixture PDF, in points, shared by the PDF tests.
const (
	pdfPageWidth  = 300.0
	pdfPageHeight = 200.0
	pdfTrimInset  = 9.0
	// The black square on page 1, for rendering checks.
	squareX, squareY, squareSide = 200.0, 100.0, 50.0
	// The first text line on page 1: left edge and baseline.
	helloX, helloBaseline = 30.0, 60.0
	helloText             = "Hello validator"
	ampersandText         = "Fish & chips <2>"
	unicodeText           = "Ærøskøbing café"
	pdfTitle              = "Fixture Title – Ærø"
)

var pdfDate = time.Date(2024, time.March, 5, 6, 7, 8, 0, time.UTC)

// makePDF writes a two-page PDF with full document metadata and a TrimBox inset on every side.
// Page 1: core Helvetica (not embedded), markup characters on its second line, a black square.
// Page 2: embedded Liberation Serif with non-ASCII text.
func makePDF(t testing.TB, dir string) string {
	t.Helper()
	pdf := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: pdfPageWidth, Ht: pdfPageHeight},
	})
	pdf.SetCreationDate(pdfDate)
	pdf.SetModificationDate(pdfDate)
	pdf.SetTitle(pdfTitle, true)
	pdf.SetAuthor("Ada Author", true)
	pdf.SetSubject("Validator fixture", true)
	pdf.SetKeywords("imprint, validate", true)
	pdf.SetCreator("imprint tests", true)
	pdf.SetProducer("fpdf", true)
	pdf.SetPageBox("trim", pdfTrimInset, pdfTrimInset, pdfPageWidth-2*pdfTrimInset, pdfPageHeight-2*pdfTrimInset)
	pdf.AddUTF8FontFromBytes("LiberationSerif", "", liberationserifregular.TTF)

	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	pdf.Text(helloX, helloBaseline, helloText)
	pdf.Text(helloX, helloBaseline+40, ampersandText)
	pdf.SetFillColor(0, 0, 0)
	pdf.Rect(squareX, squareY, squareSide, squareSide, "F")

	pdf.AddPage()
	pdf.SetFont("LiberationSerif", "", 14)
	pdf.Text(helloX, helloBaseline, unicodeText)

	path := filepath.Join(dir, "fixture.pdf")
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatalf("write fixture pdf: %v", err)
	}
	return path
}

// isDark reports whether a rendered pixel is closer to black than to white.
func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return (r+g+b)/3 < 0x8000
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
}
