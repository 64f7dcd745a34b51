package epub

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/markdown"
	"github.com/imprint-press/imprint/internal/pdf"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// withPrintPages lays the print edition out and hands its page starts to
// the document, as internal/build does before writing the EPUB.
func withPrintPages(t testing.TB, doc *document.Document) *document.Document {
	t.Helper()
	ed, err := pdf.Typeset(doc)
	if err != nil {
		t.Fatalf("typesetting the print edition: %v", err)
	}
	doc.PageStarts = ed.PageStarts
	return doc
}

// marker is one page-break marker as a reading system finds it.
type marker struct {
	doc                       string
	id, label, role, epubType string
	at                        int // where it stands in its document's text
}

// markedText reads an XHTML document's text (character data only) and the
// page-break markers in it.
func markedText(t *testing.T, name string, data []byte) (string, []marker) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var text strings.Builder
	var markers []marker
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return text.String(), markers
		}
		if err != nil {
			t.Fatalf("%s is not well-formed: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			text.Write(tok)
		case xml.StartElement:
			m := marker{doc: name, at: text.Len()}
			for _, a := range tok.Attr {
				switch {
				case a.Name.Space == opsNS && a.Name.Local == "type":
					m.epubType = a.Value
				case a.Name.Local == "id":
					m.id = a.Value
				case a.Name.Local == "role":
					m.role = a.Value
				case a.Name.Local == "aria-label":
					m.label = a.Value
				}
			}
			if strings.Contains(m.epubType, "pagebreak") || strings.Contains(m.role, "doc-pagebreak") {
				if tok.Name.Local != "span" {
					t.Errorf("%s: page break marker %q is a <%s>", name, m.id, tok.Name.Local)
				}
				markers = append(markers, m)
			}
		}
	}
}

// after is the text that follows a marker, from its first visible character.
func after(text string, at int) string {
	return strings.TrimLeftFunc(text[at:], unicode.IsSpace)
}

// printWords splits a block's text the way the page starts count words:
// at breakable white space and hard line breaks, not at no-break spaces.
// Written apart from the package's own counting, so the two check each other.
func printWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) && r != '\u00a0' && r != '\u2007' && r != '\u202f'
	})
}

// astWords finds the block a page start names (the first block in document
// order whose first line starts at offset) and returns its words, from its
// Text nodes.
func astWords(part *document.Part, offset int) []string {
	var words []string
	_ = ast.Walk(part.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.Lines().Len() == 0 || n.Lines().At(0).Start != offset {
			return ast.WalkContinue, nil
		}
		var b strings.Builder
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if tx, ok := c.(*ast.Text); ok && entering {
				v := tx.Value(part.Source)
				if !tx.IsRaw() {
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				b.Write(v)
				if tx.HardLineBreak() {
					b.WriteString("\u2028")
				} else if tx.SoftLineBreak() {
					b.WriteByte(' ')
				}
			}
			return ast.WalkContinue, nil
		})
		words = printWords(b.String())
		return ast.WalkStop, nil
	})
	return words
}

// pageListBook is an EPUB with a page list, read back.
type pageListBook struct {
	files   map[string][]byte
	dir     string
	spine   []string
	texts   map[string]string
	markers map[string]marker // by id
	order   []marker          // in reading order
	navList []navLink
}

type navLink struct{ href, label string }

func readPageListBook(t *testing.T, data []byte) *pageListBook {
	t.Helper()
	files, _, _ := unzip(t, data)
	b := &pageListBook{files: files, dir: "EPUB", texts: map[string]string{}, markers: map[string]marker{}}
	b.spine = parseOPF(t, files["EPUB/package.opf"]).spineHrefs(t)
	for _, href := range b.spine {
		text, ms := markedText(t, href, files[path.Join(b.dir, href)])
		b.texts[href] = text
		for _, m := range ms {
			if _, dup := b.markers[m.id]; dup {
				t.Errorf("marker id %q is used twice", m.id)
			}
			b.markers[m.id] = m
			b.order = append(b.order, m)
		}
	}
	var nav struct {
		Navs []struct {
			Type  string `xml:"http://www.idpf.org/2007/ops type,attr"`
			Links []struct {
				Href  string `xml:"href,attr"`
				Label string `xml:",chardata"`
			} `xml:"ol>li>a"`
		} `xml:"body>nav"`
	}
	if err := xml.Unmarshal(files["EPUB/nav.xhtml"], &nav); err != nil {
		t.Fatalf("nav.xhtml: %v", err)
	}
	for _, n := range nav.Navs {
		if n.Type == "page-list" {
			for _, l := range n.Links {
				b.navList = append(b.navList, navLink{l.Href, l.Label})
			}
		}
	}
	return b
}

