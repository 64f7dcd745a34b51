package verify

import (
	"bytes"
	gobuild "go/build"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	ibuild "github.com/imprint-press/imprint/internal/build"
	"github.com/imprint-press/imprint/internal/verify/epubread"
	"github.com/imprint-press/imprint/internal/verify/pdfread"
)

func drifted(r *Report) []string {
	var out []string
	for _, res := range r.Drift() {
		out = append(out, res.Field)
	}
	return out
}

func check(t *testing.T, withManuscript bool, epubData, pdfData []byte) *Report {
	t.Helper()
	doc := fixture.doc
	if !withManuscript {
		doc = nil
	}
	r, err := CheckData(doc, epubData, pdfData)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func reportText(r *Report) string {
	var b bytes.Buffer
	r.Write(&b)
	return b.String()
}

// The editions as built, read from disk, agree with the manuscript, and
// the report has a line for every field.
func TestBuiltEditions(t *testing.T) {
	r, err := Check(fixture.manuscript, fixture.epubPath, fixture.pdfPath, Options{Root: fixture.root})
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Errorf("drift in the editions as built:\n%s", reportText(r))
	}
	for _, field := range []string{"title", "subtitle", "creator", "file-as", "date", "modified", "language", "identifier",
		"publisher", "rights", "description", "subjects", "credit", "bio", "paragraphs", "pages"} {
		if r.Result(field) == nil {
			t.Errorf("the report has no %s line", field)
		}
	}
}

// Untouched editions pass, compared with the manuscript and with each
// other.
func TestUntouchedEditionsPass(t *testing.T) {
	for _, withManuscript := range []bool{true, false} {
		r := check(t, withManuscript, fixture.epub, fixture.pdf)
		if !r.OK() {
			t.Errorf("manuscript=%v: drift in untouched editions:\n%s", withManuscript, reportText(r))
		}
		if withManuscript {
			if note := r.Result("paragraphs").Note; !strings.Contains(note, "18 paragraphs and headings") {
				t.Errorf("paragraphs: %q, want all 18 of the article's paragraphs and headings checked", note)
			}
			if note := r.Result("pages").Note; !strings.HasPrefix(note, "6 pages") {
				t.Errorf("pages: %q, want 6 pages checked", note)
			}
		}
	}
}

