package pdf

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/validate"
)

// typesetBody loads body under a minimal front matter in dir and typesets it.
func typesetBody(t *testing.T, dir, body string) (*Edition, error) {
	t.Helper()
	src := "---\ntitle: T\nauthor: A. Writer\nlang: en\n---\n\n" + body
	doc, err := manuscript.Parse(filepath.Join(dir, "x.md"), []byte(src), manuscript.Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	return Typeset(doc)
}

// TestHostileLayout: what the loader lets through at its limits is set
// inside the measure, and none of its text is lost.
func TestHostileLayout(t *testing.T) {
	for _, c := range []struct {
		name, body string
		char       string // every one of them must be drawn
		count      int
	}{
		{"100,000-character word", strings.Repeat("x", 100000) + "\n", "x", 100000},
		{"100,000-character URL", "<https://example.com/" + strings.Repeat("q/", 49990) + ">\n", "q", 49990},
		{"32 nested block quotes", strings.Repeat("> ", 32) + strings.Repeat("deep ", 100) + "\n", "deep", 100},
		{"32 nested lists", strings.Repeat("- ", 32) + strings.Repeat("deep ", 100) + "\n", "deep", 100},
		{"32 nested numbers", strings.Repeat("99999. ", 32) + strings.Repeat("deep ", 100) + "\n", "deep", 100},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := typesetBody(t, t.TempDir(), c.body)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, d := range checkMeasure(t, e) {
				n += strings.Count(d.text, c.char)
			}
			if n != c.count {
				t.Errorf("%d of %d %q drawn", n, c.count, c.char)
			}
		})
	}
}

// TestTooTallTable: a table row taller than a page is refused with its
// line and what to do, not the page builder's block numbers.
func TestTooTallTable(t *testing.T) {
	row := "| " + strings.Repeat(strings.Repeat("y", 80)+" | ", 30) + "\n"
	body := "Text.\n\n| " + strings.Repeat("a | ", 30) + "\n|" + strings.Repeat(" --- |", 30) + "\n" + row
	_, err := typesetBody(t, t.TempDir(), body)
	var tall *TooTallError
	if !errors.As(err, &tall) || tall.Line != 9 || !strings.Contains(err.Error(), "x.md:9: a row of this table is") ||
		!strings.Contains(err.Error(), "give the table fewer columns or shorter cells") {
		t.Errorf("error %v, want a TooTallError on line 9", err)
	}
}

// TestLongLinksAreNotLinked: a URL past maxLinkBytes is printed but not
// made a link, whose annotation every fragment of it would repeat.
func TestLongLinksAreNotLinked(t *testing.T) {
	short := "https://example.com/" + strings.Repeat("s", 100)
	long := "https://example.com/" + strings.Repeat("l", maxLinkBytes)
	e, err := typesetBody(t, t.TempDir(), "<"+short+"> and <"+long+">\n")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("/URI ("+short+")")) {
		t.Error("the short URL is not a link")
	}
	if bytes.Contains(buf.Bytes(), []byte("lllllllll")) {
		t.Error("the long URL is a link")
	}
}

// TestSameImageTwice is what building the CommonMark examples as one book
// found: two image files with the same bytes put one resource name twice
// in a page's resources.
func TestSameImageTwice(t *testing.T) {
	validate.Require(t, validate.ToolQPDF)
	dir := t.TempDir()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.png", "b.png"} {
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e, err := typesetBody(t, dir, "![A](a.png)\n\nText.\n\n![B](b.png)\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.doc.Images) != 2 || e.doc.Images[0] == e.doc.Images[1] {
		t.Fatalf("want two images, got %d", len(e.doc.Images))
	}
	path := filepath.Join(dir, "x.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if out, err := validate.QPDFCheck(path); err != nil {
		t.Errorf("%v\n%s", err, out)
	}
}

// TestMetadataGlyphs: what the loader accepts in the front matter is
// checked before it is drawn. An emoji in the identifier, which only the
// colophon sets, or in a subject, which only the Info dictionary holds, is
// refused with its line, as in the text.
func TestMetadataGlyphs(t *testing.T) {
	for _, c := range []struct{ field, value string }{
		{"identifier", "https://example.com/😀"},
		{"subject", "[Food, 🍕]"},
		{"rights", "© 𝐀"},
		{"lead-image", "{file: lead.png, credit: \"📷 A. Photographer\"}"},
	} {
		dir := t.TempDir()
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 30, 20))); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "lead.png"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		src := "---\ntitle: T\nauthor: A\nlang: en\n" + c.field + ": " + c.value + "\n---\n\nText.\n"
		doc, err := manuscript.Parse(filepath.Join(dir, "x.md"), []byte(src), manuscript.Options{Root: dir})
		if err != nil {
			t.Fatalf("%s: %v", c.field, err)
		}
		_, err = Typeset(doc)
		var ge *GlyphError
		if !errors.As(err, &ge) || ge.Rune < 0x10000 {
			t.Errorf("%s: %v, want a GlyphError naming the character above U+FFFF", c.field, err)
		}
	}
}
