package pdf

import (
	"strings"
	"unicode"

	"github.com/imprint-press/imprint/internal/linebreak"
	"golang.org/x/text/unicode/bidi"
)

// Right-to-left text (Hebrew) in the print edition. A PDF text string
// is drawn left to right in the order given, so each line is put into visual
// order before it is drawn: the Unicode Bidirectional Algorithm's implicit
// rules (W1–W7, N1–N2, I1–I2) give every character a level, and rule L2
// reverses each run at an odd level, both the places of the line's words
// and the characters inside them, with brackets mirrored (L4) and
// combining marks kept after their base. Explicit embeddings and isolates
// are not honoured; they are rare in prose, and their characters are
// drawn as nothing. Scripts that also need shaping (Arabic) never get
// here: the composer refuses them.

// rightToLeftLanguage reports whether lang is written right to left, which
// makes right to left the base direction of every line.
func rightToLeftLanguage(lang string) bool {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "he", "iw", "yi", "ar", "fa", "ur", "ps", "sd", "ug", "dv", "ckb", "syr":
		return true
	}
	return false
}

// hasRightToLeft reports whether s holds a right-to-left character, the
// cheap test that keeps every other line as the breaker placed it.
func hasRightToLeft(s string) bool {
	for _, r := range s {
		if r >= 0x0590 && isRightToLeft(r) {
			return true
		}
	}
	return false
}

