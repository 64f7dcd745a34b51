package epub

import (
	"strconv"
	"strings"
)

// tocEntry is one entry of the table of contents.
type tocEntry struct {
	label, href string
	children    []*tocEntry
}

// nestHeadings turns a page's headings into a tree by level: a heading
// belongs under the nearest earlier heading of a higher rank, whatever
// levels were skipped. Headings with no text are left out, since a
// navigation entry must have a label.
func nestHeadings(hs []heading, href string) []*tocEntry {
	type open struct {
		level int
		entry *tocEntry
	}
	var roots []*tocEntry
	var stack []open
	for _, h := range hs {
		label := strings.Join(strings.Fields(h.text), " ")
		if label == "" {
			continue
		}
		e := &tocEntry{label: label, href: href + "#" + h.id}
		for len(stack) > 0 && stack[len(stack)-1].level >= h.level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, e)
		} else {
			parent := stack[len(stack)-1].entry
			parent.children = append(parent.children, e)
		}
		stack = append(stack, open{h.level, e})
	}
	return roots
}

func tocDepth(entries []*tocEntry) int {
	depth := 0
	for _, e := range entries {
		depth = max(depth, 1+tocDepth(e.children))
	}
	return depth
}

// navDocument is the EPUB 3 navigation document: the table of contents, the
// landmarks and, when the print edition was laid out, its page list.
func (b *book) navDocument() []byte {
	l := b.page.labels
	var x xmlBuffer
	contents := or(l.contents, b.meta.Title)
	b.page.start(&x, contents, "", "")
	x.raw(`<nav id="toc" epub:type="toc" role="doc-toc" aria-labelledby="toc-title">` + "\n")
	x.element("h1", contents, "id", "toc-title")
	writeNavList(&x, b.toc)
	x.raw("</nav>\n")

	x.raw(`<nav id="landmarks" epub:type="landmarks" hidden="hidden"`)
	if l.landmarks != "" {
		x.raw(` aria-labelledby="landmarks-title">` + "\n")
		x.element("h2", l.landmarks, "id", "landmarks-title")
	} else {
		x.attr("aria-label", b.meta.Title)
		x.raw(">\n")
	}
	x.raw("<ol>\n")
	for _, p := range b.pages {
		if p.landmark == "" {
			continue
		}
		label := p.title
		switch p.landmark {
		case "titlepage":
			label = or(l.titlePage, label)
		case "bodymatter":
			label = or(l.start, label)
		}
		x.raw("<li><a")
		x.attr("epub:type", p.landmark)
		x.attr("href", p.href)
		x.raw(">")
		x.text(label)
		x.raw("</a></li>\n")
	}
	x.raw("</ol>\n</nav>\n")
	b.writePageList(&x)
	return end(&x)
}

// writePageList lists the print edition's pages. Like the landmarks it is
// hidden: reading systems offer it as "go to page", not as text.
func (b *book) writePageList(x *xmlBuffer) {
	if len(b.pageList) == 0 {
		return
	}
	x.raw(`<nav id="page-list" epub:type="page-list" role="doc-pagelist" hidden="hidden"`)
	if l := b.page.labels.pages; l != "" {
		x.raw(` aria-labelledby="page-list-title">` + "\n")
		x.element("h2", l, "id", "page-list-title")
	} else {
		x.attr("aria-label", b.meta.Title)
		x.raw(">\n")
	}
	x.raw("<ol>\n")
	for _, p := range b.pageList {
		n := strconv.Itoa(p.page)
		x.raw("<li><a")
		x.attr("href", p.href+"#"+pageID(p.page))
		x.raw(">" + n + "</a></li>\n")
	}
	x.raw("</ol>\n</nav>\n")
}

func writeNavList(x *xmlBuffer, entries []*tocEntry) {
	x.raw("<ol>\n")
	for _, e := range entries {
		x.raw("<li><a")
		x.attr("href", e.href)
		x.raw(">")
		x.text(e.label)
		x.raw("</a>")
		if len(e.children) > 0 {
			x.raw("\n")
			writeNavList(x, e.children)
		}
		x.raw("</li>\n")
	}
	x.raw("</ol>\n")
}

// ncxDocument is the EPUB 2 table of contents, for reading systems that
// predate the navigation document.
func (b *book) ncxDocument() []byte {
	var x xmlBuffer
	x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	x.raw(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"`)
	x.attr("xml:lang", b.meta.Language)
	x.raw(">\n<head>\n")
	x.raw(`<meta name="dtb:uid"`)
	x.attr("content", b.meta.Identifier.URN())
	x.raw(" />\n")
	x.raw(`<meta name="dtb:depth" content="` + strconv.Itoa(tocDepth(b.toc)) + "\" />\n")
	maxPage := 0
	for _, p := range b.pageList {
		maxPage = max(maxPage, p.page)
	}
	x.raw(`<meta name="dtb:totalPageCount" content="` + strconv.Itoa(len(b.pageList)) + "\" />\n")
	x.raw(`<meta name="dtb:maxPageNumber" content="` + strconv.Itoa(maxPage) + "\" />\n</head>\n")
	x.raw("<docTitle><text>")
	x.text(b.meta.Title)
	x.raw("</text></docTitle>\n")
	for _, name := range b.meta.AuthorNames() {
		x.raw("<docAuthor><text>")
		x.text(name)
		x.raw("</text></docAuthor>\n")
	}
	x.raw("<navMap>\n")
	order := 0
	var points func(entries []*tocEntry)
	points = func(entries []*tocEntry) {
		for _, e := range entries {
			order++
			n := strconv.Itoa(order)
			x.raw(`<navPoint id="navpoint-` + n + `" playOrder="` + n + `">` + "\n<navLabel><text>")
			x.text(e.label)
			x.raw("</text></navLabel>\n<content")
			x.attr("src", e.href)
			x.raw(" />\n")
			points(e.children)
			x.raw("</navPoint>\n")
		}
	}
	points(b.toc)
	x.raw("</navMap>\n")
	if len(b.pageList) > 0 {
		x.raw("<pageList>\n")
		for _, p := range b.pageList {
			order++
			n := strconv.Itoa(p.page)
			x.raw(`<pageTarget id="pagetarget-` + n + `" type="normal" value="` + n + `" playOrder="` + strconv.Itoa(order) + `">`)
			x.raw("<navLabel><text>" + n + "</text></navLabel>")
			x.raw("<content")
			x.attr("src", p.href+"#"+pageID(p.page))
			x.raw(" /></pageTarget>\n")
		}
		x.raw("</pageList>\n")
	}
	x.raw("</ncx>\n")
	return x.Bytes()
}
