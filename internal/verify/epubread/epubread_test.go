package epubread

import (
	"archive/zip"
	"bytes"
	"slices"
	"strings"
	"testing"
)

func makeEPUB(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := []string{"mimetype"}
	for n := range files {
		if n != "mimetype" {
			names = append(names, n)
		}
	}
	slices.Sort(names[1:])
	for _, n := range names {
		body, ok := files[n]
		if !ok {
			body = "application/epub+zip"
		}
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const container = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`

const opf = `<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
 <dc:identifier id="isbn">urn:isbn:9780000000002</dc:identifier>
 <dc:identifier id="uid">urn:uuid:00000000-0000-4000-8000-000000000000</dc:identifier>
 <dc:title id="t2">The
   Subtitle</dc:title>
 <meta refines="#t2" property="title-type">subtitle</meta>
 <dc:title id="t1">The Title</dc:title>
 <meta refines="#t1" property="title-type">main</meta>
 <dc:creator id="c1">Second Writer</dc:creator>
 <meta refines="#c1" property="display-seq">2</meta>
 <dc:creator id="c2">First Writer</dc:creator>
 <meta refines="#c2" property="display-seq">1</meta>
 <meta refines="#c2" property="file-as">Writer, First</meta>
 <meta refines="#c2" property="role" scheme="marc:relators">aut</meta>
 <dc:creator opf:role="ill" opf:file-as="Drawer, Old">Old Drawer</dc:creator>
 <dc:date>2017-10-20</dc:date>
 <dc:language>fr</dc:language>
 <dc:subject>One</dc:subject><dc:subject>Two</dc:subject>
 <dc:publisher>Press</dc:publisher>
 <dc:rights>Rights &amp; more</dc:rights>
 <dc:description>About it.</dc:description>
 <meta property="dcterms:modified">2017-10-21T00:00:00Z</meta>
</metadata>
<manifest>
 <item id="nav" href="Text/nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
 <item id="a" href="Text/a.xhtml" media-type="application/xhtml+xml"/>
 <item id="b" href="Text/b%20two.xhtml" media-type="application/xhtml+xml"/>
 <item id="img" href="img.png" media-type="image/png"/>
</manifest>
<spine><itemref idref="a"/><itemref idref="img"/><itemref idref="b" linear="no"/></spine>
</package>`

const docA = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Not text</title><style>p { }</style></head>
<body epub:type="bodymatter">
<section epub:type="chapter">
<span epub:type="pagebreak" id="p1" aria-label="1"/>
<h1>A   heading</h1>
<p>One <em>two</em>&#160;three&nbsp;four<br/>five <span role="doc-pagebreak" id="p2" title="2">2</span>six.</p>
<div hidden="hidden"><p>Hidden text</p></div>
<ul><li>Item <p>inner</p> tail <a role="doc-backlink" href="#r">↩</a></li></ul>
</section>
</body></html>`

const docB = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<body><p><span epub:type="pagebreak" id="p3" aria-label="Page 3"></span>Last words.</p></body></html>`

const nav = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="toc"><ol><li><a href="a.xhtml">A</a></li></ol></nav>
<nav epub:type="page-list" hidden=""><ol>
<li><a href="a.xhtml#p1">1</a></li><li><a href="a.xhtml#p2"> 2 </a></li><li><a href="../Text/b%20two.xhtml#p3">3</a></li>
</ol></nav></body></html>`

func sampleFiles() map[string]string {
	return map[string]string{
		"META-INF/container.xml": container,
		"OPS/book.opf":           opf,
		"OPS/Text/a.xhtml":       docA,
		"OPS/Text/b two.xhtml":   docB,
		"OPS/Text/nav.xhtml":     nav,
		"OPS/img.png":            "png",
	}
}

func TestReadMetadata(t *testing.T) {
	b, err := Read(makeEPUB(t, sampleFiles()))
	if err != nil {
		t.Fatal(err)
	}
	m := b.Meta
	if m.MainTitle() != "The Title" || m.Subtitle() != "The Subtitle" {
		t.Errorf("title %q subtitle %q: refinements, not document order, decide", m.MainTitle(), m.Subtitle())
	}
	if got := m.CreatorNames(); !slices.Equal(got, []string{"First Writer", "Second Writer", "Old Drawer"}) {
		t.Errorf("creators %q: display-seq orders them, unnumbered last", got)
	}
	if c := m.Creators[0]; c.FileAs != "Writer, First" || c.Role != "aut" {
		t.Errorf("first creator %+v: file-as and role refinements lost", c)
	}
	if c := m.Creators[2]; c.FileAs != "Drawer, Old" || c.Role != "ill" {
		t.Errorf("EPUB 2 creator %+v: opf:file-as and opf:role lost", c)
	}
	if m.Identifier != "urn:uuid:00000000-0000-4000-8000-000000000000" || len(m.Identifiers) != 2 {
		t.Errorf("identifier %q of %q: the unique-identifier one is the identifier", m.Identifier, m.Identifiers)
	}
	if !slices.Equal(m.Subjects, []string{"One", "Two"}) || first(m.Rights) != "Rights & more" ||
		first(m.Languages) != "fr" || first(m.Dates) != "2017-10-20" || first(m.Modified) != "2017-10-21T00:00:00Z" ||
		first(m.Publishers) != "Press" || first(m.Descriptions) != "About it." {
		t.Errorf("metadata %+v", m)
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func TestReadTextAndPages(t *testing.T) {
	b, err := Read(makeEPUB(t, sampleFiles()))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Documents) != 2 || b.Documents[0].Path != "OPS/Text/a.xhtml" || b.Documents[1].Path != "OPS/Text/b two.xhtml" || b.Documents[1].Linear {
		t.Fatalf("documents %+v: want the two XHTML spine items, the second non-linear", b.Documents)
	}
	var texts []string
	for _, d := range b.Documents {
		for _, bl := range d.Blocks {
			texts = append(texts, bl.Tag+": "+bl.Text)
			if b.Text[bl.Start:bl.Start+len(bl.Text)] != bl.Text {
				t.Errorf("block %q does not sit at its offset in Text", bl.Text)
			}
		}
	}
	want := []string{"h1: A heading", "p: One two\u00a0three\u00a0four\nfive six.", "li: Item", "p: inner", "li: tail", "p: Last words."}
	if !slices.Equal(texts, want) {
		t.Errorf("blocks\n got %q\nwant %q", texts, want)
	}
	if !b.Documents[0].Blocks[0].HasType("chapter") || b.Documents[0].BodyType != "bodymatter" {
		t.Errorf("epub:type of the heading %v, body %q", b.Documents[0].Blocks[0].Types, b.Documents[0].BodyType)
	}
	type mk struct{ label, target, follows string }
	var got []mk
	for _, m := range b.Markers {
		got = append(got, mk{m.Label, m.Target(), strings.Join(strings.Fields(b.Text[m.Offset:])[:2], " ")})
	}
	wantMarkers := []mk{
		{"1", "OPS/Text/a.xhtml#p1", "A heading"},
		{"2", "OPS/Text/a.xhtml#p2", "six. Item"},
		{"Page 3", "OPS/Text/b two.xhtml#p3", "Last words."},
	}
	if !slices.Equal(got, wantMarkers) {
		t.Errorf("markers\n got %+v\nwant %+v", got, wantMarkers)
	}
	wantList := []PageLink{{"1", "OPS/Text/a.xhtml#p1"}, {"2", "OPS/Text/a.xhtml#p2"}, {"3", "OPS/Text/b two.xhtml#p3"}}
	if !slices.Equal(b.PageList, wantList) {
		t.Errorf("page list %+v, want %+v", b.PageList, wantList)
	}
}

func TestNoPageList(t *testing.T) {
	files := sampleFiles()
	files["OPS/Text/nav.xhtml"] = strings.Replace(nav, `epub:type="page-list"`, `epub:type="landmarks"`, 1)
	b, err := Read(makeEPUB(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if b.PageList != nil {
		t.Errorf("page list %v from a nav without one", b.PageList)
	}
}

func TestBrokenEPUBsFailClearly(t *testing.T) {
	broken := func(change func(map[string]string)) []byte {
		f := sampleFiles()
		change(f)
		return makeEPUB(t, f)
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("%PDF-1.4"), "not a ZIP"},
		{"no container", broken(func(f map[string]string) { delete(f, "META-INF/container.xml") }), "META-INF/container.xml is missing"},
		{"no package", broken(func(f map[string]string) { delete(f, "OPS/book.opf") }), "OPS/book.opf is missing"},
		{"bad XML", broken(func(f map[string]string) { f["OPS/Text/a.xhtml"] = "<html><p>unclosed</html>" }), "OPS/Text/a.xhtml: not well-formed"},
		{"spine names nothing", broken(func(f map[string]string) { f["OPS/book.opf"] = strings.Replace(opf, `idref="a"`, `idref="zz"`, 1) }), `the spine names "zz"`},
		{"remote href", broken(func(f map[string]string) {
			f["OPS/book.opf"] = strings.Replace(opf, `href="img.png"`, `href="https://example.com/img.png"`, 1)
		}), "not a path inside the publication"},
	}
	for _, c := range cases {
		_, err := Read(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one saying %q", c.name, err, c.want)
		}
	}
}