func isRightToLeft(r rune) bool {
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// visualLine puts a placed line into visual order. width is the line's
// measure; with a right-to-left base the line is set flush right in it.
func (t *typesetter) visualLine(frags []linebreak.Placed, width float64) []linebreak.Placed {
	rtlBase := t.rtl
	if len(frags) == 0 {
		return frags
	}
	if !rtlBase {
		any := false
		for _, f := range frags {
			if hasRightToLeft(f.Text) {
				any = true
				break
			}
		}
		if !any {
			return frags
		}
	}
	// One class per character; between two fragments, a space.
	var classes []bidi.Class
	for i, f := range frags {
		if i > 0 {
			classes = append(classes, bidi.WS)
		}
		for _, r := range f.Text {
			classes = append(classes, classOf(r))
		}
	}
	levels := resolveLevels(classes, rtlBase)

	// Split fragments where the level changes; each piece keeps its
	// fragment's style and link and is measured on its own.
	type piece struct {
		frag   linebreak.Placed
		level  int8
		x0, x1 float64
	}
	var items []piece // pieces, and the spaces between fragments (zero frag.Text)
	k := 0
	for i, f := range frags {
		if i > 0 {
			items = append(items, piece{level: levels[k], x0: items[len(items)-1].x1, x1: f.X})
			k++
		}
		x, start, runes := f.X, 0, []rune(f.Text)
		for j := 1; j <= len(runes); j++ {
			if j < len(runes) && levels[k+j] == levels[k+start] {
				continue
			}
			p := f
			p.Text = string(runes[start:j])
			if start > 0 || j < len(runes) {
				p.Width = t.sheet.Width(f.Style, p.Text)
			}
			items = append(items, piece{frag: p, level: levels[k+start], x0: x, x1: x + p.Width})
			x += p.Width
			start = j
		}
		k += len(runes)
	}
	lineLo, lineHi := items[0].x0, items[0].x1
	for _, it := range items {
		lineLo, lineHi = min(lineLo, it.x0), max(lineHi, it.x1)
	}
	// L2: from the highest level to the lowest odd one, mirror every
	// maximal run at that level or higher within the span it occupies.
	var top int8
	for _, it := range items {
		top = max(top, it.level)
	}
	for lvl := top; lvl >= 1; lvl-- {
		for i := 0; i < len(items); {
			if items[i].level < lvl {
				i++
				continue
			}
			j := i
			lo, hi := items[i].x0, items[i].x1
			for j < len(items) && items[j].level >= lvl {
				lo, hi = min(lo, items[j].x0), max(hi, items[j].x1)
				j++
			}
			for m := i; m < j; m++ {
				items[m].x0, items[m].x1 = lo+hi-items[m].x1, lo+hi-items[m].x0
			}
			i = j
		}
	}
	// With a right-to-left base the whole line was reversed in its own
	// span; mirrored in the measure instead, a ragged line sets flush
	// right and a centred one stays centred.
	shift := 0.0
	if rtlBase {
		shift = width - lineLo - lineHi
	}
	out := make([]linebreak.Placed, 0, len(items))
	for _, it := range items {
		if it.frag.Text == "" {
			continue
		}
		p := it.frag
		p.X = it.x0 + shift
		if it.level%2 == 1 {
			p.Text = reverseClusters(p.Text)
		}
		out = append(out, p)
	}
	return out
}

// visualText puts one string (a code line, a running head) into visual
// order on its own.
func visualText(s string, rtlBase bool) string {
	if !rtlBase && !hasRightToLeft(s) {
		return s
	}
	runes := []rune(s)
	classes := make([]bidi.Class, len(runes))
	for i, r := range runes {
		classes[i] = classOf(r)
	}
	levels := resolveLevels(classes, rtlBase)
	type span struct {
		from, to int // runes[from:to], in logical order
		level    int8
	}
	var spans []span
	for i := 0; i < len(runes); {
		j := i
		for j < len(runes) && levels[j] == levels[i] {
			j++
		}
		spans = append(spans, span{i, j, levels[i]})
		i = j
	}
	var top int8
	for _, s := range spans {
		top = max(top, s.level)
	}
	for lvl := top; lvl >= 1; lvl-- {
		for i := 0; i < len(spans); {
			if spans[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(spans) && spans[j].level >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				spans[a], spans[b] = spans[b], spans[a]
			}
			i = j
		}
	}
	var b strings.Builder
	for _, s := range spans {
		text := string(runes[s.from:s.to])
		if s.level%2 == 1 {
			text = reverseClusters(text)
		}
		b.WriteString(text)
	}
	return b.String()
}

// reverseClusters reverses s character by character for a right-to-left
// run, keeping each combining mark after its base (a zero-width mark is drawn
// over the glyph before it) and mirroring brackets.
func reverseClusters(s string) string {
	runes := []rune(s)
	out := make([]rune, 0, len(runes))
	for end := len(runes); end > 0; {
		start := end - 1
		for start > 0 && unicode.In(runes[start], unicode.Mn, unicode.Me) {
			start--
		}
		for _, r := range runes[start:end] {
			if p, _ := bidi.LookupRune(r); p.IsBracket() {
				r = []rune(bidi.ReverseString(string(r)))[0]
			}
			out = append(out, r)
		}
		end = start
	}
	return string(out)
}

func classOf(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// resolveLevels gives each character its embedding level by the
// Bidirectional Algorithm's implicit rules, explicit formatting characters
// being taken as neutrals.
func resolveLevels(classes []bidi.Class, rtlBase bool) []int8 {
	base, sos := int8(0), bidi.L
	if rtlBase {
		base, sos = 1, bidi.R
	}
	n := len(classes)
	t := make([]bidi.Class, n)
	for i, c := range classes {
		switch c {
		case bidi.B, bidi.S, bidi.WS, bidi.BN, bidi.Control, bidi.LRO, bidi.RLO, bidi.LRE, bidi.RLE,
			bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			c = bidi.ON
		}
		t[i] = c
	}
	// W1: a mark takes the type of the character before it.
	for i := range t {
		if t[i] == bidi.NSM {
			if i == 0 {
				t[i] = sos
			} else {
				t[i] = t[i-1]
			}
		}
	}
	// W2, W3: European numbers after Arabic letters are Arabic numbers;
	// Arabic letters are right to left.
	last := sos
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R, bidi.AL:
			last = c
		case bidi.EN:
			if last == bidi.AL {
				t[i] = bidi.AN
			}
		}
	}
	for i := range t {
		if t[i] == bidi.AL {
			t[i] = bidi.R
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for i := 1; i+1 < n; i++ {
		switch {
		case t[i] == bidi.ES && t[i-1] == bidi.EN && t[i+1] == bidi.EN:
			t[i] = bidi.EN
		case t[i] == bidi.CS && t[i-1] == t[i+1] && (t[i-1] == bidi.EN || t[i-1] == bidi.AN):
			t[i] = t[i-1]
		}
	}
	// W5: terminators next to European numbers belong to them.
	for i := 0; i < n; {
		if t[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < n && t[j] == bidi.ET {
			j++
		}
		if (i > 0 && t[i-1] == bidi.EN) || (j < n && t[j] == bidi.EN) {
			for k := i; k < j; k++ {
				t[k] = bidi.EN
			}
		}
		i = j
	}
	// W6: other separators and terminators are neutral.
	for i, c := range t {
		if c == bidi.ES || c == bidi.ET || c == bidi.CS {
			t[i] = bidi.ON
		}
	}
	// W7: European numbers after left-to-right text are left to right.
	last = sos
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R:
			last = c
		case bidi.EN:
			if last == bidi.L {
				t[i] = bidi.L
			}
		}
	}
	// N1, N2: neutrals between text of one direction take it; numbers
	// count as right to left. Other neutrals take the base direction.
	strong := func(c bidi.Class) (bidi.Class, bool) {
		switch c {
		case bidi.L:
			return bidi.L, true
		case bidi.R, bidi.EN, bidi.AN:
			return bidi.R, true
		}
		return 0, false
	}
	for i := 0; i < n; {
		if t[i] != bidi.ON {
			i++
			continue
		}
		j := i
		for j < n && t[j] == bidi.ON {
			j++
		}
		before, after := sos, sos
		if i > 0 {
			before, _ = strong(t[i-1])
		}
		if j < n {
			after, _ = strong(t[j])
		}
		dir := sos
		if before == after {
			dir = before
		}
		for k := i; k < j; k++ {
			t[k] = dir
		}
		i = j
	}
	// I1, I2.
	levels := make([]int8, n)
	for i, c := range t {
		switch {
		case base%2 == 0 && c == bidi.R:
			levels[i] = base + 1
		case base%2 == 0 && (c == bidi.EN || c == bidi.AN):
			levels[i] = base + 2
		case base%2 == 1 && c != bidi.R:
			levels[i] = base + 1
		default:
			levels[i] = base
		}
	}
	return levels
}