// checkPageList checks what every EPUB with a page list must satisfy: one
// marker per printed page, in reading order, each listed in the navigation
// document and the NCX, in page order.
func (b *pageListBook) checkPageList(t *testing.T, starts []document.PageStart) {
	t.Helper()
	if len(b.markers) != len(starts) || len(b.navList) != len(starts) {
		t.Fatalf("%d page starts, %d markers, %d page-list entries", len(starts), len(b.markers), len(b.navList))
	}
	for i, ps := range starts {
		n := strconv.Itoa(ps.Page)
		l := b.navList[i]
		doc, id, _ := strings.Cut(l.href, "#")
		m, ok := b.markers[id]
		switch {
		case l.label != n:
			t.Errorf("page-list entry %d is labelled %q, want %q", i, l.label, n)
		case !ok || m.doc != doc:
			t.Errorf("page-list entry %q points at no marker", l.href)
		case m.id != "page-"+n || m.label != n || m.role != "doc-pagebreak" || m.epubType != "pagebreak":
			t.Errorf("page %s's marker is %+v", n, m)
		case b.order[i].id != id:
			t.Errorf("page %s's marker is marker %d in reading order", n, slices.IndexFunc(b.order, func(o marker) bool { return o.id == id }))
		}
	}
	var ncx struct {
		Metas []struct {
			Name    string `xml:"name,attr"`
			Content string `xml:"content,attr"`
		} `xml:"head>meta"`
		Points []struct {
			PlayOrder int `xml:"playOrder,attr"`
		} `xml:"navMap>navPoint"`
		Targets []struct {
			Type      string `xml:"type,attr"`
			Value     string `xml:"value,attr"`
			PlayOrder int    `xml:"playOrder,attr"`
			Label     string `xml:"navLabel>text"`
			Content   struct {
				Src string `xml:"src,attr"`
			} `xml:"content"`
		} `xml:"pageList>pageTarget"`
	}
	if err := xml.Unmarshal(b.files["EPUB/toc.ncx"], &ncx); err != nil {
		t.Fatalf("toc.ncx: %v", err)
	}
	if len(ncx.Targets) != len(starts) {
		t.Fatalf("toc.ncx has %d page targets for %d pages", len(ncx.Targets), len(starts))
	}
	order := len(ncx.Points) // the top-level points; nested ones only raise it
	for i, pt := range ncx.Targets {
		n := strconv.Itoa(starts[i].Page)
		if pt.Type != "normal" || pt.Value != n || pt.Label != n || pt.Content.Src != b.navList[i].href || pt.PlayOrder <= order {
			t.Errorf("page target %d: %+v (previous playOrder %d)", i, pt, order)
		}
		order = pt.PlayOrder
	}
	for _, m := range ncx.Metas {
		if m.Name == "dtb:totalPageCount" && m.Content != strconv.Itoa(len(starts)) {
			t.Errorf("dtb:totalPageCount is %s for %d pages", m.Content, len(starts))
		}
	}
}

// TestPageListFollowsPrintEdition builds the article as internal/build
// does, print edition first, and checks that every printed page is marked
// in the EPUB where the page starts say it begins.
func TestPageListFollowsPrintEdition(t *testing.T) {
	doc := withPrintPages(t, loadArticle(t))
	b := readPageListBook(t, build(t, doc))
	b.checkPageList(t, doc.PageStarts)
	midParagraph := 0
	for _, ps := range doc.PageStarts {
		m, ok := b.markers["page-"+strconv.Itoa(ps.Page)]
		if !ok {
			continue // reported by checkPageList
		}
		next := after(b.texts[m.doc], m.at)
		var want string
		switch {
		case ps.Part == "front":
			want = doc.Meta.Title
		case ps.Part == "colophon":
			want = "Colophon"
		case ps.Offset < 0:
			t.Fatalf("page %d begins where the article has no such page: %+v", ps.Page, ps)
		default:
			part := &doc.Body
			if ps.Part == "bio" {
				part = doc.Bio
			}
			words := astWords(part, ps.Offset)
			if ps.Word >= len(words) {
				t.Fatalf("page %d: word %d of a %d-word block", ps.Page, ps.Word, len(words))
			}
			want = words[ps.Word]
			if ps.Word > 0 {
				midParagraph++
			}
		}
		if !strings.HasPrefix(next, want) {
			t.Errorf("page %d (%+v): the marker in %s is followed by %.40q, want %q", ps.Page, ps, m.doc, next, want)
		}
	}
	if midParagraph == 0 {
		t.Error("no page of the article begins inside a paragraph: the word placement is untested")
	}
	opf := parseOPF(t, b.files["EPUB/package.opf"])
	features := opf.property("schema:accessibilityFeature", "")
	for _, want := range []string{"printPageNumbers", "pageNavigation", "pageBreakMarkers"} {
		if !slices.Contains(features, want) {
			t.Errorf("accessibility features %q lack %s", features, want)
		}
	}
	if got := opf.property("pageBreakSource", ""); !slices.Equal(got, []string{doc.Meta.Identifier.URN()}) {
		t.Errorf("pageBreakSource %q, want the print edition's identifier", got)
	}
	if got := dcSources(t, b.files["EPUB/package.opf"]); !slices.Equal(got, []string{doc.Meta.Identifier.URN()}) {
		t.Errorf("dc:source %q, want the print edition's identifier", got)
	}
	summary := strings.Join(opf.property("schema:accessibilitySummary", ""), "")
	if !strings.Contains(summary, strconv.Itoa(len(doc.PageStarts))+" pages") {
		t.Errorf("the accessibility summary does not mention the print edition's pages: %q", summary)
	}
}

