package pdf

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/imprint-press/imprint/internal/linebreak"
)

// setLine is one line (or unbreakable row) of a typeset block: its height
// for the page builder and how to draw it once its page and place are known.
type setLine struct {
	height     float64
	hyphenated bool // ends in a hyphen: a page should not end here
	// wordsBefore counts the block's words on earlier lines, which is how
	// the EPUB finds where a page begins inside a paragraph.
	wordsBefore int
	draw        func(d *drawer, x, top float64)
}

// typesetter breaks blocks into lines. It measures through the stylesheet
// and breaks with linebreak, so nothing here knows about PDF.
type typesetter struct {
	sheet   stylesheet
	measure float64
	maxFig  float64 // tallest a figure may be
	hyph    linebreak.Hyphenator
	params  linebreak.Params
	rtl     bool // lines are right to left (a Hebrew manuscript)
}

// baseline is the distance from a line's top to its baseline: the text is
// centred on the leading, as the font's ascender and descender suggest.
func baseline(s spec) float64 {
	const ascent, descent = 0.891, 0.216 // Liberation Serif, per em
	return (s.leading-(ascent+descent)*s.size)/2 + ascent*s.size
}

func (t *typesetter) set(b *block) []setLine {
	t.clampInsets(b)
	switch {
	case b.image != nil:
		return t.setFigure(b)
	case b.code != nil:
		return t.setCode(b)
	case b.table != nil:
		return t.setTable(b)
	case b.rule:
		return t.setRule(b)
	}
	return t.setParagraph(b.runs, b, t.measure-b.indent-b.rightIndent, b.indent)
}

// brokenText is a paragraph broken into lines.
type brokenText struct {
	lines       [][]linebreak.Placed
	hyphenated  []bool // the line ends in a hyphen the breaker added
	wordsBefore []int  // words of the paragraph on earlier lines
}

// breakRuns breaks runs into lines of width w (the first line firstIndent
// narrower) and places each line's fragments.
func (t *typesetter) breakRuns(runs []linebreak.Run, w, firstIndent float64, a align, hyphenate bool) brokenText {
	p := t.params
	p.LineWidth = w
	var h linebreak.Hyphenator
	if hyphenate {
		h = t.hyph
	}
	items := linebreak.Items(runs, t.sheet, h, p)
	if len(items) == 0 {
		return brokenText{}
	}
	width := func(i int) float64 {
		if i == 0 {
			return w - firstIndent
		}
		return w
	}
	lines := linebreak.Break(items, width, p)
	out := brokenText{
		lines:       make([][]linebreak.Placed, len(lines)),
		hyphenated:  make([]bool, len(lines)),
		wordsBefore: make([]int, len(lines)),
	}
	words, counted := 0, 0
	for i, l := range lines {
		words += wordBoundaries(items[counted:l.Start])
		counted = l.Start
		out.wordsBefore[i] = words
		out.hyphenated[i] = l.Hyphenated
		justify := a == justified && i < len(lines)-1 && !endsWithForcedBreak(items, l)
		out.lines[i] = linebreak.Place(items, l, justify)
		if a == centered {
			shift := (width(i) - lineWidth(out.lines[i])) / 2
			for j := range out.lines[i] {
				out.lines[i][j].X += shift
			}
		}
		out.lines[i] = t.visualLine(out.lines[i], width(i))
	}
	return out
}

// wordBoundaries counts the places in items where one word ends and the
// next begins: breakable interword glue and forced line breaks. A no-break
// space (glue behind an infinite penalty) joins words, as it does in text.
func wordBoundaries(items []linebreak.Item) int {
	n := 0
	for i, it := range items {
		switch {
		case it.Kind == linebreak.Penalty && it.Penalty <= -linebreak.Infinity:
			n++
		case it.Kind == linebreak.Glue && !math.IsInf(it.Stretch, 1) &&
			!(i > 0 && items[i-1].Kind == linebreak.Penalty && items[i-1].Penalty >= linebreak.Infinity):
			n++
		}
	}
	return n
}

func endsWithForcedBreak(items []linebreak.Item, l linebreak.Line) bool {
	return l.End < len(items) && items[l.End].Kind == linebreak.Penalty && items[l.End].Penalty <= -linebreak.Infinity
}

func lineWidth(frags []linebreak.Placed) float64 {
	if len(frags) == 0 {
		return 0
	}
	last := frags[len(frags)-1]
	return last.X + last.Width
}

func (t *typesetter) setParagraph(runs []linebreak.Run, b *block, w, indent float64) []setLine {
	sp := t.sheet.specs[b.class]
	broken := t.breakRuns(runs, w, b.firstIndent, b.align, b.hyphenate)
	var marker []linebreak.Placed
	if b.marker != nil {
		if m := t.breakRuns(b.marker, t.measure, 0, ragged, false); len(m.lines) > 0 {
			marker = m.lines[0]
		}
	}
	lines := make([]setLine, len(broken.lines))
	for i, frags := range broken.lines {
		dx := indent
		if i == 0 {
			dx += b.firstIndent
		}
		first := i == 0
		lines[i] = setLine{height: sp.leading, hyphenated: broken.hyphenated[i], wordsBefore: broken.wordsBefore[i], draw: func(d *drawer, x, top float64) {
			base := top + baseline(sp)
			if first {
				mw := lineWidth(marker)
				for _, m := range marker {
					d.fragment(m, x+indent-mw-0.5*sp.size+m.X, base)
				}
			}
			for _, f := range frags {
				d.fragment(f, x+dx+f.X, base)
			}
		}}
	}
	if len(lines) > 0 && b.anchor != "" {
		draw := lines[0].draw
		lines[0].draw = func(d *drawer, x, top float64) {
			d.anchor(b.anchor, top)
			draw(d, x, top)
		}
	}
	return lines
}

