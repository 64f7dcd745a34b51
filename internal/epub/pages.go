package epub

import (
	"strings"

	"github.com/imprint-press/imprint/internal/document"
)

// Ids the pages themselves use, which a heading of the manuscript never takes.
var (
	articleIDs = []string{"article", "lead-image"}
	aboutIDs   = []string{"about", "about-title"}
)

// start writes an XHTML content document up to its <body>.
func (pc pageContext) start(b *xmlBuffer, title, bodyType, bodyClass string) {
	b.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	b.raw(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"`)
	b.attr("lang", pc.lang)
	b.attr("xml:lang", pc.lang)
	b.attr("dir", pc.dir)
	b.raw(">\n<head>\n")
	b.element("title", title)
	b.raw(`<link rel="stylesheet" type="text/css" href="`, cssHref, "\" />\n</head>\n<body")
	if bodyClass != "" {
		b.attr("class", bodyClass)
	}
	if bodyType != "" {
		b.attr("epub:type", bodyType)
	}
	b.raw(">\n")
}

func end(b *xmlBuffer) []byte {
	b.raw("</body>\n</html>\n")
	return b.Bytes()
}

// coverDocument shows the cover image alone.
func coverDocument(pc pageContext, m *document.Metadata, href, alt string) []byte {
	var b xmlBuffer
	pc.start(&b, or(pc.labels.cover, m.Title), "cover", "cover")
	b.raw(`<img role="doc-cover"`)
	b.attr("src", href)
	b.attr("alt", alt)
	b.raw(" />\n")
	return end(&b)
}

// titlePageDocument sets the title, subtitle and byline, then the
// description as a standfirst. pageBreaks are the printed pages it stands
// for: the first.
func titlePageDocument(pc pageContext, m *document.Metadata, pageBreaks []int) []byte {
	var b xmlBuffer
	pc.start(&b, m.Title, "frontmatter", "")
	writePageBreaks(&b, pageBreaks)
	b.raw(`<section class="titlepage" epub:type="titlepage" aria-labelledby="title">` + "\n")
	b.element("h1", m.Title, "id", "title")
	if m.Subtitle != "" {
		b.element("p", m.Subtitle, "class", "subtitle", "epub:type", "subtitle", "role", "doc-subtitle")
	}
	if names := joinNames(m.AuthorNames(), pc.labels); names != "" {
		b.element("p", names, "class", "authors")
	}
	if m.Description != "" {
		b.element("p", m.Description, "class", "standfirst")
	}
	b.raw("</section>\n")
	return end(&b)
}

// figure is an image set apart with its caption and credit.
type figure struct {
	href, alt, caption, credit string
}

func (b *book) leadFigure() *figure {
	if b.lead == nil {
		return nil
	}
	l := b.meta.Lead
	return &figure{href: b.lead.href, alt: l.Alt, caption: l.Caption, credit: l.Credit}
}

func (b *book) leadCredit() string {
	if b.meta.Lead == nil {
		return ""
	}
	return b.meta.Lead.Credit
}

func (f *figure) write(b *xmlBuffer, id, class string) {
	b.raw("<figure")
	b.attr("id", id)
	b.attr("class", class)
	b.raw(">\n<img")
	b.attr("src", f.href)
	b.attr("alt", f.alt)
	b.raw(" />\n")
	if f.caption == "" && f.credit == "" {
		b.raw("</figure>\n")
		return
	}
	b.raw("<figcaption>")
	if f.caption != "" {
		b.raw(`<span class="caption">`)
		b.text(f.caption)
		b.raw("</span>")
	}
	if f.caption != "" && f.credit != "" {
		b.raw(" ")
	}
	if f.credit != "" {
		b.raw(`<span class="credit">`)
		b.text(f.credit)
		b.raw("</span>")
	}
	b.raw("</figcaption>\n</figure>\n")
}

// articleDocument is the body matter: the lead figure, then the article.
// pageBreaks are the printed pages that begin before the article's text.
func articleDocument(pc pageContext, title string, lead *figure, part *rendered, pageBreaks []int) []byte {
	var b xmlBuffer
	pc.start(&b, title, "bodymatter", "")
	writePageBreaks(&b, pageBreaks)
	b.raw(`<section id="article" class="article" epub:type="chapter" role="doc-chapter"`)
	b.attr("aria-label", title)
	b.raw(">\n")
	if lead != nil {
		lead.write(&b, "lead-image", "lead")
	}
	b.Write(part.body)
	b.raw("</section>\n")
	return end(&b)
}

// aboutDocument is the author bio, under the bio's own opening heading if
// it has one, else under "About the Author" (or, in a language imprint has
// no words for, the authors' names). pageBreaks are the printed pages that
// begin with its heading.
func aboutDocument(pc pageContext, m *document.Metadata, bio *rendered, pageBreaks []int) (title string, data []byte) {
	labelledBy := "about-title"
	title = or(pc.labels.about, joinNames(m.AuthorNames(), pc.labels))
	if len(m.Authors) > 1 {
		title = or(pc.labels.aboutMany, title)
	}
	own := bio.opensWithHeading && strings.TrimSpace(bio.headings[0].text) != ""
	if own {
		title, labelledBy = bio.headings[0].text, bio.headings[0].id
	}
	var b xmlBuffer
	pc.start(&b, title, "backmatter", "")
	writePageBreaks(&b, pageBreaks)
	b.raw(`<section id="about" class="about" epub:type="contributors"`)
	b.attr("aria-labelledby", labelledBy)
	b.raw(">\n")
	if !own {
		b.element("h1", title, "id", "about-title")
	}
	b.Write(bio.body)
	b.raw("</section>\n")
	return title, end(&b)
}

// colophonDocument is the copyright page: rights, publisher, identifier,
// image credit, edition date, and the tool that made it. pageBreaks are the
// printed pages that begin with it.
func colophonDocument(pc pageContext, m *document.Metadata, leadCredit string, pageBreaks []int) (title string, data []byte) {
	l := pc.labels
	title = or(l.colophon, m.Title)
	labelled := func(label, value string) string {
		if label == "" {
			return value
		}
		return label + ": " + value
	}
	var b xmlBuffer
	pc.start(&b, title, "backmatter", "")
	writePageBreaks(&b, pageBreaks)
	b.raw(`<section id="colophon" class="colophon" epub:type="colophon" role="doc-colophon" aria-labelledby="colophon-title">` + "\n")
	b.element("h1", title, "id", "colophon-title")
	full := m.Title
	if m.Subtitle != "" {
		full += ": " + m.Subtitle
	}
	b.element("p", full, "class", "work")
	if names := joinNames(m.AuthorNames(), l); names != "" {
		b.element("p", names, "class", "authors")
	}
	if m.Rights != "" {
		b.element("p", m.Rights, "class", "rights")
	}
	if m.Publisher != "" {
		value := m.Publisher
		if l.published != "" {
			value = l.published + " " + m.Publisher
		}
		b.element("p", value, "class", "publisher")
	}
	id := m.Identifier.URN()
	if m.Identifier.Scheme == "ISBN" {
		id = "ISBN " + m.Identifier.Value
	} else {
		id = labelled(l.identifier, id)
	}
	b.element("p", id, "class", "identifier")
	if leadCredit != "" {
		b.element("p", labelled(l.leadImage, leadCredit), "class", "credit")
	}
	b.element("p", labelled(l.edition, editionDate(m, l)), "class", "edition")
	b.element("p", or(l.madeWith, "imprint"), "class", "made-with")
	b.raw("</section>\n")
	return title, end(&b)
}