func dcSources(t *testing.T, data []byte) []string {
	t.Helper()
	var p struct {
		Metadata struct {
			Sources []string `xml:"http://purl.org/dc/elements/1.1/ source"`
		} `xml:"metadata"`
	}
	if err := xml.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	return p.Metadata.Sources
}

// inlineBody puts words where a page might begin in awkward places: inside
// emphasis, links, code, after escapes and entities, across a no-break
// space and a hard line break, in a list, a table, a definition list and a
// note.
const inlineBody = `Plain words then *an emphasised phrase* and un*believ*able and *em*phasis,
a [link with several words](https://example.com/) and ` + "`code with spaces`" + `, a
no-break` + "\u00a0" + `space pair, an escaped \*star and &amp; entity\
after a hard break.[^1]

| Head | Other |
|------|-------|
| cell | cell  |

- first item
- second item

Term
: Its definition.

[^1]: A note with a few words.
`

// TestPageBreaksInsideInlines places pages at awkward words and checks
// each marker precedes its word, where it should be, in well-formed XHTML.
func TestPageBreaksInsideInlines(t *testing.T) {
	doc := loadFixture(t, "sample/sample.md")
	doc.Body = document.Part{Path: "inline.md", Source: []byte(inlineBody)}
	doc.Body.Root = markdown.Parse(doc.Body.Source)
	// The words of the first paragraph as a reader reads them.
	reader := "Plain words then an emphasised phrase and unbelievable and emphasis, a link with several words and " +
		"code with spaces, a no-break\u00a0space pair, an escaped *star and & entity after a hard break.1"
	words := printWords(reader)
	at := func(word string, nth int) int {
		for i, w := range words {
			if w == word {
				if nth == 0 {
					return i
				}
				nth--
			}
		}
		t.Fatalf("no word %q", word)
		return -1
	}
	offset := func(s string) int { return strings.Index(inlineBody, s) }
	type page struct {
		start  document.PageStart
		word   string // what the marker must precede
		markup string // the marker in context, "" to skip; PAGE stands for the marker
	}
	pages := []page{
		{document.PageStart{Part: "front", Offset: -1}, doc.Meta.Title, ""},
		{document.PageStart{Part: "body", Offset: 0, Word: at("emphasised", 0)}, "emphasised", "<em>an PAGEemphasised"},
		{document.PageStart{Part: "body", Offset: 0, Word: at("unbelievable", 0)}, "unbelievable", "and PAGEun<em>believ</em>able"},
		{document.PageStart{Part: "body", Offset: 0, Word: at("emphasis,", 0)}, "emphasis,", "and PAGE<em>em</em>phasis"},
		{document.PageStart{Part: "body", Offset: 0, Word: at("link", 0)}, "link", "a PAGE<a "},
		{document.PageStart{Part: "body", Offset: 0, Word: at("words", 1)}, "words", "several PAGEwords</a>"},
		{document.PageStart{Part: "body", Offset: 0, Word: at("with", 1)}, "with", "<code>code PAGEwith spaces</code>"},
		{document.PageStart{Part: "body", Offset: 0, Word: at("pair,", 0)}, "pair,", ""},
		{document.PageStart{Part: "body", Offset: 0, Word: at("*star", 0)}, "*star", "escaped PAGE*star"},
		{document.PageStart{Part: "body", Offset: 0, Word: at("&", 0)}, "&", "and PAGE&amp; entity"},
		{document.PageStart{Part: "body", Offset: 0, Word: at("after", 0)}, "after", "<br />\nPAGEafter"},
		{document.PageStart{Part: "body", Offset: offset("Head")}, "Head", "PAGE<table>"},
		{document.PageStart{Part: "body", Offset: offset("second item")}, "second", "<li>PAGEsecond"},
		{document.PageStart{Part: "body", Offset: offset("Term")}, "Term", "<dt>PAGETerm"},
		{document.PageStart{Part: "notes", Offset: -1}, "1.", "PAGE<div class=\"footnotes\">"},
		{document.PageStart{Part: "notes", Offset: offset("A note"), Word: 4}, "few", "a PAGEfew"},
		{document.PageStart{Part: "bio", Offset: -1}, "About the Author", ""},
		{document.PageStart{Part: "colophon", Offset: -1}, "Colophon", ""},
	}
	for i := range pages {
		pages[i].start.Page = i + 1
		doc.PageStarts = append(doc.PageStarts, pages[i].start)
	}
	b := readPageListBook(t, build(t, doc))
	b.checkPageList(t, doc.PageStarts)
	for _, p := range pages {
		id := "page-" + strconv.Itoa(p.start.Page)
		m, ok := b.markers[id]
		if !ok {
			continue
		}
		if next := after(b.texts[m.doc], m.at); !strings.HasPrefix(next, p.word) {
			t.Errorf("page %d: marker followed by %.30q, want %q", p.start.Page, next, p.word)
		}
		if p.markup != "" {
			want := strings.Replace(p.markup, "PAGE", pageMarkup(p.start.Page), 1)
			if !strings.Contains(string(b.files[path.Join(b.dir, m.doc)]), want) {
				t.Errorf("page %d: %s lacks %q", p.start.Page, m.doc, want)
			}
		}
	}
}

