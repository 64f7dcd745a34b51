package linebreak

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Characters with a meaning of their own in paragraph text.
const (
	noBreakSpace     = '\u00a0'
	figureSpace      = '\u2007' // a no-break space as wide as a digit
	narrowNoBreak    = '\u202f'
	lineSeparator    = '\u2028' // a forced line break inside the paragraph
	paraSeparator    = '\u2029' // treated like lineSeparator: the caller owns paragraphs
	softHyphen       = '\u00ad' // a hyphenation point given by the author
	zeroWidthSpace   = '\u200b' // a break opportunity without space
	zeroWidthJoiner  = '\u200d'
	hyphenChar       = '\u2010'
	enDash           = '\u2013'
	emDash           = '\u2014'
	urlBreakAfter    = "/.-_?&=#"
	longWordNWidths  = 30 // default long-word limit, in widths of "n", when Params.LineWidth is 0
	urlBreakPenalty  = 100
	charBreakPenalty = LastResortPenalty
	// maxHyphenatedRunes is TeX's limit on the length of a word it
	// hyphenates; longer letter strings are not words.
	maxHyphenatedRunes = 63
)

// Items turns runs into a paragraph's item list: words become boxes (split
// at hyphenation points with flagged penalties of width = width of "-" in
// that style), spaces become glue (stretch 1/2, shrink 1/3 of the space
// width, from the Measurer's width of " " in that style), explicit hyphens
// and em dashes get a zero-penalty break after them, no-break spaces
// (U+00A0) are unbreakable glue, and the paragraph ends with TeX's
// \parfillskip (zero-width glue with infinite stretch) and a forced break.
// An unbreakable string longer than the line (a URL, a 100,000-char word)
// gets break opportunities at sensible points: after '/', '.', '-', '_',
// '?', '&', '=', '#' for URLs, and as a last resort between any two
// characters with a high penalty, so nothing overflows. Styles may change
// inside a word (no glue then).
//
// Details: runs of white space collapse to one glue in the style of their
// first character, and white space at the start and end of the paragraph is
// dropped. "Longer than the line" means wider than p.LineWidth (see
// Params); URL breaks cost 100, character breaks LastResortPenalty, so
// Break takes the latter only when nothing else avoids overflow. Strings
// containing "://" or starting with "www." or "mailto:" get the URL breaks
// even when they fit a line, and are never hyphenated; neither are runs
// marked NoHyphenation, nor letter strings over 63 runes (TeX's limit).
// Explicit hyphens (between letters or digits) are flagged breaks, dashes
// (en and em) unflagged ones. U+00AD (soft hyphen) is a hyphenation point,
// U+200B (zero-width space) a break without space, U+2028 and U+2029 a
// forced line break set ragged (TeX's \\). Text with no visible characters
// gives nil; a nil Measurer measures everything as 0 wide.
func Items(runs []Run, m Measurer, h Hyphenator, p Params) []Item {
	if m == nil {
		m = zeroMeasurer{}
	}
	b := newItemBuilder(runs, m, h, p)
	b.scan()
	return b.finish()
}

type zeroMeasurer struct{}

func (zeroMeasurer) Width(Style, string) float64 { return 0 }

// span is the byte range of one run inside the paragraph's text.
type span struct {
	start, end int
	style      Style
	link       string
	noHyphens  bool
}

// cut is a place inside a word where the box is split: a break
// opportunity, and possibly an invisible character [at, end) to drop.
type cut struct {
	at, end int
	brk     bool // a penalty goes here
	penalty float64
	flagged bool
	hyphen  bool // draw "-" when broken here
}

type itemBuilder struct {
	m     Measurer
	h     Hyphenator
	p     Params
	text  string // all runs' text, concatenated
	spans []span
	items []Item
	cuts  []cut

	// Per-style widths of " ", "-" and "n", measured once.
	spaceWidth, hyphenWidth, nWidth             [256]float64
	haveSpaceWidth, haveHyphenWidth, haveNWidth [256]bool
}

