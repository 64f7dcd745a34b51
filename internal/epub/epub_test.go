package epub

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/xml"
	"path"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
)

func TestReproducible(t *testing.T) {
	// Two loads, two builds: nothing may depend on the instance, the clock
	// or map order.
	first := build(t, loadFixture(t, "sample/sample.md"))
	for i := 0; i < 3; i++ {
		again := build(t, loadFixture(t, "sample/sample.md"))
		if !bytes.Equal(first, again) {
			t.Fatalf("build %d differs from the first (%d vs %d bytes)", i+2, len(again), len(first))
		}
	}
	doc := loadFixture(t, "sample/sample.md")
	if !bytes.Equal(build(t, doc), build(t, doc)) {
		t.Fatal("two builds of one document differ")
	}
	// A different timestamp must change the bytes: the test would pass
	// vacuously if the writer ignored its input.
	doc.Meta.Modified = doc.Meta.Modified.Add(48 * 3600e9)
	if bytes.Equal(first, build(t, doc)) {
		t.Fatal("changing Meta.Modified did not change the EPUB")
	}
}

func TestContainer(t *testing.T) {
	doc := loadFixture(t, "sample/sample.md")
	data := build(t, doc)
	// OCF: the first local header is the stored mimetype, with no extra
	// field, so its bytes sit at fixed offsets.
	if got := string(data[30:58]); got != "mimetypeapplication/epub+zip" {
		t.Errorf("bytes 30-58 are %q, want the mimetype entry", got)
	}
	if extra := binary.LittleEndian.Uint16(data[28:]); extra != 0 {
		t.Errorf("mimetype has a %d-byte extra field", extra)
	}
	files, names, zr := unzip(t, data)
	if names[0] != "mimetype" || names[1] != "META-INF/container.xml" || names[2] != "EPUB/package.opf" {
		t.Errorf("container starts %v, want mimetype, META-INF/container.xml, EPUB/package.opf", names[:3])
	}
	for i, f := range zr.File {
		if f.Flags&0x8 != 0 {
			t.Errorf("%s has a data descriptor", f.Name)
		}
		if i == 0 {
			if f.Method != 0 || len(f.Extra) != 0 || string(files[f.Name]) != "application/epub+zip" {
				t.Errorf("mimetype: method %d, %d extra bytes, content %q", f.Method, len(f.Extra), files[f.Name])
			}
		} else if f.Method != 8 && !(f.Method == 0 && strings.HasPrefix(f.Name, "EPUB/images/")) {
			t.Errorf("%s is not deflated (method %d)", f.Name, f.Method)
		} else if f.Method == 0 && deflatesWell(t, files[f.Name]) {
			t.Errorf("%s is stored, but deflating would shrink it by more than a sixteenth", f.Name)
		}
		if !f.Modified.Equal(doc.Meta.Modified) {
			t.Errorf("%s modified %v, want %v", f.Name, f.Modified, doc.Meta.Modified)
		}
	}
	var container struct {
		Rootfiles []struct {
			FullPath  string `xml:"full-path,attr"`
			MediaType string `xml:"media-type,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(files["META-INF/container.xml"], &container); err != nil || len(container.Rootfiles) != 1 {
		t.Fatalf("container.xml: %v, %d rootfiles", err, len(container.Rootfiles))
	}
	opfPath := container.Rootfiles[0].FullPath
	p := parseOPF(t, files[opfPath])
	dir := path.Dir(opfPath)

	inManifest := map[string]bool{}
	for _, it := range p.Manifest {
		full := path.Join(dir, it.Href)
		inManifest[full] = true
		if _, ok := files[full]; !ok {
			t.Errorf("manifest item %s (%s) is not in the container", it.ID, full)
		}
	}
	for _, name := range names {
		if name != "mimetype" && name != "META-INF/container.xml" && name != opfPath && !inManifest[name] {
			t.Errorf("%s is in the container but not in the manifest", name)
		}
	}
	for name, b := range files {
		if strings.HasSuffix(name, ".xhtml") || strings.HasSuffix(name, ".opf") || strings.HasSuffix(name, ".ncx") || strings.HasSuffix(name, ".xml") {
			if err := wellFormed(b); err != nil {
				t.Errorf("%s is not well-formed: %v", name, err)
			}
		}
		if strings.HasSuffix(name, ".xhtml") {
			var html struct {
				Lang    string `xml:"lang,attr"`
				XMLLang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			}
			if err := xml.Unmarshal(b, &html); err != nil || html.Lang != "en-GB" || html.XMLLang != "en-GB" {
				t.Errorf("%s: <html> lang=%q xml:lang=%q (%v), want en-GB", name, html.Lang, html.XMLLang, err)
			}
		}
	}

	wantSpine := []string{"cover.xhtml", "titlepage.xhtml", "article.xhtml", "about.xhtml", "colophon.xhtml"}
	if got := p.spineHrefs(t); !slices.Equal(got, wantSpine) {
		t.Errorf("spine %v, want %v", got, wantSpine)
	}
	if p.Spine.TOC != "ncx" {
		t.Errorf(`spine toc=%q, want "ncx"`, p.Spine.TOC)
	}
	if href, props, _ := p.itemByID(p.Spine.TOC); href != "toc.ncx" || props != "" {
		t.Errorf("spine toc names %q", href)
	}
	if _, props, _ := p.itemByID("nav"); props != "nav" {
		t.Errorf("nav item properties %q", props)
	}
	checkMetadata(t, p, &doc.Meta)

	// The article document opens with the lead figure, caption and credit.
	article := string(files[path.Join(dir, "article.xhtml")])
	for _, want := range []string{`<body epub:type="bodymatter">`, "<figure", `alt="A gradient from dark blue to pink."`,
		"<figcaption>", `<span class="credit">Photo: Imprint Test Press</span>`, `<th style="text-align:center">`} {
		if !strings.Contains(article, want) {
			t.Errorf("article.xhtml lacks %s", want)
		}
	}
	if strings.Contains(article, "align=") {
		t.Error("article.xhtml uses the obsolete align attribute")
	}
	title := string(files[path.Join(dir, "titlepage.xhtml")])
	if !strings.Contains(title, `<p class="standfirst">`+escapeAttr(doc.Meta.Description)) {
		t.Error("the title page lacks the description as standfirst")
	}
	colophon := string(files[path.Join(dir, "colophon.xhtml")])
	for _, want := range []string{doc.Meta.Rights, doc.Meta.Publisher, doc.Meta.Identifier.URN(), doc.Meta.Lead.Credit, "4 March 2021", "Made with imprint"} {
		if !strings.Contains(colophon, escapeAttr(want)) {
			t.Errorf("colophon lacks %q", want)
		}
	}
	checkNav(t, files[path.Join(dir, "nav.xhtml")])
	checkNCX(t, files[path.Join(dir, "toc.ncx")], doc.Meta.Identifier.URN())
}

func checkMetadata(t *testing.T, p *opf, m *document.Metadata) {
	t.Helper()
	md := p.Metadata
	eq := func(what string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	if p.Lang != m.Language || p.Dir != "ltr" || p.Version != "3.0" {
		t.Errorf("package xml:lang=%q dir=%q version=%q", p.Lang, p.Dir, p.Version)
	}
	if len(md.Identifiers) != 1 || md.Identifiers[0].ID != p.UniqueIdentifier || md.Identifiers[0].Value != m.Identifier.URN() {
		t.Errorf("identifiers %+v, unique-identifier %q, want %q", md.Identifiers, p.UniqueIdentifier, m.Identifier.URN())
	}
	eq("titles", values(md.Titles), []string{m.Title, m.Subtitle})
	eq("main title-type", p.property("title-type", "#"+md.Titles[0].ID), []string{"main"})
	eq("subtitle title-type", p.property("title-type", "#"+md.Titles[1].ID), []string{"subtitle"})
	eq("creators", values(md.Creators), m.AuthorNames())
	for i, c := range md.Creators {
		eq("role of "+c.Value, p.property("role", "#"+c.ID), []string{m.Authors[i].Role})
		eq("file-as of "+c.Value, p.property("file-as", "#"+c.ID), []string{m.Authors[i].FileAs})
	}
	for _, meta := range md.Metas {
		if meta.Property == "role" && meta.Scheme != "marc:relators" {
			t.Errorf("role %q has scheme %q", meta.Value, meta.Scheme)
		}
	}
	eq("date", values(md.Dates), []string{m.Date.Text})
	eq("publisher", values(md.Publishers), []string{m.Publisher})
	eq("rights", values(md.Rights), []string{m.Rights})
	eq("description", values(md.Description), []string{m.Description})
	eq("subjects", values(md.Subjects), m.Subjects)
	eq("language", values(md.Languages), []string{m.Language})
	eq("dcterms:modified", p.property("dcterms:modified", ""), []string{m.Modified.UTC().Format("2006-01-02T15:04:05Z")})
	coverID := ""
	for _, meta := range md.Metas {
		if meta.Name == "cover" {
			coverID = meta.Content
		}
	}
	if _, props, ok := p.itemByID(coverID); !ok || props != "cover-image" {
		t.Errorf(`<meta name="cover"> names %q (properties %q), want the cover-image item`, coverID, props)
	}
	for _, prop := range []string{"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
		"schema:accessibilityHazard", "schema:accessibilitySummary"} {
		if len(p.property(prop, "")) == 0 {
			t.Errorf("no %s", prop)
		}
	}
}

func checkNav(t *testing.T, nav []byte) {
	t.Helper()
	s := string(nav)
	for _, want := range []string{`epub:type="toc" role="doc-toc"`, `epub:type="landmarks"`,
		`<a epub:type="cover" href="cover.xhtml">`, `<a epub:type="titlepage" href="titlepage.xhtml">`,
		`<a epub:type="bodymatter" href="article.xhtml">`, `<a epub:type="backmatter" href="about.xhtml">`,
		`<a href="about.xhtml">About the Authors</a>`, `<a href="colophon.xhtml">Colophon</a>`} {
		if !strings.Contains(s, want) {
			t.Errorf("nav.xhtml lacks %s", want)
		}
	}
	// The subsection nests inside its section, inside the article's entry.
	section := strings.Index(s, `href="article.xhtml#a-section-with-a-table"`)
	sub := strings.Index(s, `href="article.xhtml#a-subsection"`)
	links := strings.Index(s, `href="article.xhtml#links"`)
	if section < 0 || sub < 0 || links < 0 {
		t.Fatalf("nav.xhtml lacks the article's headings:\n%s", s)
	}
	between := s[section:sub]
	if !strings.Contains(between, "<ol>") || strings.Contains(between, "</ol>") {
		t.Errorf("the subsection is not nested under its section:\n%s", s)
	}
	if !strings.Contains(s[sub:links], "</ol>") {
		t.Errorf("the next section is nested under the subsection:\n%s", s)
	}
}

func checkNCX(t *testing.T, data []byte, uid string) {
	t.Helper()
	var ncx struct {
		Metas []struct {
			Name    string `xml:"name,attr"`
			Content string `xml:"content,attr"`
		} `xml:"head>meta"`
		Points []struct {
			PlayOrder int    `xml:"playOrder,attr"`
			Label     string `xml:"navLabel>text"`
		} `xml:"navMap>navPoint"`
	}
	if err := xml.Unmarshal(data, &ncx); err != nil {
		t.Fatalf("toc.ncx: %v", err)
	}
	found := false
	for _, m := range ncx.Metas {
		if m.Name == "dtb:uid" {
			found = m.Content == uid
		}
	}
	if !found {
		t.Errorf("toc.ncx dtb:uid is not %q", uid)
	}
	if len(ncx.Points) < 3 || !sort.SliceIsSorted(ncx.Points, func(i, j int) bool { return ncx.Points[i].PlayOrder < ncx.Points[j].PlayOrder }) {
		t.Errorf("toc.ncx navPoints: %+v", ncx.Points)
	}
}

// deflatesWell reports whether data shrinks by more than a sixteenth when
// deflated, the point past which the container should deflate an image.
func deflatesWell(t *testing.T, data []byte) bool {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len() < len(data)-len(data)/16
}
