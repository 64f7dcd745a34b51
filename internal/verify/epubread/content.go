package epubread

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/imprint-press/imprint/internal/verify/xmltree"
)

// blockTags are the XHTML elements that begin and end a block of text.
var blockTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`address article aside blockquote body caption dd details dialog div dl dt
		fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main nav ol p pre
		section summary table tbody thead tfoot tr td th ul`) {
		blockTags[t] = true
	}
}

// skippedTags hold no reading text.
var skippedTags = map[string]bool{"head": true, "script": true, "style": true, "template": true}

// textWriter lays a document's text into Book.Text block by block, with
// white space collapsed lazily so that a marker knows the offset of the
// text that follows it before that text is written.
type textWriter struct {
	book *Book
	doc  *Document
	out  *strings.Builder

	open      bool // the current block has text
	pending   byte // separator owed before the next character: 0, ' ' or '\n'
	start     int
	blockInfo Block
}

// separator returns what will be written before the next character.
func (w *textWriter) separator() string {
	switch {
	case !w.open:
		if w.out.Len() > 0 {
			return "\n"
		}
		return ""
	case w.pending != 0:
		return string(w.pending)
	}
	return ""
}

func (w *textWriter) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) && r != '\u00a0' {
			if w.open && w.pending == 0 {
				w.pending = ' '
			}
			continue
		}
		if !w.open {
			w.out.WriteString(w.separator())
			w.open, w.pending = true, 0
			w.start = w.out.Len()
		} else if w.pending != 0 {
			w.out.WriteByte(w.pending)
			w.pending = 0
		}
		w.out.WriteRune(r)
	}
}

func (w *textWriter) lineBreak() {
	if w.open {
		w.pending = '\n'
	}
}

// boundary ends the current block, if it has text, and describes the next.
func (w *textWriter) boundary(next Block) {
	if w.open {
		b := w.blockInfo
		b.Start = w.start
		b.Text = w.out.String()[w.start:]
		w.doc.Blocks = append(w.doc.Blocks, b)
	}
	w.open, w.pending = false, 0
	w.blockInfo = next
}

// readContent appends a content document's text to out and records its
// blocks and page-break markers.
func readContent(book *Book, doc *Document, root *xmltree.Node, out *strings.Builder) {
	w := &textWriter{book: book, doc: doc, out: out}
	body := root.Child(nsXHTML, "body")
	if body == nil {
		return
	}
	doc.BodyType = body.AttrValue(nsOPS, "type")
	var walk func(n *xmltree.Node, types []string, enclosing Block)
	walk = func(n *xmltree.Node, types []string, enclosing Block) {
		if n.IsText() {
			w.text(n.Text)
			return
		}
		if n.Name.Space != nsXHTML && n.Name.Space != "" {
			// MathML, SVG: their text still reads.
			for _, c := range n.Children {
				walk(c, types, enclosing)
			}
			return
		}
		tag := n.Name.Local
		if skippedTags[tag] {
			return
		}
		if _, hidden := n.LookupAttr("", "hidden"); hidden {
			return
		}
		epubTypes := strings.Fields(n.AttrValue(nsOPS, "type"))
		if isBacklink(n, epubTypes) {
			return // "↩": a way back to the note reference, not text
		}
		if isPageBreak(n, epubTypes) {
			book.Markers = append(book.Markers, Marker{
				Label:  pageLabel(n),
				ID:     n.AttrValue("", "id"),
				Doc:    doc.Path,
				Offset: out.Len() + len(w.separator()),
			})
			return
		}
		if len(epubTypes) > 0 {
			types = append(append([]string(nil), types...), epubTypes...)
		}
		if tag == "br" {
			w.lineBreak()
			return
		}
		if !blockTags[tag] {
			for _, c := range n.Children {
				walk(c, types, enclosing)
			}
			return
		}
		self := Block{Tag: tag, Class: n.AttrValue("", "class"), Types: types}
		w.boundary(self)
		for _, c := range n.Children {
			walk(c, types, self)
		}
		w.boundary(enclosing)
	}
	walk(body, nil, Block{Tag: "body"})
	w.boundary(Block{})
}

func isPageBreak(n *xmltree.Node, epubTypes []string) bool {
	for _, t := range epubTypes {
		if t == "pagebreak" {
			return true
		}
	}
	for _, r := range strings.Fields(n.AttrValue("", "role")) {
		if r == "doc-pagebreak" {
			return true
		}
	}
	return false
}

func isBacklink(n *xmltree.Node, epubTypes []string) bool {
	return slices.Contains(epubTypes, "backlink") || slices.Contains(strings.Fields(n.AttrValue("", "role")), "doc-backlink")
}

// pageLabel is the page number a marker announces: its aria-label, else
// its title, else its text.
func pageLabel(n *xmltree.Node) string {
	for _, attr := range []string{"aria-label", "title"} {
		if v := xmltree.CollapseSpace(n.AttrValue("", attr)); v != "" {
			return v
		}
	}
	return xmltree.CollapseSpace(n.InnerText())
}

// readPageList reads the navigation document's <nav epub:type="page-list">.
func readPageList(nav *xmltree.Node, navPath string) ([]PageLink, error) {
	var list []PageLink
	found := false
	for _, n := range nav.Find(nsXHTML, "nav") {
		if !hasField(n.AttrValue(nsOPS, "type"), "page-list") {
			continue
		}
		found = true
		list = []PageLink{}
		for _, a := range n.Find(nsXHTML, "a") {
			target, err := resolve(path.Dir(navPath), a.AttrValue("", "href"))
			if err != nil {
				return nil, fmt.Errorf("%s: page list entry %q: %w", navPath, a.InnerText(), err)
			}
			list = append(list, PageLink{Label: xmltree.CollapseSpace(a.InnerText()), Target: target})
		}
		break
	}
	if !found {
		return nil, nil
	}
	return list, nil
}

func hasField(s, f string) bool {
	for _, x := range strings.Fields(s) {
		if x == f {
			return true
		}
	}
	return false
}
