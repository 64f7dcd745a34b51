package pdf

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/pdfwrite"
)

// Creator and Producer name imprint in the Info dictionary and XMP.
const (
	Creator  = "imprint"
	Producer = "imprint"
)

// info is the document's metadata for the Info dictionary, the XMP packet
// and the catalog's /Lang, all from the same Metadata value the EPUB
// reads. Both dates are the source date: no clock reaches the file.
func info(m *document.Metadata) pdfwrite.Info {
	return pdfwrite.Info{
		Title:    m.Title,
		Author:   strings.Join(m.AuthorNames(), ", "),
		Subject:  m.Description,
		Keywords: strings.Join(m.Subjects, ", "),
		Creator:  Creator,
		Producer: Producer,
		Created:  m.Modified,
		Modified: m.Modified,
		Lang:     m.Language,
		XMP:      xmpPacket(m),
	}
}

// xmpNS is imprint's own XMP namespace, for the one field Dublin Core has
// no element for: the subtitle.
const xmpNS = "https://github.com/imprint-press/imprint/ns/xmp/1.0/"

func xmpPacket(m *document.Metadata) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	el := func(name, inner string) { b.WriteString("   <" + name + ">" + inner + "</" + name + ">\n") }
	list := func(kind string, items []string, lang bool) string {
		var l strings.Builder
		l.WriteString("<rdf:" + kind + ">")
		for _, it := range items {
			if lang {
				l.WriteString(`<rdf:li xml:lang="x-default">` + esc(it) + "</rdf:li>")
			} else {
				l.WriteString("<rdf:li>" + esc(it) + "</rdf:li>")
			}
		}
		l.WriteString("</rdf:" + kind + ">")
		return l.String()
	}
	stamp := m.Modified.UTC().Format(time.RFC3339)
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(` <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"` +
		` xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"` +
		` xmlns:prism="http://prismstandard.org/namespaces/basic/3.0/" xmlns:imprint="` + xmpNS + `">` + "\n")
	el("dc:format", "application/pdf")
	el("dc:title", list("Alt", []string{m.Title}, true))
	if m.Subtitle != "" {
		el("imprint:subtitle", esc(m.Subtitle))
	}
	el("dc:creator", list("Seq", m.AuthorNames(), false))
	if m.Description != "" {
		el("dc:description", list("Alt", []string{m.Description}, true))
	}
	if len(m.Subjects) > 0 {
		el("dc:subject", list("Bag", m.Subjects, false))
	}
	if m.Publisher != "" {
		el("dc:publisher", list("Bag", []string{m.Publisher}, false))
	}
	if m.Rights != "" {
		el("dc:rights", list("Alt", []string{m.Rights}, true))
	}
	el("dc:language", list("Bag", []string{m.Language}, false))
	if !m.Date.IsZero() {
		el("dc:date", list("Seq", []string{m.Date.Text}, false))
	}
	el("dc:identifier", esc(m.Identifier.URN()))
	if m.Identifier.Scheme == "ISBN" {
		el("prism:isbn", esc(m.Identifier.Value))
	}
	el("xmp:CreateDate", stamp)
	el("xmp:ModifyDate", stamp)
	el("xmp:MetadataDate", stamp)
	el("xmp:CreatorTool", Creator)
	el("pdf:Producer", esc(Producer))
	if len(m.Subjects) > 0 {
		el("pdf:Keywords", esc(strings.Join(m.Subjects, ", ")))
	}
	el("xmpMM:DocumentID", esc(m.Identifier.URN()))
	b.WriteString("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}