func newItemBuilder(runs []Run, m Measurer, h Hyphenator, p Params) *itemBuilder {
	total := 0
	for _, r := range runs {
		total += len(r.Text)
	}
	var sb strings.Builder
	sb.Grow(total)
	b := &itemBuilder{m: m, h: h, p: p}
	for _, r := range runs {
		if r.Text == "" {
			continue
		}
		start := sb.Len()
		sb.WriteString(r.Text)
		b.spans = append(b.spans, span{start: start, end: sb.Len(), style: r.Style, link: r.Link, noHyphens: r.NoHyphenation})
	}
	b.text = sb.String()
	// English averages one box, glue or hyphenation point per two bytes.
	b.items = make([]Item, 0, total/2+4)
	return b
}

// scan walks the text, collecting words between spaces.
func (b *itemBuilder) scan() {
	wordStart := -1    // byte offset where the current word began, or -1
	pendingSpace := -1 // offset of the first of a run of breakable spaces, or -1
	for i := 0; i < len(b.text); {
		r, size := utf8.DecodeRuneInString(b.text[i:])
		switch {
		case r == lineSeparator || r == paraSeparator:
			b.word(wordStart, i)
			wordStart, pendingSpace = -1, -1
			b.forcedBreak()
		case r == noBreakSpace || r == figureSpace || r == narrowNoBreak:
			b.word(wordStart, i)
			wordStart = -1
			b.space(pendingSpace)
			pendingSpace = -1
			b.noBreakSpace(i, r)
		case isSpace(r):
			b.word(wordStart, i)
			wordStart = -1
			if pendingSpace < 0 {
				pendingSpace = i
			}
		default:
			if wordStart < 0 {
				b.space(pendingSpace)
				pendingSpace = -1
				wordStart = i
			}
		}
		i += size
	}
	b.word(wordStart, len(b.text))
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0x85, 0x1680, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// atLineStart reports whether nothing visible precedes on the current line,
// so that a space would be dropped anyway.
func (b *itemBuilder) atLineStart() bool {
	n := len(b.items)
	return n == 0 || (b.items[n-1].Kind == Penalty && b.items[n-1].Penalty <= -Infinity)
}

func (b *itemBuilder) space(at int) {
	if at < 0 || b.atLineStart() || b.items[len(b.items)-1].Kind == Glue {
		return
	}
	sp := b.spanAt(at)
	w := b.styleSpaceWidth(sp.style)
	b.items = append(b.items, Item{Kind: Glue, Width: w, Stretch: w / 2, Shrink: w / 3, Style: sp.style, Link: sp.link})
}

func (b *itemBuilder) noBreakSpace(at int, r rune) {
	sp := b.spanAt(at)
	w := b.styleSpaceWidth(sp.style)
	if r == figureSpace {
		w = b.measure(sp.style, "0")
	}
	b.items = append(b.items,
		Item{Kind: Penalty, Penalty: Infinity, Style: sp.style, Link: sp.link},
		Item{Kind: Glue, Width: w, Stretch: w / 2, Shrink: w / 3, Style: sp.style, Link: sp.link})
}

// trimTrailingSpace drops glue and optional breaks that would end a line.
func (b *itemBuilder) trimTrailingSpace() {
	for n := len(b.items); n > 0; n-- {
		it := b.items[n-1]
		if it.Kind == Box || (it.Kind == Penalty && it.Penalty <= -Infinity) {
			return
		}
		b.items = b.items[:n-1]
	}
}

// forcedBreak ends the line here, set ragged like TeX's \\ (\hfil\break).
func (b *itemBuilder) forcedBreak() {
	b.trimTrailingSpace()
	if len(b.items) == 0 {
		return
	}
	b.appendEnd()
}

func (b *itemBuilder) appendEnd() {
	b.items = append(b.items,
		Item{Kind: Penalty, Penalty: Infinity},
		Item{Kind: Glue, Stretch: math.Inf(1)},
		Item{Kind: Penalty, Penalty: -Infinity})
}

func (b *itemBuilder) finish() []Item {
	b.trimTrailingSpace()
	hasBox := false
	for _, it := range b.items {
		if it.Kind == Box {
			hasBox = true
			break
		}
	}
	if !hasBox {
		return nil
	}
	if !b.atLineStart() {
		b.appendEnd()
	}
	return b.items
}

// word emits the boxes and inner penalties of text[start:end]; start < 0
// means there is no word.
func (b *itemBuilder) word(start, end int) {
	if start < 0 || start >= end {
		return
	}
	mark := len(b.items)
	width := b.emit(start, end, b.wordCuts(start, end, false))
	if width > b.longWordLimit(start) {
		b.items = b.items[:mark]
		b.emit(start, end, b.wordCuts(start, end, true))
	}
}

func (b *itemBuilder) longWordLimit(at int) float64 {
	if b.p.LineWidth > 0 {
		return b.p.LineWidth
	}
	style := b.spanAt(at).style
	if !b.haveNWidth[style] {
		b.nWidth[style] = b.measure(style, "n")
		b.haveNWidth[style] = true
	}
	limit := longWordNWidths * b.nWidth[style]
	if !(limit > 0) {
		return math.Inf(1)
	}
	return limit
}

// emit appends the boxes and penalties of text[start:end] split at cuts,
// and returns the word's total box width.
func (b *itemBuilder) emit(start, end int, cuts []cut) float64 {
	total := 0.0
	pos := start
	for _, c := range cuts {
		total += b.boxes(pos, c.at)
		if c.brk {
			sp := b.spanAt(c.at - 1)
			it := Item{Kind: Penalty, Penalty: c.penalty, Flagged: c.flagged, Style: sp.style, Link: sp.link}
			if c.hyphen {
				it.Width = b.styleHyphenWidth(sp.style)
				it.Text = "-"
			}
			b.items = append(b.items, it)
		}
		pos = c.end
	}
	return total + b.boxes(pos, end)
}

// boxes appends text[start:end] as boxes, one per run it touches.
func (b *itemBuilder) boxes(start, end int) float64 {
	total := 0.0
	if start >= end {
		return 0
	}
	k := sort.Search(len(b.spans), func(j int) bool { return b.spans[j].end > start })
	for ; start < end && k < len(b.spans); k++ {
		sp := b.spans[k]
		stop := min(end, sp.end)
		text := b.text[start:stop]
		w := b.measure(sp.style, text)
		total += w
		b.items = append(b.items, Item{Kind: Box, Width: w, Text: text, Style: sp.style, Link: sp.link})
		start = stop
	}
	return total
}

func (b *itemBuilder) spanAt(at int) span {
	k := sort.Search(len(b.spans), func(j int) bool { return b.spans[j].end > at })
	if k == len(b.spans) {
		k = len(b.spans) - 1
	}
	return b.spans[k]
}

// measure asks the Measurer, treating a nonsense answer as zero width.
func (b *itemBuilder) measure(s Style, text string) float64 {
	w := b.m.Width(s, text)
	if math.IsNaN(w) || math.IsInf(w, 0) {
		return 0
	}
	return w
}

func (b *itemBuilder) styleSpaceWidth(s Style) float64 {
	if !b.haveSpaceWidth[s] {
		b.spaceWidth[s] = b.measure(s, " ")
		b.haveSpaceWidth[s] = true
	}
	return b.spaceWidth[s]
}

func (b *itemBuilder) styleHyphenWidth(s Style) float64 {
	if !b.haveHyphenWidth[s] {
		b.hyphenWidth[s] = b.measure(s, "-")
		b.haveHyphenWidth[s] = true
	}
	return b.hyphenWidth[s]
}
