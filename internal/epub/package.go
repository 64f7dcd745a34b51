package epub

import (
	"strconv"
)

// packageDocument is the EPUB 3.3 package document (package.opf): metadata,
// manifest, spine.
func (b *book) packageDocument() []byte {
	m := b.meta
	var x xmlBuffer
	x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	x.raw(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"`)
	x.attr("xml:lang", m.Language)
	x.attr("dir", b.page.dir)
	x.raw(">\n")
	x.raw(`<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	x.element("dc:identifier", m.Identifier.URN(), "id", "pub-id")

	x.element("dc:title", m.Title, "id", "title")
	x.element("meta", "main", "refines", "#title", "property", "title-type")
	if m.Subtitle != "" {
		x.element("meta", "1", "refines", "#title", "property", "display-seq")
		x.element("dc:title", m.Subtitle, "id", "subtitle")
		x.element("meta", "subtitle", "refines", "#subtitle", "property", "title-type")
		x.element("meta", "2", "refines", "#subtitle", "property", "display-seq")
	}
	for i, a := range m.Authors {
		id := "creator-" + strconv.Itoa(i+1)
		x.element("dc:creator", a.Name, "id", id)
		role := a.Role
		if role == "" {
			role = "aut"
		}
		x.element("meta", role, "refines", "#"+id, "property", "role", "scheme", "marc:relators")
		if a.FileAs != "" {
			x.element("meta", a.FileAs, "refines", "#"+id, "property", "file-as")
		}
		if len(m.Authors) > 1 {
			x.element("meta", strconv.Itoa(i+1), "refines", "#"+id, "property", "display-seq")
		}
	}
	if !m.Date.IsZero() {
		x.element("dc:date", m.Date.Text)
	}
	if m.Publisher != "" {
		x.element("dc:publisher", m.Publisher)
	}
	if m.Rights != "" {
		x.element("dc:rights", m.Rights)
	}
	if m.Description != "" {
		x.element("dc:description", m.Description)
	}
	for _, s := range m.Subjects {
		x.element("dc:subject", s)
	}
	x.element("dc:language", m.Language)
	if len(b.pageList) > 0 {
		// The print edition is this EPUB's source, of its pagination at
		// least. imprint gives both editions the manuscript's one
		// identifier (the PDF's XMP records it too), so the print
		// edition's identifier is this EPUB's own.
		x.element("dc:source", m.Identifier.URN())
	}
	x.element("meta", m.Modified.UTC().Format("2006-01-02T15:04:05Z"), "property", "dcterms:modified")
	// EPUB 2 reading systems find the cover through this.
	x.raw(`<meta name="cover"`)
	x.attr("content", b.cover.id)
	x.raw(" />\n")

	a := b.a11y
	for _, v := range a.AccessModes {
		x.element("meta", v, "property", "schema:accessMode")
	}
	for _, v := range a.AccessModesSufficient {
		x.element("meta", v, "property", "schema:accessModeSufficient")
	}
	for _, v := range a.Features {
		x.element("meta", v, "property", "schema:accessibilityFeature")
	}
	for _, v := range a.Hazards {
		x.element("meta", v, "property", "schema:accessibilityHazard")
	}
	x.element("meta", a.Summary, "property", "schema:accessibilitySummary", "xml:lang", "en")
	if len(b.pageList) > 0 {
		// Where the page breaks come from (EPUB Accessibility 1.1). The
		// property is in the default meta vocabulary, without the a11y:
		// prefix some examples show; it replaces dc:source's source-of
		// refinement, which is no longer advised.
		x.element("meta", m.Identifier.URN(), "property", "pageBreakSource")
	}
	if a.ConformsTo != "" {
		x.element("meta", a.ConformsTo, "property", "dcterms:conformsTo")
		if b.certifiedBy != "" {
			x.element("meta", b.certifiedBy, "property", "a11y:certifiedBy")
		}
	}
	x.raw("</metadata>\n")

	x.raw("<manifest>\n")
	item := func(id, href, mediaType, properties string) {
		x.raw("<item")
		x.attr("id", id)
		x.attr("href", href)
		x.attr("media-type", mediaType)
		if properties != "" {
			x.attr("properties", properties)
		}
		x.raw(" />\n")
	}
	item("nav", navHref, "application/xhtml+xml", "nav")
	item("ncx", ncxHref, "application/x-dtbncx+xml", "")
	item("css", cssHref, "text/css", "")
	for _, p := range b.pages {
		item(p.id, p.href, "application/xhtml+xml", "")
	}
	for _, im := range b.images {
		item(im.id, im.href, im.mediaType, im.properties)
	}
	x.raw("</manifest>\n")

	x.raw(`<spine toc="ncx"`)
	if b.page.dir == "rtl" {
		x.raw(` page-progression-direction="rtl"`)
	}
	x.raw(">\n")
	for _, p := range b.pages {
		x.raw("<itemref")
		x.attr("idref", p.id)
		x.raw(" />\n")
	}
	x.raw("</spine>\n</package>\n")
	return x.Bytes()
}

// containerXML points reading systems at the package document.
const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="` + packageDir + "/" + opfHref + `" media-type="application/oebps-package+xml" />
</rootfiles>
</container>
`
