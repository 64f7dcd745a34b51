package pdf

import (
	"strconv"
	"strings"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/linebreak"
)

// heads are the running heads (author on verso pages, title on recto) and
// the folios, set from page two on.
type heads struct {
	verso, recto string
	f            pageFormat
	sheet        stylesheet
}

func runningHeads(doc *document.Document, sheet stylesheet, f pageFormat) heads {
	h := heads{f: f, sheet: sheet}
	st := styleOf(classTiny, italic)
	rtl := rightToLeftLanguage(doc.Meta.Language)
	h.verso = visualText(fit(strings.Join(doc.Meta.AuthorNames(), ", "), st, sheet, f.measure()), rtl)
	h.recto = visualText(fit(doc.Meta.Title, st, sheet, f.measure()), rtl)
	return h
}

// fit shortens s on a word boundary, with an ellipsis, until it fits w.
func fit(s string, st linebreak.Style, sheet stylesheet, w float64) string {
	if sheet.Width(st, s) <= w {
		return s
	}
	words := strings.Fields(s)
	for len(words) > 1 {
		words = words[:len(words)-1]
		if t := strings.Join(words, " ") + "…"; sheet.Width(st, t) <= w {
			return t
		}
	}
	return ""
}

func (h heads) draw(d *drawer, page int, x float64, withHead bool) {
	st := styleOf(classTiny, italic)
	text := h.recto
	if page%2 == 0 {
		text = h.verso
	}
	top := h.f.columnTop()
	if withHead {
		w := h.sheet.Width(st, text)
		d.fragment(linebreak.Placed{Text: text, Style: st, Width: w}, x+(h.f.measure()-w)/2, top-h.f.headRaise)
	}
	folio := strconv.Itoa(page)
	fst := styleOf(classTiny, roman)
	fw := h.sheet.Width(fst, folio)
	d.fragment(linebreak.Placed{Text: folio, Style: fst, Width: fw}, x+(h.f.measure()-fw)/2, top+h.f.textHeight()+h.f.folioDrop)
}
