package linebreak

import (
	"math"
	"strings"
)

// Place returns the drawable fragments of a line with x offsets from the
// line start, glue set by the line's ratio (last line of a paragraph is set
// ragged: ratio from parfillskip, i.e. natural spaces), adjacent boxes of the
// same style and link merged into one fragment (so "hy"+"phen"+"ation" draws
// as one word), the hyphen appended when Hyphenated. With justify=false every
// line is set at natural width (for ragged/centered text).
//
// With justify=false a line that Break could only fit by shrinking its glue
// is still shrunk, so that it never overflows; it is never stretched. Boxes
// with empty Text (an indent) take their space but make no fragment. Glue
// with infinite stretch is set at its natural width.
func Place(items []Item, l Line, justify bool) []Placed {
	start, end := max(l.Start, 0), min(l.End, len(items))
	if start >= end && !(l.Hyphenated && end >= 0 && end < len(items)) {
		return nil
	}
	ratio := l.Ratio
	if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
		ratio = 0
	}
	if !justify {
		ratio = math.Min(ratio, 0)
	}
	var p placer
	for i := start; i < end; i++ {
		it := &items[i]
		switch kindOf(it) {
		case Box:
			p.box(it)
		case Glue:
			p.flush()
			p.x += glueWidth(it, ratio)
		}
	}
	if l.Hyphenated && end >= 0 && end < len(items) && items[end].Text != "" {
		p.box(&items[end])
	}
	p.flush()
	return p.out
}

func glueWidth(it *Item, ratio float64) float64 {
	w := length(it.Width)
	switch {
	case ratio > 0 && !math.IsInf(it.Stretch, 1):
		w += ratio * length(it.Stretch)
	case ratio < 0:
		w += ratio * length(it.Shrink)
	}
	return w
}

// placer collects boxes into fragments: a run of touching boxes of one style
// and link becomes one fragment.
type placer struct {
	out   []Placed
	x     float64
	open  bool // pieces holds the fragment being built
	frag  Placed
	parts []string
}

func (p *placer) box(it *Item) {
	w := length(it.Width)
	if it.Text == "" {
		p.flush()
		p.x += w
		return
	}
	if p.open && (p.frag.Style != it.Style || p.frag.Link != it.Link) {
		p.flush()
	}
	if !p.open {
		p.open = true
		p.frag = Placed{X: p.x, Style: it.Style, Link: it.Link}
		p.parts = p.parts[:0]
	}
	p.parts = append(p.parts, it.Text)
	p.frag.Width += w
	p.x += w
}

func (p *placer) flush() {
	if !p.open {
		return
	}
	p.open = false
	if len(p.parts) == 1 {
		p.frag.Text = p.parts[0]
	} else {
		p.frag.Text = strings.Join(p.parts, "")
	}
	p.out = append(p.out, p.frag)
}