func (t *typesetter) setFigure(b *block) []setLine {
	im := b.image
	w := t.measure
	h := w * float64(im.Height) / float64(im.Width)
	if h > t.maxFig {
		h = t.maxFig
		w = h * float64(im.Width) / float64(im.Height)
	}
	gap := t.sheet.specs[classSmall].leading * 0.5
	lines := []setLine{{height: h + gap, draw: func(d *drawer, x, top float64) {
		d.image(im, x+(t.measure-w)/2, top, w, h)
	}}}
	capBlock := &block{class: classSmall, align: ragged}
	lines = append(lines, t.setParagraph(b.imageCaption, capBlock, t.measure, 0)...)
	creditBlock := &block{class: classTiny, align: ragged}
	lines = append(lines, t.setParagraph(b.imageCredit, creditBlock, t.measure, 0)...)
	return lines
}

func (t *typesetter) setCode(b *block) []setLine {
	sp := t.sheet.specs[classCode]
	st := styleOf(classCode, mono)
	avail := t.measure - b.indent
	var lines []setLine
	for _, text := range b.code {
		// Code keeps its line breaks; a line too long for the measure is
		// wrapped at the last character that fits.
		for _, piece := range wrapChars(text, func(s string) float64 { return t.sheet.Width(st, s) }, avail) {
			piece := visualText(piece, false)
			lines = append(lines, setLine{height: sp.leading, draw: func(d *drawer, x, top float64) {
				d.fragment(linebreak.Placed{Text: piece, Style: st}, x+b.indent, top+baseline(sp))
			}})
		}
	}
	return lines
}

func wrapChars(s string, width func(string) float64, avail float64) []string {
	if s == "" || width(s) <= avail {
		return []string{s}
	}
	var out []string
	for s != "" {
		end := 0
		for i := range s {
			if i > 0 && width(s[:i]) > avail {
				break
			}
			end = i
		}
		if width(s) <= avail {
			end = len(s)
		} else if sp := strings.LastIndexByte(s[:end], ' '); sp > 0 && sp > end/2 {
			// Prefer to wrap a code line after a space near the end.
			end = sp + 1
		}
		if end == 0 {
			_, size := utf8.DecodeRuneInString(s)
			end = size
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}

func (t *typesetter) setRule(b *block) []setLine {
	sp := t.sheet.specs[classBody]
	return []setLine{{height: sp.leading, draw: func(d *drawer, x, top float64) {
		d.rule(x+t.measure*0.4, top+sp.leading/2, t.measure*0.2)
	}}}
}

// setTable sets each row as one unbreakable line: cells are broken ragged
// to column widths shared out by the cells' natural widths.
func (t *typesetter) setTable(b *block) []setLine {
	tb := b.table
	cols := 0
	for _, r := range tb.rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return nil
	}
	sp := t.sheet.specs[classSmall]
	pad := sp.size * 0.6
	avail := t.measure - b.indent
	natural := make([]float64, cols)
	for _, r := range tb.rows {
		for c, cell := range r {
			natural[c] = max(natural[c], t.runsWidth(cell)+2*pad)
		}
	}
	widths := shareWidths(natural, avail, 3*sp.size+2*pad)
	var lines []setLine
	for ri, r := range tb.rows {
		cells := make([][][]linebreak.Placed, cols)
		rows := 1
		for c := 0; c < cols; c++ {
			if c < len(r) {
				a := ragged
				if c < len(tb.aligns) {
					a = tb.aligns[c]
				}
				cells[c] = t.breakRuns(r[c], widths[c]-2*pad, 0, a, false).lines
				rows = max(rows, len(cells[c]))
			}
		}
		h := float64(rows)*sp.leading + pad
		headerRule := ri == tb.header-1
		firstRow, lastRow := ri == 0, ri == len(tb.rows)-1
		lines = append(lines, setLine{height: h, draw: func(d *drawer, x, top float64) {
			cx := x + b.indent
			if firstRow {
				d.rule(cx, top, sum(widths))
			}
			for c := 0; c < cols; c++ {
				for li, frags := range cells[c] {
					for _, f := range frags {
						d.fragment(f, cx+pad+f.X, top+pad/2+float64(li)*sp.leading+baseline(sp))
					}
				}
				cx += widths[c]
			}
			if headerRule || lastRow {
				d.rule(x+b.indent, top+h, sum(widths))
			}
		}})
	}
	return lines
}

// runsWidth is the natural width of runs set on one line, each in its own
// style.
func (t *typesetter) runsWidth(runs []linebreak.Run) float64 {
	var w float64
	for _, r := range runs {
		w += t.sheet.Width(r.Style, r.Text)
	}
	return w
}

// shareWidths fits columns into avail: natural widths when they fit,
// otherwise in proportion, never narrower than least.
func shareWidths(natural []float64, avail, least float64) []float64 {
	total := sum(natural)
	out := make([]float64, len(natural))
	if total <= avail {
		copy(out, natural)
		return out
	}
	for i, n := range natural {
		out[i] = max(least, avail*n/total)
	}
	if s := sum(out); s > avail {
		for i := range out {
			out[i] *= avail / s
		}
	}
	return out
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// runsText is the plain text of runs, for bookmarks and running heads.
func runsText(runs []linebreak.Run) string { return strings.TrimSpace(plainText(runs)) }
