package pdfread

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// pdfBuilder writes small PDFs by hand for tests: numbered objects, a
// classic cross-reference table and a trailer.
type pdfBuilder struct {
	objs [][]byte
}

// add appends an object and returns its number.
func (b *pdfBuilder) add(body string) int {
	b.objs = append(b.objs, []byte(body))
	return len(b.objs)
}

// set fills in object num, added empty before, for objects that must
// refer to each other.
func (b *pdfBuilder) set(num int, body string) {
	for len(b.objs) < num {
		b.objs = append(b.objs, nil)
	}
	b.objs[num-1] = []byte(body)
}

// stream adds a stream object, Flate-compressed when compress is set.
func (b *pdfBuilder) stream(dict string, data []byte, compress bool) int {
	if compress {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(data)
		w.Close()
		data = z.Bytes()
		dict += " /Filter /FlateDecode"
	}
	body := fmt.Sprintf("<<%s /Length %d>>\nstream\n", dict, len(data))
	return b.add(body + string(data) + "\nendstream")
}

// bytes writes the file with the given trailer entries.
func (b *pdfBuilder) bytes(trailer string) []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(b.objs))
	for i, o := range b.objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(b.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(b.objs)+1, trailer, xref)
	return out.Bytes()
}

// helveticaWidths is a /Widths array for codes 32–255: 250 for the space,
// 500 for everything else.
func helveticaWidths() string {
	w := make([]string, 224)
	for i := range w {
		w[i] = "500"
	}
	w[0] = "250"
	return "[" + strings.Join(w, " ") + "]"
}

// samplePDF is a two-page PDF exercising what the reader supports: a
// simple font with WinAnsiEncoding, a Type0 font with Identity-H and a
// ToUnicode map, TJ spacing, Tm, T*, cm, a page tree that passes
// resources down, Info strings in both encodings, and an XMP packet.
func samplePDF(compress bool) []byte {
	var b pdfBuilder
	catalog := b.add("") // 1, set below
	pages := b.add("")   // 2
	helv := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /Widths " + helveticaWidths() + " >>")
	toUni := b.stream("", []byte(`/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar
<0003> <0020>
<0010> <D83DDE00>
endbfchar
2 beginbfrange
<0020> <0029> <0061>
<0030> <0031> [<00660066> <2019>]
endbfrange
endcmap
end end`), compress)
	cid := b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Sample /DW 600 /W [32 [500 500 500] 40 41 700] >>")
	type0 := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Sample /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cid, toUni))

	page1Content := b.stream("", []byte(`
BT /F1 12 Tf 72 700 Td (Hello) Tj 40 0 Td (world) Tj ET
BT /F1 12 Tf 72 720 Td (Top) Tj ET
BT /F1 12 Tf 72 680 Td [(Ker) -20 (ning)] TJ ET
BT /F1 12 Tf 72 660 Td [(two) -1000 (words)] TJ ET
BT /F1 12 Tf 72 650 Td (\223quoted\224 \(paren\) back\\slash \101) Tj ET
BT /F1 12 Tf 1 0 0 1 72 640 Tm (matrix) Tj ET
BT /F1 12 Tf 14 TL 72 620 Td (line a) Tj T* (line b) Tj ET
q 2 0 0 2 0 0 cm BT /F1 6 Tf 36 290 Td (scaled) Tj ET Q
`), compress)
	page2a := b.stream("", []byte("BT /F2 10 Tf 72 700 Td <0020002100220003002300240010> Tj ET\n"), compress)
	page2b := b.stream("", []byte("BT /F2 10 Tf 72 680 Td <00300031> Tj ET BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI\n"), compress)
	page1 := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Contents %d 0 R >>", pages, page1Content))
	page2 := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Contents [%d 0 R %d 0 R] /MediaBox [0 0 300 400] >>", pages, page2a, page2b))
	b.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>",
		page1, page2, helv, type0))
	xmp := b.stream(" /Type /Metadata /Subtype /XML", []byte(`<?xpacket begin="`+"\ufeff"+`" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2017-10-20T10:00:00+02:00"/>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:imprint="https://github.com/imprint-press/imprint/ns/xmp/1.0/">
   <dc:title><rdf:Alt><rdf:li xml:lang="fr">Le titre</rdf:li><rdf:li xml:lang="x-default">The Title &amp; More</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>First Author</rdf:li><rdf:li>Second Author</rdf:li></rdf:Seq></dc:creator>
   <dc:subject><rdf:Bag><rdf:li>One</rdf:li><rdf:li>Two</rdf:li></rdf:Bag></dc:subject>
   <imprint:subtitle>A Subtitle</imprint:subtitle>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`), false)
	b.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /Lang (en-GB) /Metadata %d 0 R >>", pages, xmp))
	info := b.add(`<< /Title <FEFF0041030100200054D83DDE00> /Author (Caf\351 \204 Caf\217) /CreationDate (D:20171020100000+02'00') >>`)
	return b.bytes(fmt.Sprintf("/Root %d 0 R /Info %d 0 R", catalog, info))
}