// Each mutation changes one field in one place of one edition; verify
// must name exactly that field, in both modes.
func TestOneChangeNamesOneField(t *testing.T) {
	const name = "Jacqueline R. Sutherland"
	cases := []struct {
		what       string
		epub, pdf  func(t *testing.T) []byte
		field      string
		mentioning string // the changed value, which the drift line must show
		// manuscriptOnly: comparing the editions with each other cannot
		// tell which one lost text the other has, only that the EPUB's
		// text is in the PDF.
		manuscriptOnly bool
	}{
		{what: "title in the XMP only", field: "title", mentioning: "How Was ISIS",
			pdf: func(t *testing.T) []byte {
				return replaceInPDF(t, fixture.pdf, []byte(`<rdf:li xml:lang="x-default">How Is ISIS`), []byte(`<rdf:li xml:lang="x-default">How Was ISIS`))
			}},
		{what: "creator in the OPF only", field: "creator", mentioning: "Jacqueline Sutherland",
			epub: func(t *testing.T) []byte {
				return rewriteEPUB(t, fixture.epub, "EPUB/package.opf", func(b []byte) []byte {
					return replaceOnce(t, b, ">"+name+"</dc:creator>", ">Jacqueline Sutherland</dc:creator>")
				})
			}},
		{what: "paragraph dropped from the PDF text", field: "paragraphs", mentioning: "Given the Emni’s alarming",
			pdf: func(t *testing.T) []byte {
				return dropPDFLines(t, fixture.pdf, "Given the Emni’s alarming", "cause for concern.")
			}},
		{what: "page break moved", field: "pages", mentioning: "page 3",
			epub: func(t *testing.T) []byte { return moveMarker(t, fixture.epub, 3, true) }},
		{what: "page break removed", field: "pages", mentioning: "no marker for page 4",
			epub: func(t *testing.T) []byte { return moveMarker(t, fixture.epub, 4, false) }},
		{what: "author in the Info dictionary only", field: "creator", mentioning: "Jacqueline R Sutherland",
			pdf: func(t *testing.T) []byte {
				return replaceInPDF(t, fixture.pdf, []byte("/Author ("+name+")"), []byte("/Author (Jacqueline R Sutherland)"))
			}},
		{what: "language in the OPF only", field: "language", mentioning: "en-GB",
			epub: func(t *testing.T) []byte {
				return rewriteEPUB(t, fixture.epub, "EPUB/package.opf", func(b []byte) []byte {
					return replaceOnce(t, b, "<dc:language>en-US<", "<dc:language>en-GB<")
				})
			}},
		{what: "modified date in the Info dictionary only", field: "modified", mentioning: "D:20261124000000",
			pdf: func(t *testing.T) []byte {
				return replaceInPDF(t, fixture.pdf, []byte("/ModDate (D:20261123000000Z)"), []byte("/ModDate (D:20261124000000Z)"))
			}},
		{what: "a subject dropped from the XMP only", field: "subjects", mentioning: `"Libya"`,
			pdf: func(t *testing.T) []byte {
				return replaceInPDF(t, fixture.pdf, []byte("<rdf:li>Libya</rdf:li></rdf:Bag></dc:subject>"), []byte("</rdf:Bag></dc:subject>"))
			}},
		{what: "publication date in the OPF only", field: "date", mentioning: "2026-11-22",
			epub: func(t *testing.T) []byte {
				return rewriteEPUB(t, fixture.epub, "EPUB/package.opf", func(b []byte) []byte {
					return replaceOnce(t, b, "<dc:date>2026-11-23</dc:date>", "<dc:date>2026-11-22</dc:date>")
				})
			}},
		{what: "bio dropped from the EPUB", field: "bio", mentioning: "bio paragraph 1 of 1 is missing", manuscriptOnly: true,
			epub: func(t *testing.T) []byte {
				return rewriteEPUB(t, fixture.epub, "EPUB/about.xhtml", func(b []byte) []byte {
					return replaceOnce(t, b, "<p>Jacqueline R. Sutherland is the", "<p>")
				})
			}},
	}
	for _, c := range cases {
		t.Run(c.what, func(t *testing.T) {
			epubData, pdfData := fixture.epub, fixture.pdf
			if c.epub != nil {
				epubData = c.epub(t)
			}
			if c.pdf != nil {
				pdfData = c.pdf(t)
			}
			for _, withManuscript := range []bool{true, false} {
				if !withManuscript && c.manuscriptOnly {
					continue
				}
				r := check(t, withManuscript, epubData, pdfData)
				if got := drifted(r); !slices.Equal(got, []string{c.field}) {
					t.Errorf("manuscript=%v: drifted fields = %v, want exactly [%s]\n%s", withManuscript, got, c.field, reportText(r))
					continue
				}
				line := r.Result(c.field).Line()
				t.Logf("manuscript=%v: %s", withManuscript, line)
				if !strings.HasPrefix(line, "DRIFT "+c.field+" ") || !strings.Contains(line, c.mentioning) {
					t.Errorf("manuscript=%v: drift line %q does not show %q", withManuscript, line, c.mentioning)
				}
			}
		})
	}
}

// A drift line shows every source's value.
func TestDriftLineShowsEverySource(t *testing.T) {
	pdfData := replaceInPDF(t, fixture.pdf, []byte(`<rdf:li xml:lang="x-default">How Is ISIS`), []byte(`<rdf:li xml:lang="x-default">Who Is ISIS`))
	r := check(t, true, fixture.epub, pdfData)
	line := r.Result("title").Line()
	title := fixture.doc.Meta.Title
	for _, want := range []string{`manuscript="` + title + `"`, `epub="` + title + `"`, `pdf(info)="` + title + `"`,
		`pdf(xmp)="Who Is ISIS`} {
		if !strings.Contains(line, want) {
			t.Errorf("title line %q lacks %s", line, want)
		}
	}
	if ok := r.Result("creator").Line(); !strings.HasPrefix(ok, "ok    creator") {
		t.Errorf("creator line = %q", ok)
	}
}

// A page list that stops short, or an EPUB whose markers point elsewhere
// than its list says, drifts on pages.
func TestPageListMustListEveryMarker(t *testing.T) {
	book, err := epubread.Read(fixture.epub)
	if err != nil {
		t.Fatal(err)
	}
	last := book.Markers[len(book.Markers)-1]
	short := rewriteEPUB(t, fixture.epub, book.NavPath, func(b []byte) []byte {
		i := bytes.LastIndex(b, []byte("<li><a href="))
		j := i + bytes.Index(b[i:], []byte("</li>")) + len("</li>")
		return append(append([]byte(nil), b[:i]...), b[j:]...)
	})
	r := check(t, true, short, fixture.pdf)
	if got := drifted(r); !slices.Equal(got, []string{"pages"}) {
		t.Fatalf("drifted = %v, want [pages]\n%s", got, reportText(r))
	}
	if line := r.Result("pages").Line(); !strings.Contains(line, "ends before page "+last.Label) {
		t.Errorf("pages line %q does not say the list ends before page %s", line, last.Label)
	}
}