func pageMarkup(page int) string {
	var b strings.Builder
	writePageBreaks(&b, []int{page})
	return b.String()
}

// TestNoPageListWithoutPrintEdition: an EPUB built alone claims no page
// navigation; the same book with the print edition's pages does.
func TestNoPageListWithoutPrintEdition(t *testing.T) {
	claims := func(t *testing.T, data []byte) []string {
		files, _, _ := unzip(t, data)
		var found []string
		for name, b := range files {
			if strings.HasSuffix(name, ".xhtml") && bytes.Contains(b, []byte("pagebreak")) {
				found = append(found, path.Base(name)+" has page breaks")
			}
		}
		if bytes.Contains(files["EPUB/nav.xhtml"], []byte("page-list")) {
			found = append(found, "page-list nav")
		}
		if bytes.Contains(files["EPUB/toc.ncx"], []byte("<pageList")) {
			found = append(found, "NCX pageList")
		}
		opf := parseOPF(t, files["EPUB/package.opf"])
		for _, f := range opf.property("schema:accessibilityFeature", "") {
			if f == "printPageNumbers" || f == "pageNavigation" || f == "pageBreakMarkers" {
				found = append(found, f)
			}
		}
		if len(dcSources(t, files["EPUB/package.opf"])) > 0 {
			found = append(found, "dc:source")
		}
		if len(opf.property("pageBreakSource", "")) > 0 {
			found = append(found, "pageBreakSource")
		}
		if strings.Contains(strings.Join(opf.property("schema:accessibilitySummary", ""), ""), "print edition") {
			found = append(found, "summary mentions the print edition")
		}
		slices.Sort(found)
		return found
	}
	alone := loadFixture(t, "sample/sample.md")
	if got := claims(t, build(t, alone)); len(got) > 0 {
		t.Errorf("an EPUB built without the print edition has %q", got)
	}
	want := []string{"NCX pageList", "article.xhtml has page breaks", "colophon.xhtml has page breaks", "dc:source",
		"page-list nav", "pageBreakMarkers", "pageBreakSource", "pageNavigation", "printPageNumbers",
		"summary mentions the print edition", "titlepage.xhtml has page breaks"}
	if got := claims(t, build(t, withPrintPages(t, loadFixture(t, "sample/sample.md")))); !slices.Equal(got, want) {
		t.Errorf("with the print edition's pages: %q, want %q", got, want)
	}
}

// TestReproducibleWithPageList: the page list adds nothing that varies.
func TestReproducibleWithPageList(t *testing.T) {
	first := build(t, withPrintPages(t, loadFixture(t, "sample/sample.md")))
	again := build(t, withPrintPages(t, loadFixture(t, "sample/sample.md")))
	if !bytes.Equal(first, again) {
		t.Fatal("two builds with the print edition's pages differ")
	}
	if bytes.Equal(first, build(t, loadFixture(t, "sample/sample.md"))) {
		t.Fatal("the print edition's pages did not change the EPUB")
	}
}
