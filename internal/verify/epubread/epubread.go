// Package epubread owns reading an EPUB back from its bytes, independently
// of the writer that made it: the package document's metadata with its
// refinements, the spine, the text of every spine document as paragraphs,
// the page-break markers and where they sit in that text, and the
// navigation document's page list.
package epubread

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/imprint-press/imprint/internal/verify/xmltree"
)

// Namespaces the reader looks elements and attributes up by.
const (
	nsContainer = "urn:oasis:names:tc:opendocument:xmlns:container"
	nsOPF       = "http://www.idpf.org/2007/opf"
	nsDC        = "http://purl.org/dc/elements/1.1/"
	nsXHTML     = "http://www.w3.org/1999/xhtml"
	nsOPS       = "http://www.idpf.org/2007/ops"
)

// maxEntry bounds what one ZIP entry may inflate to, so that a hostile
// archive cannot exhaust memory.
const maxEntry = 256 << 20

// Book is an EPUB as read back.
type Book struct {
	PackagePath string // the package document's path inside the ZIP
	Version     string
	Meta        Metadata
	// Documents are the spine's content documents, in reading order.
	Documents []*Document
	// Text is every spine document's text, one block per line, in reading
	// order; blocks and markers index it.
	Text    string
	Markers []Marker
	// PageList is the navigation document's page list; nil when it has
	// none, empty when it is empty.
	PageList []PageLink
	// NavPath is the navigation document's path, "" when there is none.
	NavPath string
}

// Metadata is the package document's metadata, as the OPF states it.
type Metadata struct {
	Titles     []Title
	Creators   []Creator
	Dates      []string
	Modified   []string // meta property="dcterms:modified"
	Languages  []string
	Identifier string // the dc:identifier the package's unique-identifier names
	// Identifiers are every dc:identifier, the unique one included.
	Identifiers  []string
	Publishers   []string
	Rights       []string
	Descriptions []string
	Subjects     []string
}

// Title is one dc:title with its refinements.
type Title struct {
	Text string
	Type string // title-type: "main", "subtitle", …; "" when unrefined
	Seq  string // display-seq
}

// Creator is one dc:creator with its refinements.
type Creator struct {
	Name   string
	FileAs string
	Role   string
	Seq    string // display-seq
}

// MainTitle is the title refined as "main", else the first dc:title.
func (m *Metadata) MainTitle() string {
	for _, t := range m.Titles {
		if t.Type == "main" {
			return t.Text
		}
	}
	for _, t := range m.Titles {
		if t.Type == "" {
			return t.Text
		}
	}
	return ""
}

// Subtitle is the title refined as "subtitle", or "".
func (m *Metadata) Subtitle() string {
	for _, t := range m.Titles {
		if t.Type == "subtitle" {
			return t.Text
		}
	}
	return ""
}

// CreatorNames lists the creators' names in order.
func (m *Metadata) CreatorNames() []string {
	out := make([]string, len(m.Creators))
	for i, c := range m.Creators {
		out[i] = c.Name
	}
	return out
}

// Document is one spine item's content.
type Document struct {
	Path     string // inside the ZIP
	BodyType string // epub:type of <body>
	Linear   bool
	Blocks   []Block
}

// Block is one block-level element's text: white space collapsed, a
// <br/> kept as a line break.
type Block struct {
	Text  string
	Tag   string   // "p", "h2", "figcaption", …
	Class string   // the element's class attribute
	Types []string // epub:type values of the element and its ancestors
	Start int      // byte offset of Text in Book.Text
}

// HasType reports whether the block or an ancestor carries epub:type t.
func (b *Block) HasType(t string) bool {
	for _, x := range b.Types {
		if x == t {
			return true
		}
	}
	return false
}

// Marker is a page-break marker in a content document.
type Marker struct {
	Label string // the page number it announces
	ID    string
	Doc   string // the document's path inside the ZIP
	// Offset is where the marker sits in Book.Text: the text that follows
	// the marker begins there.
	Offset int
}

// Target is the marker's address, "path#id", as a page list names it.
func (m Marker) Target() string { return m.Doc + "#" + m.ID }

// PageLink is one entry of the navigation document's page list.
type PageLink struct {
	Label  string
	Target string // "path#id", resolved to a path inside the ZIP
}