// verify shares nothing with the writers: none of its packages imports
// them, directly or through another package of the module.
func TestSharesNothingWithWriters(t *testing.T) {
	const module = "github.com/imprint-press/imprint/"
	writers := []string{"internal/epub", "internal/pdf", "internal/linebreak", "internal/paginate", "internal/cover", "internal/build", "internal/hyphen", "internal/fonts", "internal/pdfwrite"}
	seen := map[string]bool{}
	var walk func(pkg, via string)
	walk = func(pkg, via string) {
		if seen[pkg] || !strings.HasPrefix(pkg, module) {
			return
		}
		seen[pkg] = true
		for _, w := range writers {
			if pkg == module+w {
				t.Errorf("%s imports %s", via, pkg)
			}
		}
		p, err := gobuild.Import(pkg, fixture.root, 0)
		if err != nil {
			t.Fatalf("%s: %v", pkg, err)
		}
		for _, imp := range p.Imports {
			walk(imp, pkg)
		}
	}
	for _, sub := range []string{"", "/epubread", "/pdfread", "/xmltree"} {
		walk(module+"internal/verify"+sub, "verify")
	}
	if !seen[module+"internal/manuscript"] {
		t.Error("the import walk did not reach internal/manuscript; it is not looking where it should")
	}
}

// Check reports an edition that was never built as such.
func TestMissingEdition(t *testing.T) {
	_, err := Check(fixture.manuscript, filepath.Join(t.TempDir(), "none.epub"), fixture.pdfPath, Options{Root: fixture.root})
	if err == nil || !strings.Contains(err.Error(), "no such edition") {
		t.Errorf("err = %v, want no such edition", err)
	}
}

func BenchmarkVerifyArticle(b *testing.B) {
	opts := Options{Root: fixture.root}
	for b.Loop() {
		r, err := Check(fixture.manuscript, fixture.epubPath, fixture.pdfPath, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Results) == 0 {
			b.Fatal("empty report")
		}
	}
}

// Damaged editions are read with an error or with what is left; the
// readers never fault.
func TestDamagedEditionsFailCleanly(t *testing.T) {
	for _, ed := range []struct {
		name string
		data []byte
		read func(d []byte) error
	}{
		{"pdf", fixture.pdf, func(d []byte) error { _, err := pdfread.Read(d); return err }},
		{"epub", fixture.epub, func(d []byte) error { _, err := epubread.Read(d); return err }},
	} {
		step := len(ed.data)/61 + 1
		for n := 0; n < len(ed.data); n += step {
			damaged := bytes.Clone(ed.data)
			damaged[n] ^= 0x55
			for _, d := range [][]byte{ed.data[:n], damaged} {
				if err := ed.read(d); err != nil && strings.Contains(err.Error(), "fault") {
					t.Fatalf("%s damaged at byte %d: %v", ed.name, n, err)
				}
			}
		}
	}
}

// A manuscript unlike the article (a subtitle, two authors, an ISBN, no
// date, no bio, no image; a list, a quotation, a footnote) builds into
// editions that verify passes.
func TestAnotherManuscriptPasses(t *testing.T) {
	dir := t.TempDir()
	var body strings.Builder
	body.WriteString(`---
title: "On Checking Editions"
subtitle: "What the Reader Sees"
author:
  - name: Ada Writer
  - name: Bo Editor
lang: en-GB
identifier: "978-0-306-40615-7"
publisher: Test Press
rights: "© The authors."
description: "A test of every field."
subject: [Testing, Publishing]
---

Opening paragraph, with a note.[^1]

## A Heading

`)
	for i := range 30 {
		body.WriteString("Paragraph " + strconv.Itoa(i+1) + " repeats itself to fill the pages, so that the print edition runs to several of them and the page list has work to do; self-evident, well-known words test the hyphens.\n\n")
	}
	body.WriteString("- first item\n- second item\n\n> A quotation, set apart.\n\nThe end.\n\n[^1]: The note itself.\n")
	src := filepath.Join(dir, "other.md")
	if err := os.WriteFile(src, []byte(body.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "dist")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := ibuild.One(src, ibuild.Options{OutDir: out, Root: dir}); err != nil {
		t.Fatal(err)
	}
	r, err := Check(src, filepath.Join(out, "other.epub"), filepath.Join(out, "other.pdf"), Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Errorf("drift:\n%s", reportText(r))
	}
	if v := r.Result("subtitle").Values; len(v) == 0 || v[0].Text != `"What the Reader Sees"` {
		t.Errorf("subtitle values %v", v)
	}
	pair, err := Check("", filepath.Join(out, "other.epub"), filepath.Join(out, "other.pdf"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !pair.OK() {
		t.Errorf("drift between the editions:\n%s", reportText(pair))
	}
}
