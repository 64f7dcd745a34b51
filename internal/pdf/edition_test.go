package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/sourcetext"
	"github.com/imprint-press/imprint/internal/validate"
)

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "edition.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestArticleCarriesTheSourceText checks the PDF's extracted text against
// the article as received: every paragraph and the bio in order, the
// caption and credit with the image, curly quotes and dashes intact, and
// none of the web page's leftovers.
func TestArticleCarriesTheSourceText(t *testing.T) {
	validate.Require(t, "pdftotext")
	src, err := sourcetext.Load(filepath.Join(repoRoot, "manuscript", "source", "article-as-received.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := loadArticle(t)
	raw, err := validate.PDFRawText(writeTemp(t, buildPDF(t, doc)))
	if err != nil {
		t.Fatal(err)
	}
	text := sourcetext.StripPageFurniture(raw, doc.Meta.Title, doc.Meta.AuthorNames()[0])
	want := append([]string{src.Title, src.Standfirst, src.Caption, src.Credit}, src.Body...)
	want = append(want, src.Bio)
	if err := sourcetext.InOrder(text, want); err != nil {
		t.Error(err)
	}
	for _, l := range src.Leftovers {
		if sourcetext.Contains(text, l) {
			t.Errorf("web leftover %q is in the edition", l)
		}
	}
	for _, mark := range []string{"’", "—", "“", "”"} {
		if !strings.Contains(text, mark) {
			t.Errorf("%q lost in the PDF's text", mark)
		}
	}
}

func TestArticlePassesQPDFAndEmbedsEveryFont(t *testing.T) {
	validate.Require(t, "qpdf")
	validate.Require(t, "pdffonts")
	for _, bleed := range []bool{false, true} {
		doc := loadArticle(t)
		doc.Meta.Print.Bleed = bleed
		path := writeTemp(t, buildPDF(t, doc))
		if out, err := validate.QPDFCheck(path); err != nil {
			t.Errorf("bleed=%v: qpdf --check: %v\n%s", bleed, err, out)
		}
		fonts, err := validate.PDFFonts(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(fonts) < 3 {
			t.Errorf("only %d fonts: want roman, italic and bold at least", len(fonts))
		}
		for _, f := range fonts {
			if !f.Embedded || !f.Unicode {
				t.Errorf("font %s: embedded=%v unicode=%v", f.Name, f.Embedded, f.Unicode)
			}
		}
	}
}

// TestMetadataAndPageBoxes reads the PDF's Info dictionary, page size and
// TrimBox back with pdfinfo, for every paper with and without bleed.
func TestMetadataAndPageBoxes(t *testing.T) {
	validate.Require(t, "pdfinfo")
	cases := []struct {
		paper       string
		bleed       bool
		size, trim  string
		trimPageTwo string
	}{
		{"trade", false, "432 x 648 pts", "0.00 0.00 432.00 648.00", "0.00 0.00 432.00 648.00"},
		{"trade", true, "441 x 666 pts", "0.00 9.00 432.00 657.00", "9.00 9.00 441.00 657.00"},
		{"letter", false, "612 x 792 pts (letter)", "0.00 0.00 612.00 792.00", ""},
		{"a4", false, "595.28 x 841.89 pts (A4)", "0.00 0.00 595.28 841.89", ""},
	}
	for _, c := range cases {
		doc := loadArticle(t)
		doc.Meta.Print = document.PrintOptions{Paper: c.paper, Bleed: c.bleed}
		info, err := validate.PDFInfo(writeTemp(t, buildPDF(t, doc)))
		if err != nil {
			t.Fatal(err)
		}
		m := doc.Meta
		want := map[string]string{
			"Title": m.Title, "Author": "Jacqueline R. Sutherland", "Subject": m.Description,
			"Keywords": strings.Join(m.Subjects, ", "), "Creator": Creator, "Producer": Producer,
			"CreationDate": "2026-11-23T00:00:00Z", "ModDate": "2026-11-23T00:00:00Z",
			"Page size": c.size,
		}
		for k, v := range want {
			if got := info[k]; got != v && !(strings.HasSuffix(k, "Date") && strings.HasPrefix(got, "2026-11-23T00:00:00")) {
				t.Errorf("%s bleed=%v: %s = %q, want %q", c.paper, c.bleed, k, got, v)
			}
		}
		if got := strings.Join(strings.Fields(info["TrimBox"]), " "); got != c.trim {
			t.Errorf("%s bleed=%v: TrimBox %q, want %q", c.paper, c.bleed, got, c.trim)
		}
	}
}

// TestXMPMatchesTheInfoDictionary checks the XMP packet carries the same
// fields, plus the identifier and language.
func TestXMPMatchesTheInfoDictionary(t *testing.T) {
	doc := loadArticle(t)
	b := buildPDF(t, doc)
	start, end := bytes.Index(b, []byte("<x:xmpmeta")), bytes.Index(b, []byte("</x:xmpmeta>"))
	if start < 0 || end < start {
		t.Fatal("no uncompressed XMP packet in the PDF")
	}
	xmp := string(b[start:end])
	for _, want := range []string{doc.Meta.Title, "Jacqueline R. Sutherland", doc.Meta.Identifier.URN(), "en-US",
		"Imprint Press", "Counterterrorism", "2026-11-23T00:00:00Z", "ISIS’s tyrannical grip"} {
		if !strings.Contains(xmp, want) {
			t.Errorf("XMP lacks %q", want)
		}
	}
	if !bytes.Contains(b, []byte("/Lang (en-US)")) {
		t.Error("no /Lang (en-US) in the catalog")
	}
}

// TestTwentyBuildsOneFile builds the article twenty times with and without
// bleed: no map order or clock may leak into the bytes.
func TestTwentyBuildsOneFile(t *testing.T) {
	for _, bleed := range []bool{false, true} {
		distinct := map[[32]byte]bool{}
		for i := 0; i < 20; i++ {
			doc := loadArticle(t)
			doc.Meta.Print.Bleed = bleed
			distinct[sha256.Sum256(buildPDF(t, doc))] = true
		}
		if len(distinct) != 1 {
			t.Errorf("bleed=%v: 20 builds gave %d distinct files", bleed, len(distinct))
		}
	}
}

// TestWordSpacing measures what readers see: on every full-width line the
// mean gap between words, as a fraction of the line height. pandoc with
// XeLaTeX sets 95% of this article's lines at or under 0.48 and the worst
// at 0.53; imprint must be at least as even.
func TestWordSpacing(t *testing.T) {
	validate.Require(t, "pdftotext")
	doc := loadArticle(t)
	pages, err := validate.PDFWordBoxes(writeTemp(t, buildPDF(t, doc)))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := formatFor(doc.Meta.Print.Paper, false)
	var ratios []float64
	for pi, p := range pages {
		left := f.columnLeft(pi + 1)
		right := left + f.measure()
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				if len(l.Words) < 2 {
					continue
				}
				// No word may pass the column's edges.
				if l.XMin < left-0.5 || l.XMax > right+0.5 {
					t.Errorf("page %d: line %q runs from %.1f to %.1f, outside the column %.1f–%.1f", pi+1, l.Text(), l.XMin, l.XMax, left, right)
				}
				if l.XMax-l.XMin < 0.98*f.measure() {
					continue // a last line, a heading, a caption: not justified
				}
				var gaps float64
				for i := 1; i < len(l.Words); i++ {
					gaps += l.Words[i].XMin - l.Words[i-1].XMax
				}
				ratios = append(ratios, gaps/float64(len(l.Words)-1)/(l.YMax-l.YMin))
			}
		}
	}
	if len(ratios) < 50 {
		t.Fatalf("only %d full-width lines found; the measurement is not seeing the text", len(ratios))
	}
	sort.Float64s(ratios)
	p95, worst := ratios[len(ratios)*95/100], ratios[len(ratios)-1]
	t.Logf("%d full-width lines: median %.3f, 95th percentile %.3f, worst %.3f (XeLaTeX: 0.48, 0.53)", len(ratios), ratios[len(ratios)/2], p95, worst)
	if p95 > 0.48 || worst > 0.53 {
		t.Errorf("word spacing less even than XeLaTeX's: 95th percentile %.3f (max 0.48), worst %.3f (max 0.53)", p95, worst)
	}
}

// TestMissingGlyphIsAnError: a character no embedded font has fails the
// build with its line, never a blank box or a panic (even for runes above
// U+FFFF).
func TestMissingGlyphIsAnError(t *testing.T) {
	for _, c := range []struct {
		body string
		line int
		r    rune
	}{
		{"Fine.\n\nA rocket 🚀 here.\n", 8, '🚀'},
		{"日本語\n", 6, '日'},
		{"# Heading 한\n", 6, '한'},
	} {
		dir := t.TempDir()
		src := "---\ntitle: T\nauthor: A\nlang: en\n---\n" + c.body
		doc, err := manuscript.Parse(filepath.Join(dir, "x.md"), []byte(src), manuscript.Options{Root: dir})
		if err != nil {
			t.Fatal(err)
		}
		err = Write(&bytes.Buffer{}, doc)
		var ge *GlyphError
		if !errors.As(err, &ge) {
			t.Fatalf("%q: got %v, want a GlyphError", c.body, err)
		}
		if ge.Line != c.line || ge.Rune != c.r || !regexp.MustCompile(`x\.md:\d+: character U\+[0-9A-F]{4,}`).MatchString(err.Error()) {
			t.Errorf("%q: %v (line %d, want %d)", c.body, err, ge.Line, c.line)
		}
	}
}
