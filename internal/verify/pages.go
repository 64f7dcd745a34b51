package verify

import (
	"fmt"
	"strconv"
	"strings"
)

// pageStartWords is how many words of a page's beginning are compared.
const pageStartWords = 6

// pageProblem is one disagreement about pages, as each edition sees it.
type pageProblem struct{ epub, pdf string }

// pages checks that the EPUB's page-break markers fall where the PDF's
// pages begin: one marker per PDF page, in order, each followed by the
// words the page begins with, and a page list that lists them all.
func (ed *editions) pages() Result {
	r := Result{Field: "pages"}
	n := len(ed.pdf.Pages)
	markers := ed.book.Markers
	if len(markers) == 0 {
		r.Note = fmt.Sprintf("the EPUB has no page list (the PDF has %d pages)", n)
		return r
	}
	var problems []pageProblem
	add := func(epub, pdf string) { problems = append(problems, pageProblem{epub, pdf}) }
	begins := func(page int) string {
		return fmt.Sprintf("page %d begins “%s”", page, strings.Join(firstWords(ed.pageBodies[page-1], pageStartWords), " "))
	}

	seen := map[int]bool{}
	last := 0
	for _, m := range markers {
		page, ok := pageNumber(m.Label)
		switch {
		case !ok:
			add(fmt.Sprintf("a page-break marker in %s is labelled %q, not a page number", m.Doc, m.Label), fmt.Sprintf("%d pages", n))
			continue
		case page < 1 || page > n:
			add(fmt.Sprintf("a marker for page %d in %s", page, m.Doc), fmt.Sprintf("%d pages", n))
			continue
		case seen[page]:
			add(fmt.Sprintf("two markers for page %d", page), begins(page))
			continue
		case page < last:
			add(fmt.Sprintf("the marker for page %d comes after the one for page %d", page, last), begins(page))
		}
		seen[page] = true
		last = max(last, page)
		after := firstWords(ed.book.Text[m.Offset:], pageStartWords)
		prevHyphen := page > 1 && strings.HasSuffix(ed.pageBodies[page-2], "-")
		if !startsLike(ed.pageBodies[page-1], after, prevHyphen) && !ed.startsAfterOwnHeading(page, after) {
			add(fmt.Sprintf("page %d marker is followed by “%s”", page, strings.Join(after, " ")), begins(page))
		}
	}
	for page := 1; page <= n; page++ {
		if !seen[page] {
			add(fmt.Sprintf("no marker for page %d", page), begins(page))
		}
	}
	problems = append(problems, ed.pageList()...)

	if len(problems) == 0 {
		r.OK = true
		r.Note = fmt.Sprintf("%d pages; every EPUB page break falls where its PDF page begins", n)
		return r
	}
	r.Values = []Value{{"epub", strconv.Quote(problems[0].epub)}, {"pdf", strconv.Quote(problems[0].pdf)}}
	if len(problems) > 1 {
		r.Note = "and 1 more page problem"
		if len(problems) > 2 {
			r.Note = fmt.Sprintf("and %d more page problems", len(problems)-1)
		}
	}
	return r
}

// startsAfterOwnHeading reports whether a PDF page begins with a heading
// the print edition adds and the EPUB does not have (such as "Notes"
// over the footnotes), followed by the words the marker precedes. The
// heading is set larger than the line after it, and no EPUB block reads
// the same.
func (ed *editions) startsAfterOwnHeading(page int, words []string) bool {
	lines := ed.pageLines[page-1]
	if len(lines) < 2 || lines[0].Size <= lines[1].Size {
		return false
	}
	if ed.epubBlocks == nil {
		ed.epubBlocks = map[string]bool{}
		for _, d := range ed.book.Documents {
			for _, b := range d.Blocks {
				ed.epubBlocks[collapseSpace(b.Text)] = true
			}
		}
	}
	if ed.epubBlocks[collapseSpace(lines[0].Text)] {
		return false
	}
	return startsLike(joinLines(lines[1:]), words, false)
}

// pageList checks that the navigation document lists every marker, in
// order, by its label and address.
func (ed *editions) pageList() []pageProblem {
	list := ed.book.PageList
	markers := ed.book.Markers
	if list == nil {
		return []pageProblem{{"the navigation document has no page-list", fmt.Sprintf("%d pages", len(ed.pdf.Pages))}}
	}
	for i := 0; i < max(len(list), len(markers)); i++ {
		switch {
		case i >= len(list):
			m := markers[i]
			return []pageProblem{{fmt.Sprintf("the page list ends before page %s (%s)", m.Label, m.Target()), "page list incomplete"}}
		case i >= len(markers):
			return []pageProblem{{fmt.Sprintf("the page list names page %s (%s), which has no marker", list[i].Label, list[i].Target), "page list too long"}}
		case list[i].Label != markers[i].Label || list[i].Target != markers[i].Target():
			return []pageProblem{{fmt.Sprintf("page list entry %d is page %s at %s", i+1, list[i].Label, list[i].Target),
				fmt.Sprintf("marker %d is page %s at %s", i+1, markers[i].Label, markers[i].Target())}}
		}
	}
	return nil
}

// pageNumber reads a marker's label: "7", or "Page 7".
func pageNumber(label string) (int, bool) {
	f := strings.Fields(label)
	if len(f) == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(f[len(f)-1])
	return n, err == nil
}

// startsLike reports whether a PDF page's text begins with the given
// words. Hyphenation may split a word across lines; a page that begins
// with the tail of a word split at the foot of the page before also
// counts (the marker before the split word, or after it); and a page with
// fewer words than were asked for may hold them all.
func startsLike(pageText string, words []string, prevHyphen bool) bool {
	hay := prepare(pageText)
	if len(words) == 0 || len(hay) == 0 {
		return true // nothing to compare: an empty page, or the end of the EPUB
	}
	try := func(needle []rune, count int) bool {
		end, ok := hay.matchAt(0, needle)
		if !ok && prevHyphen {
			// The page opens with the tail of a word the page before split;
			// the marker may follow that word.
			if i := strings.IndexAny(string(hay), " \n"); i >= 0 {
				skip := len([]rune(string(hay)[:i])) + 1
				end, ok = hay.matchAt(skip, needle)
			}
		}
		return ok && hay.endsWord(end, needle) && (count == len(words) || end == len(hay))
	}
	for count := len(words); count > 0; count-- {
		needle := prepareNeedle(strings.Join(words[:count], " "))
		if try(needle, count) {
			return true
		}
		pdfFirst := []rune(firstWords(pageText, 1)[0])
		epubFirst := []rune(words[0])
		if len(pdfFirst) < len(epubFirst) && strings.HasSuffix(words[0], string(pdfFirst)) {
			if try(needle[len(epubFirst)-len(pdfFirst):], count) {
				return true
			}
		}
	}
	return false
}