// Read parses an EPUB from its bytes.
func Read(data []byte) (book *Book, err error) {
	defer func() {
		// Written not to panic; this turns what was missed into an error.
		if r := recover(); r != nil {
			book, err = nil, fmt.Errorf("unreadable EPUB (reader fault: %v)", r)
		}
	}()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a ZIP archive: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	read := func(name string) ([]byte, error) {
		f, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("%s is missing from the archive", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxEntry+1))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(b) > maxEntry {
			return nil, fmt.Errorf("%s inflates to more than %d MiB", name, maxEntry>>20)
		}
		return b, nil
	}
	parse := func(name string) (*xmltree.Node, error) {
		b, err := read(name)
		if err != nil {
			return nil, err
		}
		n, err := xmltree.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("%s: not well-formed XML: %w", name, err)
		}
		return n, nil
	}

	container, err := parse("META-INF/container.xml")
	if err != nil {
		return nil, err
	}
	book = &Book{}
	for _, rf := range container.Find(nsContainer, "rootfile") {
		if mt := rf.AttrValue("", "media-type"); mt == "" || mt == "application/oebps-package+xml" {
			book.PackagePath = rf.AttrValue("", "full-path")
			break
		}
	}
	if book.PackagePath == "" {
		return nil, errors.New("META-INF/container.xml names no package document")
	}
	pkg, err := parse(book.PackagePath)
	if err != nil {
		return nil, err
	}
	if !pkg.Is(nsOPF, "package") {
		return nil, fmt.Errorf("%s: the root element is <%s>, not an OPF <package>", book.PackagePath, pkg.Name.Local)
	}
	book.Version = pkg.AttrValue("", "version")
	meta := pkg.Child(nsOPF, "metadata")
	if meta == nil {
		return nil, fmt.Errorf("%s: no <metadata>", book.PackagePath)
	}
	book.Meta = readMetadata(meta, pkg.AttrValue("", "unique-identifier"))

	base := path.Dir(book.PackagePath)
	items := map[string]manifestItem{}
	if man := pkg.Child(nsOPF, "manifest"); man != nil {
		for _, it := range man.Find(nsOPF, "item") {
			href, err := resolve(base, it.AttrValue("", "href"))
			if err != nil {
				return nil, fmt.Errorf("%s: manifest item %q: %w", book.PackagePath, it.AttrValue("", "id"), err)
			}
			mi := manifestItem{path: href, mediaType: it.AttrValue("", "media-type"), properties: strings.Fields(it.AttrValue("", "properties"))}
			items[it.AttrValue("", "id")] = mi
			if mi.has("nav") {
				book.NavPath = href
			}
		}
	}
	spine := pkg.Child(nsOPF, "spine")
	if spine == nil {
		return nil, fmt.Errorf("%s: no <spine>", book.PackagePath)
	}
	var text strings.Builder
	for _, ref := range spine.Find(nsOPF, "itemref") {
		idref := ref.AttrValue("", "idref")
		it, ok := items[idref]
		if !ok {
			return nil, fmt.Errorf("%s: the spine names %q, which the manifest does not list", book.PackagePath, idref)
		}
		if it.mediaType != "application/xhtml+xml" {
			continue
		}
		root, err := parse(it.path)
		if err != nil {
			return nil, err
		}
		doc := &Document{Path: it.path, Linear: ref.AttrValue("", "linear") != "no"}
		readContent(book, doc, root, &text)
		book.Documents = append(book.Documents, doc)
	}
	book.Text = text.String()
	if book.NavPath != "" {
		nav, err := parse(book.NavPath)
		if err != nil {
			return nil, err
		}
		book.PageList, err = readPageList(nav, book.NavPath)
		if err != nil {
			return nil, err
		}
	}
	return book, nil
}

type manifestItem struct {
	path, mediaType string
	properties      []string
}

func (m manifestItem) has(prop string) bool {
	for _, p := range m.properties {
		if p == prop {
			return true
		}
	}
	return false
}

// resolve turns an href relative to dir into a path inside the ZIP,
// keeping a fragment.
func resolve(dir, href string) (string, error) {
	u, err := url.Parse(href)
	if err != nil {
		return "", err
	}
	if u.Scheme != "" || u.Host != "" {
		return "", fmt.Errorf("%q is not a path inside the publication", href)
	}
	p := u.Path
	if p != "" {
		p = path.Join(dir, p)
	}
	if u.Fragment != "" {
		p += "#" + u.Fragment
	}
	return p, nil
}
