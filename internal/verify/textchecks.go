package verify

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/imprint-press/imprint/internal/verify/epubread"
)

// credit checks that the lead image's credit is printed in both editions.
// Comparing two editions only, every EPUB figure caption must be in the
// PDF.
func (ed *editions) credit() Result {
	r := Result{Field: "credit"}
	if ed.doc == nil {
		var caps []passage
		for _, b := range ed.blocks(func(b *epubread.Block, _ func(string) bool) bool { return b.Tag == "figcaption" }) {
			caps = append(caps, passage{pieces: []string{b.Text}})
		}
		if len(caps) == 0 {
			r.OK, r.Note = true, "(the EPUB has no figure caption)"
			return r
		}
		return ed.presentInPDF(r, caps, "figure caption", "figure captions")
	}
	lead := ed.doc.Meta.Lead
	if lead == nil || lead.Credit == "" {
		r.OK, r.Note = true, "(the manuscript names no image credit)"
		return r
	}
	p := passage{pieces: []string{lead.Credit}}
	inEPUB, inPDF := ed.epubText.contains(p), ed.pdfText.contains(p)
	r.OK = inEPUB && inPDF
	r.Values = []Value{{"manuscript", quoted(lead.Credit)}, {"epub", presence(inEPUB)}, {"pdf", presence(inPDF)}}
	if r.OK {
		r.Note = quoted(lead.Credit) + " in both editions"
	}
	return r
}

func presence(ok bool) string {
	if ok {
		return "present"
	}
	return "missing"
}

// bio checks that every paragraph of the author bio is in both editions,
// in order. Comparing two editions only, the EPUB's contributors section
// must be in the PDF.
func (ed *editions) bio() Result {
	r := Result{Field: "bio"}
	if ed.doc == nil {
		var ps []passage
		for _, b := range ed.blocks(func(_ *epubread.Block, has func(string) bool) bool { return has("contributors") }) {
			ps = append(ps, passage{pieces: []string{b.Text}})
		}
		if len(ps) == 0 {
			r.OK, r.Note = true, "(the EPUB has no contributors section)"
			return r
		}
		return ed.presentInPDF(r, ps, "bio paragraph", "bio paragraphs")
	}
	ps := passages(ed.doc.Bio)
	if len(ps) == 0 {
		r.OK, r.Note = true, "(the manuscript has no bio)"
		return r
	}
	return ed.inBoth(r, ps, "bio paragraph", "bio paragraphs")
}

// paragraphs checks that every block of the manuscript's body is in both
// editions, in order. Comparing two editions only, every block of the
// EPUB's body matter must be in the PDF, in order.
func (ed *editions) paragraphs() Result {
	r := Result{Field: "paragraphs"}
	if ed.doc == nil {
		var ps []passage
		for _, b := range ed.blocks(func(_ *epubread.Block, has func(string) bool) bool { return has("bodymatter") }) {
			ps = append(ps, passage{pieces: []string{b.Text}})
		}
		return ed.presentInPDF(r, ps, "body matter paragraph", "body matter paragraphs")
	}
	return ed.inBoth(r, passages(&ed.doc.Body), "paragraph", "paragraphs and headings")
}

// blocks returns the EPUB's blocks that keep says to, where a block
// counts as carrying its document body's epub:type too.
func (ed *editions) blocks(keep func(b *epubread.Block, hasType func(string) bool) bool) []epubread.Block {
	var out []epubread.Block
	for _, d := range ed.book.Documents {
		bodyTypes := strings.Fields(d.BodyType)
		for i := range d.Blocks {
			b := &d.Blocks[i]
			hasType := func(t string) bool { return b.HasType(t) || slices.Contains(bodyTypes, t) }
			if keep(b, hasType) {
				out = append(out, *b)
			}
		}
	}
	return out
}

// inBoth looks for the manuscript's passages in each edition.
func (ed *editions) inBoth(r Result, ps []passage, what, plural string) Result {
	e := describeOrder(ed.epubText, ps, what)
	p := describeOrder(ed.pdfText, ps, what)
	r.OK = e == "" && p == ""
	if r.OK {
		r.Note = fmt.Sprintf("%s in both editions, in order", count(len(ps), what, plural))
		return r
	}
	r.Values = []Value{{"epub", finding(e, "all in order")}, {"pdf", finding(p, "all in order")}}
	return r
}

// presentInPDF looks for the EPUB's passages in the PDF.
func (ed *editions) presentInPDF(r Result, ps []passage, what, plural string) Result {
	p := describeOrder(ed.pdfText, ps, what)
	r.OK = p == ""
	if r.OK {
		r.Note = fmt.Sprintf("all %d of the EPUB's %s in the PDF, in order", len(ps), plural)
		if len(ps) == 1 {
			r.Note = fmt.Sprintf("the EPUB's 1 %s in the PDF", what)
		}
		return r
	}
	r.Values = []Value{{"epub", count(len(ps), what, plural)}, {"pdf", finding(p, "")}}
	return r
}

// describeOrder says which passage is missing or out of order in hay, or
// "" when all are there in order.
func describeOrder(hay haystack, ps []passage, what string) string {
	i, outOfOrder, failed := hay.inOrder(ps)
	if i < 0 {
		return ""
	}
	state := "missing"
	if outOfOrder {
		state = "out of order"
	}
	s := fmt.Sprintf("%s %d of %d is %s: “%s”", what, i+1, len(ps), state, ps[i].quote())
	if failed > 1 {
		s += fmt.Sprintf(" (and %d more)", failed-1)
	}
	return s
}

// finding quotes a sentence saying what is wrong, or returns def when
// nothing is.
func finding(s, def string) string {
	if s == "" {
		return def
	}
	return strconv.Quote(s)
}

// count says "1 paragraph" or "all 3 paragraphs".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("all %d %s", n, many)
}
