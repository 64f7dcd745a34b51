package pdfwrite

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteTo writes the document as a PDF 1.7 file with a classic
// cross-reference table.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	data, err := d.Bytes()
	if err != nil {
		return 0, err
	}
	n, err := w.Write(data)
	return int64(n), err
}

// Bytes returns the document as a PDF file.
func (d *Document) Bytes() ([]byte, error) {
	if len(d.pages) == 0 {
		d.AddPage()
	}
	o := &objects{}
	o.buf.Grow(64 << 10)
	o.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	catalog, pagesRoot, info := o.reserve(), o.reserve(), o.reserve()
	pageObjs := make([]int, len(d.pages))
	for i := range d.pages {
		pageObjs[i] = o.reserve()
	}

	fontObjs := make(map[*fontUse]int, len(d.fonts))
	for _, u := range d.fonts {
		if len(u.runes) == 0 {
			continue
		}
		obj, err := o.writeFont(u)
		if err != nil {
			return nil, err
		}
		fontObjs[u] = obj
	}
	mediaBox := "[0 0 " + numStr(d.width) + " " + numStr(d.height) + "]"
	for i, p := range d.pages {
		contents := o.reserve()
		o.stream(contents, "", p.content.Bytes(), true)
		var res strings.Builder
		res.WriteString("<<")
		if len(p.fonts) > 0 {
			res.WriteString("/Font<<")
			for _, u := range p.fonts {
				if obj, ok := fontObjs[u]; ok {
					res.WriteString("/" + u.name + " " + ref(obj))
				}
			}
			res.WriteString(">>")
		}
		if len(p.images) > 0 {
			res.WriteString("/XObject<<")
			for _, im := range p.images {
				res.WriteString("/" + im.name + " " + ref(o.writeImage(im)))
			}
			res.WriteString(">>")
		}
		res.WriteString(">>")
		body := "/Type/Page/Parent " + ref(pagesRoot) + "/MediaBox" + mediaBox
		if p.trim != nil {
			body += "/TrimBox[" + numStr(p.trim[0]) + " " + numStr(p.trim[1]) + " " + numStr(p.trim[2]) + " " +
				numStr(p.trim[3]) + "]"
		}
		body += "/Resources" + res.String() + "/Contents " + ref(contents)
		if len(p.annots) > 0 {
			body += "/Annots["
			for j, a := range p.annots {
				if j > 0 {
					body += " "
				}
				body += ref(d.writeAnnot(o, a, pageObjs))
			}
			body += "]"
		}
		o.dict(pageObjs[i], body)
	}
	kids := make([]string, len(pageObjs))
	for i, p := range pageObjs {
		kids[i] = ref(p)
	}
	o.dict(pagesRoot, "/Type/Pages/Kids["+strings.Join(kids, " ")+"]/Count "+strconv.Itoa(len(pageObjs)))

	cat := "/Type/Catalog/Pages " + ref(pagesRoot) + "/ViewerPreferences<</DisplayDocTitle true>>"
	if len(d.outline) > 0 {
		cat += "/Outlines " + ref(o.writeOutline(d.outline, pageObjs)) + "/PageMode/UseOutlines"
	}
	if d.info.Lang != "" {
		cat += "/Lang " + textString(d.info.Lang)
	}
	if len(d.info.XMP) > 0 {
		meta := o.reserve()
		// Uncompressed, so that tools which scan files for XMP find it.
		o.stream(meta, "/Type/Metadata/Subtype/XML", d.info.XMP, false)
		cat += "/Metadata " + ref(meta)
	}
	o.dict(catalog, cat)
	o.dict(info, d.infoDict())

	for i, off := range o.offsets {
		if off == 0 {
			return nil, fmt.Errorf("pdfwrite: object %d was reserved but never written", i+1)
		}
	}
	// The file identifier is a hash of everything before it, so the same
	// document always has the same identifier.
	sum := sha256.Sum256(o.buf.Bytes())
	id := "<" + strings.ToUpper(hex.EncodeToString(sum[:16])) + ">"
	xref := o.buf.Len()
	b := &o.buf
	b.WriteString("xref\n0 " + strconv.Itoa(len(o.offsets)+1) + "\n0000000000 65535 f \n")
	for _, off := range o.offsets {
		fmt.Fprintf(b, "%010d 00000 n \n", off)
	}
	b.WriteString("trailer\n<</Size " + strconv.Itoa(len(o.offsets)+1) + "/Root " + ref(catalog) + "/Info " + ref(info) +
		"/ID[" + id + id + "]>>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return b.Bytes(), nil
}

func (d *Document) writeAnnot(o *objects, a annot, pageObjs []int) int {
	n := o.reserve()
	body := "/Type/Annot/Subtype/Link/Rect[" + numStr(a.rect[0]) + " " + numStr(a.rect[1]) + " " + numStr(a.rect[2]) + " " +
		numStr(a.rect[3]) + "]/Border[0 0 0]"
	if a.uri != "" {
		body += "/A<</S/URI/URI " + uriString(a.uri) + ">>"
	} else {
		at := d.dests[a.dest]
		body += "/Dest " + destArray(pageObjs[min(at.page, len(pageObjs))-1], at.y)
	}
	o.dict(n, body)
	return n
}

func (d *Document) infoDict() string {
	var b strings.Builder
	for _, f := range []struct{ key, value string }{
		{"Title", d.info.Title}, {"Author", d.info.Author}, {"Subject", d.info.Subject},
		{"Keywords", d.info.Keywords}, {"Creator", d.info.Creator}, {"Producer", d.info.Producer},
	} {
		if f.value != "" {
			b.WriteString("/" + f.key + " " + textString(f.value))
		}
	}
	if !d.info.Created.IsZero() {
		b.WriteString("/CreationDate " + date(d.info.Created))
	}
	if !d.info.Modified.IsZero() {
		b.WriteString("/ModDate " + date(d.info.Modified))
	}
	return b.String()
}
